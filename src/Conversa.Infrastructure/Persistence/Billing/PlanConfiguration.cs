using Conversa.Core.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversa.Infrastructure.Persistence.Billing;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.ToTable("plans");
        builder.HasKey(p => p.Name);
        builder.Property(p => p.Limits)
            .HasConversion(JsonColumn.Converter<PlanLimits>(), JsonColumn.Comparer<PlanLimits>());
    }
}
