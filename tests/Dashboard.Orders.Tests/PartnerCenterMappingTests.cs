using Dashboard.PartnerCenter.Dtos;

namespace Dashboard.Orders.Tests;

/// <summary>Wire values to the model: every spelling Partner Center, its SDK and its docs use.</summary>
public sealed class PartnerCenterMappingTests
{
    private const string CustomerId = "bd59b416-37f9-4d8f-8df3-5750111fc615";

    [Theory]
    [InlineData("one_time", BillingCycle.OneTime)]
    [InlineData("onetime", BillingCycle.OneTime)]
    [InlineData("OneTime", BillingCycle.OneTime)]
    [InlineData("ONE_TIME", BillingCycle.OneTime)]
    [InlineData("4", BillingCycle.OneTime)]
    [InlineData("monthly", BillingCycle.Monthly)]
    [InlineData("Monthly", BillingCycle.Monthly)]
    [InlineData(" monthly ", BillingCycle.Monthly)]
    [InlineData("1", BillingCycle.Monthly)]
    [InlineData("annual", BillingCycle.Annual)]
    [InlineData("2", BillingCycle.Annual)]
    [InlineData("none", BillingCycle.None)]
    [InlineData("3", BillingCycle.None)]
    [InlineData("triennial", BillingCycle.Triennial)]
    [InlineData("5", BillingCycle.Triennial)]
    [InlineData("biennial", BillingCycle.Biennial)]
    [InlineData("6", BillingCycle.Biennial)]
    public void ParseBillingCycle_KnownSpelling_IsTheBillingCycle(string text, BillingCycle expected)
    {
        PartnerCenterMapping.ParseBillingCycle(text).ShouldBe(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("unknown")]
    [InlineData("0")]
    [InlineData("7")]
    [InlineData("quarterly")]
    public void ParseBillingCycle_UnknownOrMissing_IsUnknown(string? text)
    {
        PartnerCenterMapping.ParseBillingCycle(text).ShouldBe(BillingCycle.Unknown);
    }

    [Theory]
    [InlineData("completed", OrderStatus.Completed)]
    [InlineData("Completed", OrderStatus.Completed)]
    [InlineData("pending", OrderStatus.Pending)]
    [InlineData("Pending", OrderStatus.Pending)]
    [InlineData("cancelled", OrderStatus.Cancelled)]
    [InlineData("Cancelled", OrderStatus.Cancelled)]
    [InlineData("canceled", OrderStatus.Cancelled)]
    [InlineData("1", OrderStatus.Completed)]
    [InlineData("2", OrderStatus.Pending)]
    [InlineData("3", OrderStatus.Cancelled)]
    public void ParseStatus_KnownSpelling_IsTheStatus(string text, OrderStatus expected)
    {
        PartnerCenterMapping.ParseStatus(text).ShouldBe(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("none")]
    [InlineData("unknown")]
    [InlineData("archived")]
    public void ParseStatus_LegacyUnknownOrMissing_IsUnknown(string? text)
    {
        PartnerCenterMapping.ParseStatus(text).ShouldBe(OrderStatus.Unknown);
    }

    [Fact]
    public void ToOrder_AnyValues_KeepsTheRawTexts()
    {
        var order = new OrderDto { Id = "Mn4Bv7Cx1", Status = "Archived", BillingCycle = "ONE_TIME" }.ToOrder(CustomerId);

        order.StatusText.ShouldBe("Archived");
        order.BillingCycleText.ShouldBe("ONE_TIME");
    }

    [Theory]
    [InlineData("2018-03-15T02:17:15.6455674Z", "2018-03-15T02:17:15.6455674+00:00")]
    [InlineData("2018-03-06T17:37:05.253-08:00", "2018-03-07T01:37:05.253+00:00")]
    [InlineData("2019-01-16T00:48:44.76+00:00", "2019-01-16T00:48:44.76+00:00")]
    [InlineData("2019-01-16T00:48:44", "2019-01-16T00:48:44+00:00")]
    public void ToOrder_CreationDateInAPublishedFormat_IsTheSameInstant(string creationDate, string expected)
    {
        var order = new OrderDto { Id = "Mn4Bv7Cx1", CreationDate = creationDate }.ToOrder(CustomerId);

        order.CreatedAt.ShouldBe(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ToOrder_CreationDateWithOffset_KeepsTheOffset()
    {
        var order = new OrderDto { Id = "Mn4Bv7Cx1", CreationDate = "2018-03-06T17:37:05.253-08:00" }.ToOrder(CustomerId);

        order.CreatedAt.ShouldNotBeNull().Offset.ShouldBe(TimeSpan.FromHours(-8));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    public void ToOrder_CreationDateMissingOrUnreadable_IsNull(string? creationDate)
    {
        var order = new OrderDto { Id = "Mn4Bv7Cx1", CreationDate = creationDate }.ToOrder(CustomerId);

        order.CreatedAt.ShouldBeNull();
    }

    [Theory]
    [InlineData("3f1e7b2c-9a4d-4c8e-b7f1-2d6a9e0c5b13")]
    [InlineData("<customer-tenant-id>")]
    [InlineData("")]
    public void ToOrder_AnyReferenceCustomerId_BelongsToTheCustomerAsked(string referenceCustomerId)
    {
        var order = new OrderDto { Id = "Mn4Bv7Cx1", ReferenceCustomerId = referenceCustomerId }.ToOrder(CustomerId);

        order.CustomerId.ShouldBe(CustomerId);
    }

    [Fact]
    public void ToOrder_LineWithoutNameOrOffer_IsNamedByItsNumber()
    {
        var order = new OrderDto { Id = "Mn4Bv7Cx1", LineItems = [new OrderLineItemDto { LineItemNumber = 3 }] }.ToOrder(CustomerId);

        var line = order.LineItems.ShouldHaveSingleItem();
        line.ProductName.ShouldBe("Line 3");
        line.OfferId.ShouldBe("");
    }

    [Fact]
    public void ToOrder_TwoLinesOfTheSameProduct_NameItOnce()
    {
        var order = new OrderDto
        {
            Id = "Mn4Bv7Cx1",
            LineItems =
            [
                new OrderLineItemDto { LineItemNumber = 0, OfferId = "A", FriendlyName = "Visio Professional 2021" },
                new OrderLineItemDto { LineItemNumber = 1, OfferId = "A", FriendlyName = "Visio Professional 2021" },
            ],
        }.ToOrder(CustomerId);

        order.ProductNames.ShouldBe(["Visio Professional 2021"]);
    }

    [Fact]
    public void ToCustomer_NoIdButTenantId_UsesTheTenantId()
    {
        var customer = new CustomerDto { CompanyProfile = new CompanyProfileDto { TenantId = CustomerId, CompanyName = "Contoso" } }.ToCustomer();

        customer.Id.ShouldBe(CustomerId);
    }
}
