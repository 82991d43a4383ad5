namespace Conversa.Api.Features.Widget;

/// <summary><c>Conversa:Widget</c> settings: how fast one visitor, and one address behind a public key, may send.</summary>
public sealed class WidgetOptions
{
    public const string Section = "Conversa:Widget";

    public int MessagesPerMinutePerVisitor { get; set; } = 20;
    public int MessagesPerMinutePerAddress { get; set; } = 120;
}
