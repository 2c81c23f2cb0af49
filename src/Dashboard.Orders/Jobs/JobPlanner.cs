using Dashboard.PartnerCenter;
using Microsoft.Extensions.Options;

namespace Dashboard.Orders.Jobs;

/// <summary>
/// The dry runs: what a bulk cancel or a clean-up would send, read from Partner Center now, with nothing sent. Like
/// PowerShell's <c>-WhatIf</c>, a plan is what the user confirms; the job then carries out that plan.
/// </summary>
internal sealed class JobPlanner(OrderService orders, IOptions<PartnerCenterOptions> partnerCenter, IOptions<JobOptions> jobs)
{
    /// <summary>The most orders one bulk cancel takes: more than a sandbox customer can hold.</summary>
    public const int MaxOrders = 10_000;

    /// <summary>The most customers one clean-up takes: the integration sandbox holds 75.</summary>
    public const int MaxCustomers = 100;

    public async Task<Outcome<BulkCancelPlan>> PreviewBulkCancelAsync(string customerId, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        if (PartnerCenterIds.CheckCustomerId(customerId, out var customerKey) is { } invalid)
        {
            return invalid;
        }

        var wanted = orderIds.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wanted.Count is 0 or > MaxOrders)
        {
            return new Problem(ProblemKind.InvalidInput, $"Choose from 1 to {MaxOrders} orders to cancel.");
        }

        if (wanted.Select(id => PartnerCenterIds.CheckOrderId(id)).FirstOrDefault(p => p is not null) is { } badOrder)
        {
            return badOrder;
        }

        var customer = await orders.GetCustomerAsync(customerKey, cancellationToken);
        if (!customer.Succeeded)
        {
            return customer.Problem;
        }

        var listed = await orders.ListOrdersAsync(customerKey, cancellationToken);
        if (!listed.Succeeded)
        {
            return listed.Problem;
        }

        var byId = listed.Value.ToDictionary(o => o.Id, StringComparer.OrdinalIgnoreCase);
        var toSend = new List<PlannedOrder>();
        var skipped = new List<SkippedOrder>();
        foreach (var id in wanted)
        {
            if (!byId.TryGetValue(id, out var order))
            {
                var missing = new PlannedOrder(customerKey, customer.Value.CompanyName, id, null, "", ProductKind.Unknown, OrderStatus.Unknown, null);
                skipped.Add(new SkippedOrder(missing, CancelBlock.NotChecked, "Partner Center does not list this order for the customer (any more)."));
            }
            else if (order.Cancellability.CanCancel)
            {
                toSend.Add(Planned(order, customer.Value));
            }
            else
            {
                skipped.Add(new SkippedOrder(Planned(order, customer.Value), order.Cancellability.Block, order.Cancellability.Reason ?? "It cannot be cancelled by order."));
            }
        }

        var rate = partnerCenter.Value.RequestsPerMinute;
        return new BulkCancelPlan(customerKey, customer.Value.CompanyName, toSend, skipped, toSend.Count, Estimate(toSend.Count), rate);
    }

    public async Task<Outcome<CleanUpPlan>> PlanCleanUpAsync(IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        var wanted = customerIds.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wanted.Count is 0 or > MaxCustomers)
        {
            return new Problem(ProblemKind.InvalidInput, $"Choose from 1 to {MaxCustomers} customers to clean up.");
        }

        if (wanted.Select(id => PartnerCenterIds.CheckCustomerId(id, out _)).FirstOrDefault(p => p is not null) is { } badCustomer)
        {
            return badCustomer;
        }

        var plans = new List<CustomerCleanUp>();
        foreach (var id in wanted)
        {
            var customer = await orders.GetCustomerAsync(id, cancellationToken);
            if (!customer.Succeeded)
            {
                return customer.Problem;
            }

            plans.Add(await PlanCustomerAsync(customer.Value, cancellationToken));
        }

        // Per customer: each cancel and about one read-back, one entitlements check and the delete.
        var calls = plans.Sum(p => (p.ToCancel.Count * 2) + 2);
        return new CleanUpPlan(plans, calls, Estimate(calls), partnerCenter.Value.RequestsPerMinute);
    }

    private async Task<CustomerCleanUp> PlanCustomerAsync(Customer customer, CancellationToken cancellationToken)
    {
        var listed = await orders.ListOrdersAsync(customer.Id, cancellationToken);
        if (!listed.Succeeded)
        {
            return new CustomerCleanUp(customer, [], [], 0, listed.Problem);
        }

        // The documented clean-up starts from the entitlements: an order can take minutes to show in the list.
        var entitlements = await orders.ListEntitlementsAsync(customer.Id, cancellationToken);
        if (!entitlements.Succeeded)
        {
            return new CustomerCleanUp(customer, [], [], 0, entitlements.Problem);
        }

        var all = listed.Value.ToList();
        foreach (var orderId in entitlements.Value.Select(e => e.OrderId).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)
                     .Where(id => all.TrueForAll(o => !string.Equals(o.Id, id, StringComparison.OrdinalIgnoreCase))))
        {
            var order = await orders.GetOrderAsync(customer.Id, orderId, cancellationToken);
            if (!order.Succeeded)
            {
                return new CustomerCleanUp(customer, [], [], 0, order.Problem);
            }

            all.Add(order.Value);
        }

        var toCancel = new List<PlannedOrder>();
        var blockers = new List<DeletionBlocker>();
        var removedWithCustomer = new List<SubscriptionPurchase>();
        var alreadyCancelled = 0;
        foreach (var order in all.OrderBy(o => o.CreatedAt))
        {
            if (order.Status == OrderStatus.Cancelled)
            {
                alreadyCancelled++;
            }
            else if (order.Cancellability.CanCancel)
            {
                toCancel.Add(Planned(order, customer));
            }
            else if (order.Cancellability.Block == CancelBlock.CancelThroughSubscription && order.ProductKind != ProductKind.AzurePlan)
            {
                removedWithCustomer.Add(new SubscriptionPurchase(Planned(order, customer),
                    $"{order.Cancellability.Reason} This dashboard does not cancel it; deleting the customer removes it with everything else."));
            }
            else
            {
                blockers.Add(new DeletionBlocker(Planned(order, customer), order.Cancellability.Reason ?? "It cannot be cancelled by order.", WhatToDo(order)));
            }
        }

        return new CustomerCleanUp(customer, toCancel, blockers, alreadyCancelled, null) { NotCancelledHere = removedWithCustomer };
    }

    // Only active reservations and software keep a sandbox customer from being deleted (docs/partner-center.md#sandbox-clean-up);
    // an Azure plan also needs its subscriptions cancelled and the plan suspended first, by a user's report quoted there.
    private static string WhatToDo(Order order) => order.Cancellability.Block switch
    {
        CancelBlock.CancelThroughSubscription =>
            "Cancel its Azure subscriptions and suspend the Azure plan in Partner Center (this dashboard does not manage them), then plan the clean-up again.",
        CancelBlock.WindowPassed =>
            "Partner Center no longer cancels it, so the customer cannot be deleted while it is active: keep the customer, or ask Partner Center support.",
        CancelBlock.Pending => "Wait until Partner Center has finished processing it, then plan the clean-up again.",
        _ => "Refresh, so that the product catalog can tell what the order is, then plan the clean-up again.",
    };

    private static PlannedOrder Planned(Order order, Customer customer) =>
        new(order.CustomerId, customer.CompanyName, order.Id, order.AlternateId, string.Join(", ", order.ProductNames), order.ProductKind,
            order.Status, order.CreatedAt);

    /// <summary>
    /// The time <paramref name="calls"/> take at the rate limit: a sliding minute allows the limit at once, so each full
    /// limit's worth after the first waits a minute; the latency of each call, spread over the calls in flight, adds to it.
    /// </summary>
    private TimeSpan Estimate(int calls)
    {
        var rate = partnerCenter.Value.RequestsPerMinute;
        var waits = calls == 0 ? 0 : (calls - 1) / rate;
        return TimeSpan.FromMinutes(waits) + TimeSpan.FromSeconds(0.3 * (calls - (waits * rate)) / jobs.Value.Parallelism);
    }
}
