namespace Dashboard.Orders.Snapshots;

/// <summary>The columns a customer's orders can be sorted by. Ties are broken newest first, then by order id.</summary>
public enum OrderSort
{
    Created,
    AlternateId,
    Status,
    Billing,
    Currency,
    Products,
    Lines,
    Cancellable,
}
