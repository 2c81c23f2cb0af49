using Dashboard.Testing;

namespace Dashboard.Orders.Tests.Testing;

/// <summary>
/// The Partner Center calls an order desk made, read from the one event the client's request handler logs per attempt.
/// </summary>
internal static class PartnerCenterCalls
{
    public const string RequestHandler = "Dashboard.PartnerCenter.Http.PartnerCenterRequestHandler";
    public const string OrderService = "Dashboard.Orders.OrderService";
    public const string Resilience = "Dashboard.PartnerCenter.PartnerCenterResilience";

    public const string OrderRoute = "/v1/customers/{customerId}/orders/{orderId}";
    public const string ProductRoute = "/v1/products/{productId}";

    /// <summary>Every attempt of every call, in the order they ended.</summary>
    public static IReadOnlyList<PartnerCenterCall> Calls(this CapturedLogs logs) =>
        [.. logs.From(RequestHandler).Select(PartnerCenterCall.From)];

    /// <summary>Waits (in real time) until an event matching <paramref name="predicate"/> has been logged.</summary>
    public static async Task<CapturedLogEvent> WaitForAsync(this CapturedLogs logs, Func<CapturedLogEvent, bool> predicate, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while (true)
        {
            if (logs.Events.FirstOrDefault(predicate) is { } found)
            {
                return found;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }
}

/// <summary>One attempt of a Partner Center call.</summary>
/// <param name="StatusCode">The HTTP status of the answer; null when no answer came.</param>
internal sealed record PartnerCenterCall(string Method, string Route, int? StatusCode, int Attempt, string RequestId, string? Failure)
{
    public static PartnerCenterCall From(CapturedLogEvent logged)
    {
        var p = logged.Properties;
        return new PartnerCenterCall(
            p["HttpMethod"]!,
            p["Route"]!,
            p.TryGetValue("StatusCode", out var status) && status is not null ? int.Parse(status, System.Globalization.CultureInfo.InvariantCulture) : null,
            int.Parse(p["Attempt"]!, System.Globalization.CultureInfo.InvariantCulture),
            p["RequestId"]!,
            p.TryGetValue("Failure", out var failure) ? failure : null);
    }

    public bool IsCancel => Method == "PATCH" && Route == PartnerCenterCalls.OrderRoute;
}
