using System.Text.Json.Serialization;

namespace Dashboard.Emulator.Features.AuditRecords;

/// <summary>One pair of <c>customizedData</c>. A value that is null is written as null, as in the published records.</summary>
internal sealed record AuditDataResource(
    string Key,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Value);
