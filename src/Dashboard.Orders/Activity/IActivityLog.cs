namespace Dashboard.Orders.Activity;

/// <summary>
/// The dashboard's activity log, as readers and operators see it: who cancelled or deleted what, when, with what
/// result. Read-only here: records are written by the actions themselves, and never changed.
/// </summary>
public interface IActivityLog
{
    /// <summary>One page of the records that match the query's filters, in its order, and how many match in all.</summary>
    Task<ActivityResults> QueryAsync(ActivityQuery query, CancellationToken cancellationToken = default);

    /// <summary>The history of one order, newest first (at most the last 200 records).</summary>
    Task<IReadOnlyList<ActivityEntry>> ForOrderAsync(string customerId, string orderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes every record that matches the query's filters (in its order; paging ignored) to <paramref name="output"/>
    /// as CSV, streamed from the database, after recording the export itself for the current user. Returns how many
    /// records were written. Throws when the export cannot be recorded, so that no export goes unrecorded.
    /// </summary>
    Task<int> ExportCsvAsync(ActivityQuery query, Stream output, CancellationToken cancellationToken = default);
}
