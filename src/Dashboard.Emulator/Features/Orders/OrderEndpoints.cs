using System.Text.Json;
using Dashboard.Emulator.Api;
using Dashboard.Emulator.Features.AuditRecords;
using Dashboard.Emulator.Features.Customers;
using Dashboard.Emulator.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Emulator.Features.Orders;

internal static class OrderEndpoints
{
    public static RouteGroupBuilder MapOrders(this RouteGroupBuilder v1)
    {
        v1.MapGet("/customers/{customerId}/orders", ListAsync);
        v1.MapGet("/customers/{customerId}/orders/{orderId}", GetAsync);
        v1.MapPatch("/customers/{customerId}/orders/{orderId}", PatchAsync);
        v1.MapGet("/customers/{customerId}/orders/{orderId}/provisioningstatus", ProvisioningStatusAsync);
        return v1;
    }

    private static async Task<IResult> ListAsync(string customerId, HttpRequest request, SandboxDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (customer, error) = await CustomerEndpoints.FindAsync(db, customerId, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (!OrderQuery.TryIncludePrice(request.Query["include_price"], out var includePrice))
        {
            return PartnerCenterErrors.InvalidInput($"include_price must be true or false (it is '{request.Query["include_price"]}')");
        }

        var billingType = request.Query["billingType"].ToString();
        string? billingCycle = null;
        if (billingType.Length > 0 && !OrderQuery.TryBillingCycle(billingType, out billingCycle))
        {
            return PartnerCenterErrors.InvalidInput($"billingType '{billingType}' is not a billing cycle type");
        }

        var orders = await CustomerOrders.ReadAsync(db, customer!.Id, cancellationToken);
        var now = time.GetUtcNow();
        var selected = orders
            .Where(o => billingCycle is null || OrderQuery.Normalize(o.BillingCycle) == billingCycle)
            .OrderByDescending(o => o.CreationDate)
            .ToList();
        var items = new MappedList<OrderRecord, OrderResource>(selected, o => OrderResource.From(o, now, includePrice));
        return Results.Json(CollectionResource<OrderResource>.Of(items, $"/customers/{customer!.Id}/orders"));
    }

    private static async Task<IResult> GetAsync(string customerId, string orderId, HttpRequest request, SandboxDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!OrderQuery.TryIncludePrice(request.Query["include_price"], out var includePrice))
        {
            return PartnerCenterErrors.InvalidInput($"include_price must be true or false (it is '{request.Query["include_price"]}')");
        }

        var (order, error) = await FindAsync(db, customerId, orderId, tracked: false, cancellationToken);
        return error ?? Results.Json(OrderResource.From(order!, time.GetUtcNow(), includePrice));
    }

    /// <summary>
    /// The cancelling PATCH. With an <c>MS-RequestId</c> it is idempotent: a repeat of the same request is not applied
    /// again (nor audited again) and gets the first answer, as Partner Center's headers contract says. The answer, the
    /// change and its audit record are saved together.
    /// </summary>
    private static async Task<IResult> PatchAsync(
        string customerId,
        string orderId,
        HttpContext context,
        SandboxDbContext db,
        OrderCancellation cancellation,
        ChangeGate gate,
        AuditTrail audit,
        TimeProvider time,
        IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        var requestId = context.Request.Headers[PartnerCenterHeaders.RequestId].ToString();
        var path = context.Request.Path.Value!;
        using (await gate.EnterAsync(cancellationToken))
        {
            if (requestId.Length > 0 && await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.RequestId == requestId, cancellationToken) is { } earlier)
            {
                return earlier.Path == path && earlier.Method == HttpMethods.Patch
                    ? Results.Text(earlier.Body, "application/json; charset=utf-8", statusCode: earlier.StatusCode)
                    : PartnerCenterErrors.RequestIdReused();
            }

            var (status, body) = await ApplyAsync(customerId, orderId, context, db, cancellation, audit, time, cancellationToken);
            var answer = JsonSerializer.Serialize(body, body.GetType(), json.Value.SerializerOptions);
            if (requestId.Length > 0)
            {
                db.Requests.Add(new RequestRecord
                {
                    RequestId = requestId,
                    Method = HttpMethods.Patch,
                    Path = path,
                    StatusCode = status,
                    Body = answer,
                    AnsweredAt = time.GetUtcNow(),
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            return Results.Text(answer, "application/json; charset=utf-8", statusCode: status);
        }
    }

    private static async Task<(int Status, object Body)> ApplyAsync(
        string customerId,
        string orderId,
        HttpContext context,
        SandboxDbContext db,
        OrderCancellation cancellation,
        AuditTrail audit,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (order, error) = await FindAsync(db, customerId, orderId, tracked: true, cancellationToken);
        if (error is not null)
        {
            return AsAnswer(error);
        }

        CancelRequest cancel;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
            var parsed = CancelRequest.Parse(body.RootElement);
            if (parsed.Error is not null)
            {
                return AsAnswer(PartnerCenterErrors.InvalidInput(parsed.Error));
            }

            cancel = parsed.Request!;
        }
        catch (JsonException)
        {
            return AsAnswer(PartnerCenterErrors.InvalidInput("the body is not valid JSON"));
        }

        if (cancel.Id is not null
            && !string.Equals(cancel.Id, order!.Id, StringComparison.Ordinal)
            && !string.Equals(cancel.Id, order.AlternateId, StringComparison.OrdinalIgnoreCase))
        {
            return AsAnswer(PartnerCenterErrors.InvalidProperty($"the id '{cancel.Id}' in the body does not match the order in the URL"));
        }

        var before = OrderResource.From(order!, time.GetUtcNow());
        var refusal = cancellation.Apply(order!, cancel.LineItemNumbers);
        if (refusal is not null)
        {
            return AsAnswer(refusal);
        }

        order!.Version++;
        db.Changes.Add(new ChangeRecord
        {
            CustomerId = order.CustomerId,
            OrderId = order.Id,
            RequestId = context.Request.Headers[PartnerCenterHeaders.RequestId].ToString() is { Length: > 0 } id ? id : null,
            Change = cancel.LineItemNumbers is { Count: > 0 } lines ? $"cancel lines {string.Join(',', lines)}" : "cancel",
            AppliedAt = time.GetUtcNow(),
        });
        var after = OrderResource.From(order, time.GetUtcNow());
        await audit.RecordOrderUpdateAsync(db, context, before, after, cancellationToken);
        return (StatusCodes.Status200OK, after);
    }

    private static (int Status, object Body) AsAnswer(PartnerCenterError error) => (error.StatusCode, error.Body);

    /// <summary>Provisioning of each line item; App+User only, as documented.</summary>
    private static async Task<IResult> ProvisioningStatusAsync(
        string customerId, string orderId, HttpContext context, SandboxDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Caller.Of(context).IsAppOnly)
        {
            return PartnerCenterErrors.ProvisioningStatusNeedsAppAndUser();
        }

        var (order, error) = await FindAsync(db, customerId, orderId, tracked: false, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var now = time.GetUtcNow();
        var items = order!.LineItems.OrderBy(l => l.LineItemNumber).Select(line =>
        {
            var status = ProvisioningStatus(order, line, now);
            return new ProvisioningStatusResource(line.LineItemNumber, line.LineItemNumber, status, [new QuantityProvisioningResource(line.Quantity, status)]);
        }).ToList();
        return Results.Json(CollectionResource<ProvisioningStatusResource>.Of(items, null));
    }

    // Values documented for OrderLineItemProvisioningStatus, written camelCase like the published "fulfilled". The raw
    // status tells a purchase still pending; a cancel still pending leaves the lines fulfilled until it takes effect.
    private static string ProvisioningStatus(OrderRecord order, LineItemRecord line, DateTimeOffset now) =>
        string.Equals(order.Status, "pending", StringComparison.OrdinalIgnoreCase) ? "prefulfillmentPending"
        : string.Equals(order.StatusAt(now), "cancelled", StringComparison.OrdinalIgnoreCase) || line.Quantity == 0 ? "unfulfilled"
        : "fulfilled";

    public static async Task<(OrderRecord? Order, PartnerCenterError? Error)> FindAsync(
        SandboxDbContext db, string customerId, string orderId, bool tracked, CancellationToken cancellationToken)
    {
        var (customer, error) = await CustomerEndpoints.FindAsync(db, customerId, cancellationToken);
        if (error is not null)
        {
            return (null, error);
        }

        var orders = tracked ? db.Orders : db.Orders.AsNoTracking();
        var order = await orders.FirstOrDefaultAsync(o => o.CustomerId == customer!.Id && o.Id == orderId, cancellationToken);
        return order is null ? (null, PartnerCenterErrors.OrderNotFound()) : (order, null);
    }
}

/// <summary>
/// The provisioning of one line (docs/partner-center.md#provisioning-status-values; the published answer adds
/// <c>orderLineItemId</c>).
/// </summary>
internal sealed record ProvisioningStatusResource(int OrderLineItemId, int LineItemNumber, string Status, IReadOnlyList<QuantityProvisioningResource> QuantityProvisioningInformation);

internal sealed record QuantityProvisioningResource(int Quantity, string Status);

/// <summary>
/// The order-list query parameters, in the spellings the SDK and the docs use (docs/partner-center.md#orders).
/// </summary>
internal static class OrderQuery
{
    // The REST reference declares billingType as int32 in BillingCycleType order.
    private static readonly string[] ByNumber = ["unknown", "monthly", "annual", "none", "onetime", "triennial", "biennial"];

    public static string Normalize(string value) => value.Replace("_", "", StringComparison.Ordinal).Trim().ToLowerInvariant();

    public static bool TryBillingCycle(string value, out string? billingCycle)
    {
        var normalized = Normalize(value);
        billingCycle = int.TryParse(normalized, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number < ByNumber.Length ? ByNumber[number] : null
            : ByNumber.Contains(normalized) ? normalized : null;
        return billingCycle is not null;
    }

    public static bool TryIncludePrice(string? value, out bool includePrice)
    {
        includePrice = false;
        return string.IsNullOrEmpty(value) || bool.TryParse(value, out includePrice);
    }
}
