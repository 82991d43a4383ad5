namespace Conversa.Core.Language;

/// <summary>What a temporal expression pins down.</summary>
public enum TemporalKind
{
    /// <summary>A day: "mañana", "el viernes", "el 5 de diciembre", "en 3 días".</summary>
    Date,

    /// <summary>A time of day with no day: "a las 3", "15:30", "al mediodía" (the dialog supplies the day).</summary>
    Time,

    /// <summary>A day and a time: "mañana a las 3 de la tarde", "next Monday 10am", "en 2 horas".</summary>
    DateTime,

    /// <summary>A part of a day, with the day when one was named: "por la tarde", "el viernes por la mañana", "tonight".</summary>
    PartOfDay,

    /// <summary>Several days: "la próxima semana", "este fin de semana", "el mes que viene", "en diciembre".</summary>
    Range,
}
