using Conversa.Core.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Conversa.Infrastructure.Persistence.Billing;

internal sealed class UsageCounterConfiguration : IEntityTypeConfiguration<UsageCounter>
{
    public void Configure(EntityTypeBuilder<UsageCounter> builder)
    {
        builder.ToTable("usage_counters");
        // One row per tenant and month: the key nodes upsert their deltas on (INSERT … ON CONFLICT).
        builder.HasKey(u => new { u.TenantId, u.Period });
    }
}
