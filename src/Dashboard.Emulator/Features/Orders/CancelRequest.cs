using System.Text.Json;

namespace Dashboard.Emulator.Features.Orders;

/// <summary>
/// The body of a cancelling PATCH. Partner Center binds property names case-insensitively (the .NET SDK sends
/// PascalCase, the docs camelCase) and the docs spell the status both "cancelled" and "Cancelled".
/// </summary>
internal sealed record CancelRequest(string? Id, IReadOnlyList<int>? LineItemNumbers)
{
    public static (CancelRequest? Request, string? Error) Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, "the body must be a JSON object");
        }

        string? id = null;
        string? status = null;
        List<int>? lines = null;
        foreach (var property in body.EnumerateObject())
        {
            if (property.NameEquals("id") || string.Equals(property.Name, "id", StringComparison.OrdinalIgnoreCase))
            {
                id = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
            }
            else if (string.Equals(property.Name, "status", StringComparison.OrdinalIgnoreCase))
            {
                status = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
            }
            else if (string.Equals(property.Name, "lineItems", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Array)
            {
                lines = [];
                foreach (var line in property.Value.EnumerateArray())
                {
                    if (!TryGetLineItemNumber(line, out var number))
                    {
                        return (null, "every line item needs a numeric lineItemNumber");
                    }

                    lines.Add(number);
                }
            }
        }

        if (!string.Equals(status, "cancelled", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "the emulator supports only \"status\": \"cancelled\" on an order");
        }

        return (new CancelRequest(id, lines), null);
    }

    private static bool TryGetLineItemNumber(JsonElement line, out int number)
    {
        number = 0;
        if (line.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in line.EnumerateObject())
        {
            if (string.Equals(property.Name, "lineItemNumber", StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out number);
            }
        }

        return false;
    }
}
