using Dashboard.Emulator.Storage;

namespace Dashboard.Emulator.Api;

// The JSON shapes Partner Center answers with (docs/partner-center.md#envelopes-and-json,
// docs/partner-center.md#order-fields). Written camelCase, nulls omitted.

internal sealed record LinkResource(string Uri, string Method, IReadOnlyList<LinkHeader> Headers)
{
    public static LinkResource Get(string uri) => new(uri, "GET", []);
}

internal sealed record LinkHeader(string Key, string Value);

internal sealed record ResourceAttributes(string ObjectType, string? Etag = null);

internal sealed record CollectionLinks(LinkResource Self, LinkResource? Next = null);

/// <summary>A collection; <c>totalCount</c> is the number of items on this page, as the .NET SDK models it.</summary>
internal sealed record CollectionResource<T>(
    int TotalCount,
    IReadOnlyList<T> Items,
    CollectionLinks? Links,
    ResourceAttributes Attributes,
    string? ContinuationToken = null)
{
    public static CollectionResource<T> Of(IReadOnlyList<T> items, string? selfUri) =>
        new(items.Count, items, selfUri is null ? null : new CollectionLinks(LinkResource.Get(selfUri)), new ResourceAttributes("Collection"));
}

internal sealed record CompanyProfileResource(string TenantId, string Domain, string CompanyName, ResourceAttributes Attributes);

internal sealed record CustomerLinks(LinkResource Self);

internal sealed record CustomerResource(
    string Id,
    string CommerceId,
    CompanyProfileResource CompanyProfile,
    string RelationshipToPartner,
    CustomerLinks Links,
    ResourceAttributes Attributes)
{
    public static CustomerResource From(CustomerRecord customer) => new(
        customer.Id,
        customer.CommerceId,
        new CompanyProfileResource(customer.Id, customer.Domain, customer.CompanyName, new ResourceAttributes("CustomerCompanyProfile")),
        customer.RelationshipToPartner,
        new CustomerLinks(LinkResource.Get($"/customers/{customer.Id}")),
        new ResourceAttributes("Customer"));
}

internal sealed record LineItemLinks(
    LinkResource? Subscription,
    LinkResource? Product,
    LinkResource? Sku,
    LinkResource? Availability);

/// <summary>Prices of a line, only with <c>include_price=true</c> ([NETSDK] Orders/Pricing.cs).</summary>
internal sealed record PricingResource(double ListPrice, double Price, double ExtendedPrice);

internal sealed record LineItemResource(
    int LineItemNumber,
    string OfferId,
    string? SubscriptionId,
    string TermDuration,
    string TransactionType,
    string FriendlyName,
    int Quantity,
    string? PartnerIdOnRecord,
    IReadOnlyList<string>? AdditionalPartnerIdsOnRecord,
    PricingResource? Pricing,
    LineItemLinks Links)
{
    public static LineItemResource From(string customerId, LineItemRecord line, bool includePrice)
    {
        var parts = line.OfferId.Split(':');
        var catalog = parts.Length == 3;
        return new LineItemResource(
            line.LineItemNumber,
            line.OfferId,
            line.SubscriptionId,
            line.TermDuration,
            line.TransactionType,
            line.FriendlyName,
            line.Quantity,
            line.PartnerIdOnRecord,
            line.AdditionalPartnerIdsOnRecord,
            includePrice ? new PricingResource((double)line.UnitPrice, (double)line.UnitPrice, (double)(line.UnitPrice * line.Quantity)) : null,
            new LineItemLinks(
                line.SubscriptionId is null ? null : LinkResource.Get($"/customers/{customerId}/subscriptions/{line.SubscriptionId}"),
                catalog ? LinkResource.Get($"/products/{parts[0]}?country=US") : null,
                catalog ? LinkResource.Get($"/products/{parts[0]}/skus/{parts[1]}?country=US") : null,
                catalog ? LinkResource.Get($"/products/{parts[0]}/skus/{parts[1]}/availabilities/{parts[2]}?country=US") : null));
    }
}

internal sealed record OrderLinks(LinkResource Self, LinkResource ProvisioningStatus, LinkResource PatchOperation);

/// <summary>Where the order was placed from, as in the published cancel-software response.</summary>
internal sealed record ClientResource(string MarketplaceCountry, string DeviceFamily, string Name)
{
    public static ClientResource PartnerCenterApi { get; } = new("US", "UniversalStore-PartnerCenter", "Partner Center API");
}

internal sealed record OrderResource(
    string Id,
    string AlternateId,
    string ReferenceCustomerId,
    string BillingCycle,
    string CurrencyCode,
    string CurrencySymbol,
    IReadOnlyList<LineItemResource> LineItems,
    string CreationDate,
    string Status,
    string TransactionType,
    double? TotalPrice,
    OrderLinks Links,
    ClientResource Client,
    ResourceAttributes Attributes)
{
    /// <summary>The order as a read at <paramref name="now"/> sees it (a cancel still being processed reads "pending").</summary>
    public static OrderResource From(OrderRecord order, DateTimeOffset now, bool includePrice = false)
    {
        var self = $"/customers/{order.CustomerId}/orders/{order.Id}";
        return new OrderResource(
            order.Id,
            order.AlternateId,
            order.CustomerId,
            order.BillingCycle,
            order.CurrencyCode,
            order.CurrencySymbol,
            [.. order.LineItems.OrderBy(l => l.LineItemNumber).Select(l => LineItemResource.From(order.CustomerId, l, includePrice))],
            // Partner Center writes UTC with seven fraction digits and a Z (the seed document's 2019-02-21T17:56:21.1335741Z).
            order.CreationDate.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            order.StatusAt(now),
            order.TransactionType,
            includePrice ? (double)order.LineItems.Sum(l => l.UnitPrice * l.Quantity) : null,
            new OrderLinks(
                LinkResource.Get(self),
                LinkResource.Get($"{self}/provisioningstatus"),
                new LinkResource(self, "PATCH", [])),
            ClientResource.PartnerCenterApi,
            new ResourceAttributes("Order", Etag(order, now)));
    }

    // Published etags are base64 of {"id":"...","version":N}. A delayed cancel taking effect changes what a read shows
    // without a write, so it counts as one more version: "pending" and "cancelled" never share an etag.
    private static string Etag(OrderRecord order, DateTimeOffset now)
    {
        var version = order.CancelTakesEffectAt is not null && !order.IsCancelPending(now) ? order.Version + 1 : order.Version;
        return Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($$"""{"id":"{{order.Id}}","version":{{version}}}"""));
    }
}
