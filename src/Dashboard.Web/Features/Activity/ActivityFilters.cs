using System.Globalization;
using Dashboard.Orders.Activity;
using Microsoft.Extensions.Primitives;

namespace Dashboard.Web.Features.Activity;

/// <summary>
/// What the activity page shows, as it stands in its URL: filters, sort and page. The page and its CSV download read
/// the same query string. Every value is read leniently: one that cannot be used means the default, never an error.
/// </summary>
internal sealed record ActivityFilters
{
    public static readonly int[] PageSizes = [25, 50, 100, 250];

    public static ActivityFilters Default { get; } = new();

    /// <summary>The first day shown (UTC), inclusive.</summary>
    public DateOnly? From { get; init; }

    /// <summary>The last day shown (UTC), inclusive.</summary>
    public DateOnly? To { get; init; }

    public string? User { get; init; }

    public string? Customer { get; init; }

    public string? Order { get; init; }

    public Guid? Job { get; init; }

    public ActivityAction? Action { get; init; }

    public ActivityOutcome? Outcome { get; init; }

    public ActivitySort Sort { get; init; } = ActivitySort.Time;

    public bool Descending { get; init; } = true;

    public int PageIndex { get; init; }

    public int PageSize { get; init; } = 50;

    /// <summary>Whether any filter narrows the records (sort and page aside).</summary>
    public bool HasFilters => this with { Sort = ActivitySort.Time, Descending = true, PageIndex = 0, PageSize = 50 } != Default;

    /// <summary>Reads the view from a query string's values, keeping what is usable.</summary>
    public static ActivityFilters Parse(Func<string, string?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new()
        {
            From = Day(value("from")),
            To = Day(value("to")),
            User = Text(value("user")),
            Customer = Text(value("customer")),
            Order = Text(value("order")),
            Job = Guid.TryParse(value("job"), out var job) ? job : null,
            Action = QueryValue.Named<ActivityAction>(value("action")),
            Outcome = QueryValue.Named<ActivityOutcome>(value("outcome")),
            Sort = QueryValue.Named<ActivitySort>(value("sort")) ?? ActivitySort.Time,
            Descending = !string.Equals(value("desc"), "false", StringComparison.OrdinalIgnoreCase),
            PageIndex = int.TryParse(value("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= 1_000_000 ? page - 1 : 0,
            PageSize = int.TryParse(value("size"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && PageSizes.Contains(size) ? size : 50,
        };
    }

    public static ActivityFilters Parse(IQueryCollection query) =>
        Parse(name => query.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null);

    /// <summary>The view as query parameters; defaults are left out (null).</summary>
    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>
    {
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["user"] = User,
        ["customer"] = Customer,
        ["order"] = Order,
        ["job"] = Job?.ToString(),
        ["action"] = Action?.ToString(),
        ["outcome"] = Outcome?.ToString(),
        ["sort"] = Sort == ActivitySort.Time ? null : Sort.ToString(),
        ["desc"] = Descending ? null : "false",
        ["page"] = PageIndex > 0 ? (PageIndex + 1).ToString(CultureInfo.InvariantCulture) : null,
        ["size"] = PageSize != 50 ? PageSize.ToString(CultureInfo.InvariantCulture) : null,
    };

    /// <summary>The filters and sort, without the page, as a query string ("?…" or empty), for the CSV download.</summary>
    public string ExportQueryString() =>
        QueryString.Create(ToQuery()
            .Where(p => p.Key is not ("page" or "size") && p.Value is string)
            .Select(p => new KeyValuePair<string, StringValues>(p.Key, (string)p.Value!))).ToUriComponent();

    /// <summary>The query for the log: days are whole UTC days, the last one included.</summary>
    public ActivityQuery ToActivityQuery() => new()
    {
        From = From is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
        To = To is { } to ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
        User = User,
        Customer = Customer,
        OrderId = Order,
        JobId = Job,
        Action = Action,
        Outcome = Outcome,
        Sort = Sort,
        Descending = Descending,
        Skip = PageIndex * PageSize,
        Take = PageSize,
    };

    private static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is > 2000 and < 9000
            ? day
            : null;

    // Long enough for any id or name: a longer value is cut there. Control characters (line breaks among them) are no
    // part of any id or name, and would forge lines in the log that records the export: they read as spaces.
    private static string? Text(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = new string([.. value.Take(MaxText).Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        return text.Length == 0 ? null : text;
    }

    private const int MaxText = 400;
}
