using Dashboard.Orders.Activity;

namespace Dashboard.Orders.Storage;

/// <summary>
/// One entry of the activity log: who did what to which order or customer, when, and with what result. Written once and
/// never changed (docs/activity-log.md): the properties are init-only, the store refuses to save a change or a delete of
/// one, and the database refuses <c>UPDATE</c>s of the table.
/// </summary>
internal sealed class ActivityRecord
{
    public long Id { get; init; }

    /// <summary>When it happened (UTC).</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>The user's display name, or "unknown" when no one was signed in.</summary>
    public required string UserName { get; init; }

    /// <summary>The user's Entra ID object id (or the development user's).</summary>
    public string? UserId { get; init; }

    public string? UserTenant { get; init; }

    public ActivityAction Action { get; init; }

    public string? CustomerId { get; init; }

    public string? CustomerName { get; init; }

    public string? OrderId { get; init; }

    /// <summary>For a cancel of some lines: their numbers, e.g. "1, 3".</summary>
    public string? Lines { get; init; }

    public Guid? JobId { get; init; }

    public ActivityOutcome Outcome { get; init; }

    /// <summary>Partner Center's error code, when it refused or failed with one.</summary>
    public string? Code { get; init; }

    /// <summary>
    /// What a reader needs besides the outcome: Partner Center's description, what to check for an unknown outcome, the
    /// reason for a denial or a skip, what was exported.
    /// </summary>
    public string? Detail { get; init; }

    public string? CorrelationId { get; init; }

    public string? RequestId { get; init; }

    /// <summary>The dashboard instance that acted (host name and process).</summary>
    public required string Instance { get; init; }
}
