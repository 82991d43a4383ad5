namespace Conversa.Infrastructure.Conversations;

/// <summary>
/// Who on the tenant's side is looking at conversations: a tenant user (<see cref="UserId"/>), or a secret key or a
/// platform superadmin (no user). Everyone sees the customer conversations; a personal-assistant conversation is
/// seen only by the user it belongs to, like the rest of their personal agenda.
/// </summary>
public sealed record ConversationViewer(Guid? UserId);
