using Dashboard.Orders.Jobs;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Jobs;

/// <summary>
/// Preview-then-start, shared by the orders and customers pages: the job service plans (nothing sent), the dialog shows
/// the plan and asks, the job service starts the job, and the user is taken to the job's page. A problem is reported in
/// a snackbar, which lives in the layout.
/// </summary>
public sealed class JobFlows(IJobService jobs, IDialogService dialogs, ISnackbar snackbar, NavigationManager navigation, ILogger<JobFlows> logger)
{
    /// <summary>Previews cancelling <paramref name="orderIds"/> of a customer and, when the user confirms, starts the job.</summary>
    public async Task<Guid?> BulkCancelAsync(string customerId, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken)
    {
        var plan = await jobs.PreviewBulkCancelAsync(customerId, orderIds, cancellationToken).OrUnavailable();
        if (!plan.Succeeded)
        {
            Report("The preview could not be made", plan.Problem);
            return null;
        }

        return await ConfirmAndStartAsync(plan.Value);
    }

    /// <summary>Plans the retry of a finished job's failed items afresh and, when the user confirms it like any plan, starts it.</summary>
    public async Task<Guid?> RetryAsync(Guid jobId, CancellationToken cancellationToken)
    {
        var plan = await jobs.PlanRetryAsync(jobId, cancellationToken).OrUnavailable();
        if (!plan.Succeeded)
        {
            Report("The failed orders could not be planned again", plan.Problem);
            return null;
        }

        return plan.Value switch
        {
            { BulkCancel: { } preview } => await ConfirmAndStartAsync(preview),
            { CleanUp: { } cleanUp } => await ConfirmAndStartAsync(cleanUp),
            _ => null,
        };
    }

    private async Task<Guid?> ConfirmAndStartAsync(BulkCancelPlan plan)
    {
        var parameters = new DialogParameters<BulkCancelDialog> { { d => d.Plan, plan } };
        var dialog = await dialogs.ShowAsync<BulkCancelDialog>("Cancel orders", parameters, Options);
        if (await dialog.Result is not { Canceled: false })
        {
            return null;
        }

        return Started(await RecordedAsync(() => jobs.StartBulkCancelAsync(plan, CancellationToken.None)));
    }

    private async Task<Guid?> ConfirmAndStartAsync(CleanUpPlan plan)
    {
        var parameters = new DialogParameters<CleanUpDialog> { { d => d.Plan, plan } };
        var dialog = await dialogs.ShowAsync<CleanUpDialog>("Clean up customers", parameters, Options);
        if (await dialog.Result is not { Canceled: false, Data: bool delete })
        {
            return null;
        }

        return Started(await RecordedAsync(() => jobs.StartCleanUpAsync(plan, delete, CancellationToken.None)));
    }

    /// <summary>Plans the clean-up of <paramref name="customerIds"/> and, when the user confirms, starts the job.</summary>
    public async Task<Guid?> CleanUpAsync(IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken)
    {
        var plan = await jobs.PlanCleanUpAsync(customerIds, cancellationToken).OrUnavailable();
        if (!plan.Succeeded)
        {
            Report("The clean-up could not be planned", plan.Problem);
            return null;
        }

        return await ConfirmAndStartAsync(plan.Value);
    }

    /// <summary>
    /// A start that could not be written to the dashboard's database sent nothing: it is a problem to show, not an error
    /// that ends the page.
    /// </summary>
    private async Task<Outcome<Guid>> RecordedAsync(Func<Task<Outcome<Guid>>> start)
    {
        try
        {
            return await start();
        }
        catch (Exception ex) when (ex is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            logger.LogError(ex, "A job could not be recorded in the dashboard's database; nothing was sent");
            return new Problem(ProblemKind.Unavailable, "The dashboard's database did not answer, so the job was not recorded and nothing was sent. Try again in a minute.");
        }
    }

    private static DialogOptions Options => new() { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true };

    private Guid? Started(Outcome<Guid> started)
    {
        if (!started.Succeeded)
        {
            Report("The job was not started", started.Problem);
            return null;
        }

        snackbar.Add("The job has started. It goes on if you leave this page.", Severity.Info);
        navigation.NavigateTo($"jobs/{started.Value}");
        return started.Value;
    }

    private void Report(string what, Problem problem) =>
        snackbar.Add(problem.CorrelationId is null ? $"{what}: {problem.Message}" : $"{what}: {problem.Message} (correlation id {problem.CorrelationId})", Severity.Error);
}
