using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dashboard.Testing;

namespace Dashboard.Emulator.Tests.Features.Admin;

/// <summary>
/// <c>GET/POST /emulator/faults</c>: the injected faults in force, configured at start and replaced at run time with a
/// JSON body; anything else is refused with a message and changes nothing.
/// </summary>
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
        faults.GetProperty("script").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task PostFaults_ValidSettings_AreWhatGetFaultsShows()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var client = emulator.CreateClient();

        var response = await client.PostAsJsonAsync("emulator/faults", new { dropRate = 0.5, throttleRate = 0.1, throttleBurstLength = 4 }, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var faults = await client.GetOkJsonAsync("emulator/faults");
        faults.GetProperty("dropRate").GetDouble().ShouldBe(0.5);
        faults.GetProperty("throttleRate").GetDouble().ShouldBe(0.1);
        faults.GetProperty("throttleBurstLength").GetInt32().ShouldBe(4);
        faults.GetProperty("errorRate").GetDouble().ShouldBe(0);
    }

    [Fact]
    public async Task PostFaults_WhatGetFaultsShows_IsAccepted()
    {
        await using var emulator = await RunningEmulator.StartAsync(
            [new("Emulator:Faults:ErrorRate", "0.25"), new("Emulator:Faults:RandomSeed", "11")]);
        using var client = emulator.CreateClient();
        var shown = await client.GetStringAsync("emulator/faults", TestContext.Current.CancellationToken);

        var response = await client.PostAsync("emulator/faults", Json(shown), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetStringAsync("emulator/faults", TestContext.Current.CancellationToken)).ShouldBe(shown);
    }

    [Fact]
    public async Task PostFaults_EmptyObject_SwitchesEveryFaultOff()
    {
        await using var emulator = await RunningEmulator.StartAsync([new("Emulator:Faults:ErrorRate", "1")]);
        using var client = emulator.CreateClient();

        var response = await client.PostAsync("emulator/faults", Json("{}"), TestContext.Current.CancellationToken);

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
    public async Task PostFaults_OutOfRangeValue_Answers400(string faults)
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var client = emulator.CreateClient();

        var response = await client.PostAsync("emulator/faults", Json(faults), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PostFaults_OutOfRangeValue_KeepsTheCurrentSettings()
    {
        await using var emulator = await RunningEmulator.StartAsync([new("Emulator:Faults:ThrottleRate", "0.2")]);
        using var client = emulator.CreateClient();

        await client.PostAsync("emulator/faults", Json("""{"errorRate": 1.5}"""), TestContext.Current.CancellationToken);

        var faults = await client.GetOkJsonAsync("emulator/faults");
        faults.GetProperty("throttleRate").GetDouble().ShouldBe(0.2);
        faults.GetProperty("errorRate").GetDouble().ShouldBe(0);
    }

    [Theory]
    [InlineData("""{"errorRate": 0.5""", "BytePositionInLine")]
    [InlineData("", "JSON")]
    [InlineData("""[{"errorRate": 0.5}]""", "must be a JSON object")]
    [InlineData("null", "must be a JSON object")]
    [InlineData("""{"errorRate": "high"}""", "$.errorRate")]
    [InlineData("""{"throttleBurstLength": 1.5}""", "$.throttleBurstLength")]
    [InlineData("""{"script": {}}""", "$.script")]
    [InlineData("""{"script": null}""", "script")]
    [InlineData("""{"errorRates": 0.5}""", "errorRates")]
    public async Task PostFaults_BodyThatIsNotFaultSettings_Answers400SayingWhatIsWrongAndKeepsTheSettings(string body, string named)
    {
        await using var emulator = await RunningEmulator.StartAsync([new("Emulator:Faults:ThrottleRate", "0.2")]);
        using var client = emulator.CreateClient();

        var response = await client.PostAsync("emulator/faults", Json(body), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadMessageAsync()).ShouldContain(named);
        (await client.GetOkJsonAsync("emulator/faults")).GetProperty("throttleRate").GetDouble().ShouldBe(0.2);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "errorRate=1")]
    [InlineData("text/plain", """{"errorRate": 1}""")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"errorRate\"\r\n\r\n1\r\n--x--\r\n")]
    public async Task PostFaults_NotJson_Answers415AndChangesNothing(string contentType, string body)
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var client = emulator.CreateClient();
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        var response = await client.PostAsync("emulator/faults", content, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await response.ReadMessageAsync()).ShouldContain("application/json");
        (await client.GetOkJsonAsync("emulator/faults")).GetProperty("errorRate").GetDouble().ShouldBe(0);
        (await client.GetAsync("v1/customers", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PutFaults_IsNoLongerServed_Answers405AndChangesNothing()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var client = emulator.CreateClient();

        var response = await client.PutAsync("emulator/faults", Json("""{"errorRate": 1}"""), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        (await client.GetOkJsonAsync("emulator/faults")).GetProperty("errorRate").GetDouble().ShouldBe(0);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
