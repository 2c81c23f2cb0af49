namespace Dashboard.Orders;

/// <summary>
/// One of Partner Center's own audit records (docs/partner-center.md#audit-records): a change Partner Center says was
/// made, by which Entra user and application, and the <c>MS-CorrelationId</c> of the request that made it. It names
/// the caller of Partner Center, not the dashboard user behind the call.
/// </summary>
/// <param name="Operation">Partner Center's operation type, e.g. <c>update_order</c> or <c>delete_customer</c>.</param>
/// <param name="Date">When the change was made, or null when Partner Center wrote a date that could not be read.</param>
/// <param name="Status">Partner Center's operation status: <c>succeeded</c>, <c>failed</c> or <c>progress</c>.</param>
/// <param name="UserPrincipalName">The user who made the change, as Partner Center names them.</param>
/// <param name="ApplicationId">The application that made the change.</param>
/// <param name="CorrelationId">The <c>MS-CorrelationId</c> of the request that made the change.</param>
/// <param name="Summary">What changed, in a few words fit to show.</param>
/// <param name="Id">Partner Center's id of the record.</param>
public sealed record PartnerCenterAuditRecord(
    string Operation,
    DateTimeOffset? Date,
    string Status,
    string? UserPrincipalName,
    string? ApplicationId,
    string? CorrelationId,
    string Summary,
    string? Id);
