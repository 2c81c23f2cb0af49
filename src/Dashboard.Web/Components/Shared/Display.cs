using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Web.Components.Shared;

/// <summary>How the model's values read on screen.</summary>
internal static partial class Display
{
    public static string Status(OrderStatus status, string? raw) => status switch
    {
        OrderStatus.Completed => "Completed",
        OrderStatus.Pending => "Pending",
        OrderStatus.Cancelled => "Cancelled",
        _ => string.IsNullOrWhiteSpace(raw) ? "Unknown" : $"Unknown ({raw})",
    };

    public static string BillingCycle(Orders.BillingCycle cycle, string? raw) => cycle switch
    {
        Orders.BillingCycle.OneTime => "One-time",
        Orders.BillingCycle.Monthly => "Monthly",
        Orders.BillingCycle.Annual => "Annual",
        Orders.BillingCycle.Biennial => "Biennial",
        Orders.BillingCycle.Triennial => "Triennial",
        Orders.BillingCycle.None => "None",
        _ => string.IsNullOrWhiteSpace(raw) ? "—" : raw,
    };

    /// <summary>Partner Center writes UTC; the dashboard shows it as UTC so that every operator sees the same time.</summary>
    public static string Date(DateTimeOffset? value) =>
        value is { } date ? date.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    /// <summary><c>P1Y</c> reads "1 year"; an empty term (perpetual software) reads "Perpetual".</summary>
    public static string Term(string? isoDuration)
    {
        if (string.IsNullOrWhiteSpace(isoDuration))
        {
            return "Perpetual";
        }

        var match = SimpleTerm().Match(isoDuration);
        if (!match.Success)
        {
            return isoDuration;
        }

        var count = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups[2].Value switch { "Y" => "year", "M" => "month", "W" => "week", _ => "day" };
        return $"{count} {unit}{(count == 1 ? "" : "s")}";
    }

    public static string OrEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? "—" : value;

    [GeneratedRegex("^P([0-9]{1,3})([YMWD])$", RegexOptions.CultureInvariant)]
    private static partial Regex SimpleTerm();
}
