namespace Conversa.Core.Language;

/// <summary>A message a customer might send with that intent; new messages are compared with these.</summary>
public sealed record IntentExample(string Intent, string Text, string? Language = null);
