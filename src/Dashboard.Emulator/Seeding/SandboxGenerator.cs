using System.Globalization;
using Dashboard.Emulator.Storage;

namespace Dashboard.Emulator.Seeding;

/// <summary>
/// Makes realistic sandbox customers and orders from a seeded random source, so that the same profile gives the same
/// sandbox on every machine. Ids follow the formats Partner Center uses (docs/partner-center.md#order-fields).
/// </summary>
internal sealed class SandboxGenerator(int seed, DateTimeOffset now)
{
    private const string UrlSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    // How often each kind of product is bought in a partner's test sandbox.
    private static readonly (ProductKind Kind, int Weight)[] KindWeights =
    [
        (ProductKind.ReservedInstance, 4),
        (ProductKind.PerpetualSoftware, 4),
        (ProductKind.SoftwareSubscription, 3),
        (ProductKind.MarketplaceSaaS, 2),
        (ProductKind.NewCommerce, 4),
        (ProductKind.AzurePlan, 1),
    ];

    private readonly Random _random = new(seed);

    public CustomerRecord Customer(string companyName)
    {
        var id = NewGuid();
        var stem = new string([.. companyName.ToLowerInvariant().Where(char.IsLetterOrDigit)]);
        return new CustomerRecord
        {
            Id = id,
            CommerceId = id,
            CompanyName = companyName,
            Domain = $"{stem[..Math.Min(stem.Length, 20)]}sbx.onmicrosoft.com",
        };
    }

    /// <summary>Orders of every kind, spread over the last four months: some past the 60-day window, a few pending, a few cancelled.</summary>
    public IEnumerable<OrderRecord> Orders(CustomerRecord customer, int count, string? partnerIdOnRecord = null)
    {
        for (var i = 0; i < count; i++)
        {
            var kind = NextKind();
            var pending = _random.NextDouble() < 0.06;
            var created = pending
                ? now.AddMinutes(-_random.Next(5, 600))
                : now.AddDays(-_random.Next(0, 120)).AddMinutes(-_random.Next(0, 1440));
            var status = pending ? "pending" : _random.NextDouble() < 0.12 ? "cancelled" : "completed";
            yield return Order(customer, kind, created, status, partnerIdOnRecord);
        }
    }

    /// <summary>Completed reservations and software of the last 30 days: orders the sandbox cancels by order.</summary>
    public IEnumerable<OrderRecord> CancellableOrders(CustomerRecord customer, int count)
    {
        ProductKind[] kinds = [ProductKind.ReservedInstance, ProductKind.PerpetualSoftware, ProductKind.SoftwareSubscription];
        for (var i = 0; i < count; i++)
        {
            var created = now.AddDays(-_random.Next(0, 30)).AddMinutes(-_random.Next(1, 1440));
            yield return Order(customer, kinds[_random.Next(kinds.Length)], created, "completed");
        }
    }

    public OrderRecord Order(CustomerRecord customer, ProductKind kind, DateTimeOffset created, string status, string? partnerIdOnRecord = null)
    {
        var offers = SandboxCatalog.OffersOf(kind).ToList();
        var lineCount = kind is ProductKind.PerpetualSoftware or ProductKind.SoftwareSubscription ? _random.Next(1, Math.Min(3, offers.Count) + 1) : 1;
        var chosen = offers.OrderBy(_ => _random.Next()).Take(lineCount).ToList();
        var (id, alternateId) = kind switch
        {
            ProductKind.NewCommerce => Twice(NewHex(12)),
            ProductKind.AzurePlan => Twice(NewGuid()),
            _ => (NewCatalogOrderId(), NewHex(12)),
        };

        return new OrderRecord
        {
            Id = id,
            AlternateId = alternateId,
            CustomerId = customer.Id,
            ProductKind = kind,
            BillingCycle = chosen[0].BillingCycle,
            CreationDate = created,
            Status = status,
            LineItems = [.. chosen.Select((offer, number) => Line(number, offer, Quantity(kind), kind, partnerIdOnRecord))],
        };
    }

    public static LineItemRecord Line(int number, CatalogOffer offer, int quantity, ProductKind kind, string? partnerIdOnRecord, string? subscriptionId) => new()
    {
        LineItemNumber = number,
        OfferId = offer.OfferId,
        FriendlyName = offer.FriendlyName,
        TermDuration = offer.TermDuration,
        Quantity = quantity,
        UnitPrice = offer.UnitPrice,
        SubscriptionId = subscriptionId,
        PartnerIdOnRecord = partnerIdOnRecord,
        // New-commerce purchases through an EU/EFTA indirect reseller may name more resellers
        // (docs/partner-center.md#line-item-fields).
        AdditionalPartnerIdsOnRecord = kind == ProductKind.NewCommerce && partnerIdOnRecord is not null ? [SandboxSeed.AdditionalIndirectResellerId] : null,
    };

    private LineItemRecord Line(int number, CatalogOffer offer, int quantity, ProductKind kind, string? partnerIdOnRecord) =>
        Line(number, offer, quantity, kind, partnerIdOnRecord, HasSubscription(kind) ? NewGuid() : null);

    /// <summary>License-based purchases create subscriptions; reservations and software create entitlements instead.</summary>
    public static bool HasSubscription(ProductKind kind) => kind is ProductKind.NewCommerce or ProductKind.MarketplaceSaaS or ProductKind.AzurePlan;

    private int Quantity(ProductKind kind) => kind switch
    {
        ProductKind.ReservedInstance => _random.Next(1, 3),
        ProductKind.AzurePlan => 1,
        ProductKind.MarketplaceSaaS => _random.Next(1, 11),
        _ => _random.Next(1, 26),
    };

    private ProductKind NextKind()
    {
        var pick = _random.Next(KindWeights.Sum(k => k.Weight));
        foreach (var (kind, weight) in KindWeights)
        {
            if (pick < weight)
            {
                return kind;
            }

            pick -= weight;
        }

        return ProductKind.ReservedInstance;
    }

    private string NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes).ToString("D");
    }

    private string NewHex(int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => _random.Next(16).ToString("x", CultureInfo.InvariantCulture)));

    // Catalog orders (reservations, software, SaaS) have 33-character URL-safe ids ending in 1.
    private string NewCatalogOrderId() =>
        string.Concat(Enumerable.Range(0, 32).Select(_ => UrlSafe[_random.Next(UrlSafe.Length)])) + "1";

    private static (string, string) Twice(string value) => (value, value);
}
