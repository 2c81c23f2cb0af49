using System.Security.Cryptography;
using System.Text;
using Dashboard.Emulator.Api;
using Dashboard.Emulator.Features.Customers;
using Dashboard.Emulator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Emulator.Features.Entitlements;

/// <summary>
/// A customer's entitlements: what its reserved-instance and software orders gave it, each pointing back to its order
/// through <c>referenceOrder</c>. The sandbox clean-up walks these to find the orders to cancel
/// (docs/partner-center.md#sandbox-clean-up).
/// </summary>
internal static class EntitlementEndpoints
{
    public static RouteGroupBuilder MapEntitlements(this RouteGroupBuilder v1)
    {
        v1.MapGet("/customers/{customerId}/entitlements", ListAsync);
        return v1;
    }

    private static async Task<IResult> ListAsync(string customerId, HttpRequest request, SandboxDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (customer, error) = await CustomerEndpoints.FindAsync(db, customerId, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var type = request.Query["entitlementType"].ToString();
        bool? reservedInstances = type.ToUpperInvariant() switch
        {
            "" => null,
            "SOFTWARE" => false,
            "RESERVEDINSTANCE" => true,
            _ => default,
        };
        if (type.Length > 0 && reservedInstances is null)
        {
            return PartnerCenterErrors.InvalidInput($"entitlementType must be software or reservedInstance (it is '{type}')");
        }

        var showExpiryText = request.Query["showExpiry"].ToString();
        var showExpiry = false;
        if (showExpiryText.Length > 0 && !bool.TryParse(showExpiryText, out showExpiry))
        {
            return PartnerCenterErrors.InvalidInput($"showExpiry must be true or false (it is '{showExpiryText}')");
        }

        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == customer!.Id).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        // An order whose cancel is still being processed keeps its entitlement until the cancel takes effect.
        var items = orders
            .Where(o => !string.Equals(o.StatusAt(now), "cancelled", StringComparison.OrdinalIgnoreCase))
            .Where(o => reservedInstances switch
            {
                true => o.ProductKind == ProductKind.ReservedInstance,
                false => o.ProductKind is ProductKind.PerpetualSoftware or ProductKind.SoftwareSubscription,
                null => o.ProductKind is ProductKind.ReservedInstance or ProductKind.PerpetualSoftware or ProductKind.SoftwareSubscription,
            })
            .OrderBy(o => o.CreationDate)
            .SelectMany(o => o.LineItems.Where(l => l.Quantity > 0).OrderBy(l => l.LineItemNumber).Select(l => EntitlementResource.From(o, l, showExpiry)))
            .ToList();
        return Results.Json(CollectionResource<EntitlementResource>.Of(items, null));
    }
}

internal sealed record ReferenceOrderResource(string Id, string LineItemId, string AlternateId);

internal sealed record QuantityDetailResource(int Quantity, string Status);

internal sealed record EntitledArtifactResource(LinkResource Link, string ResourceId, string ArtifactType);

/// <summary>An entitlement as published: software ones have no artifacts, reservations one per reservation.</summary>
internal sealed record EntitlementResource(
    IReadOnlyList<EntitlementResource> IncludedEntitlements,
    ReferenceOrderResource ReferenceOrder,
    string ProductId,
    int Quantity,
    IReadOnlyList<QuantityDetailResource>? QuantityDetails,
    IReadOnlyList<EntitledArtifactResource> EntitledArtifacts,
    string SkuId,
    string EntitlementType,
    string? ExpiryDate)
{
    private const string ReservedInstance = "virtual_machine_reserved_instance";

    public static EntitlementResource From(OrderRecord order, LineItemRecord line, bool showExpiry)
    {
        var offer = line.OfferId.Split(':');
        var reference = new ReferenceOrderResource(order.Id, line.LineItemNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), order.AlternateId);
        if (order.ProductKind == ProductKind.ReservedInstance)
        {
            // The raw status: a purchase still pending has no reservation yet; one whose cancel is pending still has it.
            var pending = string.Equals(order.Status, "pending", StringComparison.OrdinalIgnoreCase);
            var group = StableGuid(order.Id, "group");
            var lineItem = StableGuid(order.Id, line.LineItemNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var resource = StableGuid(order.Id, $"resource-{line.LineItemNumber}");
            var artifact = new EntitledArtifactResource(
                LinkResource.Get($"/customers/{order.CustomerId}/artifacts/virtualmachinereservedinstance/groups/{group:N}/lineitems/{lineItem}/resource/{resource}"),
                resource.ToString(),
                ReservedInstance);
            return new EntitlementResource([], reference, offer[0], line.Quantity,
                [new QuantityDetailResource(line.Quantity, pending ? "PrefulfillmentPending" : "Fulfilled")],
                pending ? [] : [artifact], offer[1], ReservedInstance, null);
        }

        var expiry = showExpiry && order.ProductKind == ProductKind.SoftwareSubscription && TermEnd(order.CreationDate, line.TermDuration) is { } end
            ? end.ToString("yyyy-MM-dd'T'00:00:00'Z'", System.Globalization.CultureInfo.InvariantCulture)
            : null;

        IReadOnlyList<EntitlementResource> included = [.. (Seeding.SandboxCatalog.Offers.FirstOrDefault(o => o.OfferId == line.OfferId)?.Includes ?? [])
            .Select(i => new EntitlementResource([], reference, i.ProductId, line.Quantity, null, [], i.SkuId, "software", null))];
        return new EntitlementResource(included, reference, offer[0], line.Quantity, null, [], offer[1], "software", expiry);
    }

    // Terms are P{n}Y or P{n}M (docs/partner-center.md#line-item-fields).
    private static DateTime? TermEnd(DateTimeOffset start, string term)
    {
        var match = System.Text.RegularExpressions.Regex.Match(term, @"\AP(\d{1,2})([YM])\z");
        if (!match.Success)
        {
            return null;
        }

        var count = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var day = start.UtcDateTime.Date;
        return match.Groups[2].Value == "Y" ? day.AddYears(count) : day.AddMonths(count);
    }

    // Artifact ids must not change between calls; derive them from the order.
    private static Guid StableGuid(string orderId, string part) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{orderId}/{part}")).AsSpan(0, 16));
}
