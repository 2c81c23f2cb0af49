using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Hybrid;
using Dashboard.PartnerCenter.Dtos;

namespace Dashboard.Orders;

/// <summary>
/// What kind of product each catalog product is, read once from <c>GET /v1/products/{id}</c> and kept: the catalog
/// changes rarely (docs/partner-center.md#product-kinds). Every answer is kept, an Unknown type or a product the catalog
/// does not have included; a lookup that got no answer is not, so the next order list asks again. With
/// <paramref name="shared"/>, the answers are also kept in <see cref="HybridCache"/>'s second level (Redis, when the
/// host configures it) for a day, so that an instance that starts, or another one, asks Partner Center nothing it
/// already told one of them.
/// </summary>
internal sealed class ProductCatalog(HybridCache? shared = null, ILogger<ProductCatalog>? logger = null)
{
    private static readonly HybridCacheEntryOptions SecondLevelOnly = new()
    {
        Expiration = TimeSpan.FromDays(1),
        Flags = HybridCacheEntryFlags.DisableLocalCache | HybridCacheEntryFlags.DisableUnderlyingData,
    };

    private static readonly HybridCacheEntryOptions KeptADay = new() { Expiration = TimeSpan.FromDays(1), Flags = HybridCacheEntryFlags.DisableLocalCache };

    private readonly ConcurrentDictionary<string, ProductKind> _kinds = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<Task>> _lookups = new(StringComparer.OrdinalIgnoreCase);

    public bool TryGet(string productId, out ProductKind kind) => _kinds.TryGetValue(productId, out kind);

    public void Remember(string productId, ProductKind kind) => _kinds[productId] = kind;

    /// <summary>
    /// Runs <paramref name="lookUp"/> for a product unless a lookup of it is under way or has succeeded, in which case
    /// that one is awaited: concurrent reads ask the catalog once. A lookup that got no answer is forgotten, so
    /// the next read asks again.
    /// </summary>
    public async Task LookUpOnceAsync(string productId, Func<Task> lookUp)
    {
        // GetOrAdd may run its factory more than once under contention; the Lazy makes the lookup itself run once.
        var lookup = _lookups.GetOrAdd(productId, _ => new Lazy<Task>(() => LookUpSharedAsync(productId, lookUp)));
        try
        {
            await lookup.Value;
        }
        finally
        {
            if (!_kinds.ContainsKey(productId))
            {
                _lookups.TryRemove(new KeyValuePair<string, Lazy<Task>>(productId, lookup));
            }
        }
    }

    /// <summary>The kind as the second level has it, else Partner Center's answer, which goes there for the others.</summary>
    private async Task LookUpSharedAsync(string productId, Func<Task> lookUp)
    {
        var key = $"product-kind:{productId.ToUpperInvariant()}";
        if (shared is not null && await SharedAsync(() => shared.GetOrCreateAsync<ProductKind?>(key, static _ => ValueTask.FromResult<ProductKind?>(null), SecondLevelOnly))
            is { } known)
        {
            Remember(productId, known);
            return;
        }

        await lookUp();
        if (shared is not null && _kinds.TryGetValue(productId, out var kind))
        {
            await SharedAsync(async () =>
            {
                await shared.SetAsync<ProductKind?>(key, kind, KeptADay);
                return (ProductKind?)kind;
            });
        }
    }

    // The second level is a saving, never a need: when Redis fails, Partner Center is asked as before.
    private async Task<ProductKind?> SharedAsync(Func<ValueTask<ProductKind?>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger?.LogWarning(ex, "The shared catalog of product kinds could not be used; Partner Center is asked instead");
            return null;
        }
    }

    /// <summary>The product id of a catalog offer id <c>{productId}:{skuId}:{availabilityId}</c>, or null for legacy offers.</summary>
    public static string? ProductIdOf(string offerId)
    {
        var parts = offerId.Split(':');
        return parts.Length == 3 && parts[0].Length > 0 ? parts[0] : null;
    }

    /// <summary>Classifies a catalog product by its <c>productType</c> and subtype.</summary>
    public static ProductKind Classify(ProductDto product, string? termDuration)
    {
        ArgumentNullException.ThrowIfNull(product);
        var type = product.ProductType?.Id ?? "";
        var subType = product.ProductType?.SubType?.Id ?? "";
        if (string.Equals(product.Id, AzurePlanProductId, StringComparison.OrdinalIgnoreCase))
        {
            return ProductKind.AzurePlan;
        }

        return type.ToUpperInvariant() switch
        {
            // Reservations are Azure with the reserved service as subtype (VirtualMachines, SQL, CosmosDb, ...).
            "AZURE" => subType.ToUpperInvariant() switch
            {
                "SAAS" => ProductKind.MarketplaceSaaS,
                "AZUREPLAN" => ProductKind.AzurePlan,
                "" => ProductKind.Unknown,
                _ => ProductKind.ReservedInstance,
            },
            "MICROSOFTAZURE" => ProductKind.AzurePlan,
            "SOFTWARE" => subType.Contains("Perpetual", StringComparison.OrdinalIgnoreCase) ? ProductKind.PerpetualSoftware
                : subType.Contains("Subscription", StringComparison.OrdinalIgnoreCase) ? ProductKind.SoftwareSubscription
                : string.IsNullOrEmpty(termDuration) ? ProductKind.PerpetualSoftware : ProductKind.SoftwareSubscription,
            // The 2021 catalog names new-commerce licence-based products OnlineServicesNCE (docs/partner-center.md#product-kinds).
            "ONLINESERVICES" or "ONLINESERVICESNCE" => ProductKind.NewCommerce,
            _ => ProductKind.Unknown,
        };
    }

    /// <summary>What the offer id alone says, for legacy offers and when the catalog cannot be asked.</summary>
    public static ProductKind ClassifyOffer(string offerId, string? termDuration)
    {
        if (string.Equals(offerId, "MS-AZR-0145P", StringComparison.OrdinalIgnoreCase)
            || offerId.StartsWith(AzurePlanProductId, StringComparison.OrdinalIgnoreCase))
        {
            return ProductKind.AzurePlan;
        }

        if (Guid.TryParse(offerId, out _))
        {
            return ProductKind.LegacyLicense;
        }

        // New-commerce offers are CFQ7TTC0... and software DG7GMGF0... in every published example.
        if (offerId.StartsWith("CFQ7TTC0", StringComparison.OrdinalIgnoreCase))
        {
            return ProductKind.NewCommerce;
        }

        if (offerId.StartsWith("DG7GMGF0", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrEmpty(termDuration) ? ProductKind.PerpetualSoftware : ProductKind.SoftwareSubscription;
        }

        return ProductKind.Unknown;
    }

    private const string AzurePlanProductId = "DZH318Z0BPS6";
}
