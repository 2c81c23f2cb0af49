using Dashboard.Orders.Activity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Orders.Jobs;

/// <summary>
/// The end of a run: the job's state and its activity record, in one transaction, only while this instance holds the
/// job's lease.
/// </summary>
internal sealed partial class JobWork
{
    private async Task FinishAsync(CancellationToken cancellationToken)
    {
        await SaveCallsAsync(cancellationToken);
        var (state, message) = _stopping
            ? (JobState.Stopped, $"Stopped by {_job.StopRequestedBy ?? await StoppedByAsync(cancellationToken) ?? "a user"}.")
            : _abortedBecause is { } why ? (JobState.Failed, why) : (JobState.Completed, (string?)null);
        var now = time.GetUtcNow();
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var finished = await db.Jobs.Where(j => j.Id == jobId && j.LeaseOwner == owner).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, state)
            .SetProperty(j => j.Message, message)
            .SetProperty(j => j.FinishedAt, now)
            .SetProperty(j => j.PausedUntil, (DateTimeOffset?)null)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
        if (finished == 0)
        {
            throw new JobLeaseLostException(jobId);
        }

        var counts = await db.JobItems.Where(i => i.JobId == jobId).GroupBy(i => i.Outcome)
            .Select(g => new { Outcome = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var tally = string.Join(", ", counts.OrderBy(c => c.Outcome).Select(c => $"{c.Count} {c.Outcome}"));
        db.Activity.Add(ActivityRecords.Job(ActivityActor.Of(_job), now, ActivityAction.JobFinish, jobId,
            state == JobState.Completed ? ActivityOutcome.Applied : _denied ? ActivityOutcome.Denied : ActivityOutcome.NotDone,
            $"{state}{(message is null ? "." : $": {message}")} Items: {tally}. {_callsBefore + _calls.Count} Partner Center calls."));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        logger.LogInformation("Job {JobId} \"{JobTitle}\" finished {JobState} after {Calls} Partner Center calls", jobId, _job.Title, state, _callsBefore + _calls.Count);
    }
}
