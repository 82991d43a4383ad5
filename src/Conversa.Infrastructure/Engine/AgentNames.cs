namespace Conversa.Infrastructure.Engine;

/// <summary>The agents a reply can come from, as API.md names them (<c>agent</c> in replies and stored messages).</summary>
public static class AgentNames
{
    public const string Router = "router";
    public const string Sales = "sales";
    public const string Support = "support";
    public const string Schedule = "schedule";
    public const string Availability = "availability";
    public const string Emergency = "emergency";
    public const string Personal = "personal";
    public const string Human = "human";

    /// <summary>The agents a tenant can enable (<c>settings.assistant.agents_enabled</c>); <c>human</c> is not one.</summary>
    public static IReadOnlyList<string> Configurable { get; } = [Router, Sales, Support, Availability, Schedule, Emergency, Personal];
}
