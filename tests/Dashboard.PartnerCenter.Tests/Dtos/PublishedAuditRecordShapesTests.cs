using System.Text.Json;
using Dashboard.PartnerCenter.Dtos;
using Dashboard.Testing;

namespace Dashboard.PartnerCenter.Tests.Dtos;

/// <summary>
/// The client's DTOs read an audit-record collection shaped after the published one (Fixtures/AuditRecords/README.md):
/// every field the dashboard uses, null <c>customizedData</c> values included.
/// </summary>
public sealed class PublishedAuditRecordShapesTests
{
    private static readonly ResourceCollectionDto<AuditRecordDto> Collection =
        JsonSerializer.Deserialize<ResourceCollectionDto<AuditRecordDto>>(PayloadFixtures.Read("AuditRecords/auditrecords-like-pstests-01.json"), PartnerCenterJson.Options)!;

    [Fact]
    public void Collection_PublishedShape_ReadsEveryItemWhateverTotalCountSays()
    {
        Collection.TotalCount.ShouldBe(1);
        Collection.Items.ShouldNotBeNull().Count.ShouldBe(2);
        Collection.Links.ShouldNotBeNull().Self.ShouldNotBeNull().Uri.ShouldStartWith("/auditrecords?");
    }

    [Fact]
    public void Record_PublishedShape_ReadsWhoDidWhatWhenAndWithWhichCorrelationId()
    {
        var record = Collection.Items![0];

        record.Id.ShouldBe("7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f_639311940123456789");
        record.CustomerId.ShouldBe("bd59b416-37f9-4d8f-8df3-5750111fc615");
        record.CustomerName.ShouldBe("Contoso Sandbox Lab");
        record.UserPrincipalName.ShouldBe("ops@fixturepartner.onmicrosoft.com");
        record.ApplicationId.ShouldBe("2f4e6a8c-0b1d-4e3f-9a5c-7e9b1d3f5a7c");
        record.ResourceType.ShouldBe("order");
        record.OperationType.ShouldBe("create_order");
        record.OperationStatus.ShouldBe("succeeded");
        record.OperationDate.ShouldBe("2026-11-25T09:00:12.3456789Z");
        record.OriginalCorrelationId.ShouldBe("8b9c0d1e-2f3a-4b4c-d5e6-f7a8b9c0d1e2");
    }

    [Fact]
    public void Record_CustomizedDataWithANullValue_ReadsThePairWithANullValue()
    {
        var data = Collection.Items![0].CustomizedData.ShouldNotBeNull();

        data.ShouldContain(new AuditDataDto { Key = "OrderId", Value = "Fx1OrderAbCdEfGhIjKlMnOpQrStUvW1" });
        data.ShouldContain(new AuditDataDto { Key = "PartnerOnRecord-0", Value = null });
    }

    [Fact]
    public void Record_ResourceValues_AreKeptAsTheJsonTextTheyArrivedAs()
    {
        var update = Collection.Items![1];

        using var before = JsonDocument.Parse(update.ResourceOldValue.ShouldNotBeNull());
        using var after = JsonDocument.Parse(update.ResourceNewValue.ShouldNotBeNull());
        before.RootElement.GetProperty("Quantity").GetInt32().ShouldBe(1);
        after.RootElement.GetProperty("Quantity").GetInt32().ShouldBe(2);
    }
}
