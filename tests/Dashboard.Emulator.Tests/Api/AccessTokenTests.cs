using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Dashboard.Testing;
using Microsoft.AspNetCore.Builder;

namespace Dashboard.Emulator.Tests.Api;

/// <summary>
/// An emulator with an access token (the dashboard's built-in one always has one) answers only requests that carry it,
/// on a loopback host name, and nothing a web page of another origin can send changes its state. Without a token it is
/// open, as the other tests use it.
/// </summary>
public sealed class AccessTokenTests : IAsyncLifetime
{
    private const string AccessToken = "emulator-access.QWNjZXNzVG9rZW4~";

    private RunningEmulator _emulator = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _emulator = await RunningEmulator.StartAsync([], accessToken: AccessToken);

    public async ValueTask DisposeAsync() => await _emulator.DisposeAsync();

    public static TheoryData<string, string> EmulatorEndpoints() => new()
    {
        { "GET", "emulator/faults" },
        { "GET", "emulator/changes" },
        { "GET", $"emulator/changes?orderId={SeedIds.SeedDocumentOrder}" },
        { "POST", "emulator/faults" },
        { "POST", "emulator/reset" },
    };

    public static TheoryData<string?> WrongAuthorizations() => new()
    {
        (string?)null,
        "Bearer test-token",
        $"Bearer {AccessToken}x",
        $"Bearer {AccessToken[..^1]}",
        $"bearer {AccessToken}",
        $"Basic {AccessToken}",
        AccessToken,
        $"Bearer  {AccessToken}",
    };

    [Theory]
    [MemberData(nameof(WrongAuthorizations))]
    public async Task V1Request_WithoutTheAccessToken_Answers401TokenMissing(string? authorization)
    {
        using var client = Client(authorization);

        var response = await client.GetAsync("v1/customers", Cancellation);

        await response.ShouldBeErrorAsync(HttpStatusCode.Unauthorized, 800001);
        response.Headers.WwwAuthenticate.ToString().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task V1Request_WithTheAccessToken_IsAnswered()
    {
        using var client = _emulator.CreateClient();

        var customers = await client.GetOkJsonAsync("v1/customers");

        customers.Items().Count.ShouldBe(20);
    }

    [Theory]
    [MemberData(nameof(EmulatorEndpoints))]
    public async Task EmulatorEndpoint_WithoutAnyToken_Answers401SayingTheTokenIsRequired(string method, string uri)
    {
        using var client = Client(null);

        var response = await client.SendAsync(Request(method, uri), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.ReadMessageAsync()).ShouldContain("access token");
    }

    [Theory]
    [MemberData(nameof(EmulatorEndpoints))]
    public async Task EmulatorEndpoint_WithAnotherToken_Answers401(string method, string uri)
    {
        using var client = Client("Bearer test-token");

        var response = await client.SendAsync(Request(method, uri), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(EmulatorEndpoints))]
    public async Task EmulatorEndpoint_WithTheAccessToken_IsAnswered(string method, string uri)
    {
        using var client = _emulator.CreateClient();

        var response = await client.SendAsync(Request(method, uri), Cancellation);

        response.IsSuccessStatusCode.ShouldBeTrue($"{method} {uri} answered {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Reset_WithAnotherToken_ChangesNothing()
    {
        using var client = _emulator.CreateClient();
        await CancelSeedDocumentOrderAsync(client);
        using var stranger = Client("Bearer test-token");

        await stranger.PostAsJsonAsync("emulator/reset", new { seed = "empty" }, Cancellation);

        var order = await client.GetOkJsonAsync($"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}");
        order.GetProperty("status").GetString().ShouldBe("cancelled");
    }

    [Fact]
    public async Task PostFaults_WithAnotherToken_ChangesNothing()
    {
        using var stranger = Client("Bearer test-token");
        using var client = _emulator.CreateClient();

        await stranger.PostAsJsonAsync("emulator/faults", new { errorRate = 1 }, Cancellation);

        (await client.GetOkJsonAsync("emulator/faults")).GetProperty("errorRate").GetDouble().ShouldBe(0);
        (await client.GetAsync("v1/customers", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("GET", "v1/customers")]
    [InlineData("GET", "emulator/faults")]
    [InlineData("POST", "emulator/reset")]
    public async Task AnyRequest_OfAnotherHostName_Answers400EvenWithTheAccessToken(string method, string uri)
    {
        using var client = _emulator.CreateClient();
        using var request = Request(method, uri);
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task AnyRequest_OfALoopbackHostName_IsAnswered(string host)
    {
        using var client = _emulator.CreateClient();
        using var request = Request("GET", "v1/customers");
        request.Headers.Host = $"{host}:{_emulator.BaseAddress.Port}";

        var response = await client.SendAsync(request, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("emulator/reset")]
    [InlineData("emulator/faults")]
    [InlineData("v1/customers/bd59b416-37f9-4d8f-8df3-5750111fc615/orders/UKXASSO1dezh3HdxClHxSp5UEFXGbAnt1")]
    public async Task Preflight_FromAnotherOrigin_IsNeverGranted(string uri)
    {
        using var client = Client(null);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, uri);
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type, authorization");

        var response = await client.SendAsync(preflight, Cancellation);

        response.IsSuccessStatusCode.ShouldBeFalse();
        response.Headers.Select(h => h.Key).ShouldNotContain(name => name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Preflight_OfAnOpenEmulator_IsNeverGrantedEither()
    {
        await using var open = await RunningEmulator.StartAsync();
        using var client = new HttpClient { BaseAddress = open.BaseAddress };
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "emulator/reset");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");

        var response = await client.SendAsync(preflight, Cancellation);

        response.IsSuccessStatusCode.ShouldBeFalse();
        response.Headers.Select(h => h.Key).ShouldNotContain(name => name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task EmbeddedSettingsToken_AndAConfiguredOne_TheEmbeddedSettingWins()
    {
        await using var emulator = await RunningEmulator.StartAsync([new("Emulator:AccessToken", "configured-token")], accessToken: AccessToken);
        using var configured = new HttpClient { BaseAddress = emulator.BaseAddress };
        configured.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "configured-token");
        using var embedded = emulator.CreateClient();

        (await configured.GetAsync("v1/customers", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await embedded.GetAsync("v1/customers", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ConfiguredAccessToken_WithoutAnEmbeddedOne_IsRequired()
    {
        await using var emulator = await RunningEmulator.StartAsync([new("Emulator:AccessToken", "configured-token")]);
        using var client = emulator.CreateClient("configured-token");
        using var stranger = emulator.CreateClient();

        (await client.GetAsync("emulator/changes", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await stranger.GetAsync("emulator/changes", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Standalone_WithEmulatorAccessToken_AnswersOnlyThatTokenOnALoopbackHostName()
    {
        var directory = Directory.CreateTempSubdirectory("sod-standalone-");
        await using var app = EmulatorApp.Create(
        [
            "--urls", "http://127.0.0.1:0",
            $"--Emulator:DataPath={Path.Combine(directory.FullName, "emulator.db")}",
            $"--Emulator:AccessToken={AccessToken}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync(Cancellation);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First() + "/") };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
            using var stranger = new HttpClient { BaseAddress = client.BaseAddress };
            stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "anything");
            using var rebound = Request("GET", "v1/customers");
            rebound.Headers.Host = "evil.example";

            (await client.GetAsync("v1/customers", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await stranger.GetAsync("v1/customers", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await stranger.GetAsync("emulator/faults", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await client.SendAsync(rebound, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }
        finally
        {
            await app.StopAsync(Cancellation);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private HttpClient Client(string? authorization)
    {
        var client = new HttpClient { BaseAddress = _emulator.BaseAddress };
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        return client;
    }

    // The POSTs carry a valid body, so that only the token decides the answer.
    private static HttpRequestMessage Request(string method, string uri) => new(new HttpMethod(method), uri)
    {
        Content = method == "POST" ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
    };

    private static async Task CancelSeedDocumentOrderAsync(HttpClient client)
    {
        var cancel = await client.PatchAsJsonAsync($"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}",
            new { id = SeedIds.SeedDocumentOrder, status = "cancelled" }, Cancellation);
        cancel.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
