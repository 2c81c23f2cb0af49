using System.Text.Json;
using Dashboard.Emulator.Api;
using Dashboard.Emulator.Features.Customers;
using Dashboard.Emulator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Emulator.Features.Orders;

internal static class OrderEndpoints
{
    public static RouteGroupBuilder MapOrders(this RouteGroupBuilder v1)
    {
        v1.MapGet("/customers/{customerId}/orders", ListAsync);
        v1.MapGet("/customers/{customerId}/orders/{orderId}", GetAsync);
        v1.MapPatch("/customers/{customerId}/orders/{orderId}", PatchAsync);
        return v1;
    }

    private static async Task<IResult> ListAsync(string customerId, SandboxDbContext db, CancellationToken cancellationToken)
    {
        var (customer, error) = await CustomerEndpoints.FindAsync(db, customerId, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == customer!.Id).ToListAsync(cancellationToken);
        var items = orders.OrderByDescending(o => o.CreationDate).Select(OrderResource.From).ToList();
        return Results.Json(CollectionResource<OrderResource>.Of(items, $"/customers/{customer!.Id}/orders"));
    }

    private static async Task<IResult> GetAsync(string customerId, string orderId, SandboxDbContext db, CancellationToken cancellationToken)
    {
        var (order, error) = await FindAsync(db, customerId, orderId, tracked: false, cancellationToken);
        return error ?? Results.Json(OrderResource.From(order!));
    }

    private static async Task<IResult> PatchAsync(
        string customerId,
        string orderId,
        HttpRequest request,
        SandboxDbContext db,
        OrderCancellation cancellation,
        CancellationToken cancellationToken)
    {
        var (order, error) = await FindAsync(db, customerId, orderId, tracked: true, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        CancelRequest cancel;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            var parsed = CancelRequest.Parse(body.RootElement);
            if (parsed.Error is not null)
            {
                return PartnerCenterErrors.InvalidInput(parsed.Error);
            }

            cancel = parsed.Request!;
        }
        catch (JsonException)
        {
            return PartnerCenterErrors.InvalidInput("the body is not valid JSON");
        }

        if (cancel.Id is not null
            && !string.Equals(cancel.Id, order!.Id, StringComparison.Ordinal)
            && !string.Equals(cancel.Id, order.AlternateId, StringComparison.OrdinalIgnoreCase))
        {
            return PartnerCenterErrors.InvalidProperty($"the id '{cancel.Id}' in the body does not match the order in the URL");
        }

        var refusal = cancellation.Apply(order!, cancel.LineItemNumbers);
        if (refusal is not null)
        {
            return refusal;
        }

        await db.SaveChangesAsync(cancellationToken);
        return Results.Json(OrderResource.From(order!));
    }

    private static async Task<(OrderRecord? Order, IResult? Error)> FindAsync(
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
