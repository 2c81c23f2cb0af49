using System.Globalization;
using System.Text.Json;
using Dashboard.Emulator.Api;
using Dashboard.Emulator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Emulator.Features.AuditRecords;

/// <summary>
/// Writes Partner Center's audit records for the changes the emulator applies (docs/partner-center.md#audit-records):
/// <c>update_order</c> for a cancel, <c>delete_customer</c> for a sandbox delete. The record is added to the caller's
/// unit of work, so it is saved with the change it describes or not at all; the caller holds the <see cref="ChangeGate"/>
/// from here to the save, so no two records get the same date.
/// </summary>
internal sealed class AuditTrail(TimeProvider time)
{
    /// <summary>The partner a record names when the token names no tenant GUID (an opaque token, the sandbox partner's).</summary>
    public const string SandboxPartnerId = "5b2f8c1e-3d4a-4e6b-9f70-1a2b3c4d5e6f";

    // The user and application a record names when the token does not say: an opaque token (the emulator's own tests,
    // the dashboard's built-in emulator) or a JWT without upn/preferred_username or appid/azp claims. A JWT that carries
    // them is named as it says (Caller reads them, unverified like every claim the emulator reads).
    public const string SandboxUserPrincipalName = "sandbox.admin@sandboxpartner.onmicrosoft.com";
    public const string SandboxApplicationId = "9c1e5f3a-7b2d-4e8f-a6c4-0d3b5e7f9a12";

    // The resource inside an audit record is the .NET SDK's serialisation: PascalCase, nulls written, as published.
    private static readonly JsonSerializerOptions ResourceJson = new() { PropertyNamingPolicy = null };

    /// <summary>Records a cancel of the order (all of it, or some lines) that was just applied.</summary>
    public async Task RecordOrderUpdateAsync(
        SandboxDbContext db, HttpContext context, OrderResource before, OrderResource after, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == after.ReferenceCustomerId, cancellationToken);
        List<AuditDataRecord> data = [Data("OrderId", after.Id), Data("Status", after.Status)];
        foreach (var line in after.LineItems)
        {
            data.Add(Data($"OfferId-{line.LineItemNumber}", line.OfferId));
            data.Add(Data($"SubscriptionId-{line.LineItemNumber}", line.SubscriptionId));
            data.Add(Data($"SubscriptionName-{line.LineItemNumber}", line.FriendlyName));
            data.Add(Data($"Quantity-{line.LineItemNumber}", line.Quantity.ToString(CultureInfo.InvariantCulture)));
        }

        await AddAsync(db, context, customer, "order", "update_order",
            JsonSerializer.Serialize(before, ResourceJson), JsonSerializer.Serialize(after, ResourceJson), data, cancellationToken);
    }

    /// <summary>Records the sandbox delete of a customer; the deleted customer is the record's resource.</summary>
    public Task RecordCustomerDeleteAsync(SandboxDbContext db, HttpContext context, CustomerRecord customer, CancellationToken cancellationToken) =>
        AddAsync(db, context, customer, "customer", "delete_customer",
            null, JsonSerializer.Serialize(CustomerResource.From(customer), ResourceJson),
            [Data("CustomerId", customer.Id), Data("CompanyName", customer.CompanyName), Data("Domain", customer.Domain)],
            cancellationToken);

    private async Task AddAsync(
        SandboxDbContext db,
        HttpContext context,
        CustomerRecord customer,
        string resourceType,
        string operationType,
        string? oldValue,
        string newValue,
        List<AuditDataRecord> data,
        CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        var last = await db.AuditRecords.MaxAsync(a => (long?)a.Ticks, cancellationToken);
        db.AuditRecords.Add(new AuditTrailRecord
        {
            Ticks = Math.Max(time.GetUtcNow().UtcTicks, (last ?? 0) + 1),
            PartnerId = Guid.TryParse(caller.TenantId, out var tenant) ? tenant.ToString() : SandboxPartnerId,
            CustomerId = customer.Id,
            CustomerName = customer.CompanyName,
            UserPrincipalName = caller.UserPrincipalName ?? SandboxUserPrincipalName,
            ApplicationId = caller.ApplicationId ?? SandboxApplicationId,
            // What Partner Center's session ids identify is not documented: each change is a session of its own here.
            SessionId = Guid.NewGuid().ToString(),
            ResourceType = resourceType,
            ResourceOldValue = oldValue,
            ResourceNewValue = newValue,
            OperationType = operationType,
            // The request's MS-CorrelationId, or the one the emulator made up for it and answered with.
            OriginalCorrelationId = context.Response.Headers[PartnerCenterHeaders.CorrelationId].ToString(),
            // A cancel still being processed (Emulator:CancelProcessingSeconds) is recorded when accepted, as succeeded.
            OperationStatus = "succeeded",
            CustomizedData = data,
        });
    }

    private static AuditDataRecord Data(string key, string? value) => new() { Key = key, Value = value };
}
