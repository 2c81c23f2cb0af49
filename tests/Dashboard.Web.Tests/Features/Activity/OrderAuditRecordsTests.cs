using Dashboard.Web.Features.Orders;

namespace Dashboard.Web.Tests.Features.Activity;

/// <summary>
/// Partner Center's own audit records of an order, on its details page next to the dashboard's history: read from the
/// order's creation, each with its operation, status, what changed, who called and the correlation id to match.
/// </summary>
public sealed class OrderAuditRecordsTests : DashboardTestContext
{
    private static readonly Order Order = Sandbox.AnnualOrder;

    private static readonly PartnerCenterAuditRecord Cancelled = new(
        "update_order", new DateTimeOffset(2026, 11, 25, 9, 5, 12, TimeSpan.Zero), "succeeded", "olivia@partner.example",
        "0f9d2c4e-1b7a-4e55-9c3d-2a8b6e4f1c70", "7d0f2b1e-6c3a-4f59-8e21-9b4d7a6c5e13", "Order cancelled", "rec-1");

    public OrderAuditRecordsTests()
    {
        RenderMudProviders();
        GivenCustomer(Sandbox.Contoso);
        GivenOrder(Order);
    }

    [Fact]
    public void Render_OrderWithAuditRecords_ShowsThemWithTheirCorrelationIds()
    {
        GivenAuditRecords(Cancelled);

        var cut = RenderPage();

        cut.WaitForAssertion(() => cut.FindAll("#audit-records tbody tr").Count.ShouldBe(1));
        cut.Find("#audit-records tbody tr").TextPieces().ShouldBe(
            ["2026-11-25 09:05:12", "update_order", "succeeded", "Order cancelled", "olivia@partner.example", Cancelled.CorrelationId!]);
        cut.Find("#audit-records tbody tr span").GetAttribute("title").ShouldBe($"application {Cancelled.ApplicationId}");
    }

    [Fact]
    public void Render_Order_AsksForTheRecordsSinceTheOrderWasCreated()
    {
        var cut = RenderPage();

        cut.WaitForElement("#audit-records-empty");
        _ = OrderService.Received(1).ListOrderAuditRecordsAsync(Order.CustomerId, Order.Id, Order.CreatedAt!.Value, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Render_PartnerCenterRefusesTheRead_SaysSoWithTheCorrelationIdAndKeepsThePage()
    {
        OrderService.ListOrderAuditRecordsAsync(Order.CustomerId, Order.Id, Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(Outcome<IReadOnlyList<PartnerCenterAuditRecord>>.Failure(
                new Problem(ProblemKind.Refused, "Access to audit records requires the Admin agent role.", "403", "c0ffee00-0000-4000-8000-000000000001")));

        var cut = RenderPage();

        cut.WaitForElement("#audit-records-problem").TextContent
            .ShouldContain("Access to audit records requires the Admin agent role. (correlation id c0ffee00-0000-4000-8000-000000000001)");
        cut.Find("#fact-order-id").TextContent.ShouldBe(Order.Id);
    }

    [Fact]
    public void Render_PartnerCenterUnreachable_SaysSoInsteadOfFailingThePage()
    {
        OrderService.ListOrderAuditRecordsAsync(Order.CustomerId, Order.Id, Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException<Outcome<IReadOnlyList<PartnerCenterAuditRecord>>>(new PartnerCenterUnavailableException("Partner Center did not answer in time.")));

        var cut = RenderPage();

        cut.WaitForElement("#audit-records-problem").TextContent.ShouldContain("Partner Center's audit records could not be read");
        cut.Find("#fact-order-id").TextContent.ShouldBe(Order.Id);
    }

    [Fact]
    public void Render_MarkupInAnAuditRecord_ShowsItAsText()
    {
        GivenAuditRecords(Cancelled with { Summary = "<img src=x onerror=alert(1)>", UserPrincipalName = "<b>x</b>" });

        var cut = RenderPage();

        cut.WaitForElement("#audit-records").TextContent.ShouldContain("<img src=x onerror=alert(1)>");
        cut.FindAll("#audit-records img, #audit-records b").ShouldBeEmpty();
    }

    private void GivenAuditRecords(params PartnerCenterAuditRecord[] records) =>
        OrderService.ListOrderAuditRecordsAsync(Order.CustomerId, Order.Id, Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(Outcome<IReadOnlyList<PartnerCenterAuditRecord>>.Success(records));

    private IRenderedComponent<OrderDetailsPage> RenderPage()
    {
        var cut = Render<OrderDetailsPage>(parameters => parameters
            .Add(p => p.CustomerId, Order.CustomerId)
            .Add(p => p.OrderId, Order.Id));
        cut.WaitForElement("#fact-order-id");
        return cut;
    }
}
