using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.Emulator.Api;

/// <summary>
/// Partner Center's limit of requests per minute per tenant (API-NOTES §3.3): a fixed one-minute window per partner
/// tenant, answered with 429, <c>Retry-After</c> in seconds and the documented <c>{statusCode, message}</c> body.
/// </summary>
internal static class Throttling
{
    public static IServiceCollection AddPartnerCenterThrottling(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<EmulatorOptions>>().Value.Throttling.RequestsPerMinute;
                var tenant = Caller.Of(context).TenantId;
                return perMinute <= 0
                    ? RateLimitPartition.GetNoLimiter(tenant)
                    : RateLimitPartition.GetFixedWindowLimiter(tenant, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = perMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : 60;
                await WriteAsync(rejected.HttpContext, seconds, cancellationToken);
            };
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

/// <summary>The 429 body, which is not the usual error shape (API-NOTES §3.3).</summary>
internal sealed record ThrottlingResource(int StatusCode, string Message);
