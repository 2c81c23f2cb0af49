namespace Dashboard.Orders.Snapshots;

/// <summary>
/// Which of a customer's orders to show: by status, billing cycle and product type, and those whose ids, friendly id,
/// product names or offer ids contain <see cref="Text"/> (in any case). Null means any.
/// </summary>
public sealed record OrderFilter(OrderStatus? Status = null, BillingCycle? Billing = null, ProductKind? Kind = null, string? Text = null)
{
    public static OrderFilter None { get; } = new();

    /// <summary>The search text as matched: trimmed, without control characters (which separate fields in the index).</summary>
    public string? SearchText => Clean(Text);

    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var cleaned = string.Concat(text.Where(c => !char.IsControl(c))).Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }

    internal bool MatchesFields(Order order) =>
        (Status is not { } status || order.Status == status)
        && (Billing is not { } billing || order.BillingCycle == billing)
        && (Kind is not { } kind || order.ProductKind == kind);
}
