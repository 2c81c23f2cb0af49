using System.Text.Json.Serialization;

namespace Dashboard.PartnerCenter.Dtos;

/// <summary>One <c>{key, value}</c> of an audit record's <c>customizedData</c>; published values are strings or null.</summary>
public sealed record AuditDataDto
{
    public string? Key { get; init; }

    [JsonConverter(typeof(LenientStringConverter))]
    public string? Value { get; init; }
}
