namespace Conversa.Infrastructure.Personal;

/// <summary>One page of a list and how many items the whole list has.</summary>
public sealed record AgendaPage<T>(IReadOnlyList<T> Items, int Total);
