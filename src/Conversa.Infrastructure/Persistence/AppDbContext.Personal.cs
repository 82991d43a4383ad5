using Conversa.Core.Personal;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Infrastructure.Persistence;

public sealed partial class AppDbContext
{
    public DbSet<PersonalAppointment> PersonalAppointments => Set<PersonalAppointment>();
    public DbSet<PersonalTask> PersonalTasks => Set<PersonalTask>();
    public DbSet<LinkedPhone> LinkedPhones => Set<LinkedPhone>();
}
