using Dashboard.Emulator.Api;
using Dashboard.Emulator.Features.Customers;
using Dashboard.Emulator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Emulator.Features.AuditRecords;

/// <summary>
/// Partner Center's activity log, <c>GET /v1/auditrecords</c> (docs/partner-center.md#audit-records): the changes the
/// emulator applied, in a date window, optionally filtered by company name, customer or resource type, oldest first.
/// </summary>
internal static class AuditRecordEndpoints
{
    public static RouteGroupBuilder MapAuditRecords(this RouteGroupBuilder v1)
    {
        v1.MapGet("/auditrecords", ListAsync);
        return v1;
    }

    /// <summary>
    /// Seek-paged like the customer list: a page that has a successor carries <c>links.next</c>, whose URI ends in
    /// <c>seekOperation=Next</c> and whose <c>MS-ContinuationToken</c> header (also in <c>continuationToken</c>) is sent
    /// with it.
    /// </summary>
    private static async Task<IResult> ListAsync(HttpRequest request, SandboxDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var query = request.Query;
        AuditPage page;
        if (string.Equals(query["seekOperation"], "Next", StringComparison.OrdinalIgnoreCase))
        {
            if (AuditPage.FromToken(request.Headers[CustomerEndpoints.ContinuationTokenHeader].ToString(), time.GetUtcNow()) is not { } continued)
            {
                return PartnerCenterErrors.InvalidInput("seekOperation=Next needs the MS-ContinuationToken header of links.next");
            }

            page = continued;
        }
        else if (!string.IsNullOrEmpty(query["seekOperation"]))
        {
            return PartnerCenterErrors.InvalidInput("only seekOperation=Next is supported");
        }
        else
        {
            var (first, error) = AuditPage.First(query["size"], query["startDate"], query["endDate"], query["filter"], time.GetUtcNow());
            if (error is not null)
            {
                return PartnerCenterErrors.InvalidInput(error);
            }

            page = first!;
        }

        var records = db.AuditRecords.AsNoTracking().Where(a => a.Ticks >= page.FromTicks && a.Ticks <= page.ToTicks);
        if (page.AfterTicks is { } after)
        {
            records = records.Where(a => a.Ticks > after);
        }

        records = page.FilterField switch
        {
            "CustomerId" => records.Where(a => a.CustomerId == page.FilterValue),
            // The emulator records only "order" and "customer", whose names have no underscore to drop.
            "ResourceType" => records.Where(a => a.ResourceType == page.FilterValue),
            "CompanyName" => records.Where(a => EF.Functions.Like(a.CustomerName, "%" + Escape(page.FilterValue!) + "%", "\\")),
            _ => records,
        };

        var found = await records.OrderBy(a => a.Ticks).Take(page.Size + 1).ToListAsync(cancellationToken);
        var items = found.Take(page.Size).Select(AuditRecordResource.From).ToList();
        var self = LinkResource.Get(page.SelfUri());
        if (found.Count <= page.Size)
        {
            return Results.Json(new CollectionResource<AuditRecordResource>(items.Count, items, new CollectionLinks(self), new ResourceAttributes("Collection")));
        }

        var token = (page with { AfterTicks = found[page.Size - 1].Ticks }).ToToken();
        var next = new LinkResource($"/auditrecords?size={page.Size}&seekOperation=Next", "GET", [new LinkHeader(CustomerEndpoints.ContinuationTokenHeader, token)]);
        return Results.Json(new CollectionResource<AuditRecordResource>(
            items.Count, items, new CollectionLinks(self, next), new ResourceAttributes("Collection"), token));
    }

    // SQLite's LIKE ignores the case of ASCII letters, as the documented substring match ignores the value's case.
    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
