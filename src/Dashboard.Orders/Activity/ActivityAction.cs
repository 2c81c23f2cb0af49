namespace Dashboard.Orders.Activity;

/// <summary>What an activity record is about.</summary>
public enum ActivityAction
{
    /// <summary>A person cancelled a whole order.</summary>
    CancelOrder,

    /// <summary>A person cancelled some lines of an order.</summary>
    CancelLines,

    JobStart,
    JobStop,
    JobFinish,

    /// <summary>An order of a job: cancelled, skipped, refused, or with an unknown outcome.</summary>
    JobCancelOrder,

    /// <summary>A customer of a clean-up job: deleted, or why not.</summary>
    DeleteCustomer,

    /// <summary>A CSV download (the activity log's, or a job's outcomes).</summary>
    Export,
}
