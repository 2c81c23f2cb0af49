using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.EndToEnd.Tests.Features.BadInput;

/// <summary>
/// Forged form posts, odd headers and cookies sent to the real app, and malformed JSON bodies and headers sent to its
/// built-in emulator with the dashboard's own token: each gets a clear answer (a 4xx with a reason, or the way to
/// sign-in), never a server error, and none of them changes the sandbox.
/// </summary>
public sealed partial class BadRequestTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    private const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";
    private const string SeedDocumentOrder = "UKXASSO1dezh3HdxClHxSp5UEFXGbAnt1";
    private const string OrderPath = $"v1/customers/{Contoso}/orders/{SeedDocumentOrder}";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>What is sent, and what a clear answer to it is.</summary>
    private static readonly Dictionary<string, BadRequest> Requests = new()
    {
        // Forged form posts to the dashboard.
        ["sign-in without the anti-forgery token"] = Dashboard(HttpMethod.Post, "account/development-signin", Form(("user", "operator"))) with { Expected = HttpStatusCode.BadRequest },
        ["sign-in with a forged anti-forgery token"] = Dashboard(HttpMethod.Post, "account/development-signin", Form(("user", "operator"), ("__RequestVerificationToken", "CfDJ8forged"))) with { Expected = HttpStatusCode.BadRequest },
        ["sign-in as a user nobody configured"] = Dashboard(HttpMethod.Post, "account/development-signin", Form(("user", "root"), ("returnUrl", "/customers"))) with { WithAntiforgery = true, Expected = HttpStatusCode.Redirect, Location = "/signin/development?returnUrl=%2Fcustomers" },
        ["sign-in without a user"] = Dashboard(HttpMethod.Post, "account/development-signin", Form(("returnUrl", "/customers"))) with { WithAntiforgery = true, Expected = HttpStatusCode.Redirect, Location = "/signin/development?returnUrl=%2Fcustomers" },
        ["sign-in returning off-site"] = Dashboard(HttpMethod.Post, "account/development-signin", Form(("user", "reader"), ("returnUrl", "https://evil.example/"))) with { WithAntiforgery = true, Expected = HttpStatusCode.Redirect, Location = "/" },
        ["sign-in returning through a backslash"] = Dashboard(HttpMethod.Post, "account/development-signin", Form(("user", "reader"), ("returnUrl", "/\\evil.example"))) with { WithAntiforgery = true, Expected = HttpStatusCode.Redirect, Location = "/" },
        // A form endpoint answers a JSON body 415, which an anonymous caller sees as the way to sign-in.
        ["sign-in with a JSON body"] = Dashboard(HttpMethod.Post, "account/development-signin", Json("""{"user":"operator"}""")) with { Expected = HttpStatusCode.Redirect, Location = "/signin?ReturnUrl=%2Faccount%2Fdevelopment-signin" },
        ["sign-out without the anti-forgery token"] = Dashboard(HttpMethod.Post, "signout", Form()) with { Expected = HttpStatusCode.BadRequest },
        // Query strings, cookies and headers sent to the dashboard.
        ["sign-in returning to a header injection"] = Dashboard(HttpMethod.Get, "signin?returnUrl=%2Fcustomers%0D%0ASet-Cookie%3A%20x%3D1") with { Expected = HttpStatusCode.Redirect, Location = "/signin/development?returnUrl=%2F" },
        ["sign-in with an oversized claims challenge"] = Dashboard(HttpMethod.Get, "signin?claims=" + new string('c', 6_000)) with { Expected = HttpStatusCode.Redirect, Location = "/signin/development?returnUrl=%2F" },
        ["sign-in page returning to a script"] = Dashboard(HttpMethod.Get, "signin/development?returnUrl=javascript%3Aalert(1)") with { Expected = HttpStatusCode.OK, BodyHas = "Sign in as Olivia Operator" },
        ["a page with a forged sign-in cookie"] = Dashboard(HttpMethod.Get, "customers") with { Cookie = "SandboxOrderDesk.Auth=CfDJ8forged-cookie-that-is-not-one", Expected = HttpStatusCode.Redirect, Location = "/signin?ReturnUrl=%2Fcustomers" },
        ["a page with a cookie of random bytes"] = Dashboard(HttpMethod.Get, "customers") with { Cookie = "SandboxOrderDesk.Auth=" + Convert.ToBase64String(Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray()), Expected = HttpStatusCode.Redirect, Location = "/signin?ReturnUrl=%2Fcustomers" },
        ["a page with an oversized header"] = Dashboard(HttpMethod.Get, "customers") with { Header = ("X-Padding", new string('p', 40_000)), Expected = HttpStatusCode.RequestHeaderFieldsTooLarge },
        ["health with a nonsense Accept header"] = Dashboard(HttpMethod.Get, "health") with { Header = ("Accept", "*/*; q=nonsense, text/%%%"), Expected = HttpStatusCode.OK },
        ["the circuit hub without a sign-in"] = Dashboard(HttpMethod.Post, "_blazor/negotiate?negotiateVersion=1", Form()) with { Expected = HttpStatusCode.Redirect, Location = "/signin?ReturnUrl=%2Fnot-found" },
        // Headers and JSON bodies sent to the built-in emulator, with the dashboard's token unless said.
        ["emulator without a token"] = Emulator(HttpMethod.Get, "v1/customers") with { Token = null, Expected = HttpStatusCode.Unauthorized, BodyHas = "800001" },
        ["emulator with Basic credentials"] = Emulator(HttpMethod.Get, "v1/customers") with { Token = null, Header = ("Authorization", "Basic YWRtaW46YWRtaW4="), Expected = HttpStatusCode.Unauthorized, BodyHas = "800001" },
        ["emulator with an oversized token"] = Emulator(HttpMethod.Get, "v1/customers") with { Token = new string('t', 20_000), Expected = HttpStatusCode.Unauthorized },
        ["emulator for another host name"] = Emulator(HttpMethod.Get, "v1/customers") with { Header = ("Host", "evil.example"), Expected = HttpStatusCode.BadRequest },
        ["faults as text/plain"] = Emulator(HttpMethod.Post, "emulator/faults", Text("{}", "text/plain")) with { Expected = HttpStatusCode.UnsupportedMediaType, BodyHas = "message" },
        ["faults as a form"] = Emulator(HttpMethod.Post, "emulator/faults", Form(("errorRate", "1"))) with { Expected = HttpStatusCode.UnsupportedMediaType, BodyHas = "message" },
        ["faults, malformed JSON"] = Emulator(HttpMethod.Post, "emulator/faults", Json("{\"errorRate\": ")) with { Expected = HttpStatusCode.BadRequest, BodyHas = "message" },
        ["faults, a JSON array"] = Emulator(HttpMethod.Post, "emulator/faults", Json("[1, 2, 3]")) with { Expected = HttpStatusCode.BadRequest, BodyHas = "message" },
        ["faults, a rate that is text"] = Emulator(HttpMethod.Post, "emulator/faults", Json("""{"errorRate": "lots"}""")) with { Expected = HttpStatusCode.BadRequest, BodyHas = "message" },
        ["faults, a rate above one"] = Emulator(HttpMethod.Post, "emulator/faults", Json("""{"errorRate": 7}""")) with { Expected = HttpStatusCode.BadRequest, BodyHas = "message" },
        ["faults, a script with an unknown fault"] = Emulator(HttpMethod.Post, "emulator/faults", Json($$"""{"script": [{"method": "PATCH", "path": "/{{OrderPath}}", "faults": ["explode"]}]}""")) with { Expected = HttpStatusCode.BadRequest, BodyHas = "explode" },
        ["faults, JSON null"] = Emulator(HttpMethod.Post, "emulator/faults", Json("null")) with { Expected = HttpStatusCode.BadRequest, BodyHas = "message" },
        ["reset to a seed that does not exist"] = Emulator(HttpMethod.Post, "emulator/reset", Json("""{"seed": "everything"}""")) with { Expected = HttpStatusCode.BadRequest, BodyHas = "message" },
        ["reset as a simple cross-site post"] = Emulator(HttpMethod.Post, "emulator/reset", Text("seed=empty", "text/plain")) with { Expected = HttpStatusCode.UnsupportedMediaType, BodyHas = "message" },
        ["cancel, malformed JSON"] = Emulator(HttpMethod.Patch, OrderPath, Json("{\"status\": \"cancel")) with { Expected = HttpStatusCode.BadRequest, BodyHas = "description" },
        ["cancel, a status other than cancelled"] = Emulator(HttpMethod.Patch, OrderPath, Json("""{"id": "x", "status": "deleted"}""")) with { Expected = HttpStatusCode.BadRequest, BodyHas = "description" },
        ["cancel, a JSON array"] = Emulator(HttpMethod.Patch, OrderPath, Json("""[{"status": "cancelled"}]""")) with { Expected = HttpStatusCode.BadRequest, BodyHas = "description" },
        ["cancel, line items that are not numbers"] = Emulator(HttpMethod.Patch, OrderPath, Json("""{"status": "cancelled", "lineItems": [{"lineItemNumber": "zero"}]}""")) with { Expected = HttpStatusCode.BadRequest, BodyHas = "description" },
        ["orders of a customer id that is not a GUID"] = Emulator(HttpMethod.Get, "v1/customers/not-a-guid/orders") with { Expected = HttpStatusCode.BadRequest, BodyHas = "900118" },
        ["orders with an oversized request id"] = Emulator(HttpMethod.Get, $"v1/customers/{Contoso}/orders") with { Header = ("MS-RequestId", new string('r', 5_000)), Expected = HttpStatusCode.OK },
        ["orders with a billing type that is not one"] = Emulator(HttpMethod.Get, $"v1/customers/{Contoso}/orders?billingType=%00%FF") with { Expected = HttpStatusCode.BadRequest, BodyHas = "billingType" },
    };

    public static TheoryData<string> Cases => [.. Requests.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Send_MalformedRequest_GetsAClearAnswerAndChangesNothing(string @case)
    {
        var bad = Requests[@case];
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var client = new HttpClient(handler) { BaseAddress = bad.ToEmulator ? host.EmulatorAddress : host.BaseAddress };
        using var request = new HttpRequestMessage(bad.Method, bad.Path) { Content = bad.Content?.Invoke() };
        if (bad.ToEmulator && bad.Token is { } token)
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {(token.Length == 0 ? host.EmulatorToken : token)}");
        }

        if (bad.Header is var (name, value))
        {
            if (name == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.Remove(name);
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var cookies = new List<string>();
        if (bad.WithAntiforgery)
        {
            var (antiforgeryCookie, field) = await AntiforgeryAsync();
            cookies.Add(antiforgeryCookie);
            request.Content = new FormUrlEncodedContent([.. await FieldsOf(request.Content), new("__RequestVerificationToken", field)]);
        }

        if (bad.Cookie is { } cookie)
        {
            cookies.Add(cookie);
        }

        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies));
        }

        using var response = await client.SendAsync(request, Cancellation);

        var body = await response.Content.ReadAsStringAsync(Cancellation);
        ((int)response.StatusCode).ShouldBeLessThan(500, body);
        response.StatusCode.ShouldBe(bad.Expected, body);
        if (bad.Location is { } location)
        {
            // Compared as a path: the cookie handler's redirects are absolute, the app's own are not.
            new Uri(host.BaseAddress, response.Headers.Location!).PathAndQuery.ShouldBe(location);
        }

        if (bad.BodyHas is { } text)
        {
            body.ShouldContain(text);
        }

        (await host.ReadOrderFromEmulatorAsync(Contoso, SeedDocumentOrder)).GetProperty("status").GetString().ShouldBe("completed");
        using var emulator = host.CreateEmulatorClient();
        (await emulator.GetStringAsync("emulator/faults", Cancellation)).ShouldNotContain("\"errorRate\":1");
    }

    /// <summary>A fresh anti-forgery cookie and its form field, as the development sign-in page hands them out.</summary>
    private async Task<(string Cookie, string Field)> AntiforgeryAsync()
    {
        using var handler = new HttpClientHandler { UseCookies = false };
        using var client = new HttpClient(handler) { BaseAddress = host.BaseAddress };
        using var page = await client.GetAsync("signin/development", Cancellation);
        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Split(';')[0];
        var field = AntiforgeryField().Match(await page.Content.ReadAsStringAsync(Cancellation)).Groups["token"].Value;
        field.ShouldNotBeNullOrEmpty();
        return (cookie, field);
    }

    private static async Task<List<KeyValuePair<string, string>>> FieldsOf(HttpContent? content) =>
        content is null
            ? []
            : [.. (await content.ReadAsStringAsync()).Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2))
                .Select(pair => new KeyValuePair<string, string>(Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1].Replace('+', ' '))))];

    private static BadRequest Dashboard(HttpMethod method, string path, Func<HttpContent>? content = null) => new(false, method, path, content);

    private static BadRequest Emulator(HttpMethod method, string path, Func<HttpContent>? content = null) => new(true, method, path, content) { Token = "" };

    private static Func<HttpContent> Form(params (string Name, string Value)[] fields) =>
        () => new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static Func<HttpContent> Json(string json) => () => new StringContent(json, Encoding.UTF8, "application/json");

    private static Func<HttpContent> Text(string body, string mediaType) => () => new StringContent(body, Encoding.UTF8, mediaType);

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="(?<token>[^"]+)"|type="hidden" name="__RequestVerificationToken" value="(?<token>[^"]+)"|name="__RequestVerificationToken" value="(?<token>[^"]+)""")]
    private static partial Regex AntiforgeryField();

    /// <summary>One malformed request and its clear answer.</summary>
    /// <param name="Token">For the emulator: the bearer token sent; empty means the dashboard's own, null none at all.</param>
    private sealed record BadRequest(bool ToEmulator, HttpMethod Method, string Path, Func<HttpContent>? Content)
    {
        public HttpStatusCode Expected { get; init; }

        public string? Location { get; init; }

        public string? BodyHas { get; init; }

        public string? Token { get; init; }

        public (string Name, string Value)? Header { get; init; }

        public string? Cookie { get; init; }

        public bool WithAntiforgery { get; init; }
    }
}
