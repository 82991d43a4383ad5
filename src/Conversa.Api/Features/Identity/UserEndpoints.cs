using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Identity;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Audit;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Conversa.Api.Features.Identity;

public static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").RequireTenantManager().WithTags("Users");
        users.MapGet("", List);
        users.MapPost("", Create);
        users.MapDelete("/{id:guid}", Delete);
    }

    public sealed record CreateUserRequest(string? Email, string? Name, string? Role, string? Password, string? Phone) : IValidatable
    {
        public void Validate(ValidationErrors errors)
        {
            errors.Required("email", Email);
            errors.When(Email is not null && !EmailAddress.IsValid(Email), "email", "email is not a valid address.");
            errors.Required("name", Name);
            errors.When(Role is null || !Roles.IsTenantRole(Role), "role", "role must be owner, admin or agent.");
            errors.When(Password is null || Password.Length < Passwords.MinLength, "password",
                $"password must have at least {Passwords.MinLength} characters.");
        }
    }

    public sealed record UserItem(Guid Id, string Email, string Name, string Role, string? Phone, DateTime CreatedAt, DateTime? LastLoginAt)
    {
        public static UserItem From(User u) => new(u.Id, u.Email, u.Name, u.Role, u.Phone, u.CreatedAt, u.LastLoginAt);
    }

    private static Task<IResult> List(AppDbContext db, int? limit, string? cursor, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().OrderBy(u => u.CreatedAt).ThenBy(u => u.Email)
            .ToPageAsync(limit, cursor, UserItem.From, cancellationToken);

    private static async Task<IResult> Create(
        CreateUserRequest request, HttpContext http, AppDbContext db, CredentialStore credentials, AuditLog audit,
        CancellationToken cancellationToken)
    {
        var caller = http.Tenant();
        if (request.Role == Roles.Owner && caller.Role is not (Roles.Owner or Roles.Superadmin))
        {
            return Problems.Forbidden("Only an owner can create another owner.");
        }
        var email = CredentialStore.NormalizeEmail(request.Email!);
        if (await credentials.EmailInUseAsync(email, cancellationToken))
        {
            return Problems.Conflict($"A user with the email '{email}' already exists.");
        }
        var user = new User
        {
            Email = email,
            Name = request.Name!.Trim(),
            Role = request.Role!,
            Phone = request.Phone,
            PasswordHash = Passwords.Hash(request.Password!),
        };
        db.Users.Add(user);
        audit.Record("user.created", caller.TenantId, user.Id.ToString(), new { email, role = user.Role });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/users/{user.Id}", UserItem.From(user));
    }

    private static async Task<IResult> Delete(
        Guid id, HttpContext http, AppDbContext db, CredentialStore credentials, AuditLog audit, CancellationToken cancellationToken)
    {
        var caller = http.Tenant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return Problems.NotFound("No such user.");
        }
        if (user.Role == Roles.Owner && caller.Role is not (Roles.Owner or Roles.Superadmin))
        {
            return Problems.Forbidden("Only an owner can remove an owner.");
        }
        if (user.Role == Roles.Owner && await db.Users.CountAsync(u => u.Role == Roles.Owner, cancellationToken) == 1)
        {
            return Problems.Conflict("A tenant keeps at least one owner.");
        }
        db.Users.Remove(user);
        // Their agenda cascades away in the database; its reminders must not outlive it.
        db.Reminders.RemoveRange(await db.Reminders.Where(r => r.UserId == user.Id).ToListAsync(cancellationToken));
        audit.Record("user.deleted", caller.TenantId, user.Id.ToString(), new { email = user.Email });
        await db.SaveChangesAsync(cancellationToken);
        credentials.EvictUser(user.Id);
        return TypedResults.NoContent();
    }
}
