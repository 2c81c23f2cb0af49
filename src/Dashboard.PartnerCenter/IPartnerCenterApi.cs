using Dashboard.PartnerCenter.Dtos;
using Dashboard.PartnerCenter.Http;
using Refit;

namespace Dashboard.PartnerCenter;

/// <summary>
/// The Partner Center REST calls the dashboard makes (docs/partner-center.md#endpoints). Paths carry the <c>/v1</c>
/// version; the base address is the service root. Every call answers <see cref="IApiResponse{T}"/> because the status
/// code and the error body mean something to the order service.
/// </summary>
public interface IPartnerCenterApi
{
    /// <summary>The first page of customers; <paramref name="filter"/> is the JSON filter, e.g. company name starts_with.</summary>
    [Get("/v1/customers")]
    Task<IApiResponse<ResourceCollectionDto<CustomerDto>>> GetCustomersAsync(
        [AliasAs("size")] int? size, [AliasAs("filter")] string? filter, CancellationToken cancellationToken);

    /// <summary>The page after the one whose <c>links.next</c> carried <paramref name="continuationToken"/>.</summary>
    [Get("/v1/customers?seekOperation=Next")]
    Task<IApiResponse<ResourceCollectionDto<CustomerDto>>> GetNextCustomersAsync(
        [AliasAs("size")] int? size, [Header(PartnerCenterHeaders.ContinuationToken)] string continuationToken, CancellationToken cancellationToken);

    [Get("/v1/customers/{customerId}")]
    Task<IApiResponse<CustomerDto>> GetCustomerAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>
    /// The sandbox clean-up: deletes a customer of the integration sandbox and everything it has. A re-send after a
    /// lost answer carries the same <paramref name="requestId"/>; null gets a fresh one.
    /// </summary>
    [Delete("/v1/customers/{customerId}")]
    Task<IApiResponse> DeleteCustomerAsync(
        string customerId, [Header(PartnerCenterHeaders.RequestId)] string? requestId, CancellationToken cancellationToken);

    /// <summary>A customer's orders; <paramref name="billingType"/> filters by billing cycle (e.g. <c>one_time</c>).</summary>
    [Get("/v1/customers/{customerId}/orders")]
    Task<IApiResponse<ResourceCollectionDto<OrderDto>>> GetOrdersAsync(
        string customerId, [AliasAs("billingType")] string? billingType, CancellationToken cancellationToken);

    [Get("/v1/customers/{customerId}/orders/{orderId}")]
    Task<IApiResponse<OrderDto>> GetOrderAsync(string customerId, string orderId, CancellationToken cancellationToken);

    /// <summary>
    /// Updates an order; with <c>"status": "cancelled"</c> this is the sandbox cancel, of the whole order or of the line
    /// items listed. <paramref name="requestId"/> is the idempotency key: a re-send after a timeout carries the same one.
    /// The body is buffered, so that it goes out with a <c>Content-Length</c> as in Partner Center's published examples,
    /// not chunked.
    /// </summary>
    [Patch("/v1/customers/{customerId}/orders/{orderId}")]
    Task<IApiResponse<OrderDto>> PatchOrderAsync(
        string customerId, string orderId, [Body(buffered: true)] OrderPatchDto patch,
        [Header(PartnerCenterHeaders.RequestId)] string requestId, CancellationToken cancellationToken);

    /// <summary>The provisioning status of each line item (App+User credentials only).</summary>
    [Get("/v1/customers/{customerId}/orders/{orderId}/provisioningstatus")]
    Task<IApiResponse<ResourceCollectionDto<ProvisioningStatusDto>>> GetOrderProvisioningStatusAsync(
        string customerId, string orderId, CancellationToken cancellationToken);

    /// <summary>What the customer's reservations and software entitle it to, each pointing back to its order.</summary>
    [Get("/v1/customers/{customerId}/entitlements")]
    Task<IApiResponse<ResourceCollectionDto<EntitlementDto>>> GetEntitlementsAsync(
        string customerId, [AliasAs("entitlementType")] string? entitlementType, CancellationToken cancellationToken);

    /// <summary>
    /// A catalog product, whose <c>productType</c> tells how its orders are cancelled
    /// (docs/partner-center.md#product-kinds).
    /// </summary>
    [Get("/v1/products/{productId}")]
    Task<IApiResponse<ProductDto>> GetProductAsync(string productId, [AliasAs("country")] string country, CancellationToken cancellationToken);

    /// <summary>
    /// Partner Center's activity log (docs/partner-center.md#audit-records): the records from <paramref name="startDate"/>
    /// (<c>yyyy-MM-dd</c>, at most 90 days back) to <paramref name="endDate"/> (null: today), optionally filtered by
    /// <paramref name="filter"/>, the JSON filter, e.g. <c>{"Field":"CustomerId","Value":"...","Operator":"equals"}</c>.
    /// </summary>
    [Get("/v1/auditrecords")]
    Task<IApiResponse<ResourceCollectionDto<AuditRecordDto>>> GetAuditRecordsAsync(
        [AliasAs("startDate")] string startDate,
        [AliasAs("endDate")] string? endDate,
        [AliasAs("filter")] string? filter,
        [AliasAs("size")] int? size,
        CancellationToken cancellationToken);

    /// <summary>The page of audit records after the one whose <c>links.next</c> carried <paramref name="continuationToken"/>.</summary>
    [Get("/v1/auditrecords?seekOperation=Next")]
    Task<IApiResponse<ResourceCollectionDto<AuditRecordDto>>> GetNextAuditRecordsAsync(
        [AliasAs("size")] int? size, [Header(PartnerCenterHeaders.ContinuationToken)] string continuationToken, CancellationToken cancellationToken);
}
