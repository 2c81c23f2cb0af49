using System.Text.Json;
using Dashboard.Emulator.Api;
using Dashboard.Emulator.Features.AuditRecords;
using Dashboard.Emulator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Emulator.Features.Customers;

internal static class CustomerEndpoints
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;
    public const string ContinuationTokenHeader = "MS-ContinuationToken";

    public static RouteGroupBuilder MapCustomers(this RouteGroupBuilder v1)
    {
        v1.MapGet("/customers", ListAsync);
        v1.MapGet("/customers/{customerId}", GetAsync);
        v1.MapDelete("/customers/{customerId}", DeleteAsync);
        return v1;
    }

    /// <summary>
    /// Seek-paged like Partner Center: the first page is <c>?size=N[&amp;filter=...]</c>; <c>links.next</c> gives the
    /// next page's URI and the <c>MS-ContinuationToken</c> header to send with it.
    /// </summary>
    private static async Task<IResult> ListAsync(HttpRequest request, SandboxDbContext db, CancellationToken cancellationToken)
    {
        var query = request.Query;
        CustomerPage page;
        if (string.Equals(query["seekOperation"], "Next", StringComparison.OrdinalIgnoreCase))
        {
            if (CustomerPage.FromToken(request.Headers[ContinuationTokenHeader].ToString()) is not { } continued)
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
            var (first, error) = CustomerPage.First(query["size"], query["filter"]);
            if (error is not null)
            {
                return PartnerCenterErrors.InvalidInput(error);
            }

            page = first!;
        }

        var customers = db.Customers.AsNoTracking();
        if (page.FilterValue is { Length: > 0 } value)
        {
            var pattern = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            customers = page.FilterField == "Domain"
                ? customers.Where(c => EF.Functions.Like(c.Domain, pattern, "\\"))
                : customers.Where(c => EF.Functions.Like(c.CompanyName, pattern, "\\"));
        }

        // Seek, not skip: a page continues after the last customer of the one before, so that customers deleted while
        // a caller pages through them (the sandbox clean-up does exactly that) do not make it miss others.
        if (page.AfterName is { } afterName && page.AfterId is { } afterId)
        {
#pragma warning disable CA1309 // Translated to SQL, where SQLite compares with the same BINARY collation as ORDER BY.
            customers = customers.Where(c => string.Compare(c.CompanyName, afterName) > 0
                || (c.CompanyName == afterName && string.Compare(c.Id, afterId) > 0));
#pragma warning restore CA1309
        }

        var found = await customers.OrderBy(c => c.CompanyName).ThenBy(c => c.Id)
            .Take(page.Size + 1)
            .ToListAsync(cancellationToken);
        var items = found.Take(page.Size).Select(CustomerResource.From).ToList();
        var selfUri = $"/v1/customers?size={page.Size}"
            + (page.FilterField is null ? "" : $"&filter={Uri.EscapeDataString(page.FilterJson())}");
        if (found.Count <= page.Size)
        {
            return Results.Json(CollectionResource<CustomerResource>.Of(items, selfUri));
        }

        var last = found[page.Size - 1];
        var token = (page with { AfterName = last.CompanyName, AfterId = last.Id }).ToToken();
        var next = new LinkResource($"/v1/customers?size={page.Size}&seekOperation=Next", "GET", [new LinkHeader(ContinuationTokenHeader, token)]);
        return Results.Json(new CollectionResource<CustomerResource>(
            items.Count, items, new CollectionLinks(LinkResource.Get(selfUri), next), new ResourceAttributes("Collection"), token));
    }

    private static async Task<IResult> GetAsync(string customerId, SandboxDbContext db, CancellationToken cancellationToken)
    {
        var (customer, error) = await FindAsync(db, customerId, cancellationToken);
        return error ?? Results.Json(CustomerResource.From(customer!));
    }

    /// <summary>
    /// The sandbox clean-up: refused while reserved instances or software are still active (they must be cancelled
    /// first), then the customer and everything it has are removed and the quota regained. The removal and its audit
    /// record are saved together; a repeat finds no customer, so it is neither applied nor audited again.
    /// </summary>
    private static async Task<IResult> DeleteAsync(
        string customerId, HttpContext context, SandboxDbContext db, ChangeGate gate, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            var (customer, error) = await FindAsync(db, customerId, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == customer!.Id).ToListAsync(cancellationToken);
            var now = time.GetUtcNow();
            var blocking = orders.Where(o => BlocksDelete(o, now)).Select(o => o.AlternateId).ToList();
            if (blocking.Count > 0)
            {
                return PartnerCenterErrors.ActivePurchasesBlockDelete(blocking);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Orders.Where(o => o.CustomerId == customer!.Id).ExecuteDeleteAsync(cancellationToken);
            await db.Customers.Where(c => c.Id == customer!.Id).ExecuteDeleteAsync(cancellationToken);
            await audit.RecordCustomerDeleteAsync(db, context, customer!, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Results.NoContent();
        }
    }

    // A cancel still being processed blocks like an active purchase: the clean-up must wait for it to read cancelled.
    private static bool BlocksDelete(OrderRecord order, DateTimeOffset now) =>
        order.ProductKind is ProductKind.ReservedInstance or ProductKind.PerpetualSoftware or ProductKind.SoftwareSubscription
        && !string.Equals(order.StatusAt(now), "cancelled", StringComparison.OrdinalIgnoreCase)
        && order.LineItems.Any(l => l.Quantity > 0);

    /// <summary>Finds a customer tenant, or the error Partner Center gives for a malformed or unknown id.</summary>
    public static async Task<(CustomerRecord? Customer, PartnerCenterError? Error)> FindAsync(SandboxDbContext db, string customerId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(customerId, out var tenantId))
        {
            return (null, PartnerCenterErrors.InvalidCustomerId());
        }

        var id = tenantId.ToString();
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return customer is null ? (null, PartnerCenterErrors.TenantNotFound()) : (customer, null);
    }
}

/// <summary>
/// Where a customer listing is: page size, filter, and the last customer seen. The continuation token is this,
/// opaque to callers.
/// </summary>
internal sealed record CustomerPage(int Size, string? FilterField, string? FilterValue, string? AfterName = null, string? AfterId = null)
{
    public string FilterJson() =>
        JsonSerializer.Serialize(new Dictionary<string, string?> { ["Field"] = FilterField, ["Value"] = FilterValue, ["Operator"] = "starts_with" });

    public static (CustomerPage? Page, string? Error) First(string? size, string? filter)
    {
        var pageSize = CustomerEndpoints.DefaultPageSize;
        if (!string.IsNullOrEmpty(size))
        {
            if (!int.TryParse(size, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out pageSize))
            {
                return (null, $"size must be a whole number (it is '{size}')");
            }

            pageSize = pageSize == 0 ? CustomerEndpoints.DefaultPageSize : Math.Min(pageSize, CustomerEndpoints.MaxPageSize);
        }

        if (string.IsNullOrEmpty(filter))
        {
            return (new CustomerPage(pageSize, null, null), null);
        }

        var (field, value, error) = ParseFilter(filter);
        return error is null ? (new CustomerPage(pageSize, field, value), null) : (null, error);
    }

    public string ToToken() => SeekToken.Write(this);

    public static CustomerPage? FromToken(string token) =>
        SeekToken.Read<CustomerPage>(token) is { Size: > 0 and <= CustomerEndpoints.MaxPageSize, AfterName: not null, AfterId: not null } page ? page : null;

    // {"Field": "CompanyName", "Value": "cont", "Operator": "starts_with"}; names and the field read case-insensitively.
    private static (string? Field, string? Value, string? Error) ParseFilter(string filter)
    {
        var (field, value, op, error) = QueryFilter.Read(filter, "{\"Field\":\"CompanyName\",\"Value\":\"cont\",\"Operator\":\"starts_with\"}");
        if (error is not null)
        {
            return (null, null, error);
        }

        if (!string.Equals(op, "starts_with", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, "the only filter operator is starts_with");
        }

        field = field?.ToUpperInvariant() switch
        {
            "COMPANYNAME" => "CompanyName",
            "DOMAIN" => "Domain",
            _ => null,
        };
        return field is null
            ? (null, null, "filter Field must be CompanyName or Domain")
            : (field, value ?? "", null);
    }
}
