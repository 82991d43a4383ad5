namespace Conversa.Core.Channels.Chatwoot;

/// <summary>Who wrote an incoming message, as Chatwoot knows the contact. Any of it may be missing.</summary>
public sealed record ChatwootContact(string? Id, string? Name, string? Phone, string? Email, string? Identifier);
