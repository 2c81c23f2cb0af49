namespace Dashboard.PartnerCenter.Http;

/// <summary>The Partner Center request headers the client sets (docs/partner-center.md#headers).</summary>
public static class PartnerCenterHeaders
{
    /// <summary>Idempotency key: a retry after a timeout carries the same value.</summary>
    public const string RequestId = "MS-RequestId";

    /// <summary>New on every call; what Partner Center support asks for.</summary>
    public const string CorrelationId = "MS-CorrelationId";

    /// <summary>Sent with the next page of a seek-paged collection, as its <c>links.next</c> says.</summary>
    public const string ContinuationToken = "MS-ContinuationToken";
}
