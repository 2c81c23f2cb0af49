using Dashboard.Web.Hosting;
using Dashboard.Orders.Activity;

namespace Dashboard.Web.Features.Activity;

internal static class ActivityEndpoints
{
    /// <summary>
    /// <c>GET /activity/export.csv</c>: the records the activity page's filters (same query string) match, streamed
    /// from the database as CSV, for anyone who may read the dashboard. The export itself is recorded first.
    /// </summary>
    public static IEndpointRouteBuilder MapActivityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/activity/export.csv", async (HttpContext context, IActivityLog activity, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var filters = ActivityFilters.Parse(context.Request.Query);
            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition =
                $"attachment; filename=\"activity-{time.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture)}.csv\"";
            context.Response.Headers.CacheControl = "no-store";
            await activity.ExportCsvAsync(filters.ToActivityQuery(), context.Response.Body, cancellationToken);
            return Results.Empty;
        }).RequireAuthorization(Access.AccessPolicies.Read).AsRecordedDownload();
        return endpoints;
    }
}
