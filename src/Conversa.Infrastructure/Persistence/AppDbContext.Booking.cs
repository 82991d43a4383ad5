using Conversa.Core.Booking;
using Conversa.Core.Contacts;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Persistence;

public sealed partial class AppDbContext
{
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<Provider> Providers => Set<Provider>();
    public DbSet<ProviderService> ProviderServices => Set<ProviderService>();
    public DbSet<Core.Booking.Booking> Bookings => Set<Core.Booking.Booking>();
}
