using System.Net;
using Dashboard.PartnerCenter;
using Dashboard.PartnerCenter.Dtos;
using Dashboard.PartnerCenter.Http;
using Microsoft.Extensions.Options;
using Refit;

namespace Dashboard.Orders;

/// <summary>The only caller of <see cref="IPartnerCenterApi"/>: turns its answers into outcomes the pages can show.</summary>
internal sealed class OrderService(
    IPartnerCenterApi api,
    ProductCatalog catalog,
    ICancelAuthorization cancels,
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

            customers.AddRange((response.Content.Items ?? []).Select(c => c.ToCustomer()));
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

        return new CustomerPage([.. (response.Content.Items ?? []).Select(c => c.ToCustomer())], NextPageToken(response.Content));
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

        return response.Content.ToCustomer();
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

        return (await WithCancellabilityAsync([response.Content.ToOrder(customer)], cancellationToken))[0];
    }

    public async Task<Outcome<Order>> CancelOrderAsync(string customerId, string orderId, CancellationToken cancellationToken = default)
    {
        if ((PartnerCenterIds.CheckCustomerId(customerId, out var customer) ?? PartnerCenterIds.CheckOrderId(orderId)) is { } invalid)
        {
            return invalid;
        }

        if (await RefusedAsync(customer, orderId, cancellationToken) is { } refused)
        {
            return refused;
        }

        return await SendCancelAsync(customer, orderId, OrderPatchDto.Cancel(orderId), lines: null, cancellationToken);
    }

    public async Task<Outcome<Order>> CancelLineItemsAsync(
        string customerId, string orderId, IReadOnlyCollection<int> lineItemNumbers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lineItemNumbers);
        if ((PartnerCenterIds.CheckCustomerId(customerId, out var customer) ?? PartnerCenterIds.CheckOrderId(orderId)) is { } invalid)
        {
            return invalid;
        }

        if (lineItemNumbers.Count == 0)
        {
            return new Problem(ProblemKind.InvalidInput, "Choose at least one line item to cancel.");
        }

        if (await RefusedAsync(customer, orderId, cancellationToken) is { } refused)
        {
            return refused;
        }

        // The body names each line with its offer, as Partner Center's example does; read them from the order.
        Outcome<Order> current;
        try
        {
            current = await GetOrderAsync(customer, orderId, cancellationToken);
        }
        catch (PartnerCenterUnavailableException ex)
        {
            // Nothing was sent yet: say so, like any other problem.
            return ex.ToProblem();
        }

        if (!current.Succeeded)
        {
            return current;
        }

        var unknown = lineItemNumbers.Where(n => current.Value.LineItems.All(l => l.Number != n)).ToList();
        if (unknown.Count > 0)
        {
            return new Problem(ProblemKind.InvalidInput, $"Order {orderId} has no line {string.Join(", ", unknown)}.");
        }

        var lines = current.Value.LineItems.Where(l => lineItemNumbers.Contains(l.Number)).ToList();
        var patch = OrderPatchDto.CancelLines(orderId, lines.Select(l => new OrderPatchLineItemDto(l.Number, l.OfferId)));
        return await SendCancelAsync(customer, orderId, patch, lineItemNumbers, cancellationToken);
    }

    /// <summary>The host's say on cancelling (role, production guard), asked before anything is sent.</summary>
    private async Task<Problem?> RefusedAsync(string customer, string orderId, CancellationToken cancellationToken)
    {
        if (await cancels.WhyNotAsync(cancellationToken) is not { } why)
        {
            return null;
        }

        logger.LogWarning("Cancel of order {OrderId} for customer {CustomerId} refused by the dashboard, nothing sent: {Reason}", orderId, customer, why);
        return new Problem(ProblemKind.NotAllowed, why);
    }

    /// <summary>
    /// Sends a cancel and makes sure of its outcome. Never retried blindly: a cancel that got no trustworthy answer is
    /// sent again with the same <c>MS-RequestId</c>, so that Partner Center applies it once, and when answers still do
    /// not come, the order is read back to learn the truth.
    /// </summary>
    private async Task<Outcome<Order>> SendCancelAsync(
        string customer, string orderId, OrderPatchDto patch, IReadOnlyCollection<int>? lines, CancellationToken cancellationToken)
    {
        var requestId = Guid.NewGuid().ToString();
        try
        {
            return await SendCancelAsync(customer, orderId, patch, lines, requestId, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up after the PATCH was sent at least once: it may have reached Partner Center.
            logger.LogWarning("Cancel of order {OrderId} for customer {CustomerId} was abandoned before its outcome was known (request {RequestId})",
                orderId, customer, requestId);
            return new Problem(ProblemKind.OutcomeUnknown,
                "The cancel was abandoned before its outcome was known. The order may or may not have been cancelled: check its status before trying again.",
                RequestId: requestId);
        }
    }

    private async Task<Outcome<Order>> SendCancelAsync(
        string customer, string orderId, OrderPatchDto patch, IReadOnlyCollection<int>? lines, string requestId, CancellationToken cancellationToken)
    {
        PartnerCenterFailure? failure = null;
        for (var attempt = 1; attempt <= CancelAttempts; attempt++)
        {
            var response = await api.PatchOrderAsync(customer, orderId, patch, requestId, cancellationToken);

            if (response.IsSuccessful && response.Content is not null)
            {
                var order = (await WithCancellabilityAsync([response.Content.ToOrder(customer)], cancellationToken))[0];
                logger.LogInformation(
                    "Cancelled {What} of order {OrderId} for customer {CustomerId}; Partner Center reports status {OrderStatus} (attempt {Attempt}, request {RequestId})",
                    lines is null ? "all lines" : $"lines {string.Join(',', lines)}", orderId, customer, order.StatusText, attempt, requestId);
                return order;
            }

            failure = PartnerCenterFailure.From(response);
            logger.LogWarning(
                "Cancel of order {OrderId} for customer {CustomerId} failed: {FailureKind} {StatusCode} {ErrorCode} {Description} (attempt {Attempt}, correlation {CorrelationId}, request {RequestId})",
                orderId, customer, failure.Kind, (int?)failure.StatusCode, failure.ErrorCode, failure.Description, attempt, failure.CorrelationId, requestId);

            switch (failure)
            {
                case { Kind: PartnerCenterFailureKind.Error, StatusCode: HttpStatusCode.NotFound }:
                    return new Problem(ProblemKind.NotFound, failure.Description, failure.ErrorCode, failure.CorrelationId, requestId, failure.Data);
                case { Kind: PartnerCenterFailureKind.Error, StatusCode: HttpStatusCode.RequestTimeout }:
                    break;
                case { Kind: PartnerCenterFailureKind.Error, StatusCode: < HttpStatusCode.InternalServerError } when attempt == 1:
                    return new Problem(ProblemKind.Refused, failure.Description, failure.ErrorCode, failure.CorrelationId, requestId, failure.Data);
                case { Kind: PartnerCenterFailureKind.Throttled } when attempt == 1:
                    return new Problem(ProblemKind.Throttled, ThrottledMessage(failure, "The cancel was not carried out"), failure.ErrorCode, failure.CorrelationId, requestId);
                case { Kind: PartnerCenterFailureKind.Error or PartnerCenterFailureKind.Throttled, StatusCode: < HttpStatusCode.InternalServerError }:
                    // A refusal or a 429 of a re-send says nothing about the first send, which may have worked: read the order to know.
                    return await ReadBackAsync(customer, orderId, lines, failure, requestId, attempt, cancellationToken);
                case { Kind: PartnerCenterFailureKind.SignInRequired } when attempt == 1:
                    return new Problem(ProblemKind.SignInRequired, failure.Description, RequestId: requestId, ClaimsChallenge: failure.ClaimsChallenge);
                case { Kind: PartnerCenterFailureKind.NotSent } when attempt == 1:
                    return new Problem(ProblemKind.Unavailable, failure.Description, null, failure.CorrelationId, requestId);
            }

            // No answer, a server error or a page that is not Partner Center's: the cancel may have been applied.
            if (attempt < CancelAttempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), time, cancellationToken);
            }
        }

        return await ReadBackAsync(customer, orderId, lines, failure!, requestId, CancelAttempts, cancellationToken);
    }

    /// <summary>After a cancel without a trustworthy answer, what Partner Center now says about the order is the truth.</summary>
    private async Task<Outcome<Order>> ReadBackAsync(
        string customer, string orderId, IReadOnlyCollection<int>? lines, PartnerCenterFailure failure, string requestId, int attempts,
        CancellationToken cancellationToken)
    {
        Outcome<Order> current;
        try
        {
            current = await GetOrderAsync(customer, orderId, cancellationToken);
        }
        catch (PartnerCenterUnavailableException ex)
        {
            current = ex.ToProblem();
        }

        if (current.Succeeded && IsCancelled(current.Value, lines))
        {
            logger.LogInformation(
                "Cancel of order {OrderId} for customer {CustomerId} confirmed by reading the order back after {Attempts} attempts (request {RequestId})",
                orderId, customer, attempts, requestId);
            return current;
        }

        var what = attempts == 1 ? "The cancel" : $"The cancel, sent {attempts} times with the same request id,";
        var message = current.Succeeded
            ? $"{what} got no trustworthy answer ({failure.Description}) and Partner Center still reports the order as {current.Value.StatusText ?? "not cancelled"}. " +
              "The cancel may not have arrived, or may still be processing: check the order again in a few minutes before trying again."
            : $"{what} got no trustworthy answer ({failure.Description}), and the order could not be read back. " +
              "The order may or may not have been cancelled: check its status in a few minutes before trying again.";
        return new Problem(ProblemKind.OutcomeUnknown, message, failure.ErrorCode, failure.CorrelationId, requestId);
    }

    private static bool IsCancelled(Order order, IReadOnlyCollection<int>? lines) =>
        order.Status == OrderStatus.Cancelled
        || (lines is not null && order.LineItems.Where(l => lines.Contains(l.Number)).All(l => l.Quantity == 0));

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
            var classified = order with { ProductKind = KindOf(order) };
            return classified with { Cancellability = CancellationRules.Evaluate(classified, now) };
        })];
    }

    private async Task LookUpAsync(string productId, List<Order> orders, CancellationToken cancellationToken)
    {
        var term = orders.SelectMany(o => o.LineItems).FirstOrDefault(l => ProductCatalog.ProductIdOf(l.OfferId) == productId)?.TermDuration;
        try
        {
            var response = await api.GetProductAsync(productId, options.Value.CatalogCountry, cancellationToken);
            if (response.IsSuccessful && response.Content is { } product && ProductCatalog.Classify(product, term) is var kind && kind != ProductKind.Unknown)
            {
                catalog.Remember(productId, kind);
                return;
            }

            logger.LogWarning("The catalog did not tell the type of product {ProductId} (HTTP {StatusCode}); judging by its offer id",
                productId, (int?)response.StatusCode);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The catalog lookup of product {ProductId} timed out; judging by its offer id", productId);
        }
    }

    private ProductKind KindOf(Order order)
    {
        if (order.LineItems.Count == 0)
        {
            return ProductKind.Unknown;
        }

        var line = order.LineItems[0];
        return ProductCatalog.ProductIdOf(line.OfferId) is { } productId && catalog.TryGet(productId, out var kind)
            ? kind
            : ProductCatalog.ClassifyOffer(line.OfferId, line.TermDuration);
    }

    private static string? NextPageToken(ResourceCollectionDto<CustomerDto> page) =>
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
                return new Problem(ProblemKind.Throttled, ThrottledMessage(failure, "Partner Center is throttling requests"), failure.ErrorCode, failure.CorrelationId);
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
