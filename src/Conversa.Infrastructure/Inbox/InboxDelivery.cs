namespace Conversa.Infrastructure.Inbox;

/// <summary>
/// One HTTP webhook delivery as received, for audit: the raw body and the headers worth keeping (signature,
/// delivery id, timestamp). Stored once per delivery however many <see cref="InboxItem"/>s it holds.
/// </summary>
public sealed record InboxDelivery(string Channel, byte[] RawBody, IReadOnlyDictionary<string, string> Headers);

/// <summary>What <see cref="IInbox.AcceptAsync"/> stored: new items, and items whose key was already there.</summary>
public sealed record InboxAcceptance(int Stored, int Duplicates);
