namespace Conversa.Infrastructure.Personal;

/// <summary>
/// Which appointments to list: those sharing time with <c>[From, To)</c> (either bound optional), or with the
/// next <see cref="UpcomingDays"/> days from now; <see cref="Category"/> matches ignoring case and accents.
/// </summary>
public sealed record AppointmentFilter(DateTimeOffset? From = null, DateTimeOffset? To = null, int? UpcomingDays = null, string? Category = null);
