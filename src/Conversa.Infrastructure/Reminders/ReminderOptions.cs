namespace Conversa.Infrastructure.Reminders;

/// <summary>The <c>Conversa:Reminders</c> configuration section.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Conversa:Reminders";

    /// <summary>Whether this node runs the scheduler (any number of nodes may).</summary>
    public bool Enabled { get; set; } = true;
    public double PollSeconds { get; set; } = 10;
    public int BatchSize { get; set; } = 50;
    /// <summary>How long a claim holds a reminder; a node that dies mid-batch releases its reminders after this.</summary>
    public int LeaseSeconds { get; set; } = 60;
    public int MaxAttempts { get; set; } = 5;
}
