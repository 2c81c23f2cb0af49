using System.Net;
using Dashboard.PartnerCenter.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Dashboard.PartnerCenter;

/// <summary>
/// How Partner Center calls survive a bad minute, outer to inner: the client-side rate limit, a total timeout, retries
/// of reads only (5xx, 408, 429, transport errors; with backoff and Partner Center's <c>Retry-After</c>, which can be a
/// minute), a circuit breaker that stops hammering a failing service, and a timeout per attempt. A cancel is a PATCH:
/// it is never retried here; the order service re-sends it with the same <c>MS-RequestId</c> and reads the order back.
/// </summary>
internal static class PartnerCenterResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var services = context.ServiceProvider;
        var options = services.GetRequiredService<IOptions<PartnerCenterOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PartnerCenterResilience));
        var limiter = services.GetRequiredService<PartnerCenterRateLimit>().Limiter;
        pipeline.TimeProvider = services.GetRequiredService<TimeProvider>();

        // Outer to inner: the total timeout covers everything, waits for the rate limit included; every attempt, first
        // or retried, takes a permit of the rate limit, so that retries count against Partner Center's limit too.
        pipeline
            .AddTimeout(new HttpTimeoutStrategyOptions { Name = "total-timeout", Timeout = options.TotalTimeout })
            .AddRetry(Retry(options, logger))
            .AddRateLimiter(new HttpRateLimiterStrategyOptions
            {
                Name = "rate-limit",
                RateLimiter = arguments => limiter.AcquireAsync(1, arguments.Context.CancellationToken),
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                Name = "circuit-breaker",
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(Math.Max(60, options.Timeout.TotalSeconds * 2)),
                BreakDuration = TimeSpan.FromSeconds(15),
                // Throttling is Partner Center asking to slow down, not failing: it is waited out, not counted.
                ShouldHandle = arguments => ValueTask.FromResult(
                    arguments.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests
                    && HttpClientResiliencePredicates.IsTransient(arguments.Outcome)),
            })
            .AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt-timeout", Timeout = options.Timeout });
    }

    private static HttpRetryStrategyOptions Retry(PartnerCenterOptions options, ILogger logger)
    {
        var retry = new HttpRetryStrategyOptions
        {
            Name = "retry-reads",
            MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = options.TotalTimeout,
            ShouldRetryAfterHeader = true,
            OnRetry = arguments =>
            {
                var request = arguments.Context.GetRequestMessage();
                var status = arguments.Outcome.Result is { } response ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : arguments.Outcome.Exception?.GetType().Name;
                logger.LogWarning(
                    "Retrying Partner Center {HttpMethod} {Route} in {DelayMs:0} ms after {Outcome} (retry {Retry} of {MaxRetries})",
                    request?.Method.Method, PartnerCenterRequestHandler.RouteTemplate(request?.RequestUri), arguments.RetryDelay.TotalMilliseconds,
                    status, arguments.AttemptNumber + 1, options.MaxRetries);
                return default;
            },
        };

        // A Retry-After longer than half the whole budget cannot be waited out within it: answer the 429 at once, with
        // the time to try again, rather than wait and fail anyway.
        var transient = retry.ShouldHandle;
        retry.ShouldHandle = arguments =>
            options.MaxRetries == 0
            || arguments.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests, Headers.RetryAfter.Delta: { } wait } && wait > options.TotalTimeout / 2
                ? PredicateResult.False()
                : transient(arguments);

        // EXTEXP0001: DisableForUnsafeHttpMethods is marked experimental; it is exactly the rule Partner Center needs.
#pragma warning disable EXTEXP0001
        retry.DisableForUnsafeHttpMethods();
#pragma warning restore EXTEXP0001
        return retry;
    }
}
