namespace Conversa.Api.Features.Widget;

/// <summary>
/// <c>Conversa:Widget</c> settings: how fast one visitor, and one address behind a public key, may send messages and
/// ask for new replies (the widget polls while a person has the conversation, every few seconds at most), and how
/// many polls a secret key (a server relaying its visitors) may make in all, whatever visitor ids it names.
/// </summary>
public sealed class WidgetOptions
{
    public const string Section = "Conversa:Widget";

    public int MessagesPerMinutePerVisitor { get; set; } = 20;
    public int MessagesPerMinutePerAddress { get; set; } = 120;
    public int PollsPerMinutePerVisitor { get; set; } = 30;
    public int PollsPerMinutePerAddress { get; set; } = 600;
    public int PollsPerMinutePerKey { get; set; } = 6000;
}
