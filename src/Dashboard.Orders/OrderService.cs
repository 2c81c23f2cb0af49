using System.Net;
using Dashboard.PartnerCenter;
using Dashboard.PartnerCenter.Dtos;
using Refit;

namespace Dashboard.Orders;

/// <summary>The only caller of <see cref="IPartnerCenterApi"/>: turns its answers into outcomes the pages can show.</summary>
internal sealed class OrderService(IPartnerCenterApi api, ILogger<OrderService> logger) : IOrderService
{
    public async Task<Outcome<IReadOnlyList<Customer>>> ListCustomersAsync(CancellationToken cancellationToken = default)
    {
        var response = await api.GetCustomersAsync(cancellationToken);
        if (!response.IsSuccessful || response.Content is null)
        {
            return ReadFailure(response, "customers");
        }

        return Outcome<IReadOnlyList<Customer>>.Success([.. (response.Content.Items ?? []).Select(c => c.ToCustomer())]);
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

        var response = await api.GetOrdersAsync(customer, cancellationToken);
        if (!response.IsSuccessful || response.Content is null)
        {
            return ReadFailure(response, "orders");
        }

        return Outcome<IReadOnlyList<Order>>.Success([.. (response.Content.Items ?? []).Select(o => o.ToOrder(customer))]);
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

        return response.Content.ToOrder(customer);
    }

    public async Task<Outcome<Order>> CancelOrderAsync(string customerId, string orderId, CancellationToken cancellationToken = default)
    {
        if ((PartnerCenterIds.CheckCustomerId(customerId, out var customer) ?? PartnerCenterIds.CheckOrderId(orderId)) is { } invalid)
        {
            return invalid;
        }

        IApiResponse<OrderDto> response;
        try
        {
            response = await api.PatchOrderAsync(customer, orderId, OrderPatchDto.Cancel(orderId), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up; the PATCH may still have reached Partner Center.
            logger.LogWarning("Cancel of order {OrderId} for customer {CustomerId} was abandoned before Partner Center answered",
                orderId, customer);
            return new Problem(ProblemKind.OutcomeUnknown,
                "The cancel was abandoned before Partner Center answered. The order may or may not have been cancelled: check its status before trying again.");
        }

        if (response.IsSuccessful && response.Content is not null)
        {
            var order = response.Content.ToOrder(customer);
            logger.LogInformation("Cancelled order {OrderId} for customer {CustomerId}; Partner Center reports status {OrderStatus}",
                orderId, customer, order.StatusText);
            return order;
        }

        var failure = PartnerCenterFailure.From(response);
        logger.LogWarning(
            "Cancel of order {OrderId} for customer {CustomerId} failed: {FailureKind} {StatusCode} {ErrorCode} {Description} (correlation {CorrelationId})",
            orderId, customer, failure.Kind, (int?)failure.StatusCode, failure.ErrorCode, failure.Description, failure.CorrelationId);

        return failure switch
        {
            { Kind: PartnerCenterFailureKind.Error, StatusCode: HttpStatusCode.NotFound } =>
                new Problem(ProblemKind.NotFound, failure.Description, failure.ErrorCode, failure.CorrelationId),
            { Kind: PartnerCenterFailureKind.Error, StatusCode: < HttpStatusCode.InternalServerError } =>
                new Problem(ProblemKind.Refused, failure.Description, failure.ErrorCode, failure.CorrelationId),
            { Kind: PartnerCenterFailureKind.Throttled } =>
                new Problem(ProblemKind.Throttled, ThrottledMessage(failure), failure.ErrorCode, failure.CorrelationId),
            // No answer, a server error or a page that is not Partner Center's: the PATCH may have been applied.
            _ => new Problem(ProblemKind.OutcomeUnknown,
                $"{failure.Description} The order may or may not have been cancelled: check its status before trying again.",
                failure.ErrorCode, failure.CorrelationId),
        };
    }

    private Problem ReadFailure(IApiResponse response, string what)
    {
        var failure = PartnerCenterFailure.From(response);
        switch (failure)
        {
            case { Kind: PartnerCenterFailureKind.Error, StatusCode: HttpStatusCode.NotFound }:
                return new Problem(ProblemKind.NotFound, failure.Description, failure.ErrorCode, failure.CorrelationId);
            case { Kind: PartnerCenterFailureKind.Error, StatusCode: < HttpStatusCode.InternalServerError }:
                return new Problem(ProblemKind.Refused, failure.Description, failure.ErrorCode, failure.CorrelationId);
            case { Kind: PartnerCenterFailureKind.Throttled }:
                return new Problem(ProblemKind.Throttled, ThrottledMessage(failure), failure.ErrorCode, failure.CorrelationId);
            default:
                logger.LogWarning(
                    "Reading {What} from Partner Center failed: {FailureKind} {StatusCode} {Description} (correlation {CorrelationId})",
                    what, failure.Kind, (int?)failure.StatusCode, failure.Description, failure.CorrelationId);
                throw new PartnerCenterUnavailableException(failure.Description, failure.CorrelationId);
        }
    }

    private static string ThrottledMessage(PartnerCenterFailure failure) =>
        failure.RetryAfter is { } wait
            ? $"Partner Center is throttling requests; try again in {Math.Ceiling(wait.TotalSeconds):0} seconds."
            : "Partner Center is throttling requests; try again in a minute.";
}
