using Dashboard.Orders.Jobs;
using Dashboard.Web.Features.Access;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Jobs;

/// <summary>
/// One job, live: read from the database every second while it runs (so every instance and every user sees the same),
/// with Stop and "retry the failed ones" for users with the cancel role, and its outcomes as CSV.
/// </summary>
public sealed partial class JobPage
{
    /// <summary>How often a running job is read again.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(1);

    private JobDetails? _job;
    private bool _notFound;
    private bool _failed;
    private bool _acting;
    private CancelRight _right = CancelRight.None;
    private ITimer? _timer;
    private Guid _id;

    [Parameter]
    public required string JobId { get; set; }

    [Inject]
    public required IJobService Jobs { get; init; }

    [Inject]
    public required CancelRights CancelRights { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required JobFlows JobFlows { get; init; }

    [Inject]
    public required ILogger<JobPage> Logger { get; init; }

    private List<BreadcrumbItem> Breadcrumbs => [new("Jobs", "jobs"), new(_job?.Job.Title ?? "Job", null)];

    protected override async Task OnInitializedAsync()
    {
        _right = await CancelRights.ForCurrentUserAsync();
        _timer = Time.CreateTimer(_ => _ = InvokeAsync(TickAsync), null, RefreshEvery, RefreshEvery);
    }

    protected override async Task OnParametersSetAsync()
    {
        _job = null;
        _notFound = !Guid.TryParse(JobId, out _id);
        if (!_notFound)
        {
            await RefreshAsync();
        }
    }

    private async Task TickAsync()
    {
        // A finished job does not change: it is not read again.
        if (!HasLeft && !_notFound && (_job is null || _job.Job.IsActive))
        {
            await RefreshAsync();
            StateHasChanged();
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            var job = await Jobs.GetJobAsync(_id, PageToken);
            _notFound = job is null;
            _job = job;
            _failed = false;
        }
        catch (OperationCanceledException)
        {
            // The user left.
        }
        catch (Exception ex)
        {
            // The store did not answer: what is shown stays, and the next tick tries again.
            if (!_failed)
            {
                Logger.LogWarning(ex, "Job {JobId} could not be read from the dashboard's database; the page tries again", _id);
            }

            _failed = true;
        }
    }

    private async Task StopAsync()
    {
        _acting = true;
        try
        {
            Outcome<JobSummary> stopped;
            try
            {
                stopped = await Jobs.StopAsync(_id, CancellationToken.None);
            }
            catch (Exception ex) when (ex is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                stopped = new Problem(ProblemKind.Unavailable, "the dashboard's database did not answer. Try again in a moment.");
            }

            if (!stopped.Succeeded)
            {
                Snackbar.Add($"The job was not stopped: {stopped.Problem.Message}", Severity.Error);
                return;
            }

            Snackbar.Add("Stopping: nothing new is sent, and what was sent is read back.", Severity.Info);
            await RefreshAsync();
        }
        finally
        {
            _acting = false;
        }
    }

    /// <summary>The failed orders are planned afresh and confirmed in the same dialog as any job, typed confirmation included.</summary>
    private async Task RetryAsync()
    {
        _acting = true;
        try
        {
            await JobFlows.RetryAsync(_id, PageToken);
        }
        finally
        {
            _acting = false;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _timer?.Dispose();
        }

        base.Dispose(disposing);
    }
}
