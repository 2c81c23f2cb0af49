using System.Text.Json.Serialization;

namespace Dashboard.PartnerCenter.Dtos;

// Wire shapes of Partner Center resources (docs/partner-center.md#envelopes-and-json,
// docs/partner-center.md#order-fields). Enum-like values stay strings here so that a value Partner Center adds
// tomorrow is read, not rejected; the order service maps them.

public sealed record ResourceCollectionDto<T>
{
    public int TotalCount { get; init; }
    public IReadOnlyList<T>? Items { get; init; }
    public CollectionLinksDto? Links { get; init; }

    /// <summary>Seek-paged collections repeat the next page's <c>MS-ContinuationToken</c> here.</summary>
    public string? ContinuationToken { get; init; }
}

public sealed record CollectionLinksDto
{
    public LinkDto? Self { get; init; }
    public LinkDto? Next { get; init; }
    public LinkDto? Previous { get; init; }
}

public sealed record LinkDto
{
    public string? Uri { get; init; }
    public string? Method { get; init; }
    public IReadOnlyList<LinkHeaderDto>? Headers { get; init; }
}

public sealed record LinkHeaderDto
{
    public string? Key { get; init; }
    public string? Value { get; init; }
}

public sealed record CustomerDto
{
    public string? Id { get; init; }
    public string? CommerceId { get; init; }
    public CompanyProfileDto? CompanyProfile { get; init; }
    [JsonConverter(typeof(LenientStringConverter))]
    public string? RelationshipToPartner { get; init; }
}

public sealed record CompanyProfileDto
{
    public string? TenantId { get; init; }
    public string? Domain { get; init; }
    public string? CompanyName { get; init; }
}

public sealed record OrderDto
{
    public string? Id { get; init; }
    public string? AlternateId { get; init; }
    public string? ReferenceCustomerId { get; init; }
    [JsonConverter(typeof(LenientStringConverter))]
    public string? BillingCycle { get; init; }
    public string? CurrencyCode { get; init; }
    public string? CurrencySymbol { get; init; }
    public IReadOnlyList<OrderLineItemDto>? LineItems { get; init; }
    public string? CreationDate { get; init; }
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Status { get; init; }
    [JsonConverter(typeof(LenientStringConverter))]
    public string? TransactionType { get; init; }
    public OrderLinksDto? Links { get; init; }
}

public sealed record OrderLinksDto
{
    public LinkDto? Self { get; init; }
    public LinkDto? ProvisioningStatus { get; init; }
    public LinkDto? PatchOperation { get; init; }
}

public sealed record OrderLineItemDto
{
    public int LineItemNumber { get; init; }
    public string? OfferId { get; init; }
    public string? SubscriptionId { get; init; }
    public string? ParentSubscriptionId { get; init; }
    public string? FriendlyName { get; init; }
    public int Quantity { get; init; }
    [JsonConverter(typeof(LenientStringConverter))]
    public string? TermDuration { get; init; }
    [JsonConverter(typeof(LenientStringConverter))]
    public string? TransactionType { get; init; }
    public string? PartnerIdOnRecord { get; init; }
    public OrderLineItemLinksDto? Links { get; init; }
}

public sealed record OrderLineItemLinksDto
{
    public LinkDto? Subscription { get; init; }
    public LinkDto? Product { get; init; }
    public LinkDto? Sku { get; init; }
    public LinkDto? Availability { get; init; }
    public LinkDto? ProvisioningStatus { get; init; }
}

/// <summary>
/// The body of <c>PATCH .../orders/{orderId}</c>: <c>{"id": ..., "status": "cancelled"}</c> cancels the order, and with
/// <c>lineItems</c> only those lines (docs/partner-center.md#cancel-order).
/// </summary>
public sealed record OrderPatchDto(string Id, string Status, IReadOnlyList<OrderPatchLineItemDto>? LineItems = null)
{
    public const string Cancelled = "cancelled";

    public static OrderPatchDto Cancel(string orderId) => new(orderId, Cancelled);

    public static OrderPatchDto CancelLines(string orderId, IEnumerable<OrderPatchLineItemDto> lines) => new(orderId, Cancelled, [.. lines]);
}

public sealed record OrderPatchLineItemDto(int LineItemNumber, string? OfferId);

/// <summary>The provisioning of one order line (docs/partner-center.md#provisioning-status-values).</summary>
public sealed record ProvisioningStatusDto
{
    public int LineItemNumber { get; init; }

    [JsonConverter(typeof(LenientStringConverter))]
    public string? Status { get; init; }

    public IReadOnlyList<QuantityProvisioningDto>? QuantityProvisioningInformation { get; init; }
}

public sealed record QuantityProvisioningDto
{
    public int Quantity { get; init; }

    [JsonConverter(typeof(LenientStringConverter))]
    public string? Status { get; init; }
}

/// <summary>An entitlement and the order it came from (get-a-collection-of-entitlements).</summary>
public sealed record EntitlementDto
{
    public string? ProductId { get; init; }
    public string? SkuId { get; init; }
    public int Quantity { get; init; }

    [JsonConverter(typeof(LenientStringConverter))]
    public string? EntitlementType { get; init; }

    public ReferenceOrderDto? ReferenceOrder { get; init; }
    public IReadOnlyList<EntitlementDto>? IncludedEntitlements { get; init; }
    public string? ExpiryDate { get; init; }
}

public sealed record ReferenceOrderDto
{
    public string? Id { get; init; }

    [JsonConverter(typeof(LenientStringConverter))]
    public string? LineItemId { get; init; }

    public string? AlternateId { get; init; }
}

/// <summary>A catalog product (product-resources).</summary>
public sealed record ProductDto
{
    public string? Id { get; init; }
    public string? Title { get; init; }
    public ItemTypeDto? ProductType { get; init; }
    public bool IsMicrosoftProduct { get; init; }
    public string? PublisherName { get; init; }
}

/// <summary>A catalog item type, e.g. <c>Azure</c> with the subtype <c>VirtualMachines</c>.</summary>
public sealed record ItemTypeDto
{
    public string? Id { get; init; }
    public string? DisplayName { get; init; }
    public ItemTypeDto? SubType { get; init; }
}
