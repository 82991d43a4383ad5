using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using Conversa.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Identity;

public static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/login", Login).AllowAnonymousGlobal().WithTags("Auth");
        app.MapGet("/api/me", Me).RequireSignedIn().WithTags("Auth");
    }

    public sealed record LoginRequest(string? Email, string? Password) : IValidatable
    {
        public void Validate(ValidationErrors errors)
        {
            errors.Required("email", Email);
            errors.Required("password", Password);
        }
    }

    public sealed record UserView(Guid Id, string Email, string Name, string Role, Guid? TenantId, string? TenantSlug);

    public sealed record LoginResponse(string AccessToken, string TokenType, int ExpiresIn, UserView User);

    private static async Task<IResult> Login(
        LoginRequest request, HttpContext http, CredentialStore credentials, TokenService tokens,
        LoginThrottle throttle, TenantDirectory tenants, AppDbContext db, CancellationToken cancellationToken)
    {
        var email = CredentialStore.NormalizeEmail(request.Email!);
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.RetryAfter(email, ip) is { } wait)
        {
            return Problems.TooManyRequests("Too many failed sign-ins. Try again later.", wait, http);
        }

        var admin = await db.PlatformAdmins.FirstOrDefaultAsync(a => a.Email == email, cancellationToken);
        if (admin is not null && Passwords.Verify(admin.PasswordHash, request.Password!))
        {
            throttle.RecordSuccess(email);
            admin.LastLoginAt = DateTime.UtcNow;
            await db.SaveChangesAsync(cancellationToken);
            return Issue(tokens, new UserView(admin.Id, admin.Email, admin.Name, Roles.Superadmin, null, null));
        }

        var user = admin is null ? await credentials.FindUserByEmailAsync(email, cancellationToken) : null;
        if (user is null)
        {
            Passwords.VerifyNothing(request.Password!);
        }
        if (user is null || !Passwords.Verify(user.PasswordHash, request.Password!))
        {
            throttle.RecordFailure(email, ip);
            return Problems.Unauthorized("The email or password is wrong.");
        }
        var tenant = await tenants.FindAsync(user.TenantId, cancellationToken);
        if (tenant is null || !tenant.IsActive)
        {
            return Problems.Forbidden($"Tenant '{tenant?.Slug}' is suspended.");
        }
        throttle.RecordSuccess(email);
        await credentials.RecordLoginAsync(user.Id, cancellationToken);
        return Issue(tokens, new UserView(user.Id, user.Email, user.Name, user.Role, tenant.Id, tenant.Slug));
    }

    private static Ok<LoginResponse> Issue(TokenService tokens, UserView user)
    {
        var token = tokens.Issue(new TokenSubject(user.Id, user.Email, user.Role, user.TenantId, user.TenantSlug));
        return TypedResults.Ok(new LoginResponse(token, "Bearer", (int)tokens.Lifetime.TotalSeconds, user));
    }

    private static async Task<IResult> Me(HttpContext http, AppDbContext db, CancellationToken cancellationToken)
    {
        var context = http.Tenant();
        if (context.IsSuperadmin)
        {
            var admin = await db.PlatformAdmins.AsNoTracking().FirstOrDefaultAsync(a => a.Id == context.UserId, cancellationToken);
            return admin is null
                ? Problems.Unauthorized("This account no longer exists.")
                : TypedResults.Ok(new UserView(admin.Id, admin.Email, admin.Name, Roles.Superadmin, null, null));
        }
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == context.UserId, cancellationToken);
        return user is null
            ? Problems.Unauthorized("This account no longer exists.")
            : TypedResults.Ok(new UserView(user.Id, user.Email, user.Name, user.Role, context.TenantId, context.TenantSlug));
    }
}
