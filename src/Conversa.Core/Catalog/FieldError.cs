namespace Conversa.Core.Catalog;

/// <summary>One validation failure, named by the field as clients send it (snake_case, with any item prefix).</summary>
public sealed record FieldError(string Field, string Message);
