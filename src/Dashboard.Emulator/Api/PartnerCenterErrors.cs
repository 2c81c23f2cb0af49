namespace Dashboard.Emulator.Api;

/// <summary>
/// Partner Center's error body: <c>{code, description, data, source}</c> (docs/partner-center.md#error-body).
/// </summary>
internal sealed record ErrorResource(int Code, string Description, IReadOnlyList<string> Data, string Source);

/// <summary>An error answer: its HTTP status and its body. Endpoints return it as is; the PATCH also stores it.</summary>
internal sealed record PartnerCenterError(int StatusCode, ErrorResource Body) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => Results.Json(Body, statusCode: StatusCode).ExecuteAsync(httpContext);
}

/// <summary>
/// The documented error answers, each with its HTTP status and Partner Center code
/// (docs/partner-center.md#error-codes).
/// </summary>
internal static class PartnerCenterErrors
{
    public static PartnerCenterError TokenMissing() =>
        Error(StatusCodes.Status401Unauthorized, 800001, "Partner Token missing in request context");

    public static PartnerCenterError InvalidCustomerId() =>
        Error(StatusCodes.Status400BadRequest, 900118, "Invalid Customer Id");

    public static PartnerCenterError TenantNotFound() =>
        Error(StatusCodes.Status404NotFound, 60003, "Tenant not found");

    public static PartnerCenterError OrderNotFound() =>
        Error(StatusCodes.Status404NotFound, 20000, "Order ID not found");

    public static PartnerCenterError InvalidInput(string why) =>
        Error(StatusCodes.Status400BadRequest, 800002, $"Invalid request input: {why}");

    public static PartnerCenterError InvalidProperty(string why) =>
        Error(StatusCodes.Status400BadRequest, 3000, $"Invalid property: {why}");

    public static PartnerCenterError LineItemOutOfRange() =>
        Error(StatusCodes.Status400BadRequest, 800071, "Line Item number should be from 0 to number of line items count");

    public static PartnerCenterError OrderCannotBeCancelled() =>
        Error(StatusCodes.Status400BadRequest, 800061, "Order cannot be canceled");

    public static PartnerCenterError UseSubscriptionInstead(string orderId, string customerId) =>
        Error(StatusCodes.Status400BadRequest, 800063,
            $"This order {orderId} cannot be cancelled. Use PATCH /customers/{customerId}/subscriptions/<subscriptionId> to suspend subscriptions");

    public static PartnerCenterError SeatBasedSaaS() =>
        Error(StatusCodes.Status403Forbidden, 800077,
            "Cancelling of seat-based SaaS is not supported via patch order. Use patch subscription instead.");

    public static PartnerCenterError CancellationWindowPassed(int days) =>
        Error(StatusCodes.Status400BadRequest, 900117,
            $"You have passed your {days}-day cancellation window. We are unable to cancel your purchase");

    public static PartnerCenterError OrderInProgress() =>
        Error(StatusCodes.Status409Conflict, 800060,
            "Your order is in progress. Check your order history for recent orders in few minutes");

    public static PartnerCenterError InternalError() =>
        Error(StatusCodes.Status500InternalServerError, 0, "The service has encountered an unknown error.");

    public static PartnerCenterError ServiceUnavailable() =>
        Error(StatusCodes.Status503ServiceUnavailable, 0, "The service is temporarily unavailable. Try again later.");

    public static PartnerCenterError ProvisioningStatusNeedsAppAndUser() =>
        Error(StatusCodes.Status403Forbidden, 900123, "This operation requires App+User credentials; app-only tokens are not supported.");

    public static PartnerCenterError ActivePurchasesBlockDelete(IReadOnlyList<string> alternateIds) =>
        Error(StatusCodes.Status400BadRequest, 800062,
            $"Customer relationship cannot be removed due to active Azure reserved instances or software purchases. Please cancel the following orders: {string.Join(", ", alternateIds)}",
            alternateIds);

    public static PartnerCenterError ResourceNotFound() =>
        Error(StatusCodes.Status404NotFound, 1000, "Not found");

    public static PartnerCenterError ProductNotFound() =>
        Error(StatusCodes.Status404NotFound, 1000, "Not found");

    public static PartnerCenterError RequestIdReused() =>
        Error(StatusCodes.Status400BadRequest, 800002, "Invalid request input: the MS-RequestId was already used for another request");

    private static PartnerCenterError Error(int status, int code, string description, IReadOnlyList<string>? data = null) =>
        new(status, new ErrorResource(code, description, data ?? [], "PartnerFD"));
}
