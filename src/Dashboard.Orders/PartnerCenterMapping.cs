using System.Globalization;
using Dashboard.PartnerCenter.Dtos;

namespace Dashboard.Orders;

/// <summary>Wire shapes to the dashboard's model. Tolerant: unknown values become Unknown, missing ones stay empty.</summary>
internal static class PartnerCenterMapping
{
    public static Customer ToCustomer(this CustomerDto dto)
    {
        var id = dto.Id ?? dto.CompanyProfile?.TenantId ?? "";
        return new Customer(id, dto.CompanyProfile?.CompanyName is { Length: > 0 } name ? name : id, dto.CompanyProfile?.Domain);
    }

    public static Order ToOrder(this OrderDto dto, string customerId) => new()
    {
        Id = dto.Id ?? "",
        AlternateId = dto.AlternateId,
        // The customer asked for is the one the order's URLs use; a referenceCustomerId may be a placeholder or empty.
        CustomerId = customerId,
        Status = ParseStatus(dto.Status),
        StatusText = dto.Status,
        BillingCycle = ParseBillingCycle(dto.BillingCycle),
        BillingCycleText = dto.BillingCycle,
        CurrencyCode = dto.CurrencyCode,
        CurrencySymbol = dto.CurrencySymbol,
        CreatedAt = DateTimeOffset.TryParse(dto.CreationDate, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
            ? created
            : null,
        TransactionType = dto.TransactionType,
        LineItems = [.. (dto.LineItems ?? []).OrderBy(l => l.LineItemNumber).Select(ToLineItem)],
        Links = Links(
            ("Self", dto.Links?.Self),
            ("Provisioning status", dto.Links?.ProvisioningStatus),
            ("Patch operation", dto.Links?.PatchOperation)),
    };

    private static IReadOnlyList<ResourceLink> Links(params (string Name, LinkDto? Link)[] links) =>
        [.. links.Where(l => l.Link?.Uri is { Length: > 0 }).Select(l => new ResourceLink(l.Name, l.Link!.Method ?? "GET", l.Link.Uri!))];

    private static OrderLineItem ToLineItem(OrderLineItemDto dto) => new()
    {
        Number = dto.LineItemNumber,
        OfferId = dto.OfferId ?? "",
        ProductName = dto.FriendlyName is { Length: > 0 } name ? name : dto.OfferId ?? $"Line {dto.LineItemNumber}",
        Quantity = dto.Quantity,
        TermDuration = dto.TermDuration,
        TransactionType = dto.TransactionType,
        SubscriptionId = dto.SubscriptionId,
        Links = Links(
            ("Product", dto.Links?.Product),
            ("SKU", dto.Links?.Sku),
            ("Availability", dto.Links?.Availability),
            ("Subscription", dto.Links?.Subscription),
            ("Provisioning status", dto.Links?.ProvisioningStatus)),
    };

    // OrderStatus in the SDK's order: unknown 0, completed 1, pending 2, cancelled 3.
    public static OrderStatus ParseStatus(string? status) => Normalize(status) switch
    {
        "completed" or "1" => OrderStatus.Completed,
        "pending" or "2" => OrderStatus.Pending,
        "cancelled" or "canceled" or "3" => OrderStatus.Cancelled,
        _ => OrderStatus.Unknown,
    };

    // The SDK writes one_time, the docs onetime and OneTime, the REST reference an integer
    // (docs/partner-center.md#enum-spellings).
    public static BillingCycle ParseBillingCycle(string? billingCycle) => Normalize(billingCycle) switch
    {
        "onetime" or "4" => BillingCycle.OneTime,
        "monthly" or "1" => BillingCycle.Monthly,
        "annual" or "2" => BillingCycle.Annual,
        "none" or "3" => BillingCycle.None,
        "triennial" or "5" => BillingCycle.Triennial,
        "biennial" or "6" => BillingCycle.Biennial,
        _ => BillingCycle.Unknown,
    };

    private static string Normalize(string? value) =>
        (value ?? "").Replace("_", "", StringComparison.Ordinal).Trim().ToLowerInvariant();
}
