namespace Conversa.Benchmarks;

public sealed record CreatedTenant(Guid Id, string Slug, string Key);
