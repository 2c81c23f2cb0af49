using System.Text.Json;

namespace Dashboard.PartnerCenter.Dtos;

/// <summary>
/// Partner Center's error body <c>{code, description, data, source}</c>, and the throttling body
/// <c>{statusCode, message}</c> that the 429 answer uses instead (docs/partner-center.md#error-body,
/// docs/partner-center.md#throttling).
/// </summary>
public sealed record ErrorDto
{
    /// <summary>A number in every published example; read as whatever JSON it is.</summary>
    public JsonElement? Code { get; init; }
    public string? Description { get; init; }
    public JsonElement? Data { get; init; }
    public string? Source { get; init; }
    public int? StatusCode { get; init; }
    public string? Message { get; init; }
}
