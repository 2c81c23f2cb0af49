namespace Dashboard.Orders;

/// <summary>
/// The order desk: what the pages ask of Partner Center. Expected failures (a malformed id, an unknown order, a
/// refusal) come back as an <see cref="Outcome{T}"/>; a Partner Center that cannot answer a read throws
/// <see cref="PartnerCenterUnavailableException"/>.
/// </summary>
public interface IOrderService
{
    Task<Outcome<IReadOnlyList<Customer>>> ListCustomersAsync(CancellationToken cancellationToken = default);

    Task<Outcome<Customer>> GetCustomerAsync(string customerId, CancellationToken cancellationToken = default);

    Task<Outcome<IReadOnlyList<Order>>> ListOrdersAsync(string customerId, CancellationToken cancellationToken = default);

    Task<Outcome<Order>> GetOrderAsync(string customerId, string orderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels the whole order. Never retried blindly: a cancel without an answer is sent again with the same
    /// <c>MS-RequestId</c> and then the order is read back; when even that leaves it open, the outcome is
    /// <see cref="ProblemKind.OutcomeUnknown"/> with what to check.
    /// </summary>
    Task<Outcome<Order>> CancelOrderAsync(string customerId, string orderId, CancellationToken cancellationToken = default);

    /// <summary>Cancels some line items of a software order, the same way as <see cref="CancelOrderAsync"/>.</summary>
    Task<Outcome<Order>> CancelLineItemsAsync(
        string customerId, string orderId, IReadOnlyCollection<int> lineItemNumbers, CancellationToken cancellationToken = default);
}
