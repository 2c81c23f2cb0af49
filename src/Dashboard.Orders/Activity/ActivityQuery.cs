namespace Dashboard.Orders.Activity;

/// <summary>
/// Which records of the activity log to read, in what order, and which page of them. Every filter is optional; text
/// filters match a part of the value (user: name or object id; customer: id or name), the order id matches whole.
/// </summary>
public sealed record ActivityQuery
{
    /// <summary>The most records one page holds.</summary>
    public const int MaxPageSize = 500;

    public DateTimeOffset? From { get; init; }

    /// <summary>Records before this time (exclusive).</summary>
    public DateTimeOffset? To { get; init; }

    public string? User { get; init; }

    public string? Customer { get; init; }

    public string? OrderId { get; init; }

    public Guid? JobId { get; init; }

    public ActivityAction? Action { get; init; }

    public ActivityOutcome? Outcome { get; init; }

    public ActivitySort Sort { get; init; } = ActivitySort.Time;

    public bool Descending { get; init; } = true;

    public int Skip { get; init; }

    public int Take { get; init; } = 50;
}
