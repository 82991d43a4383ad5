using Conversa.Core.Tenancy;

namespace Conversa.Core.Booking;

/// <summary>
/// Someone (or something: a room, a machine) a service is booked with. Its working hours are weekly blocks plus
/// dated exceptions, kept as one JSON document (<see cref="WorkingHours"/>); <see cref="Timezone"/>, when set,
/// overrides the tenant's for reading those hours.
/// </summary>
public sealed class Provider : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public string Name { get; set; } = "";
    public string? Timezone { get; set; }
    public bool Active { get; set; } = true;
    public string HoursJson { get; set; } = WorkingHours.Empty.ToJson();
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public WorkingHours Hours() => WorkingHours.FromJson(HoursJson);
}
