using Dashboard.Orders.Activity;
using Dashboard.Web.Features.Access;

namespace Dashboard.Web.Tests.Features.Activity;

/// <summary>Activity records shaped like the log's, for the activity page and an order's history to show.</summary>
internal static class ActivitySamples
{
    public const string OliviaObjectId = "0b8f3c2a-6d4e-4f1a-9b7c-5e2d1a0f9c8b";

    public static readonly Guid JobId = Guid.Parse("6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");

    /// <summary>Olivia cancelled lines 0 and 2 of Contoso's software order; Partner Center refused, with its code.</summary>
    public static readonly ActivityEntry RefusedLineCancel = new(
        Id: 42,
        At: new DateTimeOffset(2026, 11, 25, 8, 41, 7, TimeSpan.Zero),
        UserName: "Olivia Operator",
        UserId: OliviaObjectId,
        UserTenant: SandboxGuard.EmulatorTenantId,
        Action: ActivityAction.CancelLines,
        CustomerId: Sandbox.Contoso.Id,
        CustomerName: Sandbox.Contoso.CompanyName,
        OrderId: Sandbox.SoftwareOrder.Id,
        Lines: "0, 2",
        JobId: null,
        Outcome: ActivityOutcome.Refused,
        Code: "800048",
        Detail: "The order can no longer be cancelled: the cancellation window has passed.",
        CorrelationId: "5b2e9c1a-7d3f-4e6b-a8c0-1f2d3e4c5b6a",
        RequestId: "c4d3e2f1-a0b9-4c8d-9e7f-6a5b4c3d2e1f",
        Instance: "web-1 (pid 4242)");

    /// <summary>A job cancelled Contoso's annual order: applied.</summary>
    public static readonly ActivityEntry JobCancel = new(
        Id: 41,
        At: new DateTimeOffset(2026, 11, 25, 8, 30, 5, TimeSpan.Zero),
        UserName: "Olivia Operator",
        UserId: OliviaObjectId,
        UserTenant: SandboxGuard.EmulatorTenantId,
        Action: ActivityAction.JobCancelOrder,
        CustomerId: Sandbox.Contoso.Id,
        CustomerName: Sandbox.Contoso.CompanyName,
        OrderId: Sandbox.AnnualOrder.Id,
        Lines: null,
        JobId: JobId,
        Outcome: ActivityOutcome.Applied,
        Code: null,
        Detail: null,
        CorrelationId: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
        RequestId: "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9",
        Instance: "web-1 (pid 4242)");

    /// <summary>Riley downloaded the activity log: no customer, order or job.</summary>
    public static readonly ActivityEntry Export = new(
        Id: 43,
        At: new DateTimeOffset(2026, 11, 25, 8, 50, 0, TimeSpan.Zero),
        UserName: "Riley Reader",
        UserId: null,
        UserTenant: null,
        Action: ActivityAction.Export,
        CustomerId: null,
        CustomerName: null,
        OrderId: null,
        Lines: null,
        JobId: null,
        Outcome: ActivityOutcome.Applied,
        Code: null,
        Detail: "Activity log CSV: 2 records. No filters.",
        CorrelationId: null,
        RequestId: null,
        Instance: "web-1 (pid 4242)");

    /// <summary><paramref name="count"/> exports, a minute apart, the newest first: <c>export-001</c> (its detail) is the newest.</summary>
    public static ActivityEntry[] Many(int count) =>
    [
        .. Enumerable.Range(1, count).Select(i => Export with
        {
            Id = 1000 - i,
            At = Export.At.AddMinutes(-i),
            Detail = $"export-{i:000}",
        }),
    ];
}
