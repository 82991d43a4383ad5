namespace Conversa.Infrastructure.Inbox;

/// <summary>The <c>Conversa:Inbox</c> configuration section.</summary>
public sealed class InboxOptions
{
    public const string Section = "Conversa:Inbox";

    /// <summary>Whether this node runs the inbox worker (any number of nodes may; webhooks are stored either way).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>How often the worker looks for work when nothing woke it (an item accepted on this node wakes it at once).</summary>
    public double PollSeconds { get; set; } = 2;
    public int BatchSize { get; set; } = 50;
    /// <summary>Items one run handles at the same time (one customer's items always go one after another).</summary>
    public int Parallelism { get; set; } = 8;
    /// <summary>How long a claim holds an item; an item whose node died mid-processing is claimed again after this.</summary>
    public int LeaseSeconds { get; set; } = 60;
    /// <summary>Claims before an item is given up as <c>failed</c>.</summary>
    public int MaxAttempts { get; set; } = 5;
    /// <summary>Wait before the second attempt; doubles with every further attempt.</summary>
    public double RetryBaseSeconds { get; set; } = 5;
    /// <summary>Days a webhook delivery is kept once all its items are done or ignored (0 keeps them); at least a week, as providers redeliver for days.</summary>
    public int RetainDays { get; set; } = 30;
}
