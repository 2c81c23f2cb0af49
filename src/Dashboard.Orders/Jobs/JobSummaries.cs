using Dashboard.Orders.Storage;

namespace Dashboard.Orders.Jobs;

/// <summary>How many items of a job ended in each outcome, and how many a retry would take.</summary>
internal sealed class Tally
{
    public Dictionary<JobItemOutcome, int> Counts { get; } = [];

    public int Retryable { get; set; }
}

/// <summary>Turns stored jobs and items into what the pages show, with the pace and the time left worked out.</summary>
internal static class JobSummaries
{
    public static JobSummary Of(JobRecord job, Tally tally, DateTimeOffset now)
    {
        var counts = new Dictionary<JobItemOutcome, int>(tally.Counts);
        var total = job.TotalItems;
        var finished = total - counts.GetValueOrDefault(JobItemOutcome.None);
        var ran = job.StartedAt is { } started ? (job.FinishedAt ?? now) - started : TimeSpan.Zero;
        var perMinute = ran > TimeSpan.FromSeconds(1) ? job.Calls / ran.TotalMinutes : 0;
        TimeSpan? left = null;
        var active = job.State is JobState.Running or JobState.Stopping;
        if (active && finished > 0 && ran > TimeSpan.Zero)
        {
            left = ran / finished * (total - finished);
        }

        if (active && job.PausedUntil is { } paused && paused > now)
        {
            left = (left ?? TimeSpan.Zero) + (paused - now);
        }

        return new JobSummary(
            job.Id, job.Kind, job.State, job.Title, job.CreatedByName, job.CreatedAt, job.StartedAt, job.FinishedAt, total, counts,
            job.Calls, perMinute, left, job.PausedUntil > now ? job.PausedUntil : null, job.PausedUntil > now ? job.PauseReason : null,
            job.Message, job.RetryOf, job.DeleteCustomers)
        {
            Retryable = tally.Retryable,
        };
    }

    public static JobItemView ViewOf(JobItemRecord item) => new(
        item.Sequence, item.Kind, item.CustomerId, item.CustomerName, item.OrderId, item.OrderAlternateId, item.Stage, item.Outcome,
        item.ErrorCode, item.Description, item.CorrelationId, item.RequestId, item.FinishedAt);
}
