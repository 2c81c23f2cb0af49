using Dashboard.Emulator.Tests;
using Dashboard.PartnerCenter.Dtos;
using Dashboard.PartnerCenter.Http;
using Dashboard.PartnerCenter.Tests.Testing;
using Dashboard.Testing;
using Refit;

namespace Dashboard.PartnerCenter.Tests.Http;

/// <summary>The bearer token goes to Partner Center and nowhere else: not into logs, not into the errors callers keep.</summary>
public sealed class TokenSecrecyTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Logs_RunOfCallsIncludingFailures_NoMessageContainsTheToken()
    {
        var events = await LogsOfARunOfCallsAsync();

        events.Count(e => e.Category == typeof(PartnerCenterRequestHandler).FullName).ShouldBe(6);
        events.ShouldAllBe(e => !e.Message.Contains(PartnerCenterClient.Token) && (e.Exception == null || !e.Exception.Contains(PartnerCenterClient.Token)));
    }

    [Fact]
    public async Task Logs_RunOfCallsIncludingFailures_NoStructuredPropertyContainsTheToken()
    {
        // Structured sinks (Serilog with a JSON formatter, the JSON console) write every property of an event, not only its message.
        var events = await LogsOfARunOfCallsAsync();

        events.SelectMany(e => e.Properties.Select(p => $"{e.Category} {p.Key}={p.Value}"))
            .Where(p => p.Contains(PartnerCenterClient.Token))
            .ShouldBeEmpty();
    }

    [Fact]
    public async Task ErrorOfARefusedCall_KeepsNoAuthorizationHeader()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var client = PartnerCenterClient.For(emulator.BaseAddress);

        var response = await client.Api.PatchOrderAsync(SeedIds.Contoso, SeedIds.ContosoNewCommerce, OrderPatchDto.Cancel(SeedIds.ContosoNewCommerce), Guid.NewGuid().ToString(), Cancellation);

        var error = response.Error.ShouldBeOfType<ApiException>();
        error.RequestMessage.Headers.Authorization.ShouldBeNull();
        error.ToString().ShouldNotContain(PartnerCenterClient.Token);
    }

    [Fact]
    public async Task ErrorOfACallWithoutAnswer_KeepsNoAuthorizationHeader()
    {
        await using var client = PartnerCenterClient.For(LoopbackServer.AddressNobodyListensOn());

        var response = await client.Api.GetCustomersAsync(null, null, Cancellation);

        var error = response.Error.ShouldNotBeNull();
        error.RequestMessage.Headers.Authorization.ShouldBeNull();
        error.ToString().ShouldNotContain(PartnerCenterClient.Token);
    }

    /// <summary>Every event, at every level, of a run of calls that succeed, are refused, get a proxy's page and get no answer.</summary>
    private static async Task<CapturedLogEvent[]> LogsOfARunOfCallsAsync()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var proxyError = await LoopbackServer.StartAsync(CannedResponse.Html(502, "<html><body>Bad Gateway</body></html>"));
        await using var client = PartnerCenterClient.For(emulator.BaseAddress);
        await using var behindProxy = PartnerCenterClient.For(proxyError.BaseAddress);
        await using var unreachable = PartnerCenterClient.For(LoopbackServer.AddressNobodyListensOn());

        await client.Api.GetCustomersAsync(null, null, Cancellation);
        await client.Api.GetOrdersAsync(SeedIds.Contoso, null, Cancellation);
        await client.Api.GetOrderAsync(SeedIds.Contoso, "doesNotExist1", Cancellation);
        await client.Api.PatchOrderAsync(SeedIds.Contoso, SeedIds.ContosoNewCommerce, OrderPatchDto.Cancel(SeedIds.ContosoNewCommerce), Guid.NewGuid().ToString(), Cancellation);
        await behindProxy.Api.GetOrdersAsync(SeedIds.Contoso, null, Cancellation);
        await unreachable.Api.GetCustomersAsync(null, null, Cancellation);

        return [.. client.Logs.Events, .. behindProxy.Logs.Events, .. unreachable.Logs.Events];
    }
}
