using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Conversa.Core.Tenancy;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Conversa.Infrastructure.Security;

/// <summary>Issues and validates the user tokens (HS256 JWT) that carry user, role and tenant.</summary>
public sealed class TokenService : IDisposable
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);
    // Valid tokens are remembered (bounded, never past their expiry) so a client's every request does not
    // pay for signature validation; a deleted user is still caught by the caller's per-request user check.
    private readonly MemoryCache _validated = new(
        new MemoryCacheOptions { SizeLimit = 100_000 });
    public const string Issuer = "conversa";
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _credentials;
    private readonly TokenValidationParameters _validation;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _clock;

    public TokenService(byte[] signingKey, TimeSpan lifetime, TimeProvider clock)
    {
        var key = new SymmetricSecurityKey(signingKey);
        _credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        _lifetime = lifetime;
        _clock = clock;
        _validation = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Issuer,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            LifetimeValidator = (notBefore, expires, _, _) => expires is { } e && e > _clock.GetUtcNow().UtcDateTime.AddSeconds(-30),
        };
    }

    public TimeSpan Lifetime => _lifetime;

    public string Issue(TokenSubject subject)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = subject.UserId.ToString(),
            [JwtRegisteredClaimNames.Email] = subject.Email,
            ["role"] = subject.Role,
        };
        if (subject.TenantId is { } tenantId)
        {
            claims["tenant_id"] = tenantId.ToString();
            claims["tenant_slug"] = subject.TenantSlug ?? "";
        }
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + _lifetime,
            SigningCredentials = _credentials,
        });
    }

    public async Task<TokenSubject?> ValidateAsync(string token)
    {
        if (_validated.TryGetValue(token, out TokenSubject? cached))
        {
            return cached;
        }
        var result = await _handler.ValidateTokenAsync(token, _validation);
        if (!result.IsValid)
        {
            return null;
        }
        var subject = Read(result.ClaimsIdentity);
        if (subject is not null)
        {
            var expires = new DateTimeOffset(DateTime.SpecifyKind(result.SecurityToken.ValidTo, DateTimeKind.Utc));
            var until = _clock.GetUtcNow() + CacheLifetime;
            _validated.Set(token, subject, new MemoryCacheEntryOptions
            {
                Size = 1,
                AbsoluteExpiration = expires < until ? expires : until,
            });
        }
        return subject;
    }

    public void Dispose() => _validated.Dispose();

    private static TokenSubject? Read(ClaimsIdentity claims)
    {
        if (!Guid.TryParse(claims.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var userId))
        {
            return null;
        }
        var role = claims.FindFirst("role")?.Value ?? "";
        Guid? tenantId = Guid.TryParse(claims.FindFirst("tenant_id")?.Value, out var t) ? t : null;
        if (role != Roles.Superadmin && tenantId is null)
        {
            return null;
        }
        return new TokenSubject(userId, claims.FindFirst(JwtRegisteredClaimNames.Email)?.Value ?? "", role, tenantId,
            claims.FindFirst("tenant_slug")?.Value);
    }
}

public sealed record TokenSubject(Guid UserId, string Email, string Role, Guid? TenantId, string? TenantSlug);
