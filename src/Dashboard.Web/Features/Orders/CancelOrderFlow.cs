namespace Dashboard.Web.Features.Orders;

/// <summary>
/// Confirm-then-cancel, shared by the orders list and the order page: the dialog asks, the order service cancels, a
/// snackbar reports. The snackbar lives in the layout, so the user learns the outcome even after moving on. The page
/// applies the outcome to what it shows.
/// </summary>
public sealed class CancelOrderFlow(IOrderService orders, IDialogService dialogs, ISnackbar snackbar, Access.SignInAgain signInAgain)
{
    /// <summary>
    /// Asks, then cancels the order, or only <paramref name="lines"/> of it. Null when the user kept the order.
    /// </summary>
    public async Task<Outcome<Order>?> ConfirmAndCancelAsync(Order order, string customerName, IReadOnlyCollection<int>? lines = null)
    {
        ArgumentNullException.ThrowIfNull(order);
        var parameters = new DialogParameters<ConfirmCancelOrderDialog>
        {
            { d => d.Order, order },
            { d => d.CustomerName, customerName },
            { d => d.Lines, lines },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
        var dialog = await dialogs.ShowAsync<ConfirmCancelOrderDialog>(lines is null ? "Cancel order" : "Cancel lines", parameters, options);
        var answer = await dialog.Result;
        if (answer is null || answer.Canceled)
        {
            return null;
        }

        // Not a page's token: leaving the page must not abandon a cancel half-way and leave its outcome unknown.
        var outcome = lines is null
            ? await orders.CancelOrderAsync(order.CustomerId, order.Id, CancellationToken.None)
            : await orders.CancelLineItemsAsync(order.CustomerId, order.Id, lines, CancellationToken.None);
        snackbar.Add(SnackbarText(order, lines, outcome), SnackbarSeverity(outcome, lines));
        signInAgain.IfAskedBy(outcome.Succeeded ? null : outcome.Problem);
        return outcome;
    }

    private static string SnackbarText(Order order, IReadOnlyCollection<int>? lines, Outcome<Order> outcome)
    {
        var name = order.AlternateId ?? order.Id;
        if (outcome.Succeeded)
        {
            if (lines is not null)
            {
                var which = lines.Count == 1 ? $"Line {lines.Single()} of order {name} is" : $"Lines {string.Join(", ", lines.Order())} of order {name} are";
                return $"{which} cancelled; the order is {Display.Status(outcome.Value.Status, outcome.Value.StatusText)}.";
            }

            return outcome.Value.Status == OrderStatus.Cancelled
                ? $"Order {name} is cancelled."
                : $"Partner Center accepted the cancel of order {name}; it now reports the status {Display.Status(outcome.Value.Status, outcome.Value.StatusText)}.";
        }

        var problem = outcome.Problem;
        var text = $"Order {name}: {problem.Message}";
        return problem.CorrelationId is null ? text : $"{text} (correlation id {problem.CorrelationId})";
    }

    private static Severity SnackbarSeverity(Outcome<Order> outcome, IReadOnlyCollection<int>? lines) => outcome switch
    {
        { Succeeded: true, Value.Status: OrderStatus.Cancelled } => Severity.Success,
        { Succeeded: true } when lines is not null => Severity.Success,
        { Succeeded: true } => Severity.Warning,
        _ => Severity.Error,
    };
}
