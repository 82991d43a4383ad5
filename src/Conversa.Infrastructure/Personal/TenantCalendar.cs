namespace Conversa.Infrastructure.Personal;

/// <summary>The tenant's zone and language, which every time shown and every reminder text depends on.</summary>
public sealed record TenantCalendar(NodaTime.DateTimeZone Zone, string Language);
