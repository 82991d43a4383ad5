using BenchmarkDotNet.Attributes;
using Conversa.Core.Identity;

namespace Conversa.Benchmarks.Micro;

/// <summary>The SHA-256 every API-key request computes before its cache lookup.</summary>
public class ApiKeyHashBenchmarks
{
    private readonly string _key = ApiKeyFormat.Generate(ApiKeyKind.Secret);

    [Benchmark]
    public string Hash() => ApiKeyFormat.Hash(_key);
}
