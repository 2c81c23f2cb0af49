namespace Dashboard.Orders.Activity;

/// <summary>One page of the activity log, and how many records the filters match in all.</summary>
public sealed record ActivityResults(IReadOnlyList<ActivityEntry> Entries, int Total);
