// Over 300 lines: the fault script's whole contract (every fault name, order, concurrency, validation) in one place, as one specification.
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dashboard.Testing;
using Microsoft.Extensions.Options;

namespace Dashboard.Emulator.Tests.Api;

/// <summary>
/// The fault script (<c>Emulator:Faults:Script</c>, or <c>script</c> in <c>POST /emulator/faults</c>): the n-th request
/// with a rule's method and path gets the n-th fault of its list, whatever else arrives in between; once the list is
/// used up the random faults apply.
/// </summary>
public sealed class FaultScriptTests
{
    private static readonly string ContosoPath = $"/v1/customers/{SeedIds.Contoso}";
    private static readonly string SeedDocumentOrderPath = $"/v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}";

    // Only stops a test whose request hangs for good; no outcome depends on it.
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(15);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnyV1Request_Scripted_TheNthRequestGetsTheNthFault()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var client = emulator.CreateClient();
        await emulator.SetFaultsAsync(Script(RunningEmulator.ScriptRule("GET", ContosoPath, "error503", "error500", "throttle", "none", "error503")), Cancellation);

        var statuses = await StatusesAsync(client, ContosoPath, 6);

        statuses.ShouldBe([503, 500, 429, 200, 503, 200]);
    }

    [Fact]
    public async Task AnyV1Request_ScriptUsedUp_GetsTheRandomFaults()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var client = emulator.CreateClient();
        await emulator.SetFaultsAsync(new { errorRate = 1, script = new[] { RunningEmulator.ScriptRule("GET", ContosoPath, "none", "none") } }, Cancellation);

        var statuses = await StatusesAsync(client, ContosoPath, 4);

        statuses.ShouldBe([200, 200, 500, 503]);
    }

    [Fact]
    public async Task AnyV1Request_OtherPathOrMethod_IsNotScriptedAndLeavesTheScriptAlone()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var client = emulator.CreateClient();
        await emulator.SetFaultsAsync(Script(RunningEmulator.ScriptRule("PATCH", SeedDocumentOrderPath, "error503")), Cancellation);

        var get = await StatusesAsync(client, SeedDocumentOrderPath, 1);
        var list = await StatusesAsync(client, $"{SeedDocumentOrderPath}/provisioningstatus", 1);
        var patch = await CancelAsync(client, SeedIds.SeedDocumentOrder);

        get.ShouldBe([200]);
        list.ShouldBe([200]);
        patch.ShouldBe(503);
    }

    [Fact]
    public async Task AnyV1Request_RulePath_IsComparedCaseInsensitivelyWithoutTheQueryString()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var client = emulator.CreateClient();
        await emulator.SetFaultsAsync(Script(RunningEmulator.ScriptRule("get", SeedDocumentOrderPath.ToUpperInvariant(), "error500")), Cancellation);

        var statuses = await StatusesAsync(client, $"{SeedDocumentOrderPath}?include_price=true", 2);

        statuses.ShouldBe([500, 200]);
    }

    [Theory]
    [InlineData("none", 200, true)]
    [InlineData("throttle", 429, false)]
    [InlineData("throttleAfterApplying", 429, true)]
    [InlineData("error500", 500, false)]
    [InlineData("error500AfterApplying", 500, true)]
    [InlineData("error503", 503, false)]
    [InlineData("Error503AfterApplying", 503, true)]
    [InlineData("drop", null, false)]
    [InlineData("dropAfterApplying", null, true)]
    public async Task Patch_ScriptedFault_AnswersAndAppliesAsItsNameSays(string fault, int? status, bool applied)
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var client = emulator.CreateClient();
        await emulator.SetFaultsAsync(Script(RunningEmulator.ScriptRule("PATCH", SeedDocumentOrderPath, fault)), Cancellation);

        var answered = await CancelAsync(client, SeedIds.SeedDocumentOrder);

        answered.ShouldBe(status);
        (await client.GetOkJsonAsync($"emulator/changes?orderId={SeedIds.SeedDocumentOrder}")).GetArrayLength().ShouldBe(applied ? 1 : 0);
        var order = await client.GetOkJsonAsync(SeedDocumentOrderPath[1..]);
        order.GetProperty("status").GetString().ShouldBe(applied ? "cancelled" : "completed");
    }

    [Fact]
    public async Task Patch_ResentAfterAScriptedDropAfterApplying_GetsTheFirstAnswerAndIsAppliedOnce()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var client = emulator.CreateClient();
        await emulator.SetFaultsAsync(Script(RunningEmulator.ScriptRule("PATCH", SeedDocumentOrderPath, "dropAfterApplying", "error503")), Cancellation);
        var requestId = Guid.NewGuid().ToString();

        var statuses = new[]
        {
            await CancelAsync(client, SeedIds.SeedDocumentOrder, requestId),
            await CancelAsync(client, SeedIds.SeedDocumentOrder, requestId),
            await CancelAsync(client, SeedIds.SeedDocumentOrder, requestId),
        };

        statuses.ShouldBe([null, 503, 200]);
        var change = (await client.GetOkJsonAsync($"emulator/changes?orderId={SeedIds.SeedDocumentOrder}")).EnumerateArray().ShouldHaveSingleItem();
        change.GetProperty("requestId").GetString().ShouldBe(requestId);
    }

    [Theory]
    [InlineData("timeout")]
    [InlineData("timeoutAfterApplying")]
    public async Task AnyV1Request_ScriptedTimeout_HoldsForTimeoutSecondsOnTheEmulatorsClockThenDrops(string fault)
    {
        var time = new WatchedTime(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        await using var emulator = await RunningEmulator.StartAsync(time);
        using var client = emulator.CreateClient();
        await emulator.SetFaultsAsync(new { timeoutSeconds = 45, script = new[] { RunningEmulator.ScriptRule("PATCH", SeedDocumentOrderPath, fault) } }, Cancellation);

        var cancelling = CancelAsync(client, SeedIds.SeedDocumentOrder);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(45), Cancellation);
        var answeredBeforeTheTimeout = cancelling.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(45));
        var answered = await cancelling.WaitAsync(GiveUp, Cancellation);

        answeredBeforeTheTimeout.ShouldBeFalse();
        answered.ShouldBeNull();
        var applied = (await client.GetOkJsonAsync($"emulator/changes?orderId={SeedIds.SeedDocumentOrder}")).GetArrayLength();
        applied.ShouldBe(fault.EndsWith("AfterApplying", StringComparison.Ordinal) ? 1 : 0);
    }

    [Fact]
    public async Task Patch_ScriptedHangAfterApplying_HoldsTheRequestUntilTheClientGivesUp()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var client = emulator.CreateClient();
        await emulator.SetFaultsAsync(Script(RunningEmulator.ScriptRule("PATCH", SeedDocumentOrderPath, "hangAfterApplying")), Cancellation);
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);

        var cancelling = client.PatchAsJsonAsync(SeedDocumentOrderPath[1..], new { id = SeedIds.SeedDocumentOrder, status = "cancelled" }, giveUp.Token);
        await AppliedChangesAsync(client, SeedIds.SeedDocumentOrder, 1);
        var answeredOnceApplied = cancelling.IsCompleted;
        await giveUp.CancelAsync();

        answeredOnceApplied.ShouldBeFalse();
        await Should.ThrowAsync<OperationCanceledException>(() => cancelling.WaitAsync(GiveUp, Cancellation));
        (await client.GetOkJsonAsync(SeedDocumentOrderPath[1..])).GetProperty("status").GetString().ShouldBe("cancelled");
    }

    [Fact]
    public async Task AnyV1Request_ScriptsOfDifferentOrdersSentConcurrently_EachOrderGetsItsOwnScriptInOrder()
    {
        await using var emulator = await RunningEmulator.StartAsync([new("Emulator:Throttling:RequestsPerMinute", "0")]);
        using var client = emulator.CreateClient();
        var orderPaths = new List<string>();
        foreach (var customer in (await client.GetOkJsonAsync("v1/customers")).Items().Select(c => c.GetProperty("id").GetString()))
        {
            orderPaths.AddRange((await client.GetOkJsonAsync($"v1/customers/{customer}/orders")).Items()
                .Select(o => $"/v1/customers/{customer}/orders/{o.GetProperty("id").GetString()}"));
        }

        string[] faults = ["error500", "none", "error503", "throttle", "none"];
        int[] answers = [500, 200, 503, 429, 200];
        var scripts = orderPaths.Select((path, i) => (Path: path, Shift: i % faults.Length)).ToList();
        await emulator.SetFaultsAsync(Script([.. scripts.Select(s => RunningEmulator.ScriptRule("GET", s.Path, [.. Rotate(faults, s.Shift)]))]), Cancellation);

        var statuses = await Task.WhenAll(scripts.Select(s => Task.Run(() => StatusesAsync(client, s.Path, faults.Length + 1), Cancellation)));

        orderPaths.Count.ShouldBeGreaterThan(20);
        foreach (var (script, got) in scripts.Zip(statuses))
        {
            got.ShouldBe([.. Rotate(answers, script.Shift), 200], script.Path);
        }
    }

    [Fact]
    public async Task GetFaults_WithAScript_ShowsIt()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var client = emulator.CreateClient();
        await emulator.SetFaultsAsync(Script(RunningEmulator.ScriptRule("PATCH", SeedDocumentOrderPath, "dropAfterApplying", "none")), Cancellation);

        var rule = (await client.GetOkJsonAsync("emulator/faults")).GetProperty("script").EnumerateArray().ShouldHaveSingleItem();

        rule.GetProperty("method").GetString().ShouldBe("PATCH");
        rule.GetProperty("path").GetString().ShouldBe(SeedDocumentOrderPath);
        rule.GetProperty("faults").EnumerateArray().Select(f => f.GetString()).ShouldBe(["dropAfterApplying", "none"]);
    }

    [Fact]
    public async Task PostFaults_SameScriptAgain_StartsItFromItsFirstFault()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var client = emulator.CreateClient();
        var script = Script(RunningEmulator.ScriptRule("GET", ContosoPath, "error500", "error503"));
        await emulator.SetFaultsAsync(script, Cancellation);
        var first = await StatusesAsync(client, ContosoPath, 1);

        await emulator.SetFaultsAsync(script, Cancellation);
        var again = await StatusesAsync(client, ContosoPath, 2);

        first.ShouldBe([500]);
        again.ShouldBe([500, 503]);
    }

    [Fact]
    public async Task Start_ScriptInTheConfiguration_IsInForce()
    {
        await using var emulator = await RunningEmulator.StartAsync(
        [
            new("Emulator:Faults:Script:0:Method", "GET"),
            new("Emulator:Faults:Script:0:Path", ContosoPath),
            new("Emulator:Faults:Script:0:Faults:0", "error503"),
            new("Emulator:Faults:Script:0:Faults:1", "throttle"),
        ]);
        using var client = emulator.CreateClient();

        var statuses = await StatusesAsync(client, ContosoPath, 3);

        statuses.ShouldBe([503, 429, 200]);
    }

    [Fact]
    public async Task Start_ScriptWithAnUnknownFaultInTheConfiguration_FailsNamingTheKey()
    {
        var starting = RunningEmulator.StartAsync(
        [
            new("Emulator:Faults:Script:0:Method", "GET"),
            new("Emulator:Faults:Script:0:Path", ContosoPath),
            new("Emulator:Faults:Script:0:Faults:0", "error503"),
            new("Emulator:Faults:Script:0:Faults:1", "explode"),
        ]);

        var thrown = await Should.ThrowAsync<OptionsValidationException>(() => starting);

        thrown.Message.ShouldContain("Emulator:Faults:Script:0:Faults:1");
        thrown.Message.ShouldContain("explode");
    }

    [Theory]
    [InlineData("""{"script": [{"method": "GET", "path": "/v1/customers", "faults": ["explode"]}]}""", "'explode', which is not a fault")]
    [InlineData("""{"script": [{"method": "GET", "path": "/v1/customers", "faults": ["noneAfterApplying"]}]}""", "noneAfterApplying")]
    [InlineData("""{"script": [{"method": "GET", "path": "/v1/customers", "faults": []}]}""", "at least one fault")]
    [InlineData("""{"script": [{"method": "GET", "path": "/v1/customers", "faults": [null]}]}""", "not a fault")]
    [InlineData("""{"script": [{"method": "GET", "path": "/v1/customers", "faults": [3]}]}""", "$.script[0].faults[0]")]
    [InlineData("""{"script": [{"path": "/v1/customers", "faults": ["drop"]}]}""", "Script:0:Method")]
    [InlineData("""{"script": [{"method": "GET", "faults": ["drop"]}]}""", "Script:0:Path")]
    [InlineData("""{"script": [{"method": "GET", "path": "v1/customers", "faults": ["drop"]}]}""", "Script:0:Path")]
    [InlineData("""{"script": [{"method": "GET", "path": "/v1/customers?size=5", "faults": ["drop"]}]}""", "without a query string")]
    [InlineData("""{"script": [{"method": "GET", "path": "/v1/customers", "faults": ["drop"], "times": 2}]}""", "times")]
    [InlineData("""{"script": [{"method": "GET", "path": "/v1/customers", "faults": ["drop"]}, {"method": "get", "path": "/V1/customers", "faults": ["none"]}]}""", "Script:1 repeats")]
    [InlineData("""{"script": [null]}""", "Script:0 is empty")]
    public async Task PostFaults_InvalidScript_Answers400NamingWhatIsWrongAndKeepsTheFaults(string body, string named)
    {
        await using var emulator = await RunningEmulator.StartAsync([new("Emulator:Faults:ThrottleRate", "0.2")]);
        using var client = emulator.CreateClient();

        var response = await client.PostAsync("emulator/faults", new StringContent(body, Encoding.UTF8, "application/json"), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadMessageAsync()).ShouldContain(named);
        var faults = await client.GetOkJsonAsync("emulator/faults");
        faults.GetProperty("throttleRate").GetDouble().ShouldBe(0.2);
        faults.GetProperty("script").GetArrayLength().ShouldBe(0);
    }

    private static object Script(params object[] rules) => new { script = rules };

    private static IEnumerable<T> Rotate<T>(T[] items, int shift) => items.Skip(shift).Concat(items.Take(shift));

    /// <summary>GETs <paramref name="path"/> <paramref name="count"/> times, one after the other; null where the connection dropped.</summary>
    private static async Task<List<int?>> StatusesAsync(HttpClient client, string path, int count)
    {
        var statuses = new List<int?>();
        for (var i = 0; i < count; i++)
        {
            statuses.Add(await StatusAsync(() => client.GetAsync(path.TrimStart('/'), Cancellation)));
        }

        return statuses;
    }

    /// <summary>Sends a cancel of a Contoso order; the status of the answer, or null when the connection dropped.</summary>
    private static Task<int?> CancelAsync(HttpClient client, string orderId, string? requestId = null) => StatusAsync(() =>
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"v1/customers/{SeedIds.Contoso}/orders/{orderId}")
        {
            Content = JsonContent.Create(new { id = orderId, status = "cancelled" }),
        };
        request.Headers.Add("MS-RequestId", requestId ?? Guid.NewGuid().ToString());
        return client.SendAsync(request, Cancellation);
    });

    private static async Task<int?> StatusAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            using var response = await send();
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Waits (in real time, 15 s at most) until the emulator lists <paramref name="count"/> changes of the order.</summary>
    private static async Task AppliedChangesAsync(HttpClient client, string orderId, int count)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(GiveUp);
        while ((await client.GetOkJsonAsync($"emulator/changes?orderId={orderId}")).GetArrayLength() < count)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }
}
