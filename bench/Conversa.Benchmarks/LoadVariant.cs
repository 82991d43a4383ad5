namespace Conversa.Benchmarks;

/// <summary>One kind of request to measure: where it goes and how it is made.</summary>
public sealed record LoadVariant(string Name, Uri Address, Func<HttpRequestMessage> Request);
