using System.Diagnostics;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Dashboard.PartnerCenter.Authentication;
using Dashboard.PartnerCenter.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Dashboard.PartnerCenter;

/// <summary>
/// How Partner Center calls survive a bad minute, outer to inner: a total timeout, retries of reads only (5xx, 408,
/// 429, transport errors; with backoff and Partner Center's <c>Retry-After</c>, which can be a minute), the client-side
/// rate limit (<see cref="PartnerCenterRateLimit"/>), a circuit breaker that stops hammering a failing service, and a
/// timeout per attempt. A cancel is a PATCH: it is never retried here; the order service re-sends it with the same
/// <c>MS-RequestId</c> and reads the order back.
/// </summary>
internal static class PartnerCenterResilience
{
    /// <summary>Set on the request of a call the rate limit refused, for the message its user gets.</summary>
    public static readonly HttpRequestOptionsKey<QueueRefusal> Refusal = new("PartnerCenter.QueueRefusal");

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var services = context.ServiceProvider;
        var options = services.GetRequiredService<IOptions<PartnerCenterOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PartnerCenterResilience));
        var limit = services.GetRequiredService<PartnerCenterRateLimit>();
        var telemetry = services.GetRequiredService<PartnerCenterTelemetry>();
        var health = services.GetRequiredService<PartnerCenterHealth>();
        var users = services.GetService<IPartnerCenterUserAccessor>();
        pipeline.TimeProvider = services.GetRequiredService<TimeProvider>();

        // Outer to inner: the total timeout covers everything, waits for the rate limit included; every attempt, first
        // or retried, takes a permit of the rate limit, so that retries count against Partner Center's limit too.
        pipeline
            .AddTimeout(new HttpTimeoutStrategyOptions { Name = "total-timeout", Timeout = options.TotalTimeout })
            .AddRetry(Retry(options, logger))
            .AddRateLimiter(new HttpRateLimiterStrategyOptions
            {
                Name = "rate-limit",
                RateLimiter = arguments => AcquirePermitAsync(limit, users, arguments.Context, telemetry, logger),
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
            .AddTimeout(new HttpTimeoutStrategyOptions
            {
                Name = "attempt-timeout",
                Timeout = options.Timeout,
                // The attempt's handler sees only its cancellation: the hang is reported here, where it is known as one.
                OnTimeout = _ =>
                {
                    health.NoAnswer(new TimeoutException("The attempt got no answer in time."));
                    return default;
                },
            });
    }

    /// <summary>The lane a call waits in: background inside <see cref="PartnerCenterCallScope.Background"/>, else by method.</summary>
    internal static PartnerCenterLane LaneOf(HttpRequestMessage request) =>
        PartnerCenterCallScope.IsBackground ? PartnerCenterLane.Background
        : request.Method == HttpMethod.Get || request.Method == HttpMethod.Head ? PartnerCenterLane.Reads
        : PartnerCenterLane.Changes;

    /// <summary>
    /// Whose turn a call takes: the user's object id (<c>oid</c>), else <c>sub</c>, else the name; a call for no
    /// signed-in user takes the app's turn, whose key is empty, which no user's is.
    /// </summary>
    internal static string UserKey(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return "";
        }

        var id = user.FindFirst("oid") ?? user.FindFirst("http://schemas.microsoft.com/identity/claims/objectidentifier")
            ?? user.FindFirst("sub") ?? user.FindFirst(ClaimTypes.NameIdentifier);
        return id?.Value is { Length: > 0 } value ? value : user.Identity.Name ?? "";
    }

    private static async ValueTask<RateLimitLease> AcquirePermitAsync(
        PartnerCenterRateLimit limit, IPartnerCenterUserAccessor? users, ResilienceContext context, PartnerCenterTelemetry telemetry, ILogger logger)
    {
        var request = context.GetRequestMessage() ?? throw new InvalidOperationException("The resilience context carries no request.");
        var lane = LaneOf(request);
        var started = Stopwatch.GetTimestamp();
        var lease = await limit.AcquireAsync(lane, UserKey(await UserOfAsync(users, context.CancellationToken)), context.CancellationToken);
        telemetry.WaitedForPermit(lane, Stopwatch.GetElapsedTime(started));
        if (PartnerCenterRateLimit.RefusalOf(lease) is { } refusal)
        {
            request.Options.Set(Refusal, refusal);
            logger.LogWarning(
                "Partner Center {HttpMethod} {Route} was not sent: too many calls are waiting for the rate limit ({Refusal})",
                request.Method.Method, PartnerCenterRequestHandler.RouteTemplate(request.RequestUri), refusal);
        }

        return lease;
    }

    // The turn a call takes is a matter of fairness, not of access: when the host cannot tell the user (no circuit, an
    // error), the call takes the app's turn, and the token provider reports the problem if the call needs the user.
    private static async Task<ClaimsPrincipal?> UserOfAsync(IPartnerCenterUserAccessor? users, CancellationToken cancellationToken)
    {
        try
        {
            return users is null ? null : await users.GetUserAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
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
