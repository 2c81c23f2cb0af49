namespace Dashboard.Orders.Jobs;

// The small vocabularies of a job, kept together: each is a handful of names that only make sense side by side.

/// <summary>What a job does.</summary>
public enum JobKind
{
    /// <summary>Cancels chosen orders of one customer.</summary>
    BulkCancel,

    /// <summary>Cancels the orders of whole customers and, when asked, deletes the customers afterwards.</summary>
    CustomerCleanUp,
}

/// <summary>Where a job is in its life (the states AWS S3 Batch Operations and Shopify's bulk operations also use).</summary>
public enum JobState
{
    /// <summary>Waiting for an instance of the dashboard to take it.</summary>
    Queued,
    Running,

    /// <summary>Stop was asked: nothing new is sent; what was sent is being read back.</summary>
    Stopping,
    Stopped,
    Completed,

    /// <summary>The job could not run (refused before anything was sent, or Partner Center stayed out of reach).</summary>
    Failed,
}

/// <summary>What one item of a job does.</summary>
public enum JobItemKind
{
    CancelOrder,
    DeleteCustomer,
}

/// <summary>How far an item has gone; an item's <c>MS-RequestId</c> is stored before it leaves <see cref="Pending"/>.</summary>
public enum JobItemStage
{
    /// <summary>Nothing has been sent for it.</summary>
    Pending,

    /// <summary>Its request may have been sent: after a crash it is sent again with the same <c>MS-RequestId</c>.</summary>
    Sending,

    /// <summary>Partner Center accepted the cancel and the order still reads as pending: it is read again until it reads cancelled.</summary>
    Confirming,
    Done,
}

/// <summary>How an item ended. Every item of a finished job has exactly one of these.</summary>
public enum JobItemOutcome
{
    /// <summary>Not finished yet.</summary>
    None,

    /// <summary>Cancelled by this job (for a customer item: deleted by this job).</summary>
    Cancelled,

    /// <summary>It was already cancelled (or the customer already gone) when the job came to it.</summary>
    AlreadyCancelled,

    /// <summary>Partner Center said no, with its code and description.</summary>
    Refused,

    /// <summary>Not sent, with the reason.</summary>
    Skipped,

    /// <summary>Sent, but whether it was applied is not known: what Partner Center now reports, and what to check.</summary>
    Unknown,
}
