using System.Diagnostics;
using System.Net.Http.Headers;
using Dashboard.PartnerCenter.Authentication;

namespace Dashboard.PartnerCenter.Http;

/// <summary>
/// Stamps every Partner Center call with <c>Accept</c>, a fresh <c>MS-CorrelationId</c>, an <c>MS-RequestId</c>
/// (kept when the caller set one, so that a retried call stays idempotent) and the bearer token, and logs the call
/// once as a structured event. The token never reaches a log line.
/// </summary>
internal sealed class PartnerCenterRequestHandler(
    IPartnerCenterTokenProvider tokens,
    ILogger<PartnerCenterRequestHandler> logger) : DelegatingHandler
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

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
        headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAccessTokenAsync(cancellationToken));

        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            logger.LogInformation(
                "Partner Center {HttpMethod} {Path} answered {StatusCode} in {ElapsedMs:0} ms (correlation {CorrelationId}, request {RequestId})",
                request.Method.Method, request.RequestUri?.AbsolutePath, (int)response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, correlationId, requestId);
            return response;
        }
        catch (Exception ex)
        {
            // Refit's exception redactor only sees errors that came with a response; this one keeps the live request.
            headers.Authorization = null;
            logger.LogWarning(
                "Partner Center {HttpMethod} {Path} got no answer after {ElapsedMs:0} ms: {Failure} (correlation {CorrelationId}, request {RequestId})",
                request.Method.Method, request.RequestUri?.AbsolutePath,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name, correlationId, requestId);
            throw;
        }
    }
}
