using Dashboard.Web.Hosting;
using Dashboard.Orders.Jobs;

namespace Dashboard.Web.Features.Jobs;

internal static class JobEndpoints
{
    /// <summary><c>GET /jobs/{id}/outcomes.csv</c>: every item's outcome, for anyone who may read the dashboard.</summary>
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/jobs/{jobId:guid}/outcomes.csv", async (Guid jobId, HttpContext context, IJobService jobs, CancellationToken cancellationToken) =>
        {
            if (await jobs.GetJobAsync(jobId, cancellationToken) is null)
            {
                return Results.NotFound();
            }

            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"job-{jobId}.csv\"";
            await jobs.WriteCsvAsync(jobId, context.Response.Body, cancellationToken);
            return Results.Empty;
        }).RequireAuthorization(Access.AccessPolicies.Read).AsRecordedDownload();
        return endpoints;
    }
}
