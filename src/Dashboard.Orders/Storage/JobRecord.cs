using Dashboard.Orders.Jobs;

namespace Dashboard.Orders.Storage;

/// <summary>A job as the store keeps it: the table is the queue, and the lease says which instance runs it.</summary>
internal sealed class JobRecord
{
    public Guid Id { get; set; }

    public JobKind Kind { get; set; }

    public JobState State { get; set; }

    /// <summary>What the job does, in words, e.g. "Cancel 42 orders of Contoso".</summary>
    public required string Title { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The user who started the job: its items are sent with their rights and, with App+User, their tokens.</summary>
    public required string CreatedByName { get; set; }

    /// <summary>The user's Entra ID object id (or the development user's).</summary>
    public string? CreatedById { get; set; }

    public string? CreatedByTenant { get; set; }

    /// <summary>The claims the job acts with (name, ids, roles at start), as JSON. Never a token.</summary>
    public required string Actor { get; set; }

    /// <summary>For a customer clean-up: delete each customer once its orders are cancelled.</summary>
    public bool DeleteCustomers { get; set; }

    /// <summary>The job whose failed items this one retries.</summary>
    public Guid? RetryOf { get; set; }

    public string? StopRequestedBy { get; set; }

    public DateTimeOffset? StopRequestedAt { get; set; }

    /// <summary>The instance that runs the job while its lease lasts.</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>Partner Center asked to wait (a 429) or could not be reached: nothing is sent before this time.</summary>
    public DateTimeOffset? PausedUntil { get; set; }

    public string? PauseReason { get; set; }

    /// <summary>Why the job failed or stopped, fit to show.</summary>
    public string? Message { get; set; }

    /// <summary>The Partner Center calls the job made, every attempt counted.</summary>
    public int Calls { get; set; }

    public int TotalItems { get; set; }

    /// <summary>How many runs of the job ended in an error nobody foresaw; after a few, the job is failed rather than tried forever.</summary>
    public int Failures { get; set; }
}
