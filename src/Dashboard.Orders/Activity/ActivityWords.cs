namespace Dashboard.Orders.Activity;

/// <summary>How actions and outcomes read, on the activity page and in its CSV alike.</summary>
public static class ActivityWords
{
    public static string Action(ActivityAction action) => action switch
    {
        ActivityAction.CancelOrder => "Cancel order",
        ActivityAction.CancelLines => "Cancel lines",
        ActivityAction.JobStart => "Start job",
        ActivityAction.JobStop => "Stop job",
        ActivityAction.JobFinish => "Job finished",
        ActivityAction.JobCancelOrder => "Job: cancel order",
        ActivityAction.DeleteCustomer => "Delete customer",
        ActivityAction.Export => "Export CSV",
        _ => action.ToString(),
    };

    public static string Outcome(ActivityOutcome outcome) => outcome switch
    {
        ActivityOutcome.Applied => "Applied",
        ActivityOutcome.AlreadyDone => "Already done",
        ActivityOutcome.Refused => "Refused by Partner Center",
        ActivityOutcome.NotDone => "Not carried out",
        ActivityOutcome.Unknown => "Outcome unknown",
        ActivityOutcome.Denied => "Denied by the dashboard",
        ActivityOutcome.Skipped => "Skipped",
        _ => outcome.ToString(),
    };
}
