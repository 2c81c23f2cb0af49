using Dashboard.Orders.Activity;
using Dashboard.Orders.Storage;
using Dashboard.PartnerCenter;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Orders.Jobs;

/// <summary>
/// Runs jobs from the database, which is the queue (no job library: none tracks or resumes per item, and Hangfire's
/// SQLite storage takes jobs safely only within one process). An instance claims the oldest unfinished job whose lease
/// is free or has run out, renews the lease while it works, and lets go when it is done. When an instance dies, its
/// job is taken over once the lease runs out and resumes from the items' stored state.
/// </summary>
internal sealed class JobRunner(
    IServiceScopeFactory scopes,
    IDbContextFactory<DashboardDbContext> store,
    JobSignal signal,
    IOptions<JobOptions> options,
    TimeProvider time,
    ILogger<JobRunner> logger,
    IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    /// <summary>How many runs of one job may fail unexpectedly before the job is failed.</summary>
    internal const int MaxFailures = 3;

    /// <summary>Who holds a lease: this machine and process, and an id of this runner's own.</summary>
    internal string Owner { get; } = $"{Activity.ActivityRecords.Instance}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        // A job left running by the last process resumes once the host has started, not during its start.
        if (!await HostStarted.WaitAsync(lifetime, stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await ClaimNextAsync(stoppingToken) is { } jobId)
                {
                    await RunAsync(jobId, stoppingToken);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store did not answer, or a job broke in a way not foreseen: look again later, never die.
                logger.LogError(ex, "The job runner met an error; it looks for jobs again in {PollSeconds} s", options.Value.PollSeconds);
            }

            await signal.WaitAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), time, stoppingToken);
        }
    }

    /// <summary>Takes the oldest unfinished job that no live instance holds; null when there is none.</summary>
    internal async Task<Guid?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var (claimed, previous) = db.Provider == StoreProvider.PostgreSql
            ? await ClaimLockedAsync(db, now, cancellationToken)
            : await ClaimByUpdateAsync(db, now, cancellationToken);
        if (claimed is { } jobId && previous is not null && previous != Owner)
        {
            logger.LogWarning("Job {JobId} taken over from {PreviousOwner}, whose lease ran out", jobId, previous);
        }

        return claimed;
    }

    /// <summary>
    /// SQLite has no row locks: of the oldest free jobs, the first that one conditional <c>UPDATE</c> gives this
    /// instance. Of two instances looking at once only one gets it; the other tries the next.
    /// </summary>
    private async Task<(Guid? Job, string? PreviousOwner)> ClaimByUpdateAsync(DashboardDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var candidates = await db.Jobs.AsNoTracking()
            .Where(j => j.State == JobState.Queued || j.State == JobState.Running || j.State == JobState.Stopping)
            .Where(j => j.LeaseOwner == null || j.LeaseExpiresAt < now || j.LeaseOwner == Owner)
            .OrderBy(j => j.CreatedAt)
            .Select(j => new { j.Id, j.LeaseOwner })
            .Take(5)
            .ToListAsync(cancellationToken);
        foreach (var candidate in candidates)
        {
            var claimed = await db.Jobs
                .Where(j => j.Id == candidate.Id && (j.LeaseOwner == null || j.LeaseExpiresAt < now || j.LeaseOwner == Owner))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, Owner).SetProperty(j => j.LeaseExpiresAt, now + options.Value.Lease), cancellationToken);
            if (claimed == 1)
            {
                return (candidate.Id, candidate.LeaseOwner);
            }
        }

        return (null, null);
    }

    /// <summary>
    /// PostgreSQL: the oldest free job, locked with <c>FOR UPDATE SKIP LOCKED</c> (docs/store.md), leased and committed
    /// in one short transaction. Instances looking at once each get a different job, or none, and never wait on each
    /// other's locks.
    /// </summary>
    private async Task<(Guid? Job, string? PreviousOwner)> ClaimLockedAsync(DashboardDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var candidate = (await db.Jobs.FromSql($"""
                SELECT * FROM "Jobs"
                WHERE "State" IN ('Queued', 'Running', 'Stopping')
                  AND ("LeaseOwner" IS NULL OR "LeaseExpiresAt" < {now} OR "LeaseOwner" = {Owner})
                ORDER BY "CreatedAt"
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """).AsNoTracking().ToListAsync(cancellationToken)).SingleOrDefault();
        if (candidate is null)
        {
            return (null, null);
        }

        await db.Jobs.Where(j => j.Id == candidate.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, Owner).SetProperty(j => j.LeaseExpiresAt, now + options.Value.Lease), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (candidate.Id, candidate.LeaseOwner);
    }

    private async Task RunAsync(Guid jobId, CancellationToken stoppingToken)
    {
        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewing = RenewLeaseAsync(jobId, leaseLost);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            using var work = ActivatorUtilities.CreateInstance<JobWork>(scope.ServiceProvider, jobId, Owner);
            await work.RunAsync(leaseLost.Token);
        }
        catch (Exception ex) when (ex is JobLeaseLostException
            || (ex is OperationCanceledException && leaseLost.IsCancellationRequested && !stoppingToken.IsCancellationRequested))
        {
            logger.LogWarning("Job {JobId} lost its lease to another instance; this instance stops working on it", jobId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await FailedRunAsync(jobId, ex);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Job {JobId} paused by shutdown; it resumes from its stored state when an instance takes it again", jobId);
            await ReleaseAsync(jobId);
            throw;
        }
        finally
        {
            await leaseLost.CancelAsync();
            await renewing;
        }
    }

    /// <summary>Renews the lease every third of its length; when it cannot, the work is cancelled.</summary>
    private async Task RenewLeaseAsync(Guid jobId, CancellationTokenSource work)
    {
        var every = options.Value.Lease / 3;
        try
        {
            while (!work.IsCancellationRequested)
            {
                await Task.Delay(every, time, work.Token);
                await using var db = await store.CreateDbContextAsync(work.Token);
                var renewed = await db.Jobs
                    .Where(j => j.Id == jobId && j.LeaseOwner == Owner)
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseExpiresAt, time.GetUtcNow() + options.Value.Lease), work.Token);
                if (renewed == 0)
                {
                    await work.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The work is over, or was cancelled.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The lease of job {JobId} could not be renewed; this instance stops working on it", jobId);
            await work.CancelAsync();
        }
    }

    /// <summary>
    /// A run ended in an error nobody foresaw. It is tried again (the error may pass, e.g. a busy store), but a job whose
    /// runs keep failing is failed, with what it did not finish left for a retry, so that the jobs after it can run.
    /// </summary>
    private async Task FailedRunAsync(Guid jobId, Exception error)
    {
        var reference = Guid.NewGuid().ToString("N")[..8];
        logger.LogError(error, "Job {JobId} run failed unexpectedly; reference {ErrorReference}", jobId, reference);
        try
        {
            await using var db = await store.CreateDbContextAsync(CancellationToken.None);
            await db.Jobs.Where(j => j.Id == jobId && j.LeaseOwner == Owner).ExecuteUpdateAsync(s => s.SetProperty(j => j.Failures, j => j.Failures + 1));
            var failures = await db.Jobs.Where(j => j.Id == jobId).Select(j => j.Failures).FirstAsync();
            if (failures < MaxFailures)
            {
                return;
            }

            var now = time.GetUtcNow();
            var why = $"The job stopped after {failures} runs failed with an error the dashboard did not expect (reference {reference}); what it did not finish is left for a retry.";
            await using var transaction = await db.Database.BeginTransactionAsync();
            var job = await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == jobId);
            var unfinished = await db.JobItems.Where(i => i.JobId == jobId && i.Stage != JobItemStage.Done).ToListAsync();
            foreach (var item in unfinished)
            {
                var sent = item.Stage != JobItemStage.Pending;
                item.Outcome = sent ? JobItemOutcome.Unknown : JobItemOutcome.Skipped;
                item.Stage = JobItemStage.Done;
                item.Retryable = true;
                item.Description = sent
                    ? "It may have been sent before the job stopped after an unexpected error. Check the order before trying again."
                    : "Not sent: the job stopped after an unexpected error.";
                item.FinishedAt = now;
                db.Activity.Add(ActivityRecords.JobItem(job, item, now));
            }

            db.Activity.Add(ActivityRecords.Job(ActivityActor.Of(job), now, ActivityAction.JobFinish,
                jobId, ActivityOutcome.NotDone, $"{JobState.Failed}: {why}"));
            await db.SaveChangesAsync();
            var ended = await db.Jobs.Where(j => j.Id == jobId && j.LeaseOwner == Owner).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, JobState.Failed)
                .SetProperty(j => j.Message, why)
                .SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null));
            if (ended == 0)
            {
                // Another instance holds the job now: it finishes it, and these records must not stand.
                return;
            }

            await transaction.CommitAsync();
            logger.LogError("Job {JobId} failed after {Failures} failed runs; reference {ErrorReference}", jobId, failures, reference);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Job {JobId}'s failure could not be recorded; it is tried again", jobId);
        }
    }

    /// <summary>Lets another instance (or this one, restarted) take the job at once after an orderly shutdown.</summary>
    private async Task ReleaseAsync(Guid jobId)
    {
        try
        {
            await using var db = await store.CreateDbContextAsync(CancellationToken.None);
            await db.Jobs.Where(j => j.Id == jobId && j.LeaseOwner == Owner)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The lease of job {JobId} could not be released; it is taken over when it runs out", jobId);
        }
    }
}
