namespace Dashboard.Orders;

/// <summary>
/// The order desk: what the pages ask of Partner Center. Expected failures (a malformed id, an unknown order, a
/// refusal) come back as an <see cref="Outcome{T}"/>; a Partner Center that cannot answer a read throws
/// <see cref="PartnerCenterUnavailableException"/>.
/// </summary>
public interface IOrderService
{
    /// <summary>Every customer, following Partner Center's pages.</summary>
    Task<Outcome<IReadOnlyList<Customer>>> ListCustomersAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of customers, optionally those whose company name starts with <paramref name="companyNameStartsWith"/>
    /// (Partner Center's only search). <paramref name="pageToken"/> is the <see cref="CustomerPage.NextPageToken"/> of
    /// the page before; the search and page size must stay the same from page to page.
    /// </summary>
    Task<Outcome<CustomerPage>> ListCustomersPageAsync(
        string? companyNameStartsWith, int pageSize, string? pageToken, CancellationToken cancellationToken = default);

    Task<Outcome<Customer>> GetCustomerAsync(string customerId, CancellationToken cancellationToken = default);

    Task<Outcome<IReadOnlyList<Order>>> ListOrdersAsync(string customerId, CancellationToken cancellationToken = default);

    Task<Outcome<Order>> GetOrderAsync(string customerId, string orderId, CancellationToken cancellationToken = default);

    /// <summary>The provisioning status of each line of an order (Partner Center answers it for App+User tokens only).</summary>
    Task<Outcome<IReadOnlyList<LineProvisioning>>> GetProvisioningStatusAsync(
        string customerId, string orderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels the whole order. Never retried blindly: a cancel without an answer is sent again with the same
    /// <c>MS-RequestId</c> and then the order is read back; when even that leaves it open, the outcome is
    /// <see cref="ProblemKind.OutcomeUnknown"/> with what to check.
    /// </summary>
    Task<Outcome<Order>> CancelOrderAsync(string customerId, string orderId, CancellationToken cancellationToken = default);

    /// <summary>Cancels some line items of a software order, the same way as <see cref="CancelOrderAsync"/>.</summary>
    Task<Outcome<Order>> CancelLineItemsAsync(
        string customerId, string orderId, IReadOnlyCollection<int> lineItemNumbers, CancellationToken cancellationToken = default);

    /// <summary>
    /// Partner Center's own audit records about one order, newest first: those of the customer from
    /// <paramref name="since"/> (or 89 days ago, when that is later: Partner Center keeps 90 days) that name the order.
    /// </summary>
    Task<Outcome<IReadOnlyList<PartnerCenterAuditRecord>>> ListOrderAuditRecordsAsync(
        string customerId, string orderId, DateTimeOffset since, CancellationToken cancellationToken = default);
}
