using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dashboard.Testing;

namespace Dashboard.Emulator.Tests.Features.Admin;

/// <summary><c>GET/PUT /emulator/faults</c>: the injected faults in force, configured at start and replaced at run time.</summary>
public sealed class FaultSettingsTests
{
    [Fact]
    public async Task GetFaults_ConfiguredAtStart_ShowsTheConfiguredSettings()
    {
        await using var emulator = await RunningEmulator.StartAsync(
        [
            new("Emulator:Faults:ErrorRate", "0.25"),
            new("Emulator:Faults:LatencyMilliseconds", "5"),
            new("Emulator:Faults:RetryAfterSeconds", "30"),
            new("Emulator:Faults:RandomSeed", "11"),
        ]);
        using var client = emulator.CreateClient();

        var faults = await client.GetOkJsonAsync("emulator/faults");

        faults.GetProperty("errorRate").GetDouble().ShouldBe(0.25);
        faults.GetProperty("latencyMilliseconds").GetInt32().ShouldBe(5);
        faults.GetProperty("retryAfterSeconds").GetInt32().ShouldBe(30);
        faults.GetProperty("randomSeed").GetInt32().ShouldBe(11);
        faults.GetProperty("dropRate").GetDouble().ShouldBe(0);
    }

    [Fact]
    public async Task PutFaults_ValidSettings_AreWhatGetFaultsShows()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var client = emulator.CreateClient();

        var response = await client.PutAsJsonAsync("emulator/faults", new { dropRate = 0.5, throttleRate = 0.1, throttleBurstLength = 4 }, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var faults = await client.GetOkJsonAsync("emulator/faults");
        faults.GetProperty("dropRate").GetDouble().ShouldBe(0.5);
        faults.GetProperty("throttleRate").GetDouble().ShouldBe(0.1);
        faults.GetProperty("throttleBurstLength").GetInt32().ShouldBe(4);
        faults.GetProperty("errorRate").GetDouble().ShouldBe(0);
    }

    [Fact]
    public async Task PutFaults_EmptyObject_SwitchesEveryFaultOff()
    {
        await using var emulator = await RunningEmulator.StartAsync([new("Emulator:Faults:ErrorRate", "1")]);
        using var client = emulator.CreateClient();

        var response = await client.PutAsync("emulator/faults", new StringContent("{}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var faults = await client.GetOkJsonAsync("emulator/faults");
        foreach (var rate in new[] { "errorRate", "timeoutRate", "dropRate", "throttleRate", "afterApplyingShare" })
        {
            faults.GetProperty(rate).GetDouble().ShouldBe(0, rate);
        }

        faults.GetProperty("latencyMilliseconds").GetInt32().ShouldBe(0);
        (await client.GetAsync("v1/customers", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("""{"errorRate": 1.5}""")]
    [InlineData("""{"dropRate": -0.1}""")]
    [InlineData("""{"throttleBurstLength": 0}""")]
    [InlineData("""{"latencyMilliseconds": -1}""")]
    [InlineData("""{"afterApplyingShare": 2}""")]
    [InlineData("""{"retryAfterSeconds": 0}""")]
    public async Task PutFaults_OutOfRangeValue_Answers400(string faults)
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var client = emulator.CreateClient();

        var response = await client.PutAsync("emulator/faults", new StringContent(faults, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PutFaults_OutOfRangeValue_KeepsTheCurrentSettings()
    {
        await using var emulator = await RunningEmulator.StartAsync([new("Emulator:Faults:ThrottleRate", "0.2")]);
        using var client = emulator.CreateClient();

        await client.PutAsync("emulator/faults", new StringContent("""{"errorRate": 1.5}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        var faults = await client.GetOkJsonAsync("emulator/faults");
        faults.GetProperty("throttleRate").GetDouble().ShouldBe(0.2);
        faults.GetProperty("errorRate").GetDouble().ShouldBe(0);
    }
}
