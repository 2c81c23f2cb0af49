using System.Globalization;
using System.Text.Json.Serialization;
using Dashboard.Emulator.Api;
using Dashboard.Emulator.Storage;

namespace Dashboard.Emulator.Features.AuditRecords;

/// <summary>
/// An audit record as Partner Center answers it (docs/partner-center.md#audit-records): the changed resource is a JSON
/// string inside the record, and <c>customizedData</c> a list of <c>{key, value}</c>.
/// </summary>
internal sealed record AuditRecordResource(
    string Id,
    string PartnerId,
    string CustomerId,
    string CustomerName,
    string UserPrincipalName,
    string ApplicationId,
    string SessionId,
    string ResourceType,
    string? ResourceOldValue,
    string ResourceNewValue,
    string OperationType,
    string OriginalCorrelationId,
    string OperationDate,
    string OperationStatus,
    IReadOnlyList<AuditDataResource> CustomizedData,
    ResourceAttributes Attributes)
{
    public static AuditRecordResource From(AuditTrailRecord record) => new(
        // Published ids are the partner id and the operation date's ticks: ..._636679632433466529 is 2018-07-23T17:20:43.3466529Z.
        $"{record.PartnerId}_{record.Ticks.ToString(CultureInfo.InvariantCulture)}",
        record.PartnerId,
        record.CustomerId,
        record.CustomerName,
        record.UserPrincipalName,
        record.ApplicationId,
        record.SessionId,
        record.ResourceType,
        record.ResourceOldValue,
        record.ResourceNewValue,
        record.OperationType,
        record.OriginalCorrelationId,
        new DateTime(record.Ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        record.OperationStatus,
        [.. record.CustomizedData.Select(d => new AuditDataResource(d.Key, d.Value))],
        new ResourceAttributes("AuditRecord"));
}
