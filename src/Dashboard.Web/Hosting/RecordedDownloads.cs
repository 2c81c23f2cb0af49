using System.Threading.RateLimiting;

namespace Dashboard.Web.Hosting;

/// <summary>
/// The CSV downloads (the activity log's, a job's outcomes). Each writes an activity record that the database keeps
/// for at least 29 days, so they are guarded: at most <see cref="PerMinute"/> per user a minute, and only when the
/// browser says the request comes from the dashboard's own pages or from the user's address bar (<c>Sec-Fetch-Site</c>),
/// so that a link on another site cannot make a signed-in user download, and be recorded as downloading.
/// </summary>
internal static class RecordedDownloads
{
    public const int PerMinute = 20;

    private const string Policy = "recorded-downloads";

    public static IServiceCollection AddRecordedDownloadLimits(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.FindFirst("oid")?.Value ?? context.User.FindFirst("http://schemas.microsoft.com/identity/claims/objectidentifier")?.Value
                    ?? context.User.Identity?.Name ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = PerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                rejected.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                rejected.HttpContext.Response.Headers.RetryAfter = "60";
                await rejected.HttpContext.Response.WriteAsync($"At most {PerMinute} downloads a minute: try again in a minute.", cancellationToken);
            };
        });

    /// <summary>Limits the endpoint's downloads per user, and refuses requests another site started.</summary>
    public static RouteHandlerBuilder AsRecordedDownload(this RouteHandlerBuilder endpoint) =>
        endpoint.RequireRateLimiting(Policy).AddEndpointFilter(async (context, next) =>
        {
            var site = context.HttpContext.Request.Headers["Sec-Fetch-Site"].ToString();
            return site.Length == 0 || site is "same-origin" or "none"
                ? await next(context)
                : Results.Text("Downloads start from the dashboard's own pages.", statusCode: StatusCodes.Status403Forbidden);
        });
}
