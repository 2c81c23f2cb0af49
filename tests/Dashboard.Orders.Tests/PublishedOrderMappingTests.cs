using System.Globalization;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests;

/// <summary>
/// Every order shape Partner Center has published maps to the dashboard's model: status, billing cycle, creation
/// instant, products and quantities line by line. The fixtures are our own payloads shaped after the published ones
/// (<c>tests/Dashboard.PartnerCenter.Tests/Fixtures/Orders/README.md</c>).
/// </summary>
public sealed class PublishedOrderMappingTests
{
    /// <summary>The customer the orders were asked for; each fixture names its own reference customer, which wins.</summary>
    private const string AskedCustomerId = "5e0a4c1b-8d2f-4b7a-9c3e-6f1d2a8b4e90";

    [Theory]
    [InlineData("order-like-msdocs-01.json", OrderStatus.Completed, "completed")]
    [InlineData("order-like-msdocs-02.json", OrderStatus.Unknown, "none")]
    [InlineData("order-like-msdocs-03.json", OrderStatus.Pending, "pending")]
    [InlineData("order-like-msdocs-04.json", OrderStatus.Cancelled, "cancelled")]
    [InlineData("order-like-msdocs-06.json", OrderStatus.Completed, "completed")]
    [InlineData("order-like-msdocs-08.json", OrderStatus.Pending, "pending")]
    [InlineData("order-like-msdocs-10.json", OrderStatus.Unknown, null)]
    [InlineData("order-like-msdocs-11.json", OrderStatus.Completed, "completed")]
    [InlineData("order-like-msdocs-13.json", OrderStatus.Unknown, null)]
    [InlineData("order-like-msdocs-15.json", OrderStatus.Unknown, null)]
    [InlineData("order-like-msdocs-20.json", OrderStatus.Completed, "completed")]
    [InlineData("order-like-msdocsfork-24.json", OrderStatus.Pending, "pending")]
    [InlineData("order-like-pstests-02.json", OrderStatus.Completed, "completed")]
    [InlineData("order-like-pstests-03.json", OrderStatus.Completed, "completed")]
    public void ToOrder_PublishedOrderShape_HasItsStatusAndKeepsTheText(string fixture, OrderStatus expected, string? text)
    {
        var orders = Map(fixture);

        orders.Select(o => (o.Status, o.StatusText)).Distinct().ShouldHaveSingleItem().ShouldBe((expected, text));
    }

    [Theory]
    [InlineData("order-like-msdocs-01.json", BillingCycle.OneTime, "one_time")]
    [InlineData("order-like-msdocs-02.json", BillingCycle.Unknown, null)]
    [InlineData("order-like-msdocs-03.json", BillingCycle.OneTime, "one_time")]
    [InlineData("order-like-msdocs-04.json", BillingCycle.OneTime, "one_time")]
    [InlineData("order-like-msdocs-06.json", BillingCycle.OneTime, "one_time")]
    [InlineData("order-like-msdocs-08.json", BillingCycle.OneTime, "one_time")]
    [InlineData("order-like-msdocs-10.json", BillingCycle.Monthly, "monthly")]
    [InlineData("order-like-msdocs-11.json", BillingCycle.OneTime, "one_time")]
    [InlineData("order-like-msdocs-13.json", BillingCycle.Annual, "Annual")]
    [InlineData("order-like-msdocs-15.json", BillingCycle.None, "none")]
    [InlineData("order-like-msdocs-20.json", BillingCycle.Annual, "annual")]
    [InlineData("order-like-msdocsfork-24.json", BillingCycle.Monthly, "monthly")]
    [InlineData("order-like-pstests-02.json", BillingCycle.Monthly, "monthly")]
    [InlineData("order-like-pstests-03.json", BillingCycle.Monthly, "monthly")]
    public void ToOrder_PublishedOrderShape_HasItsBillingCycleAndKeepsTheText(string fixture, BillingCycle expected, string? text)
    {
        var orders = Map(fixture);

        orders.Select(o => (o.BillingCycle, o.BillingCycleText)).Distinct().ShouldHaveSingleItem().ShouldBe((expected, text));
    }

    [Theory]
    [InlineData("order-like-msdocs-01.json", 0, "2024-06-04T09:12:47.5081233Z")]
    [InlineData("order-like-msdocs-02.json", 0, "2016-02-19T16:05:11.27Z")]
    [InlineData("order-like-msdocs-03.json", 0, "2024-11-20T06:03:58.9917204Z")]
    [InlineData("order-like-msdocs-03.json", 1, "2024-11-20T05:47:12.0402586Z")]
    [InlineData("order-like-msdocs-04.json", 0, "2025-01-07T14:22:09.6620418Z")]
    [InlineData("order-like-msdocs-06.json", 0, "2025-03-18T11:04:37.2749906Z")]
    [InlineData("order-like-msdocs-08.json", 0, "2024-06-05T16:41:29.730614Z")]
    [InlineData("order-like-msdocs-10.json", 0, "2023-09-28T14:41:09.416Z")]
    [InlineData("order-like-msdocs-11.json", 0, "2024-08-30T03:58:16.0147759Z")]
    [InlineData("order-like-msdocs-13.json", 0, "2022-12-02T17:17:45.208Z")]
    [InlineData("order-like-msdocs-15.json", 0, "2022-12-06T00:30:02.917Z")]
    [InlineData("order-like-msdocs-20.json", 0, "2025-05-12T13:07:51.642Z")]
    [InlineData("order-like-msdocs-20.json", 1, "2025-05-12T13:08:03.71Z")]
    [InlineData("order-like-msdocsfork-24.json", 0, "2025-09-09T20:45:33.0581917Z")]
    [InlineData("order-like-pstests-02.json", 0, "2019-04-16T16:31:07.52Z")]
    [InlineData("order-like-pstests-03.json", 0, "2019-04-16T20:02:48.905Z")]
    public void ToOrder_PublishedCreationDate_IsTheSameInstantWhateverTheOffsetFormat(string fixture, int index, string expectedUtc)
    {
        var order = Map(fixture)[index];

        order.CreatedAt.ShouldNotBeNull().UtcDateTime.ShouldBe(
            DateTime.Parse(expectedUtc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));
    }

    [Theory]
    [InlineData("order-like-msdocs-01.json", 0, new[] { "0: Reserved_VM_Instance_Standard_D4s_v3_UK_South_1_Year x3" })]
    [InlineData("order-like-msdocs-02.json", 0, new[] { "0: my nickname x4" })]
    [InlineData("order-like-msdocs-03.json", 0, new[] { "0: Reserved_VM_Instance_Standard_E2s_v4_EU_North_1_Year x2" })]
    [InlineData("order-like-msdocs-03.json", 1, new[] { "0: Reserved_VM_Instance_Standard_E2s_v4_EU_North_3_Years x6" })]
    [InlineData("order-like-msdocs-04.json", 0, new[] { "0: Exchange Server 2019 Standard - 1 User CAL x3" })]
    [InlineData("order-like-msdocs-06.json", 0, new[] { "0: SQL Server Standard - 2 Core License Pack - 3 year x0", "1: Windows Server CAL - 1 User CAL - 3 year x8" })]
    [InlineData("order-like-msdocs-08.json", 0, new[] { "0: Sample_Azure_RI_UK_West x2" })]
    [InlineData("order-like-msdocs-10.json", 0, new[] { "0: Seats for the Lisbon office. x7" })]
    [InlineData("order-like-msdocs-11.json", 0, new[] { "0: Sample_Azure_RI_AU_East x4" })]
    [InlineData("order-like-msdocs-13.json", 0, new[] { "0: annual seats for sales x12", "1: Another friendly name x3" })]
    [InlineData("order-like-msdocs-15.json", 0, new[] { "0: annual seats for sales x12", "1: Extra storage add-on x1" })]
    [InlineData("order-like-msdocs-20.json", 0, new[] { "0: Dynamics 365 Sales Professional x4" })]
    [InlineData("order-like-msdocs-20.json", 1, new[] { "0: Dynamics 365 Business Central Team Members x9" })]
    [InlineData("order-like-msdocsfork-24.json", 0, new[] { "0: Microsoft 365 Business Standard x25" })]
    [InlineData("order-like-pstests-02.json", 0, new[] { "0: Microsoft 365 Business Premium x6" })]
    [InlineData("order-like-pstests-03.json", 0, new[] { "0: Microsoft 365 Business Premium x11" })]
    public void ToOrder_PublishedOrderShape_HasItsLinesNamedAndCountedInLineOrder(string fixture, int index, string[] expected)
    {
        var order = Map(fixture)[index];

        order.LineItems.Select(l => $"{l.Number}: {l.ProductName} x{l.Quantity}").ShouldBe(expected);
    }

    [Theory]
    [InlineData("order-like-msdocs-06.json", new[] { "SQL Server Standard - 2 Core License Pack - 3 year", "Windows Server CAL - 1 User CAL - 3 year" })]
    [InlineData("order-like-msdocs-13.json", new[] { "annual seats for sales", "Another friendly name" })]
    [InlineData("order-like-msdocs-15.json", new[] { "annual seats for sales", "Extra storage add-on" })]
    public void ToOrder_PublishedOrderWithTwoLines_NamesBothProductsInLineOrder(string fixture, string[] expected)
    {
        var order = Map(fixture).ShouldHaveSingleItem();

        order.ProductNames.ShouldBe(expected);
    }

    [Fact]
    public void ToOrder_LikeMsdocs06PartialCancellation_KeepsTheCancelledSoftwareLineWithQuantityZero()
    {
        var order = Map("order-like-msdocs-06.json").ShouldHaveSingleItem();

        var cancelled = order.LineItems[0];
        cancelled.Quantity.ShouldBe(0);
        cancelled.OfferId.ShouldBe("DG7GMGF0FLR2:0005:DG7GMGF0DXK8");
        cancelled.TermDuration.ShouldBe("P3Y");
        order.Status.ShouldBe(OrderStatus.Completed);
    }

    [Fact]
    public void ToOrder_LikeMsdocs04CancelledPerpetualSoftware_KeepsAlternateIdAndEmptyTermDuration()
    {
        var order = Map("order-like-msdocs-04.json").ShouldHaveSingleItem();

        order.AlternateId.ShouldBe("6cc82e5740ee");
        order.TransactionType.ShouldBe("UserPurchase");
        order.LineItems.ShouldHaveSingleItem().TermDuration.ShouldBe("");
    }

    [Theory]
    [InlineData("order-like-msdocs-01.json")]
    [InlineData("order-like-msdocs-02.json")]
    [InlineData("order-like-msdocs-11.json")]
    [InlineData("order-like-msdocs-20.json")]
    [InlineData("order-like-msdocsfork-24.json")]
    [InlineData("order-like-pstests-02.json")]
    public void ToOrder_PublishedOrderShape_BelongsToTheCustomerAsked(string fixture)
    {
        var orders = Map(fixture);

        // The published referenceCustomerId is sometimes a placeholder ("<customer-tenant-id>"); the URL's customer wins.
        orders.Select(o => o.CustomerId).Distinct().ShouldHaveSingleItem().ShouldBe(AskedCustomerId);
    }

    [Theory]
    [InlineData("order-like-pstests-02.json", "order-like-pstests-02.camelcase.json")]
    [InlineData("order-like-pstests-03.json", "order-like-pstests-03.camelcase.json")]
    public void ToOrder_PascalCaseOrder_MapsLikeItsCamelCaseTwin(string pascalCase, string camelCase)
    {
        var fromPascalCase = Map(pascalCase).ShouldHaveSingleItem();
        var fromCamelCase = Map(camelCase).ShouldHaveSingleItem();

        // Lists compare by reference in a record's equality, so each is compared on its own, item by item.
        (fromPascalCase with { LineItems = [], Links = [] }).ShouldBe(fromCamelCase with { LineItems = [], Links = [] });
        fromPascalCase.LineItems.Select(l => l with { Links = [] }).ShouldBe(fromCamelCase.LineItems.Select(l => l with { Links = [] }));
        fromPascalCase.LineItems.SelectMany(l => l.Links).ShouldBe(fromCamelCase.LineItems.SelectMany(l => l.Links));
        fromPascalCase.LineItems.ShouldNotBeEmpty();
        fromPascalCase.Links.ShouldBe(fromCamelCase.Links);
    }

    [Fact]
    public void ToOrder_UnknownStatus_IsUnknownKeepingTheText()
    {
        var order = Map("order-unknown-status-and-billing-cycle.json").ShouldHaveSingleItem();

        order.Status.ShouldBe(OrderStatus.Unknown);
        order.StatusText.ShouldBe("archived");
    }

    [Fact]
    public void ToOrder_UnknownBillingCycle_IsUnknownKeepingTheText()
    {
        var order = Map("order-unknown-status-and-billing-cycle.json").ShouldHaveSingleItem();

        order.BillingCycle.ShouldBe(BillingCycle.Unknown);
        order.BillingCycleText.ShouldBe("quadrennial");
    }

    [Fact]
    public void ToOrder_UnknownStatusAndBillingCycle_StillMapsTheRestOfTheOrder()
    {
        var order = Map("order-unknown-status-and-billing-cycle.json").ShouldHaveSingleItem();

        order.Id.ShouldBe("8fc4f3259069");
        order.CreatedAt.ShouldBe(new DateTimeOffset(2025, 9, 10, 7, 2, 19, TimeSpan.Zero).AddTicks(4410038));
        order.LineItems.ShouldHaveSingleItem().ProductName.ShouldBe("Microsoft 365 Business Standard");
    }

    private static List<Order> Map(string fixture) =>
        [.. PayloadFixtures.OrdersIn(fixture).Select(o => o.ToOrder(AskedCustomerId))];
}
