using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Security;

namespace Conversa.Benchmarks.Micro;

/// <summary>
/// User-token validation: a first sight of a token (full HS256 validation, a fresh token each call) and a
/// repeat request with the same token (served from TokenService's cache).
/// </summary>
public class TokenValidationBenchmarks : IDisposable
{
    private readonly TokenService _tokens = new(RandomNumberGenerator.GetBytes(32), TimeSpan.FromHours(12), TimeProvider.System);
    private string _token = "";

    [GlobalSetup]
    public void Setup() => _token = NewToken();

    [Benchmark]
    public Task<TokenSubject?> ValidateNewToken() => _tokens.ValidateAsync(NewToken());

    [Benchmark]
    public Task<TokenSubject?> ValidateRepeatedToken() => _tokens.ValidateAsync(_token);

    [GlobalCleanup]
    public void Dispose()
    {
        _tokens.Dispose();
        GC.SuppressFinalize(this);
    }

    private string NewToken() =>
        _tokens.Issue(new TokenSubject(Guid.NewGuid(), "owner@example.com", Roles.Owner, Guid.NewGuid(), "benova"));
}
