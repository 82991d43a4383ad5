using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Conversa.Core.Tenancy;
using Conversa.Infrastructure.Security;

namespace Conversa.Benchmarks.Micro;

/// <summary>The HS256 JWT validation every bearer request runs (not cached).</summary>
public class TokenValidationBenchmarks
{
    private readonly TokenService _tokens = new(RandomNumberGenerator.GetBytes(32), TimeSpan.FromHours(12), TimeProvider.System);
    private string _token = "";

    [GlobalSetup]
    public void Setup() =>
        _token = _tokens.Issue(new TokenSubject(Guid.NewGuid(), "owner@example.com", Roles.Owner, Guid.NewGuid(), "benova"));

    [Benchmark]
    public Task<TokenSubject?> Validate() => _tokens.ValidateAsync(_token);
}
