using Dashboard.Orders.Jobs;

namespace Dashboard.Orders.Storage;

/// <summary>One order (or one customer to delete) of a job, with everything that happened to it.</summary>
internal sealed class JobItemRecord
{
    public long Id { get; set; }

    public Guid JobId { get; set; }

    /// <summary>The item's place in the job, from 1.</summary>
    public int Sequence { get; set; }

    public JobItemKind Kind { get; set; }

    public required string CustomerId { get; set; }

    public string? CustomerName { get; set; }

    /// <summary>The order; null for a customer item.</summary>
    public string? OrderId { get; set; }

    /// <summary>The friendly id Partner Center shows.</summary>
    public string? OrderAlternateId { get; set; }

    public JobItemStage Stage { get; set; }

    public JobItemOutcome Outcome { get; set; }

    /// <summary>The <c>MS-RequestId</c> of the item's change, stored before it is first sent and reused for every re-send.</summary>
    public string? RequestId { get; set; }

    /// <summary>How many times the item's change was handed to the client (each may be several attempts).</summary>
    public int Sends { get; set; }

    public DateTimeOffset? FirstSentAt { get; set; }

    /// <summary>While confirming: when the order is read next, and until when it is read before the outcome is unknown.</summary>
    public DateTimeOffset? NextCheckAt { get; set; }

    public DateTimeOffset? ConfirmBy { get; set; }

    public int Checks { get; set; }

    /// <summary>Partner Center's error code, when it refused or failed with one.</summary>
    public string? ErrorCode { get; set; }

    /// <summary>Partner Center's description, or the dashboard's reason for a skip or an unknown outcome.</summary>
    public string? Description { get; set; }

    public string? CorrelationId { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Whether "retry the failed ones" sends it again: refused, unknown, or not sent because of the run (not the plan).</summary>
    public bool Retryable { get; set; }
}
