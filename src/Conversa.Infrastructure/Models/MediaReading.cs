namespace Conversa.Infrastructure.Models;

/// <summary>
/// What a model made of a voice note or an image: the text, or why there is none — no model is configured for it
/// (<see cref="Unavailable"/>) or the model failed (<see cref="Failure"/>: short and key-free).
/// </summary>
public sealed record MediaReading(string? Text, string? Unavailable = null, string? Failure = null)
{
    public static MediaReading NotConfigured(string reason) => new(null, Unavailable: reason);

    public static MediaReading Failed(string reason) => new(null, Failure: reason);
}
