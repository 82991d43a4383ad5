using System.Security.Cryptography;
using System.Text;
using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Infrastructure.Configuration;
using Conversa.Infrastructure.Engine;
using Conversa.Infrastructure.Outbound;
using Conversa.Infrastructure.Reminders;
using Conversa.Infrastructure.Tenancy;

namespace Conversa.Api.Features.Operations;

public static class OperationsEndpoints
{
    public static void MapOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => TypedResults.Ok(new Liveness("healthy"))).AllowAnonymousGlobal().WithTags("Health");
        app.MapGet("/health/ready", Ready).AllowAnonymousGlobal().WithTags("Health");
        foreach (var path in new[] { "/health/tenants", "/health/companies" })
        {
            app.MapGet(path, AllTenants).RequireSuperadmin().WithTags("Health");
        }
        foreach (var path in new[] { "/health/tenants/{tenant}", "/health/company/{tenant}" })
        {
            app.MapGet(path, OneTenant).RequireSuperadmin().WithTags("Health");
        }
        app.MapGet("/metrics", Metrics).AllowAnonymousGlobal().WithTags("Health").ExcludeFromDescription();
    }

    private static async Task<IResult> Ready(TenantHealthReporter reporter, CancellationToken cancellationToken) =>
        await reporter.DatabaseOkAsync(cancellationToken)
            ? TypedResults.Ok(new Readiness("ready", "ok"))
            : Problems.Status(StatusCodes.Status503ServiceUnavailable, "Not ready", "The database cannot be reached.", "not-ready");

    private static async Task<IResult> AllTenants(TenantHealthReporter reporter, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reporter.ReportAllAsync(cancellationToken));

    private static async Task<IResult> OneTenant(
        string tenant, TenantDirectory directory, TenantHealthReporter reporter, CancellationToken cancellationToken)
    {
        var found = await directory.FindAsync(tenant, cancellationToken);
        return found is null
            ? Problems.NotFound($"Tenant '{tenant}' does not exist.")
            : TypedResults.Ok(await reporter.ReportAsync(found.Id, cancellationToken));
    }

    /// <summary>Prometheus text; when <c>Conversa:Metrics:Token</c> is set it needs that bearer token.</summary>
    private static async Task<IResult> Metrics(
        HttpContext http, RequestMetrics metrics, TenantDirectory directory, ReminderDispatcher reminders, ChatMetrics chat, QueueMetrics queues,
        ConversaOptions options, CancellationToken cancellationToken)
    {
        if (options.Metrics.Token is { Length: > 0 } token)
        {
            var presented = Encoding.UTF8.GetBytes(http.Request.Headers.Authorization.ToString());
            if (!CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes("Bearer " + token)))
            {
                return Problems.Unauthorized("/metrics needs Authorization: Bearer <metrics token>.");
            }
        }
        var output = new StringBuilder(4096);
        metrics.Write(output);
        output.Append("# HELP conversa_tenants_cached Tenants resolved and cached on this node.\n");
        output.Append("# TYPE conversa_tenants_cached gauge\n");
        output.Append("conversa_tenants_cached ").Append(directory.CachedCount).Append('\n');
        output.Append("# HELP conversa_reminders_sent_total Reminders this node handed over to a channel.\n");
        output.Append("# TYPE conversa_reminders_sent_total counter\n");
        output.Append("conversa_reminders_sent_total ").Append(reminders.SentTotal).Append('\n');
        output.Append("# HELP conversa_reminders_failed_attempts_total Reminder handovers that failed on this node (retried with back-off).\n");
        output.Append("# TYPE conversa_reminders_failed_attempts_total counter\n");
        output.Append("conversa_reminders_failed_attempts_total ").Append(reminders.FailedAttemptsTotal).Append('\n');
        chat.Write(output);
        await queues.WriteAsync(output, cancellationToken);
        output.Append("# HELP conversa_process_working_set_bytes Working set of this process.\n");
        output.Append("# TYPE conversa_process_working_set_bytes gauge\n");
        output.Append("conversa_process_working_set_bytes ").Append(Environment.WorkingSet).Append('\n');
        return TypedResults.Text(output.ToString(), "text/plain; version=0.0.4; charset=utf-8");
    }
}

public sealed record Liveness(string Status);

public sealed record Readiness(string Status, string Database);
