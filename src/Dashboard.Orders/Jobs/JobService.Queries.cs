using Dashboard.Orders.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Orders.Jobs;

/// <summary>Jobs as the pages read them: from the database, never from the instance that runs them.</summary>
internal sealed partial class JobService
{
    public async Task<IReadOnlyList<JobSummary>> ListJobsAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        var jobs = await db.Jobs.AsNoTracking().OrderByDescending(j => j.CreatedAt).Take(Math.Clamp(count, 1, 500)).ToListAsync(cancellationToken);
        var ids = jobs.Select(j => j.Id).ToList();
        var counts = await CountsAsync(db, db.JobItems.Where(i => ids.Contains(i.JobId)), cancellationToken);
        return [.. jobs.Select(j => JobSummaries.Of(j, counts.GetValueOrDefault(j.Id) ?? new Tally(), time.GetUtcNow()))];
    }

    public async Task<int> CountActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.CountAsync(j => j.State == JobState.Queued || j.State == JobState.Running || j.State == JobState.Stopping, cancellationToken);
    }

    public async Task<JobDetails?> GetJobAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        if (await GetSummaryAsync(db, jobId, cancellationToken) is not { } job)
        {
            return null;
        }

        var items = await db.JobItems.AsNoTracking().Where(i => i.JobId == jobId).OrderBy(i => i.Sequence).ToListAsync(cancellationToken);
        return new JobDetails(job, [.. items.Select(JobSummaries.ViewOf)]);
    }

    private async Task<JobSummary?> GetSummaryAsync(DashboardDbContext db, Guid jobId, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null)
        {
            return null;
        }

        var counts = await CountsAsync(db, db.JobItems.Where(i => i.JobId == jobId), cancellationToken);
        return JobSummaries.Of(job, counts.GetValueOrDefault(jobId) ?? new Tally(), time.GetUtcNow());
    }

    private static async Task<Dictionary<Guid, Tally>> CountsAsync(DashboardDbContext db, IQueryable<JobItemRecord> items, CancellationToken cancellationToken)
    {
        var rows = await items
            .GroupBy(i => new { i.JobId, i.Outcome, i.Retryable })
            .Select(g => new { g.Key.JobId, g.Key.Outcome, g.Key.Retryable, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var tallies = new Dictionary<Guid, Tally>();
        foreach (var row in rows)
        {
            var tally = tallies.TryGetValue(row.JobId, out var known) ? known : tallies[row.JobId] = new Tally();
            tally.Counts[row.Outcome] = tally.Counts.GetValueOrDefault(row.Outcome) + row.Count;
            tally.Retryable += row.Retryable ? row.Count : 0;
        }

        return tallies;
    }
}
