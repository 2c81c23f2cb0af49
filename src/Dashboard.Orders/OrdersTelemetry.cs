using System.Diagnostics;
using System.Diagnostics.Metrics;
using Dashboard.Orders.Activity;

namespace Dashboard.Orders;

/// <summary>
/// What the order desk reports to OpenTelemetry, when the host listens (docs/observability.md): a span for each cancel
/// a person asks for (<see cref="Source"/>), under which its Partner Center attempts are traced, and the meter
/// <c>Dashboard.Orders</c>: cancels by outcome, and job items as they end, by outcome (their rate is the jobs' pace).
/// </summary>
internal sealed class OrdersTelemetry
{
    public const string Name = "Dashboard.Orders";

    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _cancels;
    private readonly Counter<long> _jobItems;

    public OrdersTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _cancels = meter.CreateCounter<long>("dashboard.cancels", "{cancel}", "Cancels people asked for, by outcome as the activity log words it.");
        _jobItems = meter.CreateCounter<long>("dashboard.job_items", "{item}", "Job items that ended, by kind and outcome; per minute, the jobs' pace.");
    }

    public void Cancelled(ActivityOutcome outcome, bool lines) =>
        _cancels.Add(1, new("dashboard.outcome", outcome.ToString()), new("dashboard.cancel", lines ? "lines" : "order"));

    public void JobItemEnded(Jobs.JobItemKind kind, Jobs.JobItemOutcome outcome) =>
        _jobItems.Add(1, new("dashboard.job_item", kind.ToString()), new("dashboard.outcome", outcome.ToString()));
}
