using System.Text.RegularExpressions;
using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Billing;
using Conversa.Infrastructure.Audit;
using Conversa.Infrastructure.Billing;
using Conversa.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Admin;

public static partial class PlanEndpoints
{
    public static void MapPlanEndpoints(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("/api/admin/plans").RequireSuperadmin().WithTags("Admin");
        plans.MapGet("", List);
        plans.MapPost("", Create);
        plans.MapPut("/{name}", Put);
    }

    public sealed record PlanRequest(string? Name, PlanLimits? Limits, int? RateLimitPerMinute) : IValidatable
    {
        public void Validate(ValidationErrors errors)
        {
            errors.When(Name is not null && !PlanName().IsMatch(Name), "name", "name must be lowercase letters, digits and dashes (1-40).");
            errors.When(Limits?.Messages < 0 || Limits?.AiTokens < 0 || Limits?.Bookings < 0 || Limits?.Documents < 0,
                "limits", "limits are whole numbers of at least 0, or null for unlimited.");
            errors.When(RateLimitPerMinute is < 1, "rate_limit_per_minute", "rate_limit_per_minute must be positive.");
        }
    }

    public sealed record PlanView(string Name, PlanLimits Limits, int RateLimitPerMinute)
    {
        public static PlanView From(Plan p) => new(p.Name, p.Limits, p.RateLimitPerMinute);
    }

    private static Task<IResult> List(AppDbContext db, int? limit, string? cursor, CancellationToken cancellationToken) =>
        db.Plans.AsNoTracking().OrderBy(p => p.Name).ToPageAsync(limit, cursor, PlanView.From, cancellationToken);

    private static async Task<IResult> Create(PlanRequest request, AppDbContext db, AuditLog audit, PlanCatalog catalog, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Name))
        {
            return Problems.Validation("name", "name is required.");
        }
        if (await db.Plans.AnyAsync(p => p.Name == request.Name, cancellationToken))
        {
            return Problems.Conflict($"A plan named '{request.Name}' exists; change it with PUT.");
        }
        var plan = new Plan { Name = request.Name, Limits = request.Limits ?? new PlanLimits(), RateLimitPerMinute = request.RateLimitPerMinute ?? 60 };
        db.Plans.Add(plan);
        audit.Record("plan.created", null, plan.Name, PlanView.From(plan));
        await db.SaveChangesAsync(cancellationToken);
        catalog.Invalidate();
        return TypedResults.Created($"/api/admin/plans/{plan.Name}", PlanView.From(plan));
    }

    private static async Task<IResult> Put(string name, PlanRequest request, AppDbContext db, AuditLog audit, PlanCatalog catalog, CancellationToken cancellationToken)
    {
        if (!PlanName().IsMatch(name) || (request.Name is not null && request.Name != name))
        {
            return Problems.Validation("name", "The plan name in the path and body must agree and be lowercase letters, digits and dashes.");
        }
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Name == name, cancellationToken);
        var created = plan is null;
        plan ??= db.Plans.Add(new Plan { Name = name }).Entity;
        plan.Limits = request.Limits ?? plan.Limits;
        plan.RateLimitPerMinute = request.RateLimitPerMinute ?? plan.RateLimitPerMinute;
        plan.UpdatedAt = DateTime.UtcNow;
        audit.Record(created ? "plan.created" : "plan.updated", null, name, PlanView.From(plan));
        await db.SaveChangesAsync(cancellationToken);
        catalog.Invalidate();
        return TypedResults.Ok(PlanView.From(plan));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex PlanName();
}
