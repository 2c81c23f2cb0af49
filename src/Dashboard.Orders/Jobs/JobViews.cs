namespace Dashboard.Orders.Jobs;

// What the pages show of jobs and plans: plain records, read from the database or built by a dry run.

/// <summary>An order as a plan lists it.</summary>
public sealed record PlannedOrder(
    string CustomerId, string? CustomerName, string OrderId, string? AlternateId, string Products, ProductKind ProductKind,
    OrderStatus Status, DateTimeOffset? CreatedAt);

/// <summary>An order a job will not send, and why.</summary>
public sealed record SkippedOrder(PlannedOrder Order, CancelBlock Block, string Reason);

/// <summary>
/// The dry run of a bulk cancel: nothing has been sent. <c>EstimatedDuration</c> is how long the calls take at the
/// configured rate limit, with no one else calling.
/// </summary>
public sealed record BulkCancelPlan(
    string CustomerId, string CustomerName, IReadOnlyList<PlannedOrder> ToSend, IReadOnlyList<SkippedOrder> Skipped,
    int Calls, TimeSpan EstimatedDuration, int RequestsPerMinute)
{
    public int Total => ToSend.Count + Skipped.Count;

    /// <summary>The finished job whose failed orders this plan retries, if it does.</summary>
    public Guid? RetryOf { get; init; }
}

/// <summary>An order that keeps a customer from being deleted, and what the user can do about it.</summary>
public sealed record DeletionBlocker(PlannedOrder Order, string Why, string WhatToDo);

/// <summary>
/// A purchase this dashboard does not cancel (new commerce, marketplace SaaS, a legacy license offer: Partner Center
/// cancels them through their subscriptions) and that does not keep the customer from being deleted: deleting the
/// customer removes it too.
/// </summary>
public sealed record SubscriptionPurchase(PlannedOrder Order, string Note);

/// <summary>
/// The clean-up plan of one customer. <c>Problem</c> says why its orders or entitlements could not be read; the customer
/// is then left alone.
/// </summary>
public sealed record CustomerCleanUp(
    Customer Customer, IReadOnlyList<PlannedOrder> ToCancel, IReadOnlyList<DeletionBlocker> Blockers, int AlreadyCancelled, Problem? Problem)
{
    /// <summary>Active purchases cancelled through their subscriptions, which a delete removes with the customer.</summary>
    public IReadOnlyList<SubscriptionPurchase> NotCancelledHere { get; init; } = [];

    /// <summary>Whether the customer can be deleted once <see cref="ToCancel"/> are cancelled.</summary>
    public bool CanDelete => Problem is null && Blockers.Count == 0;
}

/// <summary>The dry run of a customer clean-up: nothing has been sent.</summary>
public sealed record CleanUpPlan(IReadOnlyList<CustomerCleanUp> Customers, int Calls, TimeSpan EstimatedDuration, int RequestsPerMinute)
{
    public int OrdersToCancel => Customers.Sum(c => c.ToCancel.Count);

    public int Deletable => Customers.Count(c => c.CanDelete);

    /// <summary>The finished job whose failed items this plan retries, if it does.</summary>
    public Guid? RetryOf { get; init; }
}

/// <summary>The retry of a finished job's failed items: a bulk cancel preview or a clean-up plan, to confirm.</summary>
public sealed record RetryPlan(Guid RetryOf, BulkCancelPlan? BulkCancel, CleanUpPlan? CleanUp);

/// <summary>
/// A job as the jobs page lists it. <c>Counts</c> says how many items ended in each outcome
/// (<see cref="JobItemOutcome.None"/> counts those not finished); <c>CallsPerMinute</c> is the Partner Center calls the
/// job made per minute while it ran; <c>TimeLeft</c> is at the pace so far, null when it cannot be told or the job is over.
/// </summary>
public sealed record JobSummary(
    Guid Id, JobKind Kind, JobState State, string Title, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, int Total, IReadOnlyDictionary<JobItemOutcome, int> Counts, int Calls, double CallsPerMinute,
    TimeSpan? TimeLeft, DateTimeOffset? PausedUntil, string? PauseReason, string? Message, Guid? RetryOf, bool DeleteCustomers)
{
    public int CountOf(JobItemOutcome outcome) => Counts.TryGetValue(outcome, out var count) ? count : 0;

    public int Finished => Total - CountOf(JobItemOutcome.None);

    /// <summary>From 0 to 100.</summary>
    public double Percent => Total == 0 ? 100 : 100.0 * Finished / Total;

    public bool IsActive => State is JobState.Queued or JobState.Running or JobState.Stopping;

    /// <summary>Items a retry would send again: refused, unknown, or not sent because the job stopped or Partner Center was out of reach.</summary>
    public int Retryable { get; init; }
}

/// <summary>One item of a job, as the outcome table shows it.</summary>
public sealed record JobItemView(
    int Sequence, JobItemKind Kind, string CustomerId, string? CustomerName, string? OrderId, string? OrderAlternateId,
    JobItemStage Stage, JobItemOutcome Outcome, string? ErrorCode, string? Description, string? CorrelationId, string? RequestId,
    DateTimeOffset? FinishedAt);

/// <summary>A job and its items.</summary>
public sealed record JobDetails(JobSummary Job, IReadOnlyList<JobItemView> Items);
