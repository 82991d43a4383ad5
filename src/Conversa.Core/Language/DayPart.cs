namespace Conversa.Core.Language;

/// <summary>A part of the day a customer names instead of a time: "por la tarde", "à noite", "in the morning".</summary>
public enum DayPart
{
    /// <summary>"de madrugada", "da madrugada": 00:00–06:00.</summary>
    EarlyMorning,

    /// <summary>"por la mañana", "de manhã", "in the morning": 06:00–12:00.</summary>
    Morning,

    /// <summary>"por la tarde", "à tarde", "in the afternoon": 12:00–19:00 (a Spanish or Portuguese "tarde" runs late).</summary>
    Afternoon,

    /// <summary>"in the evening", "this evening": 17:00–21:00.</summary>
    Evening,

    /// <summary>"por la noche", "à noite", "tonight", "at night": 19:00–24:00.</summary>
    Night,
}
