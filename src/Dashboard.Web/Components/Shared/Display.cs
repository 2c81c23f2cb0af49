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

    /// <summary>The same, for a table whose header says UTC.</summary>
    public static string ShortDate(DateTimeOffset? value) =>
        value is { } date ? date.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

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

    public static string ProductKind(Orders.ProductKind kind) => kind switch
    {
        Orders.ProductKind.ReservedInstance => "Reserved instance",
        Orders.ProductKind.PerpetualSoftware => "Perpetual software",
        Orders.ProductKind.SoftwareSubscription => "Software subscription",
        Orders.ProductKind.MarketplaceSaaS => "Marketplace SaaS",
        Orders.ProductKind.NewCommerce => "New commerce",
        Orders.ProductKind.AzurePlan => "Azure plan",
        Orders.ProductKind.LegacyLicense => "License-based",
        _ => "Unknown",
    };

    /// <summary>A short label for why an order cannot be cancelled, for a table cell; the full reason goes in its tooltip.</summary>
    public static string CancelLabel(Cancellability cancellability) => cancellability.Block switch
    {
        CancelBlock.None => "Can cancel",
        CancelBlock.AlreadyCancelled => "Already cancelled",
        CancelBlock.Pending => "Still pending",
        CancelBlock.CancelThroughSubscription => "Via subscription",
        CancelBlock.WindowPassed => "Past 60 days",
        CancelBlock.NotChecked => "Not checked yet",
        _ => "No",
    };

    /// <summary>Fulfilled, Unfulfilled, Prefulfillment pending, or what Partner Center wrote.</summary>
    public static string Provisioning(string status) => status.ToUpperInvariant() switch
    {
        "FULFILLED" => "Fulfilled",
        "UNFULFILLED" => "Unfulfilled",
        "PREFULFILLMENTPENDING" => "Prefulfillment pending",
        _ => status,
    };

    [GeneratedRegex("^P([0-9]{1,3})([YMWD])$", RegexOptions.CultureInvariant)]
    private static partial Regex SimpleTerm();
}
