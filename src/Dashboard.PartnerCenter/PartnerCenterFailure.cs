using System.Net;
using System.Text.Json;
using Dashboard.PartnerCenter.Dtos;
using Dashboard.PartnerCenter.Http;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;
using Refit;

namespace Dashboard.PartnerCenter;

/// <summary>What kind of failure a Partner Center call ended in.</summary>
public enum PartnerCenterFailureKind
{
    /// <summary>Partner Center answered with its error body <c>{code, description, data, source}</c>.</summary>
    Error,

    /// <summary>Partner Center throttled the call (429).</summary>
    Throttled,

    /// <summary>An answer that is not Partner Center's: an HTML page from a proxy, an empty body, unreadable JSON.</summary>
    UnexpectedResponse,

    /// <summary>No answer at all: connection refused or dropped, DNS, timeout. A change may or may not have been applied.</summary>
    NoResponse,

    /// <summary>
    /// The call was never sent: the circuit breaker is open after repeated failures, or too many calls (of its user, or
    /// of everyone) are already waiting for the client-side rate limit. Nothing was applied.
    /// </summary>
    NotSent,

    /// <summary>
    /// The call was never sent: Entra ID needs the user to sign in again (consent, MFA, a conditional-access policy)
    /// before it gives a token. <see cref="PartnerCenterFailure.ClaimsChallenge"/> says what it asked for.
    /// </summary>
    SignInRequired,
}

/// <summary>Why the client-side rate limit refused a call a place among the waiting calls, so that it was not sent.</summary>
internal enum QueueRefusal
{
    /// <summary>Its user's waiting calls already take their whole share of <c>PartnerCenter:QueueLimit</c>.</summary>
    UserShareFull,

    /// <summary>The waiting calls of all users together are at <c>PartnerCenter:QueueLimit</c>.</summary>
    QueueFull,
}

/// <summary>
/// A failed Partner Center call, with what support asks for: the HTTP status, Partner Center's code and description,
/// and the <c>MS-CorrelationId</c> and <c>MS-RequestId</c> of the call.
/// </summary>
public sealed record PartnerCenterFailure(
    PartnerCenterFailureKind Kind,
    HttpStatusCode? StatusCode,
    string? ErrorCode,
    string Description,
    string? CorrelationId,
    string? RequestId,
    TimeSpan? RetryAfter = null,
    IReadOnlyList<string>? Data = null,
    string? ClaimsChallenge = null)
{
    /// <summary>Reads the failure out of an unsuccessful response.</summary>
    public static PartnerCenterFailure From(IApiResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var (correlationId, requestId) = Ids(response.RequestMessage, response.Headers);

        if (response.HasRequestError(out var requestError))
        {
            return requestError.InnerException switch
            {
                BrokenCircuitException => new PartnerCenterFailure(
                    PartnerCenterFailureKind.NotSent, null, null,
                    "Partner Center has been failing, so calls are paused for a moment. Nothing was sent; try again shortly.",
                    correlationId, requestId),
                PartnerCenterTokenException { InnerException: PartnerCenterSignInRequiredException signIn } => new PartnerCenterFailure(
                    PartnerCenterFailureKind.SignInRequired, null, null,
                    "Partner Center needs you to sign in again (consent, multi-factor authentication or a conditional-access policy). Nothing was sent.",
                    correlationId, requestId, ClaimsChallenge: signIn.ClaimsChallenge),
                PartnerCenterTokenException => new PartnerCenterFailure(
                    PartnerCenterFailureKind.NotSent, null, null,
                    "No Partner Center token could be acquired for this call; sign in again. Nothing was sent.",
                    correlationId, requestId),
                RateLimiterRejectedException limited => new PartnerCenterFailure(
                    PartnerCenterFailureKind.NotSent, null, null, QueueRefusalText(requestError.RequestMessage), correlationId, requestId, limited.RetryAfter),
                TaskCanceledException or TimeoutException or TimeoutRejectedException => new PartnerCenterFailure(
                    PartnerCenterFailureKind.NoResponse, null, null, "Partner Center did not answer in time.", correlationId, requestId),
                _ => new PartnerCenterFailure(
                    PartnerCenterFailureKind.NoResponse, null, null, "Partner Center could not be reached.", correlationId, requestId),
            };
        }

        var status = response.StatusCode;
        var content = (response.Error as ApiException)?.Content;
        var retryAfter = response.Headers?.RetryAfter?.Delta;

        if (TryReadError(content, out var error))
        {
            if (error.Description is { Length: > 0 } description)
            {
                var kind = status == HttpStatusCode.TooManyRequests ? PartnerCenterFailureKind.Throttled : PartnerCenterFailureKind.Error;
                return new PartnerCenterFailure(kind, status, CodeText(error.Code), description, correlationId, requestId, retryAfter, DataTexts(error.Data));
            }

            if (error.Message is { Length: > 0 } message)
            {
                var kind = status == HttpStatusCode.TooManyRequests || error.StatusCode == 429
                    ? PartnerCenterFailureKind.Throttled
                    : PartnerCenterFailureKind.Error;
                // {statusCode, message} carries an HTTP status, not a Partner Center error code.
                return new PartnerCenterFailure(kind, status, null, message, correlationId, requestId, retryAfter);
            }
        }

        if (status == HttpStatusCode.TooManyRequests)
        {
            return new PartnerCenterFailure(PartnerCenterFailureKind.Throttled, status, null,
                "Partner Center is throttling requests.", correlationId, requestId, retryAfter);
        }

        var mediaType = response.ContentHeaders?.ContentType?.MediaType;
        var httpStatus = (int)(status ?? 0);
        var what = string.IsNullOrWhiteSpace(content) ? "an empty body" : $"a body that is not a Partner Center error ({mediaType ?? "no content type"})";
        return new PartnerCenterFailure(
            PartnerCenterFailureKind.UnexpectedResponse, status, null,
            response.IsSuccessStatusCode
                ? $"Partner Center answered HTTP {httpStatus} with {(string.IsNullOrWhiteSpace(content) ? "an empty body" : "a body that could not be read")}."
                : $"Unexpected response: HTTP {httpStatus} with {what}.",
            correlationId, requestId, retryAfter);
    }

    // The rate limit makes calls wait; it refuses only a call that may not join the waiting ones.
    private static string QueueRefusalText(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(PartnerCenterResilience.Refusal, out var refusal) && refusal == QueueRefusal.UserShareFull
            ? "Too many of your Partner Center calls are already waiting to be sent. Nothing was sent; try again in a minute."
            : "Too many Partner Center calls from all users are already waiting to be sent. Nothing was sent; try again in a minute.";

    private static bool TryReadError(string? content, out ErrorDto error)
    {
        error = new ErrorDto();
        if (string.IsNullOrWhiteSpace(content) || !content.TrimStart().StartsWith('{'))
        {
            return false;
        }

        try
        {
            error = JsonSerializer.Deserialize<ErrorDto>(content, PartnerCenterJson.Options) ?? error;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // Partner Center puts what the description refers to here, e.g. the URL to follow; only strings are shown.
    private static IReadOnlyList<string>? DataTexts(JsonElement? data) =>
        data is { ValueKind: JsonValueKind.Array } array
            ? [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Where(s => s.Length > 0)]
            : null;

    private static string? CodeText(JsonElement? code) =>
        code is { ValueKind: JsonValueKind.Number or JsonValueKind.String } value ? value.ToString() : null;

    private static (string? CorrelationId, string? RequestId) Ids(HttpRequestMessage? request, System.Net.Http.Headers.HttpResponseHeaders? responseHeaders)
    {
        // What we sent is the truth; the echo is only a fallback for requests built elsewhere.
        return (Header(request, PartnerCenterHeaders.CorrelationId) ?? Header(responseHeaders, PartnerCenterHeaders.CorrelationId),
                Header(request, PartnerCenterHeaders.RequestId) ?? Header(responseHeaders, PartnerCenterHeaders.RequestId));
    }

    private static string? Header(HttpRequestMessage? request, string name) => request is null ? null : Header(request.Headers, name);

    private static string? Header(System.Net.Http.Headers.HttpHeaders? headers, string name) =>
        headers is not null && headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
