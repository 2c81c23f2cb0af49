using System.Diagnostics;
using System.Net;
using Dashboard.Emulator.Tests;
using Dashboard.PartnerCenter.Tests.Testing;

namespace Dashboard.PartnerCenter.Tests;

/// <summary>
/// The client-side limit <c>PartnerCenter:RequestsPerMinute</c>: calls over it wait for the sliding minute to make room
/// rather than fail, and a caller that stops waiting sends nothing.
/// </summary>
public sealed class PartnerCenterRateLimitTests
{
    private const string Customer = $$$"""{"id": "{{{SeedIds.Contoso}}}"}""";
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(2);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetCustomerAsync_WithinTheLimit_CompletesPromptly()
    {
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Json(200, Customer));
        await using var client = PartnerCenterClient.For(server.BaseAddress, ("PartnerCenter:RequestsPerMinute", "3"));

        var elapsed = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++)
        {
            var response = await client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        elapsed.Elapsed.ShouldBeLessThan(Promptly);
    }

    [Fact]
    public async Task GetCustomerAsync_OverTheLimit_WaitsInsteadOfFailing()
    {
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Json(200, Customer));
        await using var client = PartnerCenterClient.For(server.BaseAddress, ("PartnerCenter:RequestsPerMinute", "3"));
        await CallAsync(client, 3);
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);

        var fourth = client.Api.GetCustomerAsync(SeedIds.Contoso, stopWaiting.Token);
        await Task.WhenAny(fourth, Task.Delay(Promptly, Cancellation));

        fourth.IsCompleted.ShouldBeFalse($"the call over the limit ended at once ({fourth.Status})");
        await stopWaiting.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(fourth);
    }

    [Fact]
    public async Task GetCustomerAsync_OverTheLimitAndCancelled_NeverReachesTheServer()
    {
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Json(200, Customer));
        await using var client = PartnerCenterClient.For(server.BaseAddress, ("PartnerCenter:RequestsPerMinute", "3"));
        await CallAsync(client, 3);
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var fourth = client.Api.GetCustomerAsync(SeedIds.Contoso, stopWaiting.Token);
        await Task.Delay(TimeSpan.FromMilliseconds(200), Cancellation);

        await stopWaiting.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(fourth);
        await Task.Delay(TimeSpan.FromMilliseconds(200), Cancellation);
        server.Requests.Count.ShouldBe(3);
    }

    private static async Task CallAsync(PartnerCenterClient client, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            (await client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }
}
