using System.Globalization;
using System.Text;
using Dashboard.Emulator.Tests;
using Dashboard.PartnerCenter.Dtos;
using Dashboard.PartnerCenter.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.PartnerCenter.Tests;

/// <summary>How the calls look on the wire, as a server on loopback receives them, where the published examples say how.</summary>
public sealed class PartnerCenterApiWireTests
{
    private const string CancelledOrder = $$"""{"id": "{{SeedIds.SeedDocumentOrder}}", "status": "cancelled"}""";

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
}
