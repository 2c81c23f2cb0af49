using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Dashboard.Emulator.Tests;
using Dashboard.PartnerCenter.Dtos;
using Dashboard.PartnerCenter.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.PartnerCenter.Tests;

/// <summary>How the calls look on the wire, as a server on loopback receives them, where the published examples say how.</summary>
public sealed class PartnerCenterApiWireTests
{
    private const string CancelledOrder = $$"""{"id": "{{SeedIds.SeedDocumentOrder}}", "status": "cancelled"}""";

    private const string NoAuditRecords = """{"totalCount": 0, "items": [], "links": {"self": {"uri": "/auditrecords", "method": "GET", "headers": []}}, "attributes": {"objectType": "Collection"}}""";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PatchOrderAsync_Cancel_SendsTheBodyWithItsContentLengthNotChunked()
    {
        // Partner Center's published PATCH examples carry a Content-Length; a streamed body would go out chunked.
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(200, CancelledOrder));
        await using var client = PartnerCenterClient.For(server.BaseAddress);

        await client.Api.PatchOrderAsync(
            SeedIds.Contoso, SeedIds.SeedDocumentOrder, OrderPatchDto.Cancel(SeedIds.SeedDocumentOrder), Guid.NewGuid().ToString(), Cancellation);

        var patch = server.Requests.ShouldHaveSingleItem();
        patch.Body.ShouldContain("cancelled");
        patch.Header("Transfer-Encoding").ShouldBeNull();
        patch.Header("Content-Length").ShouldBe(Encoding.UTF8.GetByteCount(patch.Body).ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task GetAuditRecordsAsync_CustomerFilter_SendsTheDocumentedQuery()
    {
        // get-a-record-of-partner-center-activity-by-user: startDate as yyyy-mm-dd, filter as URL-encoded JSON.
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(200, NoAuditRecords));
        await using var client = PartnerCenterClient.For(server.BaseAddress);
        var filter = JsonSerializer.Serialize(new { Field = "CustomerId", Value = SeedIds.Contoso, Operator = "equals" });

        await client.Api.GetAuditRecordsAsync("2026-09-01", null, filter, null, Cancellation);

        var get = server.Requests.ShouldHaveSingleItem();
        get.Method.ShouldBe("GET");
        get.PathAndQuery.ShouldStartWith("/v1/auditrecords?");
        var query = QueryHelpers.ParseQuery(new Uri(server.BaseAddress, get.PathAndQuery).Query);
        query.Keys.ShouldBe(["startDate", "filter"], ignoreOrder: true);
        query["startDate"].ToString().ShouldBe("2026-09-01");
        query["filter"].ToString().ShouldBe(filter);
    }

    [Fact]
    public async Task GetNextAuditRecordsAsync_SendsTheContinuationTokenOfLinksNextAsAHeader()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(200, NoAuditRecords));
        await using var client = PartnerCenterClient.For(server.BaseAddress);

        await client.Api.GetNextAuditRecordsAsync(null, "eyJTaXplIjoxfQ", Cancellation);

        var get = server.Requests.ShouldHaveSingleItem();
        get.PathAndQuery.ShouldBe("/v1/auditrecords?seekOperation=Next");
        get.Header("MS-ContinuationToken").ShouldBe("eyJTaXplIjoxfQ");
    }
}
