using System.Text.Json;

namespace Dashboard.Emulator.Api;

/// <summary>
/// Partner Center's query filter, a JSON object such as <c>{"Field": "CompanyName", "Value": "cont", "Operator":
/// "starts_with"}</c>, as the customer list and the audit records take it. Its names are read case-insensitively; which
/// fields and operators count is each endpoint's own.
/// </summary>
internal static class QueryFilter
{
    /// <summary>The filter's field, value and operator (null where absent), or why it is not a filter at all.</summary>
    public static (string? Field, string? Value, string? Operator, string? Error) Read(string filter, string example)
    {
        JsonElement json;
        try
        {
            using var document = JsonDocument.Parse(filter);
            json = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (null, null, null, $"filter must be JSON such as {example}");
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            return (null, null, null, "filter must be a JSON object");
        }

        string? Named(string name) => json.EnumerateObject()
            .Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String)
            .Select(p => p.Value.GetString())
            .FirstOrDefault();

        return (Named("Field"), Named("Value"), Named("Operator"), null);
    }
}
