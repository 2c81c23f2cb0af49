using Dashboard.PartnerCenter.Dtos;
using Refit;

namespace Dashboard.PartnerCenter;

/// <summary>
/// The Partner Center REST calls the dashboard makes (API-NOTES §1.2). Paths carry the <c>/v1</c> version; the base
/// address is the service root. Every call answers <see cref="IApiResponse{T}"/> because the status code and the
/// error body mean something to the order service.
/// </summary>
public interface IPartnerCenterApi
{
    [Get("/v1/customers")]
    Task<IApiResponse<ResourceCollectionDto<CustomerDto>>> GetCustomersAsync(CancellationToken cancellationToken);

    [Get("/v1/customers/{customerId}")]
    Task<IApiResponse<CustomerDto>> GetCustomerAsync(string customerId, CancellationToken cancellationToken);

    [Get("/v1/customers/{customerId}/orders")]
    Task<IApiResponse<ResourceCollectionDto<OrderDto>>> GetOrdersAsync(string customerId, CancellationToken cancellationToken);

    [Get("/v1/customers/{customerId}/orders/{orderId}")]
    Task<IApiResponse<OrderDto>> GetOrderAsync(string customerId, string orderId, CancellationToken cancellationToken);

    /// <summary>Updates an order; with <c>"status": "cancelled"</c> this is the sandbox cancel.</summary>
    [Patch("/v1/customers/{customerId}/orders/{orderId}")]
    Task<IApiResponse<OrderDto>> PatchOrderAsync(string customerId, string orderId, [Body] OrderPatchDto patch, CancellationToken cancellationToken);
}
