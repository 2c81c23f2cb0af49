using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.EndToEnd.Tests.Features.Circuits;

/// <summary>
/// The circuit's WebSocket: compressed (permessage-deflate), each server message on its own, so that no circuit keeps a
/// compressor between messages (docs/performance.md#memory-per-circuit).
/// </summary>
public sealed class CircuitConnectionTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    [Fact]
    public async Task WebSocket_Handshake_IsCompressedWithoutServerContextTakeover()
    {
        var page = await host.NewPageOfTheSignedInOperatorAsync();
        var extensions = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cdp = await page.Context.NewCDPSessionAsync(page);
        cdp.Event("Network.webSocketHandshakeResponseReceived").OnEvent += (_, e) => extensions.TrySetResult(ExtensionsOf(e));
        await cdp.SendAsync("Network.enable");

        await page.GotoAsync("customers");
        await Expect(page.Locator("#customers-table")).ToBeVisibleAsync();

        var answered = await extensions.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        answered.ShouldContain("permessage-deflate");
        answered.ShouldContain("server_no_context_takeover");
        await page.CloseAsync();
    }

    private static string ExtensionsOf(JsonElement? e) =>
        e!.Value.GetProperty("response").GetProperty("headers").EnumerateObject()
            .Where(h => h.Name.Equals("Sec-WebSocket-Extensions", StringComparison.OrdinalIgnoreCase))
            .Select(h => h.Value.GetString() ?? "").FirstOrDefault() ?? "";
}
