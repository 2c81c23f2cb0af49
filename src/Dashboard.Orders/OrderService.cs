using System.Net;
using Dashboard.PartnerCenter;
using Dashboard.PartnerCenter.Dtos;
using Dashboard.PartnerCenter.Http;
using Microsoft.Extensions.Options;
using Refit;

namespace Dashboard.Orders;

/// <summary>
/// The only caller of <see cref="IPartnerCenterApi"/>: turns its answers into outcomes the pages can show. The reads are
/// here; cancelling, with its re-sends and read-back, is in OrderService.Cancel.cs.
/// </summary>
internal sealed partial class OrderService(
    IPartnerCenterApi api,
    ProductCatalog catalog,
    ICancelAuthorization cancels,
    CustomerNames customerNames,
    Activity.ActivityTrail activity,
    Snapshots.OrderSnapshots snapshots,
    OrdersTelemetry telemetry,
    IOptions<PartnerCenterOptions> options,
    TimeProvider time,
    ILogger<OrderService> logger) : IOrderService
{
    /// <summary>How many times a cancel that got no answer is sent, always with the same <c>MS-RequestId</c>.</summary>
    internal const int CancelAttempts = 3;

    // Partner Center's own pages are at most this big; the sandbox has at most 75 customers.
    private const int CustomerPageSize = 500;
    private const int MaxCustomerPages = 100;

    /// <summary>The longest company-name prefix sent: the filter travels in the URL, and no company name is longer.</summary>
    internal const int MaxCompanyNameSearch = 256;

    public async Task<Outcome<IReadOnlyList<Customer>>> ListCustomersAsync(CancellationToken cancellationToken = default)
    {
        var response = await api.GetCustomersAsync(CustomerPageSize, null, cancellationToken);
        var customers = new List<Customer>();
        for (var page = 1; ; page++)
        {
            if (!response.IsSuccessful || response.Content is null)
            {
                return ReadFailure(response, "customers");
            }

            customers.AddRange((response.Content.Items ?? []).Select(c => Remembered(c.ToCustomer())));
            if (NextPageToken(response.Content) is not { } token || page >= MaxCustomerPages)
            {
                return customers;
            }

            response = await api.GetNextCustomersAsync(CustomerPageSize, token, cancellationToken);
        }
    }

    public async Task<Outcome<CustomerPage>> ListCustomersPageAsync(
        string? companyNameStartsWith, int pageSize, string? pageToken, CancellationToken cancellationToken = default)
    {
        if (pageSize is < 1 or > CustomerPageSize)
        {
            return new Problem(ProblemKind.InvalidInput, $"A page holds from 1 to {CustomerPageSize} customers.");
        }

        if (companyNameStartsWith?.Trim().Length > MaxCompanyNameSearch)
        {
            return new Problem(ProblemKind.InvalidInput,
                $"Search by the start of a company name, at most {MaxCompanyNameSearch} characters; nothing was sent to Partner Center.");
        }

        var response = pageToken is { Length: > 0 }
            ? await api.GetNextCustomersAsync(pageSize, pageToken, cancellationToken)
            : await api.GetCustomersAsync(pageSize, CompanyNameFilter(companyNameStartsWith), cancellationToken);
        if (!response.IsSuccessful || response.Content is null)
        {
            return ReadFailure(response, "customers");
        }

        return new CustomerPage([.. (response.Content.Items ?? []).Select(c => Remembered(c.ToCustomer()))], NextPageToken(response.Content));
    }

    /// <summary>Keeps the customer's name for the activity records of cancels made from the page that read it.</summary>
    private Customer Remembered(Customer customer)
    {
        customerNames.Remember(customer);
        return customer;
    }

    // Partner Center's customer search: {"Field":"CompanyName","Value":"...","Operator":"starts_with"}
    // (docs/partner-center.md#customers-and-paging).
    private static string? CompanyNameFilter(string? startsWith) =>
        string.IsNullOrWhiteSpace(startsWith)
            ? null
            : System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["Field"] = "CompanyName",
                ["Value"] = startsWith.Trim(),
                ["Operator"] = "starts_with",
            });

    public async Task<Outcome<IReadOnlyList<LineProvisioning>>> GetProvisioningStatusAsync(
        string customerId, string orderId, CancellationToken cancellationToken = default)
    {
        if ((PartnerCenterIds.CheckCustomerId(customerId, out var customer) ?? PartnerCenterIds.CheckOrderId(orderId)) is { } invalid)
        {
            return invalid;
        }

        var response = await api.GetOrderProvisioningStatusAsync(customer, orderId, cancellationToken);
        if (!response.IsSuccessful || response.Content is null)
        {
            return ReadFailure(response, "provisioning status");
        }

        return Outcome<IReadOnlyList<LineProvisioning>>.Success(
            [.. (response.Content.Items ?? []).OrderBy(p => p.LineItemNumber).Select(p => new LineProvisioning(p.LineItemNumber, p.Status ?? "unknown"))]);
    }

    public async Task<Outcome<Customer>> GetCustomerAsync(string customerId, CancellationToken cancellationToken = default)
    {
        if (PartnerCenterIds.CheckCustomerId(customerId, out var customer) is { } invalid)
        {
            return invalid;
        }

        var response = await api.GetCustomerAsync(customer, cancellationToken);
        if (!response.IsSuccessful || response.Content is null)
        {
            return ReadFailure(response, "customer");
        }

        return Remembered(response.Content.ToCustomer());
    }

    public async Task<Outcome<IReadOnlyList<Order>>> ListOrdersAsync(string customerId, CancellationToken cancellationToken = default)
    {
        if (PartnerCenterIds.CheckCustomerId(customerId, out var customer) is { } invalid)
        {
            return invalid;
        }

        var response = await api.GetOrdersAsync(customer, null, cancellationToken);
        if (!response.IsSuccessful || response.Content is null)
        {
            return ReadFailure(response, "orders");
        }

        var orders = (response.Content.Items ?? []).Select(o => o.ToOrder(customer)).ToList();
        return Outcome<IReadOnlyList<Order>>.Success(await WithCancellabilityAsync(orders, cancellationToken));
    }

    public async Task<Outcome<Order>> GetOrderAsync(string customerId, string orderId, CancellationToken cancellationToken = default)
    {
        if ((PartnerCenterIds.CheckCustomerId(customerId, out var customer) ?? PartnerCenterIds.CheckOrderId(orderId)) is { } invalid)
        {
            return invalid;
        }

        var response = await api.GetOrderAsync(customer, orderId, cancellationToken);
        if (!response.IsSuccessful || response.Content is null)
        {
            return ReadFailure(response, "order");
        }

        var order = (await WithCancellabilityAsync([response.Content.ToOrder(customer)], cancellationToken))[0];

        // What one order reads now also holds for the customer's shared list (a job's cancel settling, say).
        await snapshots.UpdateAsync(order, CancellationToken.None);
        return order;
    }

    /// <summary>Adds each order's product kind (from the catalog, asked once per product) and its cancellability.</summary>
    private async Task<List<Order>> WithCancellabilityAsync(List<Order> orders, CancellationToken cancellationToken)
    {
        var productIds = orders
            .Select(o => o.LineItems.Select(l => ProductCatalog.ProductIdOf(l.OfferId)).FirstOrDefault(id => id is not null))
            .OfType<string>()
            .Where(id => !catalog.TryGet(id, out _))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        await Task.WhenAll(productIds.Select(id => catalog.LookUpOnceAsync(id, () => LookUpAsync(id, orders, cancellationToken))));

        var now = time.GetUtcNow();
        return [.. orders.Select(order =>
        {
            var (kind, known) = KindOf(order);
            var classified = order with { ProductKind = kind };
            return classified with { Cancellability = CancellationRules.Evaluate(classified, now, productKindKnown: known) };
        })];
    }

    private async Task LookUpAsync(string productId, List<Order> orders, CancellationToken cancellationToken)
    {
        var term = orders.SelectMany(o => o.LineItems).FirstOrDefault(l => ProductCatalog.ProductIdOf(l.OfferId) == productId)?.TermDuration;
        try
        {
            var response = await api.GetProductAsync(productId, options.Value.CatalogCountry, cancellationToken);
            if (response.IsSuccessful && response.Content is { } product)
            {
                // The catalog's answer is kept, even when its product type says nothing the rules know (Unknown).
                catalog.Remember(productId, ProductCatalog.Classify(product, term));
                return;
            }

            if (PartnerCenterFailure.From(response) is { Kind: PartnerCenterFailureKind.Error, StatusCode: HttpStatusCode.NotFound })
            {
                catalog.Remember(productId, ProductKind.Unknown);
                return;
            }

            logger.LogWarning("The catalog could not be asked the type of product {ProductId} (HTTP {StatusCode}); judging by its offer id",
                productId, (int?)response.StatusCode);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The catalog lookup of product {ProductId} timed out; judging by its offer id", productId);
        }
    }

    /// <summary>
    /// The order's product kind, and whether it is known: from the catalog's answer, or from the offer id of a legacy
    /// offer. A catalog product whose lookup failed is known only when its offer id alone tells (a new-commerce or
    /// software prefix); otherwise it is not known yet, and the order is not cancellable until the catalog answers.
    /// </summary>
    private (ProductKind Kind, bool Known) KindOf(Order order)
    {
        if (order.LineItems.Count == 0)
        {
            return (ProductKind.Unknown, true);
        }

        var line = order.LineItems[0];
        if (ProductCatalog.ProductIdOf(line.OfferId) is not { } productId)
        {
            return (ProductCatalog.ClassifyOffer(line.OfferId, line.TermDuration), true);
        }

        if (catalog.TryGet(productId, out var kind))
        {
            return (kind, true);
        }

        var byOffer = ProductCatalog.ClassifyOffer(line.OfferId, line.TermDuration);
        return (byOffer, byOffer != ProductKind.Unknown);
    }

    private static string? NextPageToken<T>(ResourceCollectionDto<T> page) =>
        page.Links?.Next is { } next
            ? page.ContinuationToken
              ?? next.Headers?.FirstOrDefault(h => string.Equals(h.Key, PartnerCenterHeaders.ContinuationToken, StringComparison.OrdinalIgnoreCase))?.Value
            : null;

    private Problem ReadFailure(IApiResponse response, string what)
    {
        var failure = PartnerCenterFailure.From(response);
        switch (failure)
        {
            case { Kind: PartnerCenterFailureKind.Error, StatusCode: HttpStatusCode.NotFound }:
                return new Problem(ProblemKind.NotFound, failure.Description, failure.ErrorCode, failure.CorrelationId, Details: failure.Data);
            case { Kind: PartnerCenterFailureKind.Error, StatusCode: < HttpStatusCode.InternalServerError }:
                return new Problem(ProblemKind.Refused, failure.Description, failure.ErrorCode, failure.CorrelationId, Details: failure.Data);
            case { Kind: PartnerCenterFailureKind.Throttled }:
                return new Problem(ProblemKind.Throttled, ThrottledMessage(failure, "Partner Center is throttling requests"), failure.ErrorCode, failure.CorrelationId,
                    RetryAfter: failure.RetryAfter);
            case { Kind: PartnerCenterFailureKind.SignInRequired }:
                return new Problem(ProblemKind.SignInRequired, failure.Description, ClaimsChallenge: failure.ClaimsChallenge);
            default:
                logger.LogWarning(
                    "Reading {What} from Partner Center failed: {FailureKind} {StatusCode} {Description} (correlation {CorrelationId})",
                    what, failure.Kind, (int?)failure.StatusCode, failure.Description, failure.CorrelationId);
                throw new PartnerCenterUnavailableException(failure.Description, failure.CorrelationId);
        }
    }

    private string ThrottledMessage(PartnerCenterFailure failure, string what) =>
        failure.RetryAfter is { } wait
            ? $"{what}: Partner Center is throttling requests. Try again at {(time.GetUtcNow() + wait).UtcDateTime:HH:mm:ss} UTC (in {Math.Ceiling(wait.TotalSeconds):0} seconds)."
            : $"{what}: Partner Center is throttling requests. Try again in a minute.";
}
