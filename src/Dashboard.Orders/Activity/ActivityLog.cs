using Dashboard.Orders.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Orders.Activity;

/// <summary>Reads the activity log from the database, a page or a stream at a time, never whole.</summary>
internal sealed class ActivityLog(
    IDbContextFactory<DashboardDbContext> store,
    ActivityTrail trail,
    ILogger<ActivityLog> logger) : IActivityLog
{
    private const int OrderHistoryLimit = 200;

    public async Task<ActivityResults> QueryAsync(ActivityQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        var matching = Filtered(db.Activity.AsNoTracking(), query, db.Provider);
        var total = await matching.CountAsync(cancellationToken);
        var entries = await Sorted(matching, query)
            .Skip(Math.Max(0, query.Skip))
            .Take(Math.Clamp(query.Take, 1, ActivityQuery.MaxPageSize))
            .Select(ToEntry)
            .ToListAsync(cancellationToken);
        return new ActivityResults(entries, total);
    }

    public async Task<IReadOnlyList<ActivityEntry>> ForOrderAsync(string customerId, string orderId, CancellationToken cancellationToken = default)
    {
        var customer = Canonical(customerId);
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        return await db.Activity.AsNoTracking()
            .Where(r => r.CustomerId == customer && r.OrderId == orderId)
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
            .Take(OrderHistoryLimit)
            .Select(ToEntry)
            .ToListAsync(cancellationToken);
    }

    public async Task<int> ExportCsvAsync(ActivityQuery query, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(output);
        await using var db = await store.CreateDbContextAsync(cancellationToken);

        // The file holds what matched when it was asked for: records written while it streams (its own record among
        // them) are left out, and the count recorded is the count written.
        var last = await db.Activity.MaxAsync(r => (long?)r.Id, cancellationToken) ?? 0;
        var matching = Filtered(db.Activity.AsNoTracking(), query, db.Provider).Where(r => r.Id <= last);
        var count = await matching.CountAsync(cancellationToken);
        var who = await trail.CurrentActorAsync(cancellationToken);
        await trail.AppendAsync(ActivityRecords.Export(who, trail.Now, $"Activity log CSV: {count} {(count == 1 ? "record" : "records")}. {Describe(query)}"), cancellationToken);
        logger.LogInformation("Activity log exported by {UserName}: {Count} records ({Filters})", LogText.Clean(who.Name), count, LogText.Clean(Describe(query)));

        return await ActivityCsv.WriteAsync(Sorted(matching, query).Select(ToEntry).AsAsyncEnumerable(), output, cancellationToken);
    }

    private static IQueryable<ActivityRecord> Filtered(IQueryable<ActivityRecord> records, ActivityQuery query, StoreProvider provider)
    {
        // A part of a name matches whatever its case: SQLite's LIKE ignores the case of ASCII letters, PostgreSQL's
        // does not, and its ILIKE is the same match.
        var caseless = provider == StoreProvider.PostgreSql;

        if (query.From is { } from)
        {
            var utc = from.ToUniversalTime();
            records = records.Where(r => r.At >= utc);
        }

        if (query.To is { } to)
        {
            var utc = to.ToUniversalTime();
            records = records.Where(r => r.At < utc);
        }

        if (Trimmed(query.User) is { } user)
        {
            var pattern = Like(user);
            records = caseless
                ? records.Where(r => EF.Functions.ILike(r.UserName, pattern, "\\") || r.UserId == user)
                : records.Where(r => EF.Functions.Like(r.UserName, pattern, "\\") || r.UserId == user);
        }

        if (Trimmed(query.Customer) is { } customer)
        {
            var pattern = Like(customer);
            var id = Canonical(customer);
            records = caseless
                ? records.Where(r => r.CustomerId == id || EF.Functions.ILike(r.CustomerName!, pattern, "\\"))
                : records.Where(r => r.CustomerId == id || EF.Functions.Like(r.CustomerName!, pattern, "\\"));
        }

        if (Trimmed(query.OrderId) is { } order)
        {
            records = records.Where(r => r.OrderId == order);
        }

        if (query.JobId is { } job)
        {
            records = records.Where(r => r.JobId == job);
        }

        if (query.Action is { } action)
        {
            records = records.Where(r => r.Action == action);
        }

        if (query.Outcome is { } outcome)
        {
            records = records.Where(r => r.Outcome == outcome);
        }

        return records;
    }

    private static IQueryable<ActivityRecord> Sorted(IQueryable<ActivityRecord> records, ActivityQuery query)
    {
        var sorted = (query.Sort, query.Descending) switch
        {
            (ActivitySort.User, false) => records.OrderBy(r => r.UserName),
            (ActivitySort.User, true) => records.OrderByDescending(r => r.UserName),
            (ActivitySort.Action, false) => records.OrderBy(r => r.Action),
            (ActivitySort.Action, true) => records.OrderByDescending(r => r.Action),
            // Records without a customer first, then last: SQLite and PostgreSQL place nulls at opposite ends on their own.
            (ActivitySort.Customer, false) => records.OrderBy(r => r.CustomerName != null).ThenBy(r => r.CustomerName).ThenBy(r => r.CustomerId),
            (ActivitySort.Customer, true) => records.OrderByDescending(r => r.CustomerName != null).ThenByDescending(r => r.CustomerName).ThenByDescending(r => r.CustomerId),
            (ActivitySort.Outcome, false) => records.OrderBy(r => r.Outcome),
            (ActivitySort.Outcome, true) => records.OrderByDescending(r => r.Outcome),
            (_, false) => records.OrderBy(r => r.At).ThenBy(r => r.Id),
            _ => records.OrderByDescending(r => r.At).ThenByDescending(r => r.Id),
        };
        return query.Sort == ActivitySort.Time ? sorted : sorted.ThenByDescending(r => r.At).ThenByDescending(r => r.Id);
    }

    private static readonly System.Linq.Expressions.Expression<Func<ActivityRecord, ActivityEntry>> ToEntry = r => new ActivityEntry(
        r.Id, r.At, r.UserName, r.UserId, r.UserTenant, r.Action, r.CustomerId, r.CustomerName, r.OrderId, r.Lines, r.JobId, r.Outcome,
        r.Code, r.Detail, r.CorrelationId, r.RequestId, r.Instance);

    /// <summary>A customer id as records keep it (Partner Center's form, however it was typed); anything else as given.</summary>
    private static string Canonical(string customerId) =>
        PartnerCenterIds.CheckCustomerId(customerId, out var canonical) is null ? canonical : customerId;

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A LIKE pattern that matches <paramref name="part"/> anywhere, its own wildcards taken literally.</summary>
    private static string Like(string part) =>
        "%" + part.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    /// <summary>The filters of an export, in words, for its own record.</summary>
    internal static string Describe(ActivityQuery query)
    {
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null && (value is not string text || !string.IsNullOrWhiteSpace(text)))
            {
                parts.Add($"{name} {value}");
            }
        }

        Add("from", query.From?.ToUniversalTime().ToString("u", System.Globalization.CultureInfo.InvariantCulture));
        Add("to", query.To?.ToUniversalTime().ToString("u", System.Globalization.CultureInfo.InvariantCulture));
        Add("user", query.User);
        Add("customer", query.Customer);
        Add("order", query.OrderId);
        Add("job", query.JobId);
        Add("action", query.Action);
        Add("outcome", query.Outcome);
        return parts.Count == 0 ? "No filters." : $"Filters: {string.Join("; ", parts)}.";
    }
}
