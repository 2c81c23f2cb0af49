using System.Globalization;

namespace Dashboard.Orders.Tests.Testing;

/// <summary>
/// What a page would show of a read, as one text, so that a read under faults can be compared with the same read
/// made without them (records with list members do not compare by content).
/// </summary>
internal static class Fingerprints
{
    public static string Of(IEnumerable<Customer> customers) =>
        string.Join('\n', customers.Select(c => $"{c.Id}|{c.CompanyName}|{c.Domain}"));

    public static string Of(IEnumerable<Order> orders) => string.Join('\n', orders.Select(Of));

    public static string Of(Order order)
    {
        var lines = string.Join(';', order.LineItems.Select(l =>
            string.Create(CultureInfo.InvariantCulture, $"{l.Number}:{l.OfferId}:{l.Quantity}:{l.TermDuration}:{l.SubscriptionId}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"{order.Id}|{order.AlternateId}|{order.CustomerId}|{order.StatusText}|{order.BillingCycleText}|{order.CreatedAt:O}|{order.ProductKind}|{order.Cancellability}|{lines}");
    }
}
