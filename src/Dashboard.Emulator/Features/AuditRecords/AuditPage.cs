using System.Globalization;
using System.Text.Json;
using Dashboard.Emulator.Api;

namespace Dashboard.Emulator.Features.AuditRecords;

/// <summary>
/// Where a listing of audit records is (docs/partner-center.md#audit-records): the page size, the window in UTC ticks
/// (both ends included), the filter, and the last record seen. The continuation token is this, opaque to callers.
/// </summary>
internal sealed record AuditPage(
    int Size, long FromTicks, long ToTicks, bool EndGiven, string? FilterField, string? FilterValue, long? AfterTicks = null)
{
    public const int DefaultSize = 500;
    public const int MaxSize = 500;

    /// <summary>How far back Partner Center keeps audit records: an older start date is refused.</summary>
    public const int RetentionDays = 90;

    /// <summary>The window when no start date is given.</summary>
    public const int DefaultWindowDays = 30;

    public static (AuditPage? Page, string? Error) First(string? size, string? startDate, string? endDate, string? filter, DateTimeOffset now)
    {
        var pageSize = DefaultSize;
        if (!string.IsNullOrEmpty(size))
        {
            if (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize))
            {
                return (null, $"size must be a whole number (it is '{size}')");
            }

            pageSize = pageSize == 0 ? DefaultSize : Math.Min(pageSize, MaxSize);
        }

        var from = now.AddDays(-DefaultWindowDays);
        if (!string.IsNullOrEmpty(startDate) && !TryParseDate(startDate, out from))
        {
            return (null, $"startDate must be a date such as 2026-11-01 (it is '{startDate}')");
        }

        // "Greater than 90 days prior to the current date", counted in whole days.
        if (from.UtcDateTime.Date < now.UtcDateTime.Date.AddDays(-RetentionDays))
        {
            return (null, $"startDate must be within the last {RetentionDays} days; older activity is not kept");
        }

        // Without an end date, today is the end date: the whole of today (UTC).
        var to = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        if (!string.IsNullOrEmpty(endDate))
        {
            if (!TryParseDate(endDate, out to))
            {
                return (null, $"endDate must be a date such as 2026-11-30 (it is '{endDate}')");
            }

        }

        // A date without a time of day is the whole of that day.
        if (to.TimeOfDay == TimeSpan.Zero)
        {
            to = to.AddDays(1).AddTicks(-1);
        }

        if (to < from)
        {
            return (null, "endDate must not be before startDate");
        }

        var (field, value, error) = string.IsNullOrEmpty(filter) ? (null, null, null) : ParseFilter(filter);
        return error is null
            ? (new AuditPage(pageSize, from.UtcTicks, to.UtcTicks, !string.IsNullOrEmpty(endDate), field, value), null)
            : (null, error);
    }

    /// <summary>The query this page answers, for <c>links.self</c>.</summary>
    public string SelfUri()
    {
        var query = $"/auditrecords?startDate={Uri.EscapeDataString(Format(FromTicks))}"
            + (EndGiven ? $"&endDate={Uri.EscapeDataString(FormatEnd(ToTicks))}" : "")
            + $"&size={Size.ToString(CultureInfo.InvariantCulture)}";
        return FilterField is null ? query : query + $"&filter={Uri.EscapeDataString(FilterJson())}";
    }

    public string FilterJson() => JsonSerializer.Serialize(new Dictionary<string, string?>
    {
        ["Field"] = FilterField,
        ["Value"] = FilterValue,
        ["Operator"] = FilterField == "CompanyName" ? "substring" : "equals",
    });

    public string ToToken() => SeekToken.Write(this);

    /// <summary>
    /// The page a continuation token names, or null when it is not one this emulator wrote for a window it still keeps:
    /// a token is the caller's to send back, so every field is checked as if typed (ticks in range, a known filter with
    /// a value, a start no older than the retention).
    /// </summary>
    public static AuditPage? FromToken(string token, DateTimeOffset now) =>
        SeekToken.Read<AuditPage>(token) is { Size: > 0 and <= MaxSize, AfterTicks: { } after } page
        && page.FromTicks >= 0 && page.FromTicks <= page.ToTicks && page.ToTicks <= DateTime.MaxValue.Ticks
        && after >= 0 && after <= DateTime.MaxValue.Ticks
        && new DateTime(page.FromTicks, DateTimeKind.Utc).Date >= now.UtcDateTime.Date.AddDays(-RetentionDays)
        && (page.FilterField, page.FilterValue) is (null, null) or ("CompanyName" or "CustomerId" or "ResourceType", not null)
            ? page
            : null;

    // The docs ask for yyyy-mm-dd, their request example sends "6/1/2017 12:00:00 AM", and the .NET SDK sends the date
    // in the invariant culture ("06/01/2017 00:00:00"): all are read, as UTC unless they carry an offset.
    private static bool TryParseDate(string value, out DateTimeOffset date) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);

    // An end that is the last tick of a day was given as that day.
    private static string FormatEnd(long ticks) =>
        (ticks + 1) % TimeSpan.TicksPerDay == 0 ? Format(ticks + 1 - TimeSpan.TicksPerDay) : Format(ticks);

    private static string Format(long ticks)
    {
        var date = new DateTime(ticks, DateTimeKind.Utc);
        return date.TimeOfDay == TimeSpan.Zero
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : date.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
    }

    // {"Field": "CustomerId", "Value": "...", "Operator": "equals"}: the fields and operators the docs list, names and
    // the field and operator read case-insensitively, the value's case ignored.
    private static (string? Field, string? Value, string? Error) ParseFilter(string filter)
    {
        var (field, given, op, error) = QueryFilter.Read(filter, "{\"Field\":\"CustomerId\",\"Value\":\"<customer id>\",\"Operator\":\"equals\"}");
        if (error is not null)
        {
            return (null, null, error);
        }

        var value = given ?? "";
        switch (field?.ToUpperInvariant(), op?.ToUpperInvariant())
        {
            case ("COMPANYNAME", "SUBSTRING"):
                return ("CompanyName", value, null);
            case ("CUSTOMERID", "EQUALS"):
                return Guid.TryParse(value, out var customerId)
                    ? ("CustomerId", customerId.ToString(), null)
                    : (null, null, $"a CustomerId filter's Value must be a customer id, a GUID (it is '{value}')");
            case ("RESOURCETYPE", "EQUALS"):
                return ("ResourceType", value.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant(), null);
            case ("COMPANYNAME" or "CUSTOMERID" or "RESOURCETYPE", _):
                return (null, null, "the filter operator is substring for CompanyName and equals for CustomerId and ResourceType");
            default:
                return (null, null, "filter Field must be CompanyName, CustomerId or ResourceType");
        }
    }
}
