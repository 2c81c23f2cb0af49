using System.Text.Json;
using Dashboard.PartnerCenter.Dtos;
using Dashboard.Testing;

namespace Dashboard.PartnerCenter.Tests.Dtos;

/// <summary>
/// Every order shape Partner Center has published reads into the wire DTOs with the client's JSON options, values
/// intact. The fixtures are our own payloads shaped after the published ones (<c>Fixtures/Orders/README.md</c>).
/// </summary>
public sealed class PublishedOrderShapesTests
{
    [Theory]
    [MemberData(nameof(PayloadFixtures.PublishedOrderShapes), MemberType = typeof(PayloadFixtures))]
    public void Deserialize_PublishedOrderShape_ReadsEveryOrderWithItsIdAndLines(string fixture)
    {
        var orders = PayloadFixtures.OrdersIn(fixture);

        orders.ShouldNotBeEmpty();
        orders.ShouldAllBe(o => !string.IsNullOrEmpty(o.Id) && o.LineItems != null && o.LineItems.Count > 0);
    }

    [Fact]
    public void PublishedOrderShapes_OrdersFixtureFolder_ListsEveryFixtureShapedAfterAPublishedPayload()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Orders"), "order-like-*.json")
            .Select(Path.GetFileName)
            .Where(name => !name!.EndsWith(".camelcase.json", StringComparison.Ordinal));

        files.Order(StringComparer.Ordinal).ShouldBe(PayloadFixtures.PublishedOrderShapes.Select(row => row.Data).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Deserialize_LikeMsdocs01ReservedInstanceOrder_ReadsTheOrderAsWritten()
    {
        var order = PayloadFixtures.OrderIn("order-like-msdocs-01.json");

        TextOf(order).ShouldBe(new OrderText(
            "Z97Wec9V2L9Agr_3enqUt7W1DaCCNNr61", "fa866646-7a62-463b-89a0-ae130874952e", "completed", "one_time", "2024-06-04T09:12:47.5081233Z"));
        LinesOf(order).ShouldBe([new LineText(0, "DZH318Z0BQ7K:004M:DZH318Z0CR2T", 3, "Reserved_VM_Instance_Standard_D4s_v3_UK_South_1_Year")]);
        order.CurrencyCode.ShouldBe("GBP");
        order.CurrencySymbol.ShouldBe("£");
        (order.LineItems![0].Links?.Sku?.Uri).ShouldBe("/products/DZH318Z0BQ7K/skus/004M?country=GB");
        (order.Links?.ProvisioningStatus?.Uri).ShouldBe(
            "/customers/fa866646-7a62-463b-89a0-ae130874952e/orders/Z97Wec9V2L9Agr_3enqUt7W1DaCCNNr61/provisioningstatus");
    }

    [Fact]
    public void Deserialize_LikeMsdocs02LegacyOrder_ReadsStatusNoneAndNoBillingCycle()
    {
        var order = PayloadFixtures.OrderIn("order-like-msdocs-02.json");

        TextOf(order).ShouldBe(new OrderText(
            "df8872a9-a443-47a7-9209-dc58297d4514", "<tenant-id-of-the-customer>", "none", null, "2016-02-19T08:05:11.27-08:00"));
        LinesOf(order).ShouldBe([new LineText(0, "5A1C7F0E-93B2-4D6A-8E41-C2F07B9D3A18", 4, "my nickname")]);
        order.CurrencyCode.ShouldBeNull();
        order.Links.ShouldBeNull();
        (order.LineItems![0].Links?.Subscription?.Uri).ShouldBe("/subscriptions?key=<subscription-key>");
    }

    [Fact]
    public void Deserialize_LikeMsdocs03OrderCollection_ReadsBothOrdersInTheirOrder()
    {
        var collection = JsonSerializer.Deserialize<ResourceCollectionDto<OrderDto>>(
            PayloadFixtures.ReadOrder("order-like-msdocs-03.json"), PartnerCenterJson.Options).ShouldNotBeNull();

        collection.TotalCount.ShouldBe(2);
        (collection.Links?.Self?.Uri).ShouldBe("/customers/fa866646-7a62-463b-89a0-ae130874952e/orders");
        var orders = collection.Items.ShouldNotBeNull();
        orders.Select(TextOf).ShouldBe(
        [
            new OrderText("NIXmQxNGRsz01LKN0XEaBE76sP9pX-4u1", "fa866646-7a62-463b-89a0-ae130874952e", "pending", "one_time", "2024-11-20T06:03:58.9917204Z"),
            new OrderText("ng1W5hw6tOX8RJVfl5nHunxbQLSEJCvA1", "fa866646-7a62-463b-89a0-ae130874952e", "pending", "one_time", "2024-11-20T05:47:12.0402586Z"),
        ]);
        LinesOf(orders[0]).ShouldBe([new LineText(0, "DZH318Z0BQ3C:001F:DZH318Z0DT7W", 2, "Reserved_VM_Instance_Standard_E2s_v4_EU_North_1_Year")]);
        LinesOf(orders[1]).ShouldBe([new LineText(0, "DZH318Z0BQ3C:002H:DZH318Z0DV5N", 6, "Reserved_VM_Instance_Standard_E2s_v4_EU_North_3_Years")]);
    }

    [Fact]
    public void Deserialize_LikeMsdocs04CancelledSoftwareOrder_ReadsCancelledAndTheEmptyTermDuration()
    {
        var order = PayloadFixtures.OrderIn("order-like-msdocs-04.json");

        TextOf(order).ShouldBe(new OrderText(
            "Z241maHaCmHd3-_YPQAc4cfoZsIyyftD1", "b7e68f19-6ca3-45b3-9d0e-2df984f08b7d", "cancelled", "one_time", "2025-01-07T14:22:09.6620418Z"));
        LinesOf(order).ShouldBe([new LineText(0, "DG7GMGF0DWZ4:0002:DG7GMGF0DT1K", 3, "Exchange Server 2019 Standard - 1 User CAL")]);
        order.AlternateId.ShouldBe("6cc82e5740ee");
        order.TransactionType.ShouldBe("UserPurchase");
        order.Links.ShouldBeNull();
        var line = order.LineItems![0];
        line.TermDuration.ShouldBe("");
        line.TransactionType.ShouldBe("New");
        (line.Links?.Availability?.Uri).ShouldBe("/products/DG7GMGF0DWZ4/skus/0002/availabilities/DG7GMGF0DT1K?country=CA");
    }

    [Fact]
    public void Deserialize_LikeMsdocs06PartialCancellation_ReadsTheCancelledLineWithQuantityZero()
    {
        var order = PayloadFixtures.OrderIn("order-like-msdocs-06.json");

        TextOf(order).ShouldBe(new OrderText(
            "dZ0TdaP-CCyCS48P9-3Eo61FccmJ-7AY1", "efef2ba5-32f1-4a37-868d-afb9a4b513f1", "completed", "one_time", "2025-03-18T11:04:37.2749906Z"));
        LinesOf(order).ShouldBe(
        [
            new LineText(0, "DG7GMGF0FLR2:0005:DG7GMGF0DXK8", 0, "SQL Server Standard - 2 Core License Pack - 3 year"),
            new LineText(1, "DG7GMGF0DVW3:000F:DG7GMGF0FW4P", 8, "Windows Server CAL - 1 User CAL - 3 year"),
        ]);
        order.LineItems!.ShouldAllBe(l => l.TermDuration == "P3Y");
        order.AlternateId.ShouldBe("537aefc05a9b");
        (order.Links?.PatchOperation?.Method).ShouldBe("PATCH");
    }

    [Fact]
    public void Deserialize_LikeMsdocs08CreatedReservedInstanceOrder_ReadsTheOrderAsWritten()
    {
        var order = PayloadFixtures.OrderIn("order-like-msdocs-08.json");

        TextOf(order).ShouldBe(new OrderText(
            "M1OUd41_U-sJAhdwh9u6UpO3hZEyItUJ1", "fa866646-7a62-463b-89a0-ae130874952e", "pending", "one_time", "2024-06-05T16:41:29.730614Z"));
        LinesOf(order).ShouldBe([new LineText(0, "3CE1268C-9C80-42E3-BFEC-3FEE8ED2305D", 2, "Sample_Azure_RI_UK_West")]);
        order.CurrencyCode.ShouldBe("GBP");
        order.CurrencySymbol.ShouldBeNull();
    }

    [Fact]
    public void Deserialize_LikeMsdocs10IndirectResellerOrder_ReadsPartnerIdOnRecordAndNoStatus()
    {
        var order = PayloadFixtures.OrderIn("order-like-msdocs-10.json");

        TextOf(order).ShouldBe(new OrderText(
            "7026ade2-90c0-49e2-af1b-21c6b8df6f4e", "e0437a26-8e85-4826-bd79-57c0f232fa6a", null, "monthly", "2023-09-28T07:41:09.416-07:00"));
        LinesOf(order).ShouldBe([new LineText(0, "A93F32A9-A172-4102-8E4E-DC90253D9E30", 7, "Seats for the Lisbon office.")]);
        var line = order.LineItems![0];
        line.SubscriptionId.ShouldBe("47AA2DBA-D9E2-4C8D-809F-001680289E32");
        line.PartnerIdOnRecord.ShouldBe("6120458");
        (line.Links?.Subscription?.Uri).ShouldBe("/customers/e0437a26-8e85-4826-bd79-57c0f232fa6a/subscriptions/47AA2DBA-D9E2-4C8D-809F-001680289E32");
    }

    [Fact]
    public void Deserialize_LikeMsdocs11CartCheckoutResult_ReadsTheOrderInside()
    {
        var order = PayloadFixtures.OrdersIn("order-like-msdocs-11.json").ShouldHaveSingleItem();

        TextOf(order).ShouldBe(new OrderText(
            "D3kpt4MKVYCVo3ztCGtazyrSYHHpcIWJ1", "cbb3faad-783f-497b-bc47-4f8caa8b7b5f", "completed", "one_time", "2024-08-30T03:58:16.0147759Z"));
        LinesOf(order).ShouldBe([new LineText(0, "DG7GMGF0DWQ9:0003:DG7GMGF0DT6C", 4, "Sample_Azure_RI_AU_East")]);
        order.CurrencyCode.ShouldBe("AUD");
    }

    [Fact]
    public void Deserialize_LikeMsdocs13BillingCycleChange_ReadsAnnualCapitalisedAsWritten()
    {
        var order = PayloadFixtures.OrderIn("order-like-msdocs-13.json");

        TextOf(order).ShouldBe(new OrderText(
            "25d9e509-19d9-4cd3-b7e5-38ee0ee03b17", "0c40e84f-6591-448b-bcbb-f020837b2d44", null, "Annual", "2022-12-02T09:17:45.208-08:00"));
        LinesOf(order).ShouldBe(
        [
            new LineText(0, "7F453A0E-F509-4B4F-95DE-6E91074206E2", 12, "annual seats for sales"),
            new LineText(1, "63783933-D5F0-4510-BF6A-F8AF81DF6383", 3, "Another friendly name"),
        ]);
        order.LineItems!.Select(l => l.SubscriptionId).ShouldBe(["30F47F35-D038-4CFB-8ADD-40E92C34BF1C", "1E07EA63-524C-498F-94DC-77A72ED0D50A"]);
    }

    [Fact]
    public void Deserialize_LikeMsdocs15AddOnPurchase_ReadsBillingCycleNone()
    {
        var order = PayloadFixtures.OrderIn("order-like-msdocs-15.json");

        TextOf(order).ShouldBe(new OrderText(
            "227d8acc-4fb2-4f72-a57b-a671429e8170", "0c40e84f-6591-448b-bcbb-f020837b2d44", null, "none", "2022-12-05T16:30:02.917-08:00"));
        LinesOf(order).ShouldBe(
        [
            new LineText(0, "7F453A0E-F509-4B4F-95DE-6E91074206E2", 12, "annual seats for sales"),
            new LineText(1, "42A68FEC-C75A-43C4-8D0D-866B16519537", 1, "Extra storage add-on"),
        ]);
    }

    [Fact]
    public void Deserialize_LikeMsdocs20TransferSubmitResult_ReadsBothOrdersWithEmptyLineLinks()
    {
        var orders = PayloadFixtures.OrdersIn("order-like-msdocs-20.json");

        orders.Select(TextOf).ShouldBe(
        [
            new OrderText("a6fcbe5e-2d7b-419e-97dc-5a942b586e10", "dffe4880-57c9-4db6-81ca-b4a9cbd48195", "completed", "annual", "2025-05-12T13:07:51.642+00:00"),
            new OrderText("96dbea9a-9907-4922-905b-96385c972cdd", "dffe4880-57c9-4db6-81ca-b4a9cbd48195", "completed", "annual", "2025-05-12T13:08:03.71+00:00"),
        ]);
        LinesOf(orders[0]).ShouldBe([new LineText(0, "D86BB32F-14B9-4257-9266-EF64311275FC", 4, "Dynamics 365 Sales Professional")]);
        LinesOf(orders[1]).ShouldBe([new LineText(0, "E6B1E07C-8F62-4CD6-B27D-B193333BD939", 9, "Dynamics 365 Business Central Team Members")]);
        orders.ShouldAllBe(o => o.AlternateId == o.Id);
        orders.SelectMany(o => o.LineItems!).ShouldAllBe(l =>
            l.Links != null && l.Links.Subscription == null && l.Links.Sku == null && l.PartnerIdOnRecord == "3318842" && l.TermDuration == "P1Y");
    }

    [Fact]
    public void Deserialize_LikeMsdocsfork24NewCommerceOrder_ReadsIdEqualToAlternateId()
    {
        var order = PayloadFixtures.OrderIn("order-like-msdocsfork-24.json");

        TextOf(order).ShouldBe(new OrderText(
            "78b27a2bda13", "940f6bcc-94a2-4f77-9ca5-e664377ae536", "pending", "monthly", "2025-09-09T20:45:33.0581917Z"));
        LinesOf(order).ShouldBe([new LineText(0, "CFQ7TTC0LF8R:0001:CFQ7TTC0KDMW", 25, "Microsoft 365 Business Standard")]);
        order.AlternateId.ShouldBe("78b27a2bda13");
        var line = order.LineItems![0];
        line.SubscriptionId.ShouldBe("36480de2-bd5c-4366-b517-da60fb69e070");
        line.TermDuration.ShouldBe("P1M");
        line.PartnerIdOnRecord.ShouldBe("6120458");
        (order.Links?.PatchOperation?.Uri).ShouldBe("/customers/940f6bcc-94a2-4f77-9ca5-e664377ae536/orders/78b27a2bda13");
    }

    [Fact]
    public void Deserialize_LikePstests02PascalCaseOrder_ReadsTheOrderAsWritten()
    {
        var order = PayloadFixtures.OrderIn("order-like-pstests-02.json");

        TextOf(order).ShouldBe(new OrderText(
            "1677cffc-d988-47c6-9431-3a3bbe3e00fc", "639ca0f4-b9af-4afd-9643-033a0555be5c", "completed", "monthly", "2019-04-16T09:31:07.52-07:00"));
        LinesOf(order).ShouldBe([new LineText(0, "D3CDFAF7-7613-48C0-93AF-0473184CF29A", 6, "Microsoft 365 Business Premium")]);
        var line = order.LineItems![0];
        line.SubscriptionId.ShouldBe("C8C0817C-C814-4B98-AAB7-658C144F0B6A");
        line.ParentSubscriptionId.ShouldBeNull();
        line.PartnerIdOnRecord.ShouldBeNull();
        (line.Links?.ProvisioningStatus?.Uri).ShouldBe("/subscriptions/C8C0817C-C814-4B98-AAB7-658C144F0B6A/provisioningstatus");
        (order.Links?.Self?.Uri).ShouldBe("/customers/639ca0f4-b9af-4afd-9643-033a0555be5c/orders/1677cffc-d988-47c6-9431-3a3bbe3e00fc");
    }

    [Fact]
    public void Deserialize_LikePstests03PascalCaseOrder_ReadsTheOrderAsWritten()
    {
        var order = PayloadFixtures.OrderIn("order-like-pstests-03.json");

        TextOf(order).ShouldBe(new OrderText(
            "32833106-536e-45df-80b2-d002cc92d33d", "d392f1df-7b6f-4dcc-9d6f-6ae7c06b1f3f", "completed", "monthly", "2019-04-16T13:02:48.905-07:00"));
        LinesOf(order).ShouldBe([new LineText(0, "D3CDFAF7-7613-48C0-93AF-0473184CF29A", 11, "Microsoft 365 Business Premium")]);
        (order.LineItems![0].Links?.Sku?.Uri).ShouldBe("/products/F3FAA8E8-79EA-4723-8AD5-CFBC1D74BD1C/skus/D3CDFAF7-7613-48C0-93AF-0473184CF29A");
    }

    [Theory]
    [InlineData("order-like-pstests-02.json", "order-like-pstests-02.camelcase.json")]
    [InlineData("order-like-pstests-03.json", "order-like-pstests-03.camelcase.json")]
    public void Deserialize_PascalCaseOrder_ReadsTheSameAsItsCamelCaseTwin(string pascalCase, string camelCase)
    {
        PayloadFixtures.ReadOrder(pascalCase).ShouldNotBe(PayloadFixtures.ReadOrder(camelCase));

        var fromPascalCase = PayloadFixtures.OrderIn(pascalCase);
        var fromCamelCase = PayloadFixtures.OrderIn(camelCase);

        JsonSerializer.Serialize(fromPascalCase, PartnerCenterJson.Options).ShouldBe(JsonSerializer.Serialize(fromCamelCase, PartnerCenterJson.Options));
    }

    [Fact]
    public void Deserialize_UnknownStatusAndBillingCycle_KeepsBothTexts()
    {
        var order = PayloadFixtures.OrderIn("order-unknown-status-and-billing-cycle.json");

        order.Status.ShouldBe("archived");
        order.BillingCycle.ShouldBe("quadrennial");
        LinesOf(order).ShouldBe([new LineText(0, "CFQ7TTC0LF8R:0001:CFQ7TTC0KDMW", 2, "Microsoft 365 Business Standard")]);
    }

    private static OrderText TextOf(OrderDto order) =>
        new(order.Id, order.ReferenceCustomerId, order.Status, order.BillingCycle, order.CreationDate);

    private static LineText[] LinesOf(OrderDto order) =>
        [.. (order.LineItems ?? []).Select(l => new LineText(l.LineItemNumber, l.OfferId, l.Quantity, l.FriendlyName))];

    private sealed record OrderText(string? Id, string? ReferenceCustomerId, string? Status, string? BillingCycle, string? CreationDate);

    private sealed record LineText(int Number, string? OfferId, int Quantity, string? FriendlyName);
}
