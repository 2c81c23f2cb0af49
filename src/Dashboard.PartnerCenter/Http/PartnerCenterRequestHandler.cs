using System.Diagnostics;
using System.Net.Http.Headers;
using Dashboard.PartnerCenter.Authentication;

namespace Dashboard.PartnerCenter.Http;

/// <summary>
/// Stamps every attempt of a Partner Center call with <c>Accept</c>, a fresh <c>MS-CorrelationId</c>, an
/// <c>MS-RequestId</c> (kept when the caller or an earlier attempt set one, so that a retried call stays idempotent)
/// and the bearer token, and logs the attempt once as a structured event. The token never reaches a log line.
/// It sits inside the resilience pipeline, so a retry gets a fresh token and correlation id. Each attempt is a span of
/// its own, with the same ids, and counted (<see cref="PartnerCenterTelemetry"/>).
/// </summary>
internal sealed class PartnerCenterRequestHandler(
    IPartnerCenterTokenProvider tokens,
    PartnerCenterHealth health,
    PartnerCenterTelemetry telemetry,
    ILogger<PartnerCenterRequestHandler> logger) : DelegatingHandler
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");
    private static readonly HttpRequestOptionsKey<int> Attempt = new("PartnerCenter.Attempt");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers;
        headers.Accept.Clear();
        headers.Accept.Add(Json);

        var correlationId = Guid.NewGuid().ToString();
        headers.Remove(PartnerCenterHeaders.CorrelationId);
        headers.TryAddWithoutValidation(PartnerCenterHeaders.CorrelationId, correlationId);
        if (!headers.TryGetValues(PartnerCenterHeaders.RequestId, out var requestIds) || string.IsNullOrWhiteSpace(requestIds.FirstOrDefault()))
        {
            headers.Remove(PartnerCenterHeaders.RequestId);
            headers.TryAddWithoutValidation(PartnerCenterHeaders.RequestId, Guid.NewGuid().ToString());
        }

        var requestId = headers.GetValues(PartnerCenterHeaders.RequestId).First();
        var attempt = request.Options.TryGetValue(Attempt, out var earlier) ? earlier + 1 : 1;
        request.Options.Set(Attempt, attempt);
        var route = RouteTemplate(request.RequestUri);

        string token;
        try
        {
            token = await tokens.GetAccessTokenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(
                "Partner Center {HttpMethod} {Route} was not sent: no token could be acquired ({Failure}) (attempt {Attempt}, request {RequestId})",
                request.Method.Method, route, ex.GetType().Name, attempt, requestId);
            throw new PartnerCenterTokenException("No Partner Center token could be acquired.", ex);
        }

        var started = Stopwatch.GetTimestamp();
        PartnerCenterCallScope.CountAttempt(request.Method, correlationId);
        using var span = PartnerCenterTelemetry.Source.StartActivity($"Partner Center {request.Method.Method} {route}");
        span?.SetTag("http.request.method", request.Method.Method)
            .SetTag("partner_center.route", route)
            .SetTag("partner_center.attempt", attempt)
            .SetTag("partner_center.correlation_id", correlationId)
            .SetTag("partner_center.request_id", requestId);
        try
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await base.SendAsync(request, cancellationToken);
            health.Answered(response.StatusCode);
            telemetry.Attempted(request.Method.Method, route, attempt, (int)response.StatusCode);
            span?.SetTag("http.response.status_code", (int)response.StatusCode);
            if (!response.IsSuccessStatusCode)
            {
                span?.SetStatus(ActivityStatusCode.Error);
            }

            logger.LogInformation(
                "Partner Center {HttpMethod} {Route} answered {StatusCode} in {ElapsedMs:0} ms (attempt {Attempt}, correlation {CorrelationId}, request {RequestId})",
                request.Method.Method, route, (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                attempt, correlationId, requestId);
            return response;
        }
        catch (Exception ex)
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                health.NoAnswer(ex);
            }

            telemetry.Attempted(request.Method.Method, route, attempt, null);
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);

            logger.LogWarning(
                "Partner Center {HttpMethod} {Route} got no answer after {ElapsedMs:0} ms: {Failure} (attempt {Attempt}, correlation {CorrelationId}, request {RequestId})",
                request.Method.Method, route, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name,
                attempt, correlationId, requestId);
            throw;
        }
        finally
        {
            // Sent is sent. The request message outlives this attempt inside errors handed to callers (a later timeout, an
            // opened breaker); it must not carry the token there.
            headers.Authorization = null;
        }
    }

    /// <summary>The path with its ids replaced by names, so that log events group by endpoint: /v1/customers/{customerId}/orders.</summary>
    internal static string RouteTemplate(Uri? uri)
    {
        if (uri is null)
        {
            return "";
        }

        var segments = uri.AbsolutePath.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            segments[i] = segments[i - 1].ToLowerInvariant() switch
            {
                "customers" => "{customerId}",
                "orders" => "{orderId}",
                "products" => "{productId}",
                "subscriptions" => "{subscriptionId}",
                _ => segments[i],
            };
        }

        return string.Join('/', segments);
    }
}

/// <summary>No token could be acquired for a Partner Center call, so the call was not sent.</summary>
public sealed class PartnerCenterTokenException : Exception
{
    public PartnerCenterTokenException()
    {
    }

    public PartnerCenterTokenException(string message)
        : base(message)
    {
    }

    public PartnerCenterTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Entra ID will give a token for the user only after they sign in again: consent, multi-factor authentication or a
/// conditional-access policy. The host sends the user through sign-in with <see cref="ClaimsChallenge"/>.
/// </summary>
public sealed class PartnerCenterSignInRequiredException : Exception
{
    public PartnerCenterSignInRequiredException()
    {
    }

    public PartnerCenterSignInRequiredException(string message)
        : base(message)
    {
    }

    public PartnerCenterSignInRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PartnerCenterSignInRequiredException(string message, string? claimsChallenge, Exception innerException)
        : base(message, innerException)
    {
        ClaimsChallenge = claimsChallenge;
    }

    /// <summary>The claims Entra ID asked for (from MSAL's <c>MsalUiRequiredException.Claims</c>), or null.</summary>
    public string? ClaimsChallenge { get; }
}
