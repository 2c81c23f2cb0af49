using Dashboard.Orders.Activity;
using Dashboard.Orders.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Orders.Jobs;

/// <summary>
/// Starts, stops and retries jobs for the user of the circuit, after the same check a single cancel gets, and reads
/// them back from the database (JobService.Queries.cs). Running them is <see cref="JobRunner"/>'s. Each start, stop, refusal and download is
/// written to the activity log, in the same transaction as the change it describes.
/// </summary>
internal sealed partial class JobService(
    JobPlanner planner,
    IDbContextFactory<DashboardDbContext> store,
    ICancelAuthorization cancels,
    IEnumerable<ICurrentUserAccessor> users,
    ActivityTrail activity,
    JobSignal signal,
    TimeProvider time,
    ILogger<JobService> logger) : IJobService
{
    public Task<Outcome<BulkCancelPlan>> PreviewBulkCancelAsync(string customerId, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken = default) =>
        planner.PreviewBulkCancelAsync(customerId, orderIds, cancellationToken);

    public Task<Outcome<CleanUpPlan>> PlanCleanUpAsync(IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken = default) =>
        planner.PlanCleanUpAsync(customerIds, cancellationToken);

    public async Task<Outcome<Guid>> StartBulkCancelAsync(BulkCancelPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var title = $"Cancel {Orders(plan.ToSend.Count)} of {plan.CustomerName}";
        if (plan.ToSend.Count == 0)
        {
            return await DeniedStartAsync(title, new Problem(ProblemKind.InvalidInput, "None of the chosen orders can be cancelled, so there is nothing to send."),
                plan.CustomerId, plan.CustomerName, null, cancellationToken);
        }

        var items = new List<JobItemRecord>();
        items.AddRange(plan.ToSend.Select(o => NewItem(JobItemKind.CancelOrder, o.CustomerId, o.CustomerName, o)));
        items.AddRange(plan.Skipped.Select(s => Finished(NewItem(JobItemKind.CancelOrder, s.Order.CustomerId, s.Order.CustomerName, s.Order), s.Reason, OutcomeOf(s))));
        return await StartAsync(JobKind.BulkCancel, title, items, deleteCustomers: false, plan.RetryOf, cancellationToken);
    }

    public async Task<Outcome<Guid>> StartCleanUpAsync(CleanUpPlan plan, bool deleteCustomers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var items = new List<JobItemRecord>();
        foreach (var customer in plan.Customers.Where(c => c.Problem is null))
        {
            var name = customer.Customer.CompanyName;
            items.AddRange(customer.ToCancel.Select(o => NewItem(JobItemKind.CancelOrder, customer.Customer.Id, name, o)));
            items.AddRange(customer.Blockers.Select(b => Finished(NewItem(JobItemKind.CancelOrder, customer.Customer.Id, name, b.Order), $"{b.Why} {b.WhatToDo}")));
            items.AddRange(customer.NotCancelledHere.Select(p => Finished(NewItem(JobItemKind.CancelOrder, customer.Customer.Id, name, p.Order), p.Note)));
            if (deleteCustomers)
            {
                var delete = NewItem(JobItemKind.DeleteCustomer, customer.Customer.Id, name, null);
                items.Add(customer.CanDelete ? delete : Finished(delete,
                    $"Not deleted: {Orders(customer.Blockers.Count)} still active that this dashboard cannot cancel (see the skipped orders)."));
            }
        }

        var customers = plan.Customers.Count(c => c.Problem is null);
        var title = deleteCustomers
            ? $"Clean up and delete {Customers(customers)}{NamesOf(plan)}"
            : $"Cancel the orders of {Customers(customers)}{NamesOf(plan)}";
        if (items.Count == 0 || items.TrueForAll(i => i.Stage == JobItemStage.Done))
        {
            var only = plan.Customers.Count == 1 ? plan.Customers[0].Customer : null;
            return await DeniedStartAsync(title, new Problem(ProblemKind.InvalidInput, "The clean-up has nothing to send: no order can be cancelled and no customer deleted."),
                only?.Id, only?.CompanyName, null, cancellationToken);
        }

        return await StartAsync(JobKind.CustomerCleanUp, title, items, deleteCustomers, plan.RetryOf, cancellationToken);
    }

    public async Task<Outcome<JobSummary>> StopAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        var user = await CurrentUserAsync(cancellationToken);
        var who = ActivityActor.Of(user);
        if (await cancels.WhyNotAsync(cancellationToken) is { } why)
        {
            logger.LogWarning("Stop of job {JobId} refused for {UserName}: {Reason}", jobId, user?.Identity?.Name, why);
            await activity.AppendAsync(ActivityRecords.Job(who, time.GetUtcNow(), ActivityAction.JobStop, jobId, ActivityOutcome.Denied, why), CancellationToken.None);
            return new Problem(ProblemKind.NotAllowed, why);
        }

        await using var db = await store.CreateDbContextAsync(cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var stopped = await db.Jobs
                .Where(j => j.Id == jobId && (j.State == JobState.Queued || j.State == JobState.Running))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.State, JobState.Stopping)
                    .SetProperty(j => j.StopRequestedBy, who.Name)
                    .SetProperty(j => j.StopRequestedAt, time.GetUtcNow()), cancellationToken);
            if (stopped == 1)
            {
                db.Activity.Add(ActivityRecords.Job(who, time.GetUtcNow(), ActivityAction.JobStop, jobId, ActivityOutcome.Applied,
                    "Stop asked: nothing new is sent; what may have been sent is read back."));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Stop of job {JobId} asked by {UserName}", jobId, user?.Identity?.Name);
                signal.Wake();
            }
        }

        if (await GetSummaryAsync(db, jobId, cancellationToken) is { } job)
        {
            return job;
        }

        var missing = new Problem(ProblemKind.NotFound, $"There is no job {jobId}.");
        await activity.AppendAsync(ActivityRecords.Job(who, time.GetUtcNow(), ActivityAction.JobStop, jobId, ActivityOutcome.Denied, missing.Message), CancellationToken.None);
        return missing;
    }

    public async Task<Outcome<RetryPlan>> PlanRetryAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        if (await cancels.WhyNotAsync(cancellationToken) is { } why)
        {
            return await DeniedRetryAsync(jobId, new Problem(ProblemKind.NotAllowed, why), cancellationToken);
        }

        await using var db = await store.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null)
        {
            return await DeniedRetryAsync(jobId, new Problem(ProblemKind.NotFound, $"There is no job {jobId}."), cancellationToken);
        }

        if (job.State is JobState.Queued or JobState.Running or JobState.Stopping)
        {
            return await DeniedRetryAsync(jobId, new Problem(ProblemKind.InvalidInput, "The job is still running: retry its failed orders once it has finished."),
                cancellationToken);
        }

        var failed = await db.JobItems.AsNoTracking().Where(i => i.JobId == jobId && i.Retryable).ToListAsync(cancellationToken);
        if (failed.Count == 0)
        {
            return await DeniedRetryAsync(jobId, new Problem(ProblemKind.InvalidInput, "The job has no failed orders to retry."), cancellationToken);
        }

        // Planned afresh, and confirmed again like any plan: an order may have been cancelled since, or a blocker removed.
        var customers = failed.Select(i => i.CustomerId).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (job.Kind == JobKind.CustomerCleanUp)
        {
            var plan = await planner.PlanCleanUpAsync(customers, cancellationToken);
            return plan.Succeeded ? new RetryPlan(jobId, null, plan.Value with { RetryOf = jobId }) : plan.Problem;
        }

        if (customers.Count != 1)
        {
            return await DeniedRetryAsync(jobId,
                new Problem(ProblemKind.InvalidInput, "A bulk cancel is of one customer's orders; this job's failed orders belong to several."), cancellationToken);
        }

        var preview = await planner.PreviewBulkCancelAsync(customers[0], [.. failed.Select(i => i.OrderId).OfType<string>()], cancellationToken);
        return preview.Succeeded ? new RetryPlan(jobId, preview.Value with { RetryOf = jobId }, null) : preview.Problem;
    }

    public async Task<bool> WriteCsvAsync(Guid jobId, Stream output, CancellationToken cancellationToken = default)
    {
        if (await GetJobAsync(jobId, cancellationToken) is not { } job)
        {
            return false;
        }

        var who = ActivityActor.Of(await CurrentUserAsync(cancellationToken));
        await activity.AppendAsync(ActivityRecords.Export(who, time.GetUtcNow(), $"Job outcomes CSV: {job.Items.Count} items of \"{job.Job.Title}\".", jobId), cancellationToken);
        await JobCsv.WriteAsync(job, output, cancellationToken);
        return true;
    }

    private async Task<Outcome<Guid>> StartAsync(
        JobKind kind, string title, List<JobItemRecord> items, bool deleteCustomers, Guid? retryOf, CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync(cancellationToken);
        var who = ActivityActor.Of(user);
        var why = await cancels.WhyNotAsync(cancellationToken) ?? (user?.Identity?.IsAuthenticated != true ? "Sign in to start a job." : null);
        if (why is not null)
        {
            return await DeniedStartAsync(title, new Problem(ProblemKind.NotAllowed, why), CustomerOf(items), CustomerNameOf(items), null, cancellationToken);
        }

        // A plan comes from the circuit, which a crafted event can fill: what will be sent is checked as a single cancel is.
        foreach (var item in items.Where(i => i.Stage != JobItemStage.Done))
        {
            if ((PartnerCenterIds.CheckCustomerId(item.CustomerId, out _) ?? (item.Kind == JobItemKind.CancelOrder ? PartnerCenterIds.CheckOrderId(item.OrderId) : null))
                is { } invalid)
            {
                return await DeniedStartAsync(title, invalid, item.CustomerId, item.CustomerName, item.OrderId, cancellationToken);
            }
        }

        var job = new JobRecord
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            State = JobState.Queued,
            Title = title,
            CreatedAt = time.GetUtcNow(),
            CreatedByName = who.Name,
            CreatedById = who.Id,
            CreatedByTenant = who.Tenant,
            Actor = JobActor.Capture(user!),
            DeleteCustomers = deleteCustomers,
            RetryOf = retryOf,
            TotalItems = items.Count,
        };
        var sequence = 0;
        foreach (var item in items)
        {
            item.JobId = job.Id;
            item.Sequence = ++sequence;
        }

        // The job, its items and their records in one transaction: the plan's own decisions (skips) are outcomes too.
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        db.Jobs.Add(job);
        db.JobItems.AddRange(items);
        var retry = retryOf is { } of ? $" It retries the failed orders of job {of}." : "";
        db.Activity.Add(ActivityRecords.Job(who, job.CreatedAt, ActivityAction.JobStart, job.Id, ActivityOutcome.Applied,
            $"\"{title}\": {items.Count} items, {items.Count(i => i.Stage != JobItemStage.Done)} to send.{retry}", CustomerOf(items), CustomerNameOf(items)));
        db.Activity.AddRange(items.Where(i => i.Stage == JobItemStage.Done).Select(i => ActivityRecords.JobItem(job, i, job.CreatedAt)));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Job {JobId} \"{JobTitle}\" queued by {UserName} with {ItemCount} items", job.Id, title, job.CreatedByName, items.Count);
        signal.Wake();
        return job.Id;
    }

    /// <summary>A job start refused before anything was sent (the role, the production guard, invalid input): recorded as denied, with why.</summary>
    private async Task<Problem> DeniedStartAsync(
        string title, Problem problem, string? customerId, string? customerName, string? orderId, CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync(cancellationToken);
        logger.LogWarning("Job \"{JobTitle}\" refused for {UserName}, nothing sent: {Reason}", title, user?.Identity?.Name, problem.Message);
        await activity.AppendAsync(ActivityRecords.Job(ActivityActor.Of(user), time.GetUtcNow(), ActivityAction.JobStart, null, ActivityOutcome.Denied,
            $"\"{title}\" refused, nothing sent: {problem.Message}", customerId, customerName, orderId), CancellationToken.None);
        return problem;
    }

    /// <summary>A retry refused before anything was read or sent: recorded as denied, with why.</summary>
    private async Task<Problem> DeniedRetryAsync(Guid jobId, Problem problem, CancellationToken cancellationToken)
    {
        var who = ActivityActor.Of(await CurrentUserAsync(cancellationToken));
        // Under the job asked about, so that its records show the attempt.
        await activity.AppendAsync(ActivityRecords.Job(who, time.GetUtcNow(), ActivityAction.JobStart, jobId, ActivityOutcome.Denied,
            $"Retry of the failed orders of job {jobId} refused: {problem.Message}"), CancellationToken.None);
        return problem;
    }

    private async Task<System.Security.Claims.ClaimsPrincipal?> CurrentUserAsync(CancellationToken cancellationToken) =>
        users.FirstOrDefault() is { } accessor ? await accessor.GetUserAsync(cancellationToken) : null;

    private static JobItemRecord NewItem(JobItemKind kind, string customerId, string? customerName, PlannedOrder? order) => new()
    {
        Kind = kind,
        CustomerId = customerId,
        CustomerName = customerName,
        OrderId = order?.OrderId,
        OrderAlternateId = order?.AlternateId,
    };

    private static JobItemOutcome OutcomeOf(SkippedOrder skipped) =>
        skipped.Block == CancelBlock.AlreadyCancelled ? JobItemOutcome.AlreadyCancelled : JobItemOutcome.Skipped;

    /// <summary>An item the plan already decided (skipped with why, or already cancelled): never sent and never retried.</summary>
    private JobItemRecord Finished(JobItemRecord item, string reason, JobItemOutcome outcome = JobItemOutcome.Skipped)
    {
        item.Stage = JobItemStage.Done;
        item.Outcome = outcome;
        item.Description = reason;
        item.FinishedAt = time.GetUtcNow();
        return item;
    }

    /// <summary>The job's customer, when it has only one.</summary>
    private static string? CustomerOf(List<JobItemRecord> items) =>
        items.Select(i => i.CustomerId).Distinct(StringComparer.OrdinalIgnoreCase).Take(2).ToList() is [var only] ? only : null;

    private static string? CustomerNameOf(List<JobItemRecord> items) => CustomerOf(items) is null ? null : items[0].CustomerName;

    private static string Orders(int count) => count == 1 ? "1 order" : $"{count} orders";

    private static string Customers(int count) => count == 1 ? "1 customer" : $"{count} customers";

    private static string NamesOf(CleanUpPlan plan) =>
        plan.Customers.Count is > 0 and <= 3 ? $" ({string.Join(", ", plan.Customers.Select(c => c.Customer.CompanyName))})" : "";
}
