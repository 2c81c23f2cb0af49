using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Dashboard.Testing;

namespace Dashboard.Emulator.Tests.Features.Admin;

/// <summary>
/// <c>POST /emulator/reset</c> with <c>{"seed": ...}</c> or <c>{}</c>: empties the sandbox and seeds it again; any other
/// body is refused and changes nothing. Each test gets a fresh sandbox.
/// </summary>
public sealed class ResetTests : IAsyncLifetime
{
    private RunningEmulator _emulator = default!;
    private HttpClient _client = default!;

    public async ValueTask InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync();
        _client = _emulator.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Reset_AfterACancel_RestoresTheSeededOrderStatus()
    {
        await CancelSeedDocumentOrderAsync();

        var response = await _client.PostAsync("emulator/reset", Json("{}"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var order = await _client.GetOkJsonAsync($"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}");
        order.GetProperty("status").GetString().ShouldBe("completed");
    }

    [Fact]
    public async Task Reset_AfterACancel_ClearsTheChanges()
    {
        await CancelSeedDocumentOrderAsync();
        (await _client.GetOkJsonAsync("emulator/changes")).GetArrayLength().ShouldBe(1);

        await _client.PostAsync("emulator/reset", Json("{}"), TestContext.Current.CancellationToken);

        (await _client.GetOkJsonAsync("emulator/changes")).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Reset_EmptySeed_EmptiesTheSandbox()
    {
        var response = await _client.PostAsJsonAsync("emulator/reset", new { seed = "empty" }, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var customers = await _client.GetOkJsonAsync("v1/customers");
        customers.Items().ShouldBeEmpty();
        customers.GetProperty("totalCount").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Reset_UnknownSeed_Answers400AndKeepsTheSandbox()
    {
        var response = await _client.PostAsJsonAsync("emulator/reset", new { seed = "bogus" }, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadMessageAsync()).ShouldContain("bogus");
        (await _client.GetOkJsonAsync("v1/customers")).Items().Count.ShouldBe(20);
    }

    [Theory]
    [InlineData("{\"seed\": \"empty\"", "BytePositionInLine")]
    [InlineData("", "JSON")]
    [InlineData("""["empty"]""", "must be a JSON object")]
    [InlineData("\"empty\"", "must be a JSON object")]
    [InlineData("""{"seed": 3}""", "$.seed")]
    [InlineData("""{"sead": "empty"}""", "sead")]
    public async Task Reset_BodyThatIsNotAResetRequest_Answers400SayingWhatIsWrongAndKeepsTheSandbox(string body, string named)
    {
        await CancelSeedDocumentOrderAsync();

        var response = await _client.PostAsync("emulator/reset", Json(body), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadMessageAsync()).ShouldContain(named);
        await ShouldStillBeCancelledAsync();
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "seed=empty")]
    [InlineData("text/plain", """{"seed": "empty"}""")]
    [InlineData(null, "")]
    public async Task Reset_NotJson_Answers415AndKeepsTheSandbox(string? contentType, string body)
    {
        await CancelSeedDocumentOrderAsync();
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);

        var response = await _client.PostAsync("emulator/reset", content, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await response.ReadMessageAsync()).ShouldContain("application/json");
        await ShouldStillBeCancelledAsync();
        (await _client.GetOkJsonAsync("v1/customers")).Items().Count.ShouldBe(20);
    }

    [Fact]
    public async Task Reset_SeedInTheQueryString_IsNoLongerRead()
    {
        var response = await _client.PostAsync("emulator/reset?seed=empty", Json("{}"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _client.GetOkJsonAsync("v1/customers")).Items().Count.ShouldBe(20);
    }

    private async Task ShouldStillBeCancelledAsync()
    {
        var order = await _client.GetOkJsonAsync($"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}");
        order.GetProperty("status").GetString().ShouldBe("cancelled");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task CancelSeedDocumentOrderAsync()
    {
        var cancel = await _client.PatchAsJsonAsync($"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}",
            new { id = SeedIds.SeedDocumentOrder, status = "cancelled" }, TestContext.Current.CancellationToken);
        cancel.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
