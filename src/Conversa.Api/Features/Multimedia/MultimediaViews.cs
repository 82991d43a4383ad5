namespace Conversa.Api.Features.Multimedia;

/// <summary><c>POST /api/multimedia/voice</c>'s answer, as API.md shows it (plus who answered and the contact).</summary>
public sealed record VoiceView(string Transcript, string Reply, Guid ConversationId, Guid ContactId, string Agent, string? Intent, bool Handoff);

/// <summary><c>POST /api/multimedia/image</c>'s answer, as API.md shows it (plus the conversation, who answered and the contact).</summary>
public sealed record ImageView(string Description, string Reply, Guid ConversationId, Guid ContactId, string Agent, string? Intent, bool Handoff);
