namespace Dashboard.Orders.Activity;

/// <summary>How what an activity record describes ended.</summary>
public enum ActivityOutcome
{
    /// <summary>Done as asked: the order cancelled, the customer deleted, the job started, the file exported.</summary>
    Applied,

    /// <summary>It was already so: the order already cancelled, the customer already gone.</summary>
    AlreadyDone,

    /// <summary>Partner Center said no, with its code and description.</summary>
    Refused,

    /// <summary>Not carried out, and nothing changed: Partner Center throttled it or could not be reached.</summary>
    NotDone,

    /// <summary>Sent, but whether it was applied is not known: what Partner Center reports, and what to check.</summary>
    Unknown,

    /// <summary>The dashboard refused before sending anything: the role, the production guard, invalid input.</summary>
    Denied,

    /// <summary>A job's item that was not sent, with why.</summary>
    Skipped,
}
