using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Emulator.Storage;

/// <summary>
/// Reads all of a customer's orders for the order list, detached. EF Core's materializer for the JSON line-items column
/// cost about four times the rest of the read at 10,000 orders; here EF Core reads the row's columns and the line items
/// are parsed with System.Text.Json's generated reader, from the JSON EF Core wrote. The answer is the same
/// <see cref="OrderRecord"/>s, in the same order, as <c>db.Orders.AsNoTracking().Where(...)</c> gives.
/// </summary>
internal static partial class CustomerOrders
{
    public static async Task<List<OrderRecord>> ReadAsync(SandboxDbContext db, string customerId, CancellationToken cancellationToken)
    {
        var rows = db.Database.SqlQuery<OrderRow>($"""
            SELECT "Id", "AlternateId", "CustomerId", "BillingCycle", "CurrencyCode", "CurrencySymbol", "CreationDate", "Status",
                "TransactionType", "ProductKind", "Version", "CancelTakesEffectAt", "LineItems"
            FROM "Orders"
            WHERE "CustomerId" = {customerId}
            """);
        // Each row is turned into its record as it is read: its JSON text is garbage at once instead of all of them at the end.
        var orders = new List<OrderRecord>();
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            orders.Add(row.ToRecord());
        }

        return orders;
    }

    /// <summary>One row of the Orders table, as the model maps it (<see cref="SandboxDbContext"/>).</summary>
    private sealed class OrderRow
    {
        public required string Id { get; init; }
        public required string AlternateId { get; init; }
        public required string CustomerId { get; init; }
        public required string BillingCycle { get; init; }
        public required string CurrencyCode { get; init; }
        public required string CurrencySymbol { get; init; }
        public DateTimeOffset CreationDate { get; init; }
        public required string Status { get; init; }
        public required string TransactionType { get; init; }
        public required string ProductKind { get; init; }
        public int Version { get; init; }
        public DateTimeOffset? CancelTakesEffectAt { get; init; }
        public string? LineItems { get; init; }

        public OrderRecord ToRecord() => new()
        {
            Id = Id,
            AlternateId = AlternateId,
            CustomerId = CustomerId,
            BillingCycle = BillingCycle,
            CurrencyCode = CurrencyCode,
            CurrencySymbol = CurrencySymbol,
            CreationDate = CreationDate,
            Status = Status,
            TransactionType = TransactionType,
            ProductKind = Enum.Parse<ProductKind>(ProductKind),
            Version = Version,
            CancelTakesEffectAt = CancelTakesEffectAt,
            LineItems = LineItems is null ? [] : JsonSerializer.Deserialize(LineItems, LineItemsJson.Default.ListLineItemRecord) ?? [],
        };
    }

    /// <summary>The line items as EF Core writes them in the JSON column: property names as declared, decimals as strings.</summary>
    [JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
    [JsonSerializable(typeof(List<LineItemRecord>))]
    private sealed partial class LineItemsJson : JsonSerializerContext;
}
