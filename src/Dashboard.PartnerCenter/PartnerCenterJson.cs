using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.PartnerCenter;

/// <summary>
/// JSON as Partner Center speaks it: camelCase out, either casing in (the .NET SDK and several doc examples are
/// PascalCase), nulls left out, numbers that arrive as strings still read.
/// </summary>
public static class PartnerCenterJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };
}
