namespace Conversa.Benchmarks.Webhooks;

/// <summary>A message that got no reply in time, and the customer (phone digits) who sent it.</summary>
public sealed record Unanswered(string Contact, string Text);
