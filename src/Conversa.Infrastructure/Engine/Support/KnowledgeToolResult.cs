namespace Conversa.Infrastructure.Engine.Support;

/// <summary>One passage as <c>search_knowledge</c> returns it to the model.</summary>
public sealed record KnowledgeToolResult(Guid DocumentId, string Title, string? Heading, string Text);
