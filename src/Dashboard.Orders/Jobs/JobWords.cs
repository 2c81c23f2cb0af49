namespace Dashboard.Orders.Jobs;

/// <summary>The words the pages and the CSV use for states and outcomes, in one place.</summary>
public static class JobWords
{
    public static string Outcome(JobItemView item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return (item.Kind, item.Outcome, item.Stage) switch
        {
            (_, JobItemOutcome.None, JobItemStage.Pending) => "waiting",
            (_, JobItemOutcome.None, JobItemStage.Sending) => "sending",
            (_, JobItemOutcome.None, JobItemStage.Confirming) => "confirming",
            (_, JobItemOutcome.None, _) => "in progress",
            (JobItemKind.DeleteCustomer, JobItemOutcome.Cancelled, _) => "deleted",
            (JobItemKind.DeleteCustomer, JobItemOutcome.AlreadyCancelled, _) => "already deleted",
            (_, JobItemOutcome.Cancelled, _) => "cancelled",
            (_, JobItemOutcome.AlreadyCancelled, _) => "already cancelled",
            (_, JobItemOutcome.Refused, _) => "refused",
            (_, JobItemOutcome.Skipped, _) => "skipped",
            _ => "outcome unknown",
        };
    }

    public static string State(JobState state) => state switch
    {
        JobState.Queued => "Queued",
        JobState.Running => "Running",
        JobState.Stopping => "Stopping",
        JobState.Stopped => "Stopped",
        JobState.Completed => "Finished",
        _ => "Failed",
    };
}
