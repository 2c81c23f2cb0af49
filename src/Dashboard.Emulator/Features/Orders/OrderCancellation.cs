using Dashboard.Emulator.Api;
using Dashboard.Emulator.Storage;
using Microsoft.Extensions.Options;

namespace Dashboard.Emulator.Features.Orders;

/// <summary>
/// The integration sandbox's cancellation rules (docs/partner-center.md#cancellation-matrix): reserved instances and
/// software are cancelled by order; new commerce, Azure plan and marketplace SaaS through their subscriptions; nothing
/// after 60 days; nothing still in progress. A whole-order cancel may be made to take effect later
/// (<c>Emulator:CancelProcessingSeconds</c>, docs/partner-center.md#asynchronous-cancel).
/// </summary>
internal sealed class OrderCancellation(TimeProvider time, IOptions<EmulatorOptions> options)
{
    public const int WindowDays = 60;

    /// <summary>Cancels the order, or the given line items of it, in place; returns the refusal when the rules say no.</summary>
    public PartnerCenterError? Apply(OrderRecord order, IReadOnlyList<int>? lineItemNumbers)
    {
        var now = time.GetUtcNow();
        var status = order.StatusAt(now);
        if (string.Equals(status, "cancelled", StringComparison.OrdinalIgnoreCase))
        {
            return PartnerCenterErrors.OrderCannotBeCancelled();
        }

        // A cancel still being processed is an order in progress, like a purchase still being processed.
        if (string.Equals(status, "pending", StringComparison.OrdinalIgnoreCase))
        {
            return PartnerCenterErrors.OrderInProgress();
        }

        switch (order.ProductKind)
        {
            case ProductKind.NewCommerce or ProductKind.AzurePlan:
                return PartnerCenterErrors.UseSubscriptionInstead(order.Id, order.CustomerId);
            case ProductKind.MarketplaceSaaS:
                return PartnerCenterErrors.SeatBasedSaaS();
        }

        if (now - order.CreationDate > TimeSpan.FromDays(WindowDays))
        {
            return PartnerCenterErrors.CancellationWindowPassed(WindowDays);
        }

        if (lineItemNumbers is null or { Count: 0 })
        {
            order.Status = "cancelled";
            if (options.Value.CancelProcessingSeconds > 0)
            {
                order.CancelTakesEffectAt = now.AddSeconds(options.Value.CancelProcessingSeconds);
            }

            return null;
        }

        var lines = new List<LineItemRecord>();
        foreach (var number in lineItemNumbers)
        {
            var line = order.LineItems.FirstOrDefault(l => l.LineItemNumber == number);
            if (line is null)
            {
                return PartnerCenterErrors.LineItemOutOfRange();
            }

            lines.Add(line);
        }

        // Cancelled lines come back with quantity 0; the order is cancelled only when every line is.
        lines.ForEach(l => l.Quantity = 0);
        order.LineItems = [.. order.LineItems];
        if (order.LineItems.TrueForAll(l => l.Quantity == 0))
        {
            order.Status = "cancelled";
        }

        return null;
    }
}
