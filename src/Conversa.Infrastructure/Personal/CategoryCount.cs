namespace Conversa.Infrastructure.Personal;

/// <summary>A task category and how many of the user's tasks have it.</summary>
public sealed record CategoryCount(string Name, int Count);
