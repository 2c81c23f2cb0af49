using System.Text.Json.Serialization;

namespace Dashboard.PartnerCenter.Dtos;

/// <summary>
/// A record of a change made through Partner Center (docs/partner-center.md#audit-records). The changed resource is a
/// JSON string inside the record, kept as text here; <see cref="CustomizedData"/> says what changed in a few pairs.
/// </summary>
public sealed record AuditRecordDto
{
    public string? Id { get; init; }
    public string? PartnerId { get; init; }
    public string? CustomerId { get; init; }
    public string? CustomerName { get; init; }
    public string? UserPrincipalName { get; init; }
    public string? ApplicationId { get; init; }
    public string? SessionId { get; init; }

    [JsonConverter(typeof(LenientStringConverter))]
    public string? ResourceType { get; init; }

    public string? ResourceOldValue { get; init; }
    public string? ResourceNewValue { get; init; }

    [JsonConverter(typeof(LenientStringConverter))]
    public string? OperationType { get; init; }

    public string? OriginalCorrelationId { get; init; }
    public string? OperationDate { get; init; }

    [JsonConverter(typeof(LenientStringConverter))]
    public string? OperationStatus { get; init; }

    public IReadOnlyList<AuditDataDto>? CustomizedData { get; init; }
}
