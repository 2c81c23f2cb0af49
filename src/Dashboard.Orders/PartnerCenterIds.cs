using System.Text.RegularExpressions;

namespace Dashboard.Orders;

/// <summary>Checks ids before they go into a URL, so that a malformed one gets a clear message and no request.</summary>
internal static partial class PartnerCenterIds
{
    public static Problem? CheckCustomerId(string? customerId) =>
        Guid.TryParse(customerId, out _)
            ? null
            : new Problem(ProblemKind.InvalidInput, $"'{Shorten(customerId)}' is not a customer id. Customer ids are tenant ids, GUIDs such as bd59b416-37f9-4d8f-8df3-5750111fc615.");

    public static Problem? CheckOrderId(string? orderId) =>
        orderId is not null && OrderId().IsMatch(orderId)
            ? null
            : new Problem(ProblemKind.InvalidInput, $"'{Shorten(orderId)}' is not an order id. Order ids are letters, digits, '-' and '_', at most 64 characters.");

    private static string Shorten(string? value) => value is null ? "" : value.Length <= 64 ? value : value[..64] + "…";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex OrderId();
}
