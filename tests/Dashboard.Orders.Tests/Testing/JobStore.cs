using Dashboard.Orders.Jobs;
using Dashboard.Orders.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Orders.Tests.Testing;

/// <summary>
/// The job desk's store, read and written directly: to leave a job as a crashed or another instance would have left
/// it before the runner starts, and to read what the pages do not show (such as whether an item is retryable).
/// </summary>
internal static class JobStore
{
    /// <summary>A lease owner that is not the desk's runner: another instance of the dashboard.</summary>
    public const string OtherInstance = "other-host/4242/0123456789abcdef0123456789abcdef";

    public static async Task<DashboardDbContext> StoreAsync(this JobDesk desk) =>
        await desk.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();

    /// <summary>A job runner of its own on the desk's store, as another instance of the dashboard has: its own lease owner.</summary>
    internal static JobRunner NewRunner(this JobDesk desk) => ActivatorUtilities.CreateInstance<JobRunner>(desk.Services);

    /// <summary>Queues <paramref name="count"/> empty jobs straight in the store, a second apart, oldest first.</summary>
    public static async Task<IReadOnlyList<Guid>> QueuedJobsAsync(this JobDesk desk, int count)
    {
        await using var db = await desk.StoreAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var jobs = Enumerable.Range(0, count).Select(i => new JobRecord
        {
            Id = Guid.NewGuid(),
            Kind = JobKind.BulkCancel,
            State = JobState.Queued,
            Title = $"Job {i + 1}",
            CreatedAt = start.AddSeconds(i),
            CreatedByName = "Olivia Operator",
            Actor = "{}",
        }).ToList();
        db.Jobs.AddRange(jobs);
        await db.SaveChangesAsync();
        return [.. jobs.Select(j => j.Id)];
    }

    public static async Task<IReadOnlyList<JobRecord>> JobRecordsAsync(this JobDesk desk)
    {
        await using var db = await desk.StoreAsync();
        return await db.Jobs.AsNoTracking().OrderBy(j => j.CreatedAt).ToListAsync();
    }

    public static async Task ChangeJobAsync(this JobDesk desk, Guid jobId, Action<JobRecord> change)
    {
        await using var db = await desk.StoreAsync();
        change(await db.Jobs.SingleAsync(j => j.Id == jobId));
        await db.SaveChangesAsync();
    }

    /// <summary>Changes the item of <paramref name="jobId"/> that cancels <paramref name="orderId"/>.</summary>
    public static async Task ChangeItemAsync(this JobDesk desk, Guid jobId, string orderId, Action<JobItemRecord> change)
    {
        await using var db = await desk.StoreAsync();
        change(await db.JobItems.SingleAsync(i => i.JobId == jobId && i.OrderId == orderId));
        await db.SaveChangesAsync();
    }

    public static async Task<IReadOnlyList<JobItemRecord>> ItemRecordsAsync(this JobDesk desk, Guid jobId)
    {
        await using var db = await desk.StoreAsync();
        return await db.JobItems.AsNoTracking().Where(i => i.JobId == jobId).OrderBy(i => i.Sequence).ToListAsync();
    }

    /// <summary>
    /// Leaves the job as an instance that died while running it would: running, held by <paramref name="owner"/> until
    /// <paramref name="leaseExpiresAt"/>.
    /// </summary>
    public static Task HeldByAsync(this JobDesk desk, Guid jobId, string owner, DateTimeOffset leaseExpiresAt) =>
        desk.ChangeJobAsync(jobId, job =>
        {
            job.State = JobState.Running;
            job.StartedAt ??= DateTimeOffset.UtcNow.AddMinutes(-1);
            job.LeaseOwner = owner;
            job.LeaseExpiresAt = leaseExpiresAt;
        });

    /// <summary>Leaves an item as a crash right after its request was sent would: in stage Sending, with its request id stored.</summary>
    public static Task SendingAsync(this JobDesk desk, Guid jobId, string orderId, string requestId) =>
        desk.ChangeItemAsync(jobId, orderId, item =>
        {
            item.Stage = JobItemStage.Sending;
            item.RequestId = requestId;
            item.Sends = 1;
            item.FirstSentAt = DateTimeOffset.UtcNow.AddSeconds(-30);
        });

    /// <summary>Ends an item as a run of the job could have ended it.</summary>
    public static Task EndedAsync(this JobDesk desk, Guid jobId, string orderId, JobItemOutcome outcome, bool retryable, string? description = null) =>
        desk.ChangeItemAsync(jobId, orderId, item =>
        {
            item.Stage = JobItemStage.Done;
            item.Outcome = outcome;
            item.Retryable = retryable;
            item.Description = description ?? item.Description;
            item.FinishedAt = DateTimeOffset.UtcNow;
        });
}
