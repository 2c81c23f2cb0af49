using Dashboard.Emulator.Tests;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests;

/// <summary>
/// Order payloads the emulator does not write but Partner Center's documentation and SDK show: other casing, values
/// this version does not know, fields left out, fields added. Each is read, not rejected.
/// </summary>
public sealed class OrderServicePayloadTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetOrderAsync_PascalCasePayload_IsRead()
    {
        var order = await GetOrderAnsweredWithAsync("""
            {
              "Id": "Rk4cT2Vw8Lq1Nz7Hd5Jm3Xp9Bs6Gf0Ya1",
              "AlternateId": "4e9b2c7a1d30",
              "ReferenceCustomerId": "bd59b416-37f9-4d8f-8df3-5750111fc615",
              "BillingCycle": "OneTime",
              "CurrencyCode": "EUR",
              "LineItems": [
                { "LineItemNumber": 0, "OfferId": "DG7GMGF0DSDZ:0002:DG7GMGF0DSDW", "FriendlyName": "Project Professional 2021", "Quantity": 3, "TermDuration": "" }
              ],
              "CreationDate": "2026-10-02T08:15:00.1234567Z",
              "Status": "Completed",
              "TransactionType": "UserPurchase"
            }
            """);

        order.Id.ShouldBe("Rk4cT2Vw8Lq1Nz7Hd5Jm3Xp9Bs6Gf0Ya1");
        order.AlternateId.ShouldBe("4e9b2c7a1d30");
        order.Status.ShouldBe(OrderStatus.Completed);
        order.BillingCycle.ShouldBe(BillingCycle.OneTime);
        order.CurrencyCode.ShouldBe("EUR");
        order.CreatedAt.ShouldBe(new DateTimeOffset(2026, 10, 2, 8, 15, 0, TimeSpan.Zero).AddTicks(1234567));
        var line = order.LineItems.ShouldHaveSingleItem();
        line.ProductName.ShouldBe("Project Professional 2021");
        line.Quantity.ShouldBe(3);
    }

    [Fact]
    public async Task GetOrderAsync_UnknownStatus_IsUnknownKeepingTheText()
    {
        var order = await GetOrderAnsweredWithAsync("""{"id": "Ar9Cv2Hx5", "status": "archived", "billingCycle": "monthly"}""");

        order.Status.ShouldBe(OrderStatus.Unknown);
        order.StatusText.ShouldBe("archived");
    }

    [Fact]
    public async Task GetOrderAsync_UnknownBillingCycle_IsUnknownKeepingTheText()
    {
        var order = await GetOrderAnsweredWithAsync("""{"id": "Ar9Cv2Hx5", "status": "completed", "billingCycle": "quinquennial"}""");

        order.BillingCycle.ShouldBe(BillingCycle.Unknown);
        order.BillingCycleText.ShouldBe("quinquennial");
    }

    [Fact]
    public async Task GetOrderAsync_NoLineItemsNoCreationDateNoStatus_IsReadWithThoseEmpty()
    {
        var order = await GetOrderAnsweredWithAsync("""{"id": "Mn4Bv7Cx1", "referenceCustomerId": "bd59b416-37f9-4d8f-8df3-5750111fc615"}""");

        order.Id.ShouldBe("Mn4Bv7Cx1");
        order.LineItems.ShouldBeEmpty();
        order.ProductNames.ShouldBeEmpty();
        order.CreatedAt.ShouldBeNull();
        order.Status.ShouldBe(OrderStatus.Unknown);
        order.StatusText.ShouldBeNull();
        order.BillingCycle.ShouldBe(BillingCycle.Unknown);
    }

    [Fact]
    public async Task GetOrderAsync_NullLineItems_IsReadAsNoLines()
    {
        var order = await GetOrderAnsweredWithAsync("""{"id": "Mn4Bv7Cx1", "lineItems": null, "creationDate": null}""");

        order.LineItems.ShouldBeEmpty();
        order.CreatedAt.ShouldBeNull();
    }

    [Fact]
    public async Task GetOrderAsync_NoReferenceCustomerId_BelongsToTheCustomerAsked()
    {
        var order = await GetOrderAnsweredWithAsync("""{"id": "Mn4Bv7Cx1", "status": "completed"}""");

        order.CustomerId.ShouldBe(SeedIds.Contoso);
    }

    [Fact]
    public async Task GetOrderAsync_LineWithoutFriendlyName_IsNamedByItsOfferId()
    {
        var order = await GetOrderAnsweredWithAsync("""
            {"id": "Mn4Bv7Cx1", "lineItems": [{"lineItemNumber": 0, "offerId": "031C9E47-4802-4248-838E-778FB1D2CC05", "quantity": 2}]}
            """);

        order.LineItems.ShouldHaveSingleItem().ProductName.ShouldBe("031C9E47-4802-4248-838E-778FB1D2CC05");
    }

    [Fact]
    public async Task GetOrderAsync_NumbersWrittenAsStrings_AreRead()
    {
        var order = await GetOrderAnsweredWithAsync("""
            {"id": "Mn4Bv7Cx1", "lineItems": [{"lineItemNumber": "1", "offerId": "DG7GMGF0DSDZ:0002:DG7GMGF0DSDW", "quantity": "4"}]}
            """);

        var line = order.LineItems.ShouldHaveSingleItem();
        line.Number.ShouldBe(1);
        line.Quantity.ShouldBe(4);
    }

    [Fact]
    public async Task GetOrderAsync_FieldsThisVersionDoesNotKnow_AreIgnored()
    {
        var order = await GetOrderAnsweredWithAsync("""
            {
              "id": "Mn4Bv7Cx1",
              "status": "completed",
              "totalPrice": 123.45,
              "partnerOnRecordAttestationAccepted": true,
              "client": {"marketplaceCountry": "US", "deviceFamily": "UniversalStore-PartnerCenter", "name": "Partner Center API"},
              "lineItems": [{
                "lineItemNumber": 0, "offerId": "CFQ7TTC0LH18:0001:CFQ7TTC0K5BF", "friendlyName": "Microsoft 365 Business Basic", "quantity": 3,
                "renewsTo": {"termDuration": "P1M"},
                "pricing": {"listPrice": 6.0, "extendedPrice": 18.0},
                "provisioningContext": {},
                "additionalPartnerIdsOnRecord": ["1234567"]
              }],
              "attributes": {"etag": "eyJpZCI6Ik1uNEJ2N0N4MSIsInZlcnNpb24iOjF9", "objectType": "Order"}
            }
            """);

        order.Status.ShouldBe(OrderStatus.Completed);
        order.LineItems.ShouldHaveSingleItem().ProductName.ShouldBe("Microsoft 365 Business Basic");
    }

    [Fact]
    public async Task GetOrderAsync_LinesOutOfOrder_AreSortedByNumber()
    {
        var order = await GetOrderAnsweredWithAsync("""
            {"id": "Mn4Bv7Cx1", "lineItems": [
              {"lineItemNumber": 2, "offerId": "C", "friendlyName": "Third"},
              {"lineItemNumber": 0, "offerId": "A", "friendlyName": "First"},
              {"lineItemNumber": 1, "offerId": "B", "friendlyName": "Second"}]}
            """);

        order.ProductNames.ShouldBe(["First", "Second", "Third"]);
    }

    [Fact]
    public async Task ListOrdersAsync_BillingCycleAsJsonNumber_IsRead()
    {
        // The REST reference types billing cycles as int32; the mapping reads "4", so a bare 4 must reach it too.
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(200, """
            {"totalCount": 1, "items": [{"id": "Mn4Bv7Cx1", "billingCycle": 4, "status": "completed"}], "attributes": {"objectType": "Collection"}}
            """));
        await using var desk = OrderDesk.For(server.BaseAddress);

        var outcome = await desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation);

        outcome.Value.ShouldNotBeNull().ShouldHaveSingleItem().BillingCycle.ShouldBe(BillingCycle.OneTime);
    }

    [Fact]
    public async Task ListOrdersAsync_CollectionWithoutItems_IsAnEmptyList()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(200, """{"totalCount": 0, "attributes": {"objectType": "Collection"}}"""));
        await using var desk = OrderDesk.For(server.BaseAddress);

        var outcome = await desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation);

        outcome.Succeeded.ShouldBeTrue();
        outcome.Value.ShouldBeEmpty();
    }

    [Fact]
    public async Task ListCustomersAsync_CustomerWithoutCompanyName_IsNamedByItsId()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(200, """
            {"totalCount": 1, "items": [{"id": "3f1e7b2c-9a4d-4c8e-b7f1-2d6a9e0c5b13", "companyProfile": {"domain": "fabrikamtest.onmicrosoft.com"}}]}
            """));
        await using var desk = OrderDesk.For(server.BaseAddress);

        var outcome = await desk.Orders.ListCustomersAsync(Cancellation);

        outcome.Value.ShouldNotBeNull().ShouldHaveSingleItem().ShouldBe(
            new Customer("3f1e7b2c-9a4d-4c8e-b7f1-2d6a9e0c5b13", "3f1e7b2c-9a4d-4c8e-b7f1-2d6a9e0c5b13", "fabrikamtest.onmicrosoft.com"));
    }

    [Theory]
    [InlineData("order-like-msdocs-01.json", "Z97Wec9V2L9Agr_3enqUt7W1DaCCNNr61")]
    [InlineData("order-like-msdocs-02.json", "df8872a9-a443-47a7-9209-dc58297d4514")]
    [InlineData("order-like-msdocs-04.json", "Z241maHaCmHd3-_YPQAc4cfoZsIyyftD1")]
    [InlineData("order-like-msdocs-06.json", "dZ0TdaP-CCyCS48P9-3Eo61FccmJ-7AY1")]
    [InlineData("order-like-msdocs-08.json", "M1OUd41_U-sJAhdwh9u6UpO3hZEyItUJ1")]
    [InlineData("order-like-msdocs-10.json", "7026ade2-90c0-49e2-af1b-21c6b8df6f4e")]
    [InlineData("order-like-msdocs-13.json", "25d9e509-19d9-4cd3-b7e5-38ee0ee03b17")]
    [InlineData("order-like-msdocs-15.json", "227d8acc-4fb2-4f72-a57b-a671429e8170")]
    [InlineData("order-like-msdocsfork-24.json", "78b27a2bda13")]
    [InlineData("order-like-pstests-02.json", "1677cffc-d988-47c6-9431-3a3bbe3e00fc")]
    [InlineData("order-like-pstests-03.json", "32833106-536e-45df-80b2-d002cc92d33d")]
    public async Task GetOrderAsync_PublishedOrderShape_IsRead(string fixture, string expectedId)
    {
        var order = await GetOrderAnsweredWithAsync(PayloadFixtures.ReadOrder(fixture));

        order.Id.ShouldBe(expectedId);
        order.LineItems.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task ListOrdersAsync_PublishedCollectionShape_ReadsBothOrders()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(200, PayloadFixtures.ReadOrder("order-like-msdocs-03.json")));
        await using var desk = OrderDesk.For(server.BaseAddress);

        var outcome = await desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation);

        outcome.Value.ShouldNotBeNull().Select(o => o.Id).ShouldBe(["NIXmQxNGRsz01LKN0XEaBE76sP9pX-4u1", "ng1W5hw6tOX8RJVfl5nHunxbQLSEJCvA1"]);
    }

    [Fact]
    public async Task GetOrderAsync_SuccessWithUnreadableBody_ThrowsPartnerCenterUnavailable()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(200, """{"id": "Mn4Bv7Cx1", "lineItems": "none"}"""));
        await using var desk = OrderDesk.For(server.BaseAddress);

        await Should.ThrowAsync<PartnerCenterUnavailableException>(() => desk.Orders.GetOrderAsync(SeedIds.Contoso, "Mn4Bv7Cx1", Cancellation));
    }

    private static async Task<Order> GetOrderAnsweredWithAsync(string body)
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(200, body));
        await using var desk = OrderDesk.For(server.BaseAddress);

        var outcome = await desk.Orders.GetOrderAsync(SeedIds.Contoso, "Mn4Bv7Cx1", Cancellation);

        return outcome.Value.ShouldNotBeNull();
    }
}
