using Dashboard.Emulator.Tests;
using Dashboard.PartnerCenter.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.PartnerCenter.Tests;

/// <summary>An error's <c>data</c> is kept: Partner Center puts there what its description refers to.</summary>
public sealed class PartnerCenterFailureDataTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task From_ErrorWithData_KeepsTheDataStrings()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(400,
            """{"code": 2200, "description": "Follow the link to continue.", "data": ["https://go.microsoft.com/fwlink/?linkid=2135151"], "source": "PartnerFD"}"""));
        await using var client = PartnerCenterClient.For(server.BaseAddress);
        var response = await client.Api.GetCustomerAsync(SeedIds.Contoso, Cancellation);

        var failure = PartnerCenterFailure.From(response);

        failure.Data.ShouldNotBeNull().ShouldBe(["https://go.microsoft.com/fwlink/?linkid=2135151"]);
    }

    [Fact]
    public async Task From_EmulatorRefusedDelete_ListsTheOrdersToCancelInData()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var client = PartnerCenterClient.For(emulator.BaseAddress);
        var response = await client.Api.DeleteCustomerAsync(SeedIds.Contoso, null, Cancellation);

        var failure = PartnerCenterFailure.From(response);

        failure.ErrorCode.ShouldBe("800062");
        failure.Data.ShouldNotBeNull().ShouldContain("11fc4bdfd47a");
    }
}
