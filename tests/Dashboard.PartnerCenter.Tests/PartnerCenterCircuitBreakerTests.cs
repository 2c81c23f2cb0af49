using Dashboard.Emulator.Tests;
using Dashboard.PartnerCenter.Tests.Testing;

namespace Dashboard.PartnerCenter.Tests;

/// <summary>
/// The circuit breaker of the resilience pipeline: once half of at least ten attempts failed, calls stop going out for
/// a while and fail at once as not sent, instead of hammering a service that is down. The client's clock stands still,
/// so that every call falls in the breaker's sampling minute however slow the machine.
/// </summary>
public sealed class PartnerCenterCircuitBreakerTests
{
    private const int MinimumThroughput = 10;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetCustomerAsync_AfterTenFailedCalls_FailsAsNotSent()
    {
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Error(500));
        await using var client = PartnerCenterClient.For(server.BaseAddress, new ObservedClock());
        await FailAsync(client, MinimumThroughput);

        var response = await client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);

        var failure = PartnerCenterFailure.From(response);
        failure.Kind.ShouldBe(PartnerCenterFailureKind.NotSent);
        failure.StatusCode.ShouldBeNull();
    }

    [Fact]
    public async Task GetCustomerAsync_AfterTenFailedCalls_DoesNotReachTheServer()
    {
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Error(500));
        await using var client = PartnerCenterClient.For(server.BaseAddress, new ObservedClock());
        await FailAsync(client, MinimumThroughput);

        await client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);

        server.Requests.Count.ShouldBe(MinimumThroughput);
    }

    [Fact]
    public async Task GetCustomerAsync_AfterNineFailedCalls_IsStillSent()
    {
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Error(500));
        await using var client = PartnerCenterClient.For(server.BaseAddress, new ObservedClock());
        await FailAsync(client, MinimumThroughput - 1);

        var response = await client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);

        PartnerCenterFailure.From(response).Kind.ShouldBe(PartnerCenterFailureKind.Error);
        server.Requests.Count.ShouldBe(MinimumThroughput);
    }

    [Fact]
    public async Task GetCustomerAsync_AfterTenRefusedCustomerIds_IsStillSent()
    {
        // 4xx answers are Partner Center working as it should: they do not count as failures of the service.
        await using var server = await ScriptedServer.StartAsync(ServerAnswer.Error(404, "Tenant not found"));
        await using var client = PartnerCenterClient.For(server.BaseAddress, new ObservedClock());
        await FailAsync(client, MinimumThroughput);

        await client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);

        server.Requests.Count.ShouldBe(MinimumThroughput + 1);
    }

    private static async Task FailAsync(PartnerCenterClient client, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            var response = await client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);
            response.IsSuccessful.ShouldBeFalse();
        }
    }
}
