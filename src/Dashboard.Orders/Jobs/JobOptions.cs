using System.ComponentModel.DataAnnotations;

namespace Dashboard.Orders.Jobs;

/// <summary>How jobs run, bound from the <c>Jobs</c> section and validated at start-up.</summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>
    /// How many items of a job are in flight at once. Partner Center answers in a few hundred milliseconds, so a few
    /// calls in flight are needed to reach the rate limit; the limit, not this, sets the pace.
    /// </summary>
    [Range(1, 64, ErrorMessage = "Jobs:Parallelism must be between 1 and 64.")]
    public int Parallelism { get; set; } = 8;

    /// <summary>
    /// How long an instance holds a job without renewing its lease (renewed every third of it). When an instance dies,
    /// another takes its jobs over once the lease has run out.
    /// </summary>
    [Range(2, 600, ErrorMessage = "Jobs:LeaseSeconds must be between 2 and 600.")]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How often an idle instance looks for jobs to run or take over (a job started here starts at once).</summary>
    [Range(1, 3600, ErrorMessage = "Jobs:PollSeconds must be between 1 and 3600.")]
    public int PollSeconds { get; set; } = 5;

    /// <summary>
    /// How long an order whose cancel was accepted is read again until it reads cancelled (provisioning is
    /// asynchronous; orders can take 15 minutes to settle), before its outcome is reported unknown.
    /// </summary>
    [Range(0, 1440, ErrorMessage = "Jobs:ConfirmMinutes must be between 0 and 1440.")]
    public int ConfirmMinutes { get; set; } = 15;

    /// <summary>The first wait before such an order is read again; each wait doubles, up to a minute.</summary>
    [Range(1, 600, ErrorMessage = "Jobs:ConfirmFirstWaitSeconds must be between 1 and 600.")]
    public int ConfirmFirstWaitSeconds { get; set; } = 5;

    /// <summary>How long a job waits for an unreachable Partner Center before it stops and leaves the rest unsent.</summary>
    [Range(1, 1440, ErrorMessage = "Jobs:OutageMinutes must be between 1 and 1440.")]
    public int OutageMinutes { get; set; } = 10;

    internal TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
}
