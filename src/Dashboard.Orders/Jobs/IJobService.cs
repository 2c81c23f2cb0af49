namespace Dashboard.Orders.Jobs;

/// <summary>
/// Bulk work as durable jobs: the dry runs (previews and clean-up plans, nothing sent), starting, stopping and
/// retrying jobs, and reading their progress. Progress always comes from the dashboard's database, never from a
/// circuit, so everyone who opens the jobs page on any instance sees the same.
/// </summary>
public interface IJobService
{
    /// <summary>The dry run of cancelling <paramref name="orderIds"/> of one customer: what will be sent, what skipped and why.</summary>
    Task<Outcome<BulkCancelPlan>> PreviewBulkCancelAsync(
        string customerId, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken = default);

    /// <summary>The dry run of cleaning up customers: the orders to cancel, what blocks deleting each customer, and whether it can be.</summary>
    Task<Outcome<CleanUpPlan>> PlanCleanUpAsync(IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken = default);

    /// <summary>Starts a job that carries out the preview; its id, or why it was not started (nothing is sent then).</summary>
    Task<Outcome<Guid>> StartBulkCancelAsync(BulkCancelPlan plan, CancellationToken cancellationToken = default);

    /// <summary>Starts a clean-up job; with <paramref name="deleteCustomers"/>, each customer that can be is deleted once its orders are cancelled.</summary>
    Task<Outcome<Guid>> StartCleanUpAsync(CleanUpPlan plan, bool deleteCustomers, CancellationToken cancellationToken = default);

    /// <summary>Asks a running job to stop: nothing new is sent; what was sent is read back.</summary>
    Task<Outcome<JobSummary>> StopAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The dry run of retrying a finished job's failed items (refused, unknown, or not sent), planned afresh: a preview or
    /// a clean-up plan, which the user confirms like any other and which starts a new job pointing back to this one.
    /// </summary>
    Task<Outcome<RetryPlan>> PlanRetryAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>The most recent jobs, newest first.</summary>
    Task<IReadOnlyList<JobSummary>> ListJobsAsync(int count, CancellationToken cancellationToken = default);

    /// <summary>How many jobs are queued, running or stopping.</summary>
    Task<int> CountActiveAsync(CancellationToken cancellationToken = default);

    /// <summary>One job and every item's outcome, or null when there is no such job.</summary>
    Task<JobDetails?> GetJobAsync(Guid jobId, CancellationToken cancellationToken = default);

    /// <summary>Writes the outcome of every item of a job as CSV; false when there is no such job.</summary>
    Task<bool> WriteCsvAsync(Guid jobId, Stream output, CancellationToken cancellationToken = default);
}
