using Dashboard.Orders.Activity;
using Dashboard.Orders.Storage;
using Dashboard.PartnerCenter;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Orders.Jobs;

/// <summary>
/// One run of one job by the instance that holds its lease: sends what is left, confirms what Partner Center accepted,
/// deletes customers last, and finishes the job. Every item's state is stored before and after each call, so that a
/// run cut short anywhere resumes where it was. The items' own protocol is in JobWork.Items.cs; the end, in JobWork.Finish.cs.
/// </summary>
internal sealed partial class JobWork(
    Guid jobId,
    string owner,
    OrderService orders,
    IDbContextFactory<DashboardDbContext> store,
    IOptions<JobOptions> options,
    OrdersTelemetry telemetry,
    TimeProvider time,
    ILogger<JobWork> logger) : IDisposable
{
    private static readonly TimeSpan StopCheck = TimeSpan.FromSeconds(1);

    private readonly PartnerCenterCallCounter _calls = new();

    // Cancelled when the job is asked to stop: calls still waiting for the rate limit are not sent.
    private readonly CancellationTokenSource _stopped = new();
    private readonly Lock _gate = new();
    private JobRecord _job = default!;
    private int _callsBefore;
    private volatile bool _stopping;
    private volatile string? _abortedBecause;
    private bool _denied;
    private DateTimeOffset _pausedUntil;
    private DateTimeOffset? _unreachableSince;

    private JobOptions Options => options.Value;

    public void Dispose() => _stopped.Dispose();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using (var db = await store.CreateDbContextAsync(cancellationToken))
        {
            _job = await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == jobId, cancellationToken);
        }

        _callsBefore = _job.Calls;
        _stopping = _job.State == JobState.Stopping;
        if (_job.State == JobState.Queued)
        {
            // Only while it is still queued: a stop asked since the job was read must not be overwritten.
            await using var db = await store.CreateDbContextAsync(cancellationToken);
            var started = await db.Jobs
                .Where(j => j.Id == jobId && j.LeaseOwner == owner && j.State == JobState.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Running).SetProperty(j => j.StartedAt, time.GetUtcNow()), cancellationToken);
            if (started == 0)
            {
                _stopping = await StoppedByAsync(cancellationToken) is not null;
            }

            logger.LogInformation("Job {JobId} \"{JobTitle}\" started for {UserName}", jobId, _job.Title, _job.CreatedByName);
        }
        else
        {
            logger.LogInformation("Job {JobId} \"{JobTitle}\" resumed from its stored state", jobId, _job.Title);
        }

        var actor = JobActor.Restore(_job.Actor, jobId, _job.CreatedAt);
        using var acting = JobActor.As(actor);
        using var background = PartnerCenterCallScope.Background(_calls);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watcher = WatchAsync(watching.Token);
        try
        {
            // A job whose user may no longer cancel sends nothing at all: asked once before anything, then before each item.
            if (!_stopping && await orders.WhyNotCancelAsync(cancellationToken) is { } why)
            {
                _abortedBecause = $"The job did not start: {why}";
                _denied = true;
            }

            await SendCancelsAsync(cancellationToken);
            await ConfirmAsync(cancellationToken);
            if (_job.DeleteCustomers)
            {
                await DeleteCustomersAsync(cancellationToken);
            }

            await FinishAsync(cancellationToken);
        }
        finally
        {
            await watching.CancelAsync();
            await watcher;
        }
    }

    private async Task SendCancelsAsync(CancellationToken cancellationToken)
    {
        List<JobItemRecord> items;
        await using (var db = await store.CreateDbContextAsync(cancellationToken))
        {
            items = await db.JobItems.AsNoTracking()
                .Where(i => i.JobId == jobId && i.Kind == JobItemKind.CancelOrder && (i.Stage == JobItemStage.Pending || i.Stage == JobItemStage.Sending))
                .OrderBy(i => i.Sequence)
                .ToListAsync(cancellationToken);
        }

        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Options.Parallelism, CancellationToken = cancellationToken },
            async (item, token) => await CancelAsync(item, token));
    }

    /// <summary>Reads each order whose cancel Partner Center accepted until it reads cancelled, or its time is up.</summary>
    private async Task ConfirmAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            List<JobItemRecord> confirming;
            await using (var db = await store.CreateDbContextAsync(cancellationToken))
            {
                confirming = await db.JobItems.AsNoTracking()
                    .Where(i => i.JobId == jobId && i.Stage == JobItemStage.Confirming)
                    .OrderBy(i => i.Sequence)
                    .ToListAsync(cancellationToken);
            }

            if (confirming.Count == 0)
            {
                return;
            }

            var now = time.GetUtcNow();
            var due = confirming.Where(i => _stopping || _abortedBecause is not null || i.NextCheckAt is null || i.NextCheckAt <= now).ToList();
            if (due.Count == 0)
            {
                var next = confirming.Min(i => i.NextCheckAt!.Value);
                await WaitAsync(next - now, cancellationToken);
                continue;
            }

            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Options.Parallelism, CancellationToken = cancellationToken },
                async (item, token) => await CheckAsync(item, token));
        }
    }

    private async Task DeleteCustomersAsync(CancellationToken cancellationToken)
    {
        List<JobItemRecord> items;
        await using (var db = await store.CreateDbContextAsync(cancellationToken))
        {
            items = await db.JobItems.AsNoTracking()
                .Where(i => i.JobId == jobId && i.Kind == JobItemKind.DeleteCustomer && i.Stage != JobItemStage.Done)
                .OrderBy(i => i.Sequence)
                .ToListAsync(cancellationToken);
        }

        foreach (var item in items)
        {
            await DeleteAsync(item, cancellationToken);
        }
    }

    /// <summary>Every second: whether someone asked the job to stop, and the calls made so far, for the jobs page.</summary>
    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        if (_stopping)
        {
            await _stopped.CancelAsync();
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(StopCheck, time, cancellationToken);
                await SaveCallsAsync(cancellationToken);
                if (!_stopping && await StoppedByAsync(cancellationToken) is { } by)
                {
                    logger.LogInformation("Job {JobId} stopping, as {UserName} asked: nothing new is sent", jobId, by);
                    _job.StopRequestedBy = by;
                    _stopping = true;
                    await _stopped.CancelAsync();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // One failed look (the store busy) is not the end of looking: the next second tries again.
                logger.LogWarning(ex, "Job {JobId} could not check whether it was asked to stop; it checks again in a second", jobId);
            }
        }
    }

    private async Task<string?> StoppedByAsync(CancellationToken cancellationToken)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.AsNoTracking().Where(j => j.Id == jobId).Select(j => new { j.State, j.StopRequestedBy }).FirstAsync(cancellationToken);
        return job.State == JobState.Stopping ? job.StopRequestedBy ?? "a user" : null;
    }

    private async Task SaveCallsAsync(CancellationToken cancellationToken)
    {
        var calls = _callsBefore + _calls.Count;
        await UpdateJobAsync(s => s.SetProperty(j => j.Calls, calls), cancellationToken);
    }

    /// <summary>Changes the job row, as long as this instance still holds its lease; false when it no longer does.</summary>
    private async Task<bool> UpdateJobAsync(
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<JobRecord>> update, CancellationToken cancellationToken)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.Where(j => j.Id == jobId && j.LeaseOwner == owner).ExecuteUpdateAsync(update, cancellationToken) == 1;
    }

    /// <summary>
    /// Writes an item, in one statement that only succeeds while this instance holds the job's lease: an instance whose
    /// lease was taken over stops at its next write, before it sends anything more. An item's outcome is written in
    /// the same transaction as its activity record, so that the log and the items never disagree.
    /// </summary>
    private async Task SaveAsync(JobItemRecord item, CancellationToken cancellationToken)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        await using var transaction = item.Stage == JobItemStage.Done ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var saved = await db.JobItems
            .Where(i => i.Id == item.Id && db.Jobs.Any(j => j.Id == jobId && j.LeaseOwner == owner))
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Stage, item.Stage)
                .SetProperty(i => i.Outcome, item.Outcome)
                .SetProperty(i => i.RequestId, item.RequestId)
                .SetProperty(i => i.Sends, item.Sends)
                .SetProperty(i => i.FirstSentAt, item.FirstSentAt)
                .SetProperty(i => i.NextCheckAt, item.NextCheckAt)
                .SetProperty(i => i.ConfirmBy, item.ConfirmBy)
                .SetProperty(i => i.Checks, item.Checks)
                .SetProperty(i => i.ErrorCode, item.ErrorCode)
                .SetProperty(i => i.Description, item.Description)
                .SetProperty(i => i.CorrelationId, item.CorrelationId)
                .SetProperty(i => i.FinishedAt, item.FinishedAt)
                .SetProperty(i => i.Retryable, item.Retryable), cancellationToken);
        if (saved == 0)
        {
            throw new JobLeaseLostException(jobId);
        }

        if (transaction is not null)
        {
            db.Activity.Add(ActivityRecords.JobItem(_job, item, item.FinishedAt ?? time.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            telemetry.JobItemEnded(item.Kind, item.Outcome);
        }
    }

    /// <summary>Waits, on the injected clock, cutting the wait short when the job is asked to stop.</summary>
    private async Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + wait;
        while (!_stopping && time.GetUtcNow() < until)
        {
            var step = until - time.GetUtcNow();
            await Task.Delay(step < StopCheck ? (step > TimeSpan.Zero ? step : TimeSpan.Zero) : StopCheck, time, cancellationToken);
        }
    }
}
