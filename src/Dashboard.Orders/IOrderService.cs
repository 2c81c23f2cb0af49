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
    /// Cancels the whole order. Never retried blindly: when no answer comes back the outcome is
    /// <see cref="ProblemKind.OutcomeUnknown"/> and the caller reads the order again.
    /// </summary>
    Task<Outcome<Order>> CancelOrderAsync(string customerId, string orderId, CancellationToken cancellationToken = default);
}
