using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Conversa.Api.Features.Tenants;
using Conversa.Core.Tenancy;

namespace Conversa.Benchmarks.Micro;

/// <summary>A typical settings PATCH merged into a tenant's default settings document.</summary>
public class JsonMergePatchBenchmarks
{
    private readonly JsonObject _settings = TenantSettings.Defaults("Benova");
    private readonly JsonObject _patch = new()
    {
        ["assistant"] = new JsonObject { ["name"] = "Sofía", ["persona"] = "Amable y breve" },
        ["booking"] = new JsonObject { ["slot_step_minutes"] = 30 },
        ["widget"] = null,
    };

    [Benchmark]
    public JsonNode? Apply() => JsonMergePatch.Apply(_settings, _patch);
}
