using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Testing;
using Dashboard.Web.Features.Access;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// Several instances behind one address share a real Redis server: the keys that protect the sign-in cookie, encrypted
/// at rest with the configured certificate, and the sign-in sessions, so that a sign-out on one instance holds on all.
/// </summary>
public sealed partial class SharedStateTests : IAsyncLifetime
{
    private const string KeysList = "sandbox-order-desk:data-protection-keys";
    private const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";
    private const string SeedDocumentOrder = "UKXASSO1dezh3HdxClHxSp5UEFXGbAnt1";

    private readonly string _directory = Directory.CreateTempSubdirectory("sod-shared-").FullName;
    private readonly List<WebApplicationFactory<Program>> _instances = [];
    private RedisServer _redis = default!;

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _redis = await RedisServer.StartAsync(Cancellation);

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await _redis.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task DataProtectionKeys_InRedisWithACertificate_AreStoredOnlyEncrypted()
    {
        var certificate = TestCertificates.WritePfx(_directory);
        var instance = Instance(("DataProtection:CertificatePath", certificate), ("DataProtection:CertificatePassword", TestCertificates.Password));

        _ = Protector(instance).Protect("a sign-in cookie");

        var keys = await StoredKeysAsync();
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(xml => xml.Contains("<encryptedSecret", StringComparison.Ordinal) && !xml.Contains("<masterKey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DataProtectionKeys_InRedisWithACertificate_AreReadByAnotherInstanceWithTheCertificateOnly()
    {
        var certificate = TestCertificates.WritePfx(_directory);
        (string, string?)[] withCertificate = [("DataProtection:CertificatePath", certificate), ("DataProtection:CertificatePassword", TestCertificates.Password)];
        var cookie = Protector(Instance(withCertificate)).Protect("a sign-in cookie");

        Protector(Instance(withCertificate)).Unprotect(cookie).ShouldBe("a sign-in cookie");
        Should.Throw<System.Security.Cryptography.CryptographicException>(() => Protector(Instance()).Unprotect(cookie));
        (await StoredKeysAsync()).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task DataProtectionKeys_InRedisWithoutACertificate_AreStoredInTheClear()
    {
        _ = Protector(Instance()).Protect("a sign-in cookie");

        (await StoredKeysAsync()).ShouldContain(xml => xml.Contains("<masterKey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignOut_OnOneInstance_EndsTheSessionOnAnotherInstanceToo()
    {
        var first = Instance();
        var second = Instance();
        using var browser = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var cookie = await SignInAsOperatorAsync(browser);
        using var otherTab = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        (await GetWithCookieAsync(otherTab, cookie)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await SignOutAsync(browser);

        using var afterwards = await GetWithCookieAsync(otherTab, cookie);
        afterwards.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        afterwards.Headers.Location!.AbsolutePath.ShouldBe("/signin");
    }

    [Fact]
    public async Task Cancel_WhileRedisIsDown_IsRefusedSayingTheSignInCouldNotBeCheckedAndNothingIsSent()
    {
        var instance = Instance();
        var user = await instance.Services.GetRequiredService<SessionRegistry>().StartAsync(Operator(), Cancellation);
        await _redis.DisposeAsync();

        await using var scope = instance.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>().HttpContext = new Microsoft.AspNetCore.Http.DefaultHttpContext { User = user };
        var outcome = await scope.ServiceProvider.GetRequiredService<IOrderService>().CancelOrderAsync(Contoso, SeedDocumentOrder, Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotAllowed);
        outcome.Problem.Message.ShouldStartWith("The dashboard could not check your sign-in");
    }

    private WebApplicationFactory<Program> Instance(params (string Key, string? Value)[] settings)
    {
        var instance = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // Each host its own store: hosts that start in parallel must not migrate one shared file.
            web.UseSetting("Store:ConnectionString", $"Data Source={Path.Combine(Path.GetTempPath(), "sod-tests", Guid.NewGuid().ToString("N"), "dashboard.db")}");
            web.UseEnvironment("Development");
            web.UseSetting("PartnerCenter:BaseUrl", "");
            web.UseSetting("Emulator:DataPath", Path.Combine(_directory, $"{Guid.NewGuid():N}.db"));
            web.UseSetting("TokenCache:Redis", _redis.ConnectionString);
            web.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
        _instances.Add(instance);
        return instance;
    }

    private static System.Security.Claims.ClaimsPrincipal Operator() =>
        new(new System.Security.Claims.ClaimsIdentity(
            [new("name", "Olivia Operator"), new("oid", "0b1e0000-0000-4000-8000-000000000001"), new("tid", SandboxGuard.EmulatorTenantId), new("roles", "Orders.Cancel")],
            "Test", "name", "roles"));

    private static IDataProtector Protector(WebApplicationFactory<Program> instance) =>
        instance.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("SharedStateTests");

    private async Task<IReadOnlyList<string>> StoredKeysAsync()
    {
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        return [.. (await redis.GetDatabase().ListRangeAsync(KeysList)).Select(v => v.ToString())];
    }

    /// <summary>Signs in through the development sign-in form and returns the sign-in cookie, as "name=value".</summary>
    private static async Task<string> SignInAsOperatorAsync(HttpClient browser)
    {
        var token = await AntiforgeryTokenAsync(browser);
        using var signIn = await browser.PostAsync(SignInEndpoints.DevelopmentSignInPostPath.TrimStart('/'), new FormUrlEncodedContent(
            [new("user", "operator"), new("returnUrl", "/customers"), new("__RequestVerificationToken", token)]), Cancellation);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("SandboxOrderDesk.Auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static async Task SignOutAsync(HttpClient browser)
    {
        // The sign-in page's forms carry an anti-forgery token for whoever is signed in: the one sign-out needs.
        var token = await AntiforgeryTokenAsync(browser);
        using var signOut = await browser.PostAsync(SignInEndpoints.SignOutPath.TrimStart('/'), new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), Cancellation);
        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient browser)
    {
        var html = await browser.GetStringAsync("signin/development?returnUrl=/customers", Cancellation);
        var token = AntiforgeryField().Match(html).Groups["token"].Value;
        token.ShouldNotBeNullOrEmpty();
        return token;
    }

    private static Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "customers");
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request, Cancellation);
    }

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="(?<token>[^"]+)"|type="hidden" name="__RequestVerificationToken" value="(?<token>[^"]+)"|name="__RequestVerificationToken" value="(?<token>[^"]+)""")]
    private static partial Regex AntiforgeryField();
}
