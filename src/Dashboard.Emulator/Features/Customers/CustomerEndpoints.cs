using Dashboard.Emulator.Api;
using Dashboard.Emulator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Emulator.Features.Customers;

internal static class CustomerEndpoints
{
    public static RouteGroupBuilder MapCustomers(this RouteGroupBuilder v1)
    {
        v1.MapGet("/customers", ListAsync);
        v1.MapGet("/customers/{customerId}", GetAsync);
        return v1;
    }

    private static async Task<IResult> ListAsync(SandboxDbContext db, CancellationToken cancellationToken)
    {
        var customers = await db.Customers.AsNoTracking().OrderBy(c => c.CompanyName).ToListAsync(cancellationToken);
        return Results.Json(CollectionResource<CustomerResource>.Of([.. customers.Select(CustomerResource.From)], "/v1/customers"));
    }

    private static async Task<IResult> GetAsync(string customerId, SandboxDbContext db, CancellationToken cancellationToken)
    {
        var (customer, error) = await FindAsync(db, customerId, cancellationToken);
        return error ?? Results.Json(CustomerResource.From(customer!));
    }

    /// <summary>Finds a customer tenant, or the error Partner Center gives for a malformed or unknown id.</summary>
    public static async Task<(CustomerRecord? Customer, IResult? Error)> FindAsync(SandboxDbContext db, string customerId, CancellationToken cancellationToken)
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
