using NodaTime;

namespace Conversa.Core.Language;

/// <summary>
/// What relative expressions are resolved against: the current instant and the tenant's zone (so "mañana" is the
/// tenant's tomorrow), and the message's language, which decides how "5/12" is read (day first for es/pt, month
/// first for en). <see cref="ExpectingTime"/> is for a dialog that has just asked "¿a qué hora?": a bare "3" is then
/// an hour.
/// </summary>
public sealed record TemporalContext(Instant Now, DateTimeZone Zone, string? Language = null)
{
    public bool ExpectingTime { get; init; }

    public ZonedDateTime LocalNow => Now.InZone(Zone);

    public LocalDate Today => LocalNow.Date;
}
