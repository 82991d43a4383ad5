using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Conversa.Infrastructure.Persistence.Migrations;

/// <summary>
/// Each tenant's use per UTC month, summed across nodes (<c>UsageCounters</c>). The current month starts from the
/// customer messages already stored this month, so upgrading mid-month does not hand tenants a fresh message allowance;
/// model tokens were counted in memory only before and start at zero. Written by hand; <c>MigrationSchemaTests</c>
/// proves it matches the model.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261203040000_UsageCounters")]
public sealed class UsageCounters : Migration
{
    private const string PostgresSeed = """
        SELECT set_config('app.bypass_rls', 'on', true);
        INSERT INTO usage_counters (tenant_id, period, messages, ai_requests, ai_input_tokens, ai_output_tokens, updated_at)
        SELECT tenant_id, date_trunc('month', now() AT TIME ZONE 'UTC')::date, count(*), 0, 0, 0, now()
        FROM conversation_messages
        WHERE role = 'user' AND created_at >= date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
        GROUP BY tenant_id;
        SELECT set_config('app.bypass_rls', 'off', true);
        """;

    private const string SqliteSeed = """
        INSERT INTO usage_counters (tenant_id, period, messages, ai_requests, ai_input_tokens, ai_output_tokens, updated_at)
        SELECT tenant_id, strftime('%Y-%m-01', 'now'), count(*), 0, 0, 0, strftime('%Y-%m-%d %H:%M:%S', 'now')
        FROM conversation_messages
        WHERE role = 'user' AND created_at >= strftime('%Y-%m-01', 'now')
        GROUP BY tenant_id;
        """;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "usage_counters",
            columns: table => new
            {
                tenant_id = table.Column<Guid>(nullable: false),
                period = table.Column<DateOnly>(nullable: false),
                messages = table.Column<long>(nullable: false),
                ai_requests = table.Column<long>(nullable: false),
                ai_input_tokens = table.Column<long>(nullable: false),
                ai_output_tokens = table.Column<long>(nullable: false),
                messages_notified_at = table.Column<DateTime>(nullable: true),
                ai_tokens_notified_at = table.Column<DateTime>(nullable: true),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_usage_counters", x => new { x.tenant_id, x.period });
                table.ForeignKey("fk_usage_counters_tenants_tenant_id", x => x.tenant_id, "tenants", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_usage_counters_tenant_id", "usage_counters", "tenant_id");

        migrationBuilder.Sql(migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL" ? PostgresSeed : SqliteSeed);
        RowLevelSecurity.EnableOn(migrationBuilder, "usage_counters");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("usage_counters");
}
