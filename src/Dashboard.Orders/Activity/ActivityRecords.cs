using Dashboard.Orders.Jobs;
using Dashboard.Orders.Storage;

namespace Dashboard.Orders.Activity;

/// <summary>The activity records of each action, made from what the action knows; one place for how outcomes read.</summary>
internal static class ActivityRecords
{
    /// <summary>The dashboard instance that writes: its host name and process, as a lease owner's start.</summary>
    public static readonly string Instance = DashboardInstance.Name;

    /// <summary>
    /// A person's cancel of an order or of some of its lines, whatever its outcome, with the ids of what was sent: the
    /// request id (null when nothing was sent) and each attempt's correlation id, the last one kept as the record's.
    /// </summary>
    public static ActivityRecord Cancel(
        ActivityActor who, DateTimeOffset at, string customerId, string? customerName, string orderId, IReadOnlyCollection<int>? lines,
        Outcome<Order> outcome, string? requestId, IReadOnlyList<string> correlationIds)
    {
        var (result, code, detail) = outcome.Succeeded
            ? (ActivityOutcome.Applied, null, $"Partner Center reports the order as {outcome.Value.StatusText ?? "changed"}.")
            : Of(outcome.Problem);
        if (correlationIds.Count > 1)
        {
            detail += $" Sent {correlationIds.Count} times with the same request id; the attempts' MS-CorrelationIds: {string.Join(", ", correlationIds)}.";
        }

        return new ActivityRecord
        {
            At = at,
            UserName = who.Name,
            UserId = who.Id,
            UserTenant = who.Tenant,
            Action = lines is null ? ActivityAction.CancelOrder : ActivityAction.CancelLines,
            CustomerId = customerId,
            CustomerName = customerName,
            OrderId = orderId,
            Lines = lines is null ? null : string.Join(", ", lines.Order()),
            Outcome = result,
            Code = code,
            Detail = detail,
            CorrelationId = correlationIds.Count > 0 ? correlationIds[^1] : null,
            RequestId = requestId,
            Instance = Instance,
        };
    }

    /// <summary>How one item of a job ended, for the job's user.</summary>
    public static ActivityRecord JobItem(JobRecord job, JobItemRecord item, DateTimeOffset at) => new()
    {
        At = at,
        UserName = job.CreatedByName,
        UserId = job.CreatedById,
        UserTenant = job.CreatedByTenant,
        Action = item.Kind == JobItemKind.DeleteCustomer ? ActivityAction.DeleteCustomer : ActivityAction.JobCancelOrder,
        CustomerId = item.CustomerId,
        CustomerName = item.CustomerName,
        OrderId = item.OrderId,
        JobId = job.Id,
        Outcome = item.Outcome switch
        {
            JobItemOutcome.Cancelled => ActivityOutcome.Applied,
            JobItemOutcome.AlreadyCancelled => ActivityOutcome.AlreadyDone,
            JobItemOutcome.Refused => ActivityOutcome.Refused,
            JobItemOutcome.Skipped => ActivityOutcome.Skipped,
            _ => ActivityOutcome.Unknown,
        },
        Code = item.ErrorCode,
        Detail = item.Description,
        CorrelationId = item.CorrelationId,
        RequestId = item.RequestId,
        Instance = Instance,
    };

    /// <summary>A job started, stopped or finished (or refused: <paramref name="orderId"/> names an order it was refused for), by <paramref name="who"/>.</summary>
    public static ActivityRecord Job(
        ActivityActor who, DateTimeOffset at, ActivityAction action, Guid? jobId, ActivityOutcome outcome, string? detail, string? customerId = null,
        string? customerName = null, string? orderId = null) => new()
    {
        At = at,
        UserName = who.Name,
        UserId = who.Id,
        UserTenant = who.Tenant,
        Action = action,
        CustomerId = customerId,
        CustomerName = customerName,
        OrderId = orderId,
        JobId = jobId,
        Outcome = outcome,
        Detail = detail,
        Instance = Instance,
    };

    /// <summary>A CSV download of <paramref name="what"/>.</summary>
    public static ActivityRecord Export(ActivityActor who, DateTimeOffset at, string what, Guid? jobId = null) =>
        Job(who, at, ActivityAction.Export, jobId, ActivityOutcome.Applied, what);

    /// <summary>How a problem reads in the log: its outcome, Partner Center's code, and its message.</summary>
    public static (ActivityOutcome Outcome, string? Code, string Detail) Of(Problem problem) => problem.Kind switch
    {
        ProblemKind.NotAllowed or ProblemKind.InvalidInput => (ActivityOutcome.Denied, null, problem.Message),
        ProblemKind.Refused or ProblemKind.NotFound => (ActivityOutcome.Refused, problem.PartnerCenterCode, problem.Message),
        ProblemKind.OutcomeUnknown => (ActivityOutcome.Unknown, problem.PartnerCenterCode, problem.Message),
        _ => (ActivityOutcome.NotDone, problem.PartnerCenterCode, problem.Message),
    };
}
