using System.Text.RegularExpressions;

namespace Dashboard.Orders;

/// <summary>Checks ids before they go into a URL, so that a malformed one gets a clear message and no request.</summary>
internal static partial class PartnerCenterIds
{
    /// <summary>
    /// Customer ids are tenant ids. Any spelling of a GUID is accepted ({...}, upper case, surrounding spaces) and
    /// <paramref name="canonical"/> is the form that goes into the URL; anything else is a problem.
    /// </summary>
    public static Problem? CheckCustomerId(string? customerId, out string canonical)
    {
        if (Guid.TryParse(customerId, out var tenantId))
        {
            canonical = tenantId.ToString("D");
            return null;
        }

        canonical = "";
        return new Problem(ProblemKind.InvalidInput, $"'{Shorten(customerId)}' is not a customer id. Customer ids are tenant ids, GUIDs such as bd59b416-37f9-4d8f-8df3-5750111fc615.");
    }

    public static Problem? CheckOrderId(string? orderId) =>
        orderId is not null && OrderId().IsMatch(orderId)
            ? null
            : new Problem(ProblemKind.InvalidInput, $"'{Shorten(orderId)}' is not an order id. Order ids are letters, digits, '-' and '_', at most 64 characters.");

    private static string Shorten(string? value) => value is null ? "" : value.Length <= 64 ? value : value[..64] + "…";

    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex OrderId();
}
