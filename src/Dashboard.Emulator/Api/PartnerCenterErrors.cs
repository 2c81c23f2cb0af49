namespace Dashboard.Emulator.Api;

/// <summary>Partner Center's error body: <c>{code, description, data, source}</c> (API-NOTES §3.1).</summary>
internal sealed record ErrorResource(int Code, string Description, IReadOnlyList<string> Data, string Source);

/// <summary>The documented error answers, each with its HTTP status and Partner Center code (API-NOTES §3.2).</summary>
internal static class PartnerCenterErrors
{
    public static IResult TokenMissing() =>
        Error(StatusCodes.Status401Unauthorized, 800001, "Partner Token missing in request context");

    public static IResult InvalidCustomerId() =>
        Error(StatusCodes.Status400BadRequest, 900118, "Invalid Customer Id");

    public static IResult TenantNotFound() =>
        Error(StatusCodes.Status404NotFound, 60003, "Tenant not found");

    public static IResult OrderNotFound() =>
        Error(StatusCodes.Status404NotFound, 20000, "Order ID not found");

    public static IResult InvalidInput(string why) =>
        Error(StatusCodes.Status400BadRequest, 800002, $"Invalid request input: {why}");

    public static IResult InvalidProperty(string why) =>
        Error(StatusCodes.Status400BadRequest, 3000, $"Invalid property: {why}");

    public static IResult LineItemOutOfRange() =>
        Error(StatusCodes.Status400BadRequest, 800071, "Line Item number should be from 0 to number of line items count");

    public static IResult OrderCannotBeCancelled() =>
        Error(StatusCodes.Status400BadRequest, 800061, "Order cannot be canceled");

    public static IResult UseSubscriptionInstead(string orderId, string customerId) =>
        Error(StatusCodes.Status400BadRequest, 800063,
            $"This order {orderId} cannot be cancelled. Use PATCH /customers/{customerId}/subscriptions/<subscriptionId> to suspend subscriptions");

    public static IResult SeatBasedSaaS() =>
        Error(StatusCodes.Status403Forbidden, 800077,
            "Cancelling of seat-based SaaS is not supported via patch order. Use patch subscription instead.");

    public static IResult CancellationWindowPassed(int days) =>
        Error(StatusCodes.Status400BadRequest, 900117,
            $"You have passed your {days}-day cancellation window. We are unable to cancel your purchase");

    public static IResult OrderInProgress() =>
        Error(StatusCodes.Status409Conflict, 800060,
            "Your order is in progress. Check your order history for recent orders in few minutes");

    private static IResult Error(int status, int code, string description) =>
        Results.Json(new ErrorResource(code, description, [], "PartnerFD"), statusCode: status);
}
