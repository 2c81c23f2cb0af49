using System.Globalization;
using System.Text.Json;
using Dashboard.PartnerCenter.Dtos;

namespace Dashboard.Orders;

/// <summary>
/// Partner Center's own record of what was done to an order (docs/partner-center.md#audit-records), to show next to the
/// dashboard's: with a real Partner Center it confirms from Partner Center's side that a cancel was made.
/// </summary>
internal sealed partial class OrderService
{
    /// <summary>
    /// How far back the records are asked for at most. Partner Center keeps 90 days and refuses an older start date; the
    /// start date is a day, so one day less keeps clear of that limit whatever the hour.
    /// </summary>
    internal const int AuditLookBackDays = 89;

    // A customer's records of 89 days fit in a few pages of 500; this only stops a service that never ends its pages.
    private const int MaxAuditPages = 100;

    public async Task<Outcome<IReadOnlyList<PartnerCenterAuditRecord>>> ListOrderAuditRecordsAsync(
        string customerId, string orderId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        if ((PartnerCenterIds.CheckCustomerId(customerId, out var customer) ?? PartnerCenterIds.CheckOrderId(orderId)) is { } invalid)
        {
            return invalid;
        }

        var earliest = time.GetUtcNow().AddDays(-AuditLookBackDays);
        var from = since > earliest ? since : earliest;
        var startDate = from.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var filter = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["Field"] = "CustomerId",
            ["Value"] = customer,
            ["Operator"] = "equals",
        });

        // Kept page by page: only the order's records, never the whole customer's with their order JSON.
        var records = new List<AuditRecordDto>();
        var response = await api.GetAuditRecordsAsync(startDate, null, filter, null, cancellationToken);
        for (var page = 1; ; page++)
        {
            if (!response.IsSuccessful || response.Content is null)
            {
                return ReadFailure(response, "audit records");
            }

            records.AddRange((response.Content.Items ?? []).Where(r => IsAbout(r, customer, orderId)));
            if (NextPageToken(response.Content) is not { } token || page >= MaxAuditPages)
            {
                break;
            }

            response = await api.GetNextAuditRecordsAsync(null, token, cancellationToken);
        }

        return Outcome<IReadOnlyList<PartnerCenterAuditRecord>>.Success(
            [.. records
                .Select(ToAuditRecord)
                // The start date is a whole day: what came before the time asked for is left out here.
                .Where(r => r.Date is not { } date || date >= from)
                .OrderByDescending(r => r.Date ?? DateTimeOffset.MinValue)]);
    }

    // The customer's records that name the order: as customizedData's OrderId, or as the id of the order resource.
    private static bool IsAbout(AuditRecordDto record, string customerId, string orderId)
    {
        if (Guid.TryParse(record.CustomerId, out var recordCustomer) && recordCustomer.ToString("D") != customerId)
        {
            return false;
        }

        if (Data(record, "OrderId") is { } named)
        {
            return string.Equals(named, orderId, StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(record.ResourceType, "order", StringComparison.OrdinalIgnoreCase)
            && Resource(record.ResourceNewValue) is { } order
            && string.Equals(Text(order, "Id"), orderId, StringComparison.OrdinalIgnoreCase);
    }

    private static PartnerCenterAuditRecord ToAuditRecord(AuditRecordDto record) => new(
        record.OperationType ?? "unknown",
        DateTimeOffset.TryParse(record.OperationDate, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null,
        record.OperationStatus ?? "unknown",
        record.UserPrincipalName,
        record.ApplicationId,
        record.OriginalCorrelationId,
        Summarize(record),
        record.Id);

    private static string Summarize(AuditRecordDto record)
    {
        var operation = record.OperationType?.ToLowerInvariant();
        if (operation == "update_order")
        {
            var after = Resource(record.ResourceNewValue);
            var status = Data(record, "Status") ?? (after is { } order ? Text(order, "Status") : null);
            if (string.Equals(status, "cancelled", StringComparison.OrdinalIgnoreCase))
            {
                return "Order cancelled";
            }

            if (string.Equals(status, "pending", StringComparison.OrdinalIgnoreCase))
            {
                return "Order cancel accepted, still being processed";
            }

            var lines = CancelledLines(record, Resource(record.ResourceOldValue));
            return lines.Count > 0
                ? $"Line{(lines.Count == 1 ? "" : "s")} {string.Join(", ", lines)} cancelled (quantity 0)"
                : "Order updated";
        }

        return operation switch
        {
            "create_order" => "Order created",
            "delete_customer" => $"Customer {record.CustomerName ?? record.CustomerId} deleted",
            _ => $"{record.OperationType ?? "Unknown operation"} on {record.ResourceType ?? "a resource"}",
        };
    }

    // The lines at quantity 0 after the change (customizedData's Quantity-n) that were not at 0 before it, when the old
    // order is there to tell.
    private static List<int> CancelledLines(AuditRecordDto record, JsonElement? before)
    {
        var lines = new List<int>();
        foreach (var pair in record.CustomizedData ?? [])
        {
            if (pair.Key?.StartsWith("Quantity-", StringComparison.OrdinalIgnoreCase) == true
                && int.TryParse(pair.Key.AsSpan("Quantity-".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var line)
                && pair.Value == "0"
                && !WasZeroBefore(before, line))
            {
                lines.Add(line);
            }
        }

        lines.Sort();
        return lines;
    }

    private static bool WasZeroBefore(JsonElement? before, int line)
    {
        if (before is not { } order || Property(order, "LineItems") is not { ValueKind: JsonValueKind.Array } items)
        {
            return false;
        }

        return items.EnumerateArray().Any(item =>
            Property(item, "LineItemNumber") is { ValueKind: JsonValueKind.Number } number && number.TryGetInt32(out var n) && n == line
            && Property(item, "Quantity") is { ValueKind: JsonValueKind.Number } quantity && quantity.TryGetInt32(out var q) && q == 0);
    }

    private static string? Data(AuditRecordDto record, string key) =>
        record.CustomizedData?.FirstOrDefault(d => string.Equals(d.Key, key, StringComparison.OrdinalIgnoreCase))?.Value;

    // The resource a record holds as JSON text, PascalCase as the .NET SDK writes it; null when it is not a JSON object.
    private static JsonElement? Resource(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
