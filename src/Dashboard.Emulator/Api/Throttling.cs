using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Dashboard.Emulator.Api;

/// <summary>
/// Partner Center's limit of requests per minute per tenant (docs/partner-center.md#throttling): a one-minute window
/// per partner tenant, opened by its first request. Beyond the limit the answer is 429 with <c>Retry-After</c> — the
/// seconds left in the window, as in the documented "Try again in 57 seconds" — and the documented
/// <c>{statusCode, message}</c> body.
/// </summary>
/// <remarks>
/// Hand-written rather than ASP.NET Core's fixed-window limiter, which reports the whole window, not the time left in it.
/// </remarks>
internal sealed class TenantThrottle(IOptions<EmulatorOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, TenantWindow> _windows = new(StringComparer.Ordinal);

    /// <summary>Counts a request; answers how long to wait when the tenant is over its limit, or null.</summary>
    public TimeSpan? Admit(string tenant)
    {
        var limit = options.Value.Throttling.RequestsPerMinute;
        var window = _windows.GetOrAdd(tenant, _ => new TenantWindow());
        var now = time.GetUtcNow();
        lock (window)
        {
            window.Requests++;
            if (limit <= 0)
            {
                return null;
            }

            if (now - window.Opened >= Window)
            {
                window.Opened = now;
                window.Count = 0;
            }

            window.Count++;
            window.Busiest = Math.Max(window.Busiest, Math.Min(window.Count, limit));
            if (window.Count <= limit)
            {
                return null;
            }

            window.Throttled++;
            return window.Opened + Window - now;
        }
    }

    /// <summary>Each tenant's requests since the emulator started, how many were answered 429, and the most admitted in one window.</summary>
    public IReadOnlyDictionary<string, TenantRequests> Report() => _windows.ToDictionary(w => w.Key, w =>
    {
        lock (w.Value)
        {
            return new TenantRequests(w.Value.Requests, w.Value.Throttled, w.Value.Busiest);
        }
    }, StringComparer.Ordinal);

    private sealed class TenantWindow
    {
        public DateTimeOffset Opened { get; set; } = DateTimeOffset.MinValue;

        public int Count { get; set; }

        public long Requests { get; set; }

        public long Throttled { get; set; }

        public int Busiest { get; set; }
    }
}

internal static class Throttling
{
    public static IApplicationBuilder UseTenantThrottling(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var wait = context.RequestServices.GetRequiredService<TenantThrottle>().Admit(Caller.Of(context).TenantId);
        if (wait is { } retryAfter)
        {
            await WriteAsync(context, Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)), context.RequestAborted);
            return;
        }

        await next(context);
    });

    /// <summary>The documented throttling answer: <c>Retry-After: 57</c> and "Rate limit is exceeded. Try again in 57 seconds."</summary>
    public static async Task WriteAsync(HttpContext context, int retryAfterSeconds, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await context.Response.WriteAsJsonAsync(
            new ThrottlingResource(429, $"Rate limit is exceeded. Try again in {retryAfterSeconds} seconds."),
            cancellationToken);
    }
}

/// <summary>A tenant's requests as <c>GET /emulator/throttling</c> reports them.</summary>
internal sealed record TenantRequests(long Requests, long Throttled, int BusiestWindow);

/// <summary>The 429 body, which is not the usual error shape (docs/partner-center.md#throttling).</summary>
internal sealed record ThrottlingResource(int StatusCode, string Message);
