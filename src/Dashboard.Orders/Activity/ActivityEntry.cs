namespace Dashboard.Orders.Activity;

/// <summary>One record of the activity log, as the pages and the CSV export show it. Values are as they were given.</summary>
public sealed record ActivityEntry(
    long Id,
    DateTimeOffset At,
    string UserName,
    string? UserId,
    string? UserTenant,
    ActivityAction Action,
    string? CustomerId,
    string? CustomerName,
    string? OrderId,
    string? Lines,
    Guid? JobId,
    ActivityOutcome Outcome,
    string? Code,
    string? Detail,
    string? CorrelationId,
    string? RequestId,
    string Instance);
