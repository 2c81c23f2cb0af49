using Dashboard.Orders.Jobs;

namespace Dashboard.Web.Tests.Features.Jobs;

/// <summary>Plans and jobs shaped like the job service's, for the dialogs and job pages to show.</summary>
internal static class JobSamples
{
    public static readonly Guid JobId = Guid.Parse("6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");

    public static readonly DateTimeOffset Created = new(2026, 11, 25, 8, 30, 0, TimeSpan.Zero);

    /// <summary>An order as a plan lists it.</summary>
    public static PlannedOrder Planned(Order order, string customerName = "Contoso Ltd") => new(
        order.CustomerId, customerName, order.Id, order.AlternateId, string.Join(", ", order.LineItems.Select(l => l.ProductName).Distinct()),
        order.ProductKind, order.Status, order.CreatedAt);

    /// <summary>A preview of cancelling <paramref name="toSend"/> of Contoso, skipping <paramref name="skipped"/>.</summary>
    public static BulkCancelPlan Preview(IEnumerable<Order> toSend, params SkippedOrder[] skipped)
    {
        var send = toSend.Select(o => Planned(o)).ToList();
        return new BulkCancelPlan(Sandbox.Contoso.Id, Sandbox.Contoso.CompanyName, send, skipped, send.Count, TimeSpan.FromSeconds(75), 60);
    }

    public static SkippedOrder Skipped(Order order, CancelBlock block, string reason) => new(Planned(order), block, reason);

    /// <summary>The clean-up plan of one customer: <paramref name="toCancel"/> to cancel, and what blocks deleting it.</summary>
    public static CustomerCleanUp CleanUpOf(Customer customer, IEnumerable<Order> toCancel, params DeletionBlocker[] blockers) =>
        new(customer, [.. toCancel.Select(o => Planned(o, customer.CompanyName))], blockers, 1, null);

    public static CleanUpPlan CleanUp(params CustomerCleanUp[] customers) =>
        new(customers, customers.Sum(c => c.ToCancel.Count + 1), TimeSpan.FromSeconds(20), 60);

    /// <summary>A bulk cancel of ten orders, started by Olivia, in <paramref name="state"/> with <paramref name="counts"/>.</summary>
    public static JobSummary Job(JobState state, params (JobItemOutcome Outcome, int Count)[] counts) => new(
        JobId, JobKind.BulkCancel, state, "Cancel 10 orders of Contoso Ltd", "Olivia Operator", Created, Created.AddSeconds(2),
        state is JobState.Queued or JobState.Running or JobState.Stopping ? null : Created.AddMinutes(3),
        counts.Sum(c => c.Count), counts.ToDictionary(c => c.Outcome, c => c.Count), Calls: 0, CallsPerMinute: 0, TimeLeft: null,
        PausedUntil: null, PauseReason: null, Message: null, RetryOf: null, DeleteCustomers: false);

    /// <summary>A running job: 4 of 10 done (3 cancelled, 1 refused), 8 calls at 30 a minute, two minutes left.</summary>
    public static JobSummary Running() =>
        Job(JobState.Running, (JobItemOutcome.Cancelled, 3), (JobItemOutcome.Refused, 1), (JobItemOutcome.None, 6))
            with { Calls = 8, CallsPerMinute = 30, TimeLeft = TimeSpan.FromMinutes(2) };

    /// <summary>A finished job with one or two items in every outcome; three of them a retry would send again.</summary>
    public static JobSummary FinishedWithMixedOutcomes() =>
        Job(JobState.Completed, (JobItemOutcome.Cancelled, 2), (JobItemOutcome.AlreadyCancelled, 1), (JobItemOutcome.Refused, 1),
            (JobItemOutcome.Skipped, 1), (JobItemOutcome.Unknown, 2)) with { Calls = 9, CallsPerMinute = 12, Retryable = 3 };

    public static JobItemView Item(
        int sequence, JobItemOutcome outcome, string? code = null, string? description = null, string? correlationId = null, string? requestId = null) =>
        new(sequence, JobItemKind.CancelOrder, Sandbox.Contoso.Id, Sandbox.Contoso.CompanyName, $"order-{sequence:000}", $"{sequence:000000000000}",
            outcome == JobItemOutcome.None ? JobItemStage.Pending : JobItemStage.Done, outcome, code, description, correlationId, requestId,
            outcome == JobItemOutcome.None ? null : Created.AddSeconds(10 * sequence));

    public static JobDetails Details(JobSummary job, params JobItemView[] items) => new(job, items);
}
