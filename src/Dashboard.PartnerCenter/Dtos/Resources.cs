using System.Text.Json.Serialization;

namespace Dashboard.PartnerCenter.Dtos;

// Wire shapes of Partner Center resources (API-NOTES §1.4, §2). Enum-like values stay strings here so that a value
// Partner Center adds tomorrow is read, not rejected; the order service maps them.

public sealed record ResourceCollectionDto<T>
{
    public int TotalCount { get; init; }
    public IReadOnlyList<T>? Items { get; init; }
    public CollectionLinksDto? Links { get; init; }
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

/// <summary>The body of <c>PATCH .../orders/{orderId}</c>; <c>{"id": ..., "status": "cancelled"}</c> cancels the order.</summary>
public sealed record OrderPatchDto(string Id, string Status)
{
    public const string Cancelled = "cancelled";

    public static OrderPatchDto Cancel(string orderId) => new(orderId, Cancelled);
}
