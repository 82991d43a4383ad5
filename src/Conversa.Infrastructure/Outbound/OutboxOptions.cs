namespace Conversa.Infrastructure.Outbound;

/// <summary>The <c>Conversa:Outbox</c> configuration section.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Conversa:Outbox";

    /// <summary>Whether this node runs the sender worker (any number of nodes may).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>How often the worker looks for due rows when nothing woke it (a row committed on this node wakes it at once).</summary>
    public double PollSeconds { get; set; } = 2;
    public int BatchSize { get; set; } = 50;
    /// <summary>Tenants whose rows one run sends at the same time (a tenant's own rows always go one after another).</summary>
    public int Parallelism { get; set; } = 8;
    /// <summary>How long a claim holds a row; a row whose node died mid-send is claimed (and sent) again after this.</summary>
    public int LeaseSeconds { get; set; } = 60;
    /// <summary>Claims before a row that keeps answering "retry" is given up as <c>failed</c>.</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>Each send attempt is cancelled after this and counts as a retryable failure.</summary>
    public double AttemptTimeoutSeconds { get; set; } = 15;
    /// <summary>Quick retries within one claim (exponential with jitter, from <see cref="InProcessRetryDelaySeconds"/>), before the row is rescheduled.</summary>
    public int InProcessRetries { get; set; } = 2;
    public double InProcessRetryDelaySeconds { get; set; } = 0.2;
    /// <summary>Rescheduling after a retryable failure: this, doubled per attempt, ±20 % jitter, at most <see cref="RetryMaxSeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 5;
    public double RetryMaxSeconds { get; set; } = 900;
    /// <summary>Days a sent row is kept (0 keeps them); failed and pending rows are never pruned.</summary>
    public int RetainDays { get; set; } = 30;
}
