namespace Conversa.Infrastructure.Billing.Usage;

/// <summary>The <c>Conversa:Usage</c> configuration section.</summary>
public sealed class UsageOptions
{
    public const string Section = "Conversa:Usage";

    /// <summary>
    /// How often a node adds its counted use to <c>usage_counters</c>, and how old the totals it last read from there may
    /// get before a check reads them again: other nodes' use is seen within about twice this.
    /// </summary>
    public double FlushSeconds { get; set; } = 1;

    public TimeSpan FlushInterval => TimeSpan.FromSeconds(Math.Max(0.05, FlushSeconds));
}
