// Over 300 lines: who gets which page and which cancel, against one running app; one specification of access.
using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Dashboard.Web.Features.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// The real app over HTTP, with its built-in emulator and a test authentication scheme standing in for Entra ID: who
/// gets which page, what the sign-in endpoints do, and the order service's own refusal of a cancel whatever the UI did.
/// </summary>
public sealed partial class AccessPolicyTests : IAsyncLifetime
{
    private const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";
    private const string ReservedInstanceOrder = "9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1";
    private const string SeedDocumentOrder = "UKXASSO1dezh3HdxClHxSp5UEFXGbAnt1";
    private const string OtherTenant = "0badc0de-0000-4000-8000-000000000001";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "sod-web-tests", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program> _factory = default!;

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // Each host its own store: hosts that start in parallel must not migrate one shared file.
            web.UseSetting("Store:ConnectionString", $"Data Source={Path.Combine(Path.GetTempPath(), "sod-tests", Guid.NewGuid().ToString("N"), "dashboard.db")}");
            web.UseEnvironment("Development");
            web.UseSetting("PartnerCenter:BaseUrl", "");
            web.UseSetting("Emulator:DataPath", Path.Combine(_data, "emulator.db"));
            web.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            web.ConfigureServices(services =>
            {
                services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestUserScheme>(TestUserScheme.Name, _ => { });
                // The test scheme says who the caller is; challenges and refusals stay the app's (sign-in, access denied).
                services.PostConfigure<AuthenticationOptions>(o => o.DefaultAuthenticateScheme = TestUserScheme.Name);
            });
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task GetPage_Anonymous_IsSentToSignInWithTheWayBack()
    {
        using var response = await Client().GetAsync($"customers/{Contoso}/orders", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.ShouldBe($"/signin?ReturnUrl=%2Fcustomers%2F{Contoso}%2Forders");
    }

    [Theory]
    [InlineData("Orders.Read")]
    [InlineData("Orders.Cancel")]
    public async Task GetPage_ReaderOrOperator_IsServed(string role)
    {
        using var response = await Client(As("Ada", role)).GetAsync("customers", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task GetPage_SignedInWithoutARole_IsSentToAccessDenied()
    {
        using var response = await Client(As("Nobody")).GetAsync("customers", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/access-denied");
    }

    [Theory]
    [InlineData("health")]
    [InlineData("signin/development")]
    public async Task Get_Anonymous_IsServedWithoutSignIn(string path)
    {
        using var response = await Client().GetAsync(path, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Get_AnyAnswer_CarriesTheSecurityHeaders()
    {
        using var response = await Client().GetAsync("signin/development", Cancellation);

        var policy = response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem();
        policy.ShouldContain("default-src 'self'");
        policy.ShouldContain("script-src 'self'");
        policy.ShouldContain("frame-ancestors 'none'");
        policy.ShouldNotContain("unsafe-eval");
        response.Headers.GetValues("X-Content-Type-Options").ShouldHaveSingleItem().ShouldBe("nosniff");
        response.Headers.GetValues("X-Frame-Options").ShouldHaveSingleItem().ShouldBe("DENY");
        response.Headers.GetValues("Referrer-Policy").ShouldHaveSingleItem().ShouldBe("strict-origin-when-cross-origin");
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\r\n/evil.example")]
    public async Task SignIn_ReturnUrlOffSite_ComesBackToTheStartPageInstead(string returnUrl)
    {
        using var response = await Client().GetAsync($"signin?returnUrl={Uri.EscapeDataString(returnUrl)}", Cancellation);

        response.Headers.Location!.ToString().ShouldBe("/signin/development?returnUrl=%2F");
    }

    [Fact]
    public async Task DevelopmentSignIn_AsTheReader_SignsInAndGoesBack()
    {
        using var client = Client();
        var (token, _) = await SignInFormAsync(client, "reader");

        using var signIn = await client.PostAsync("account/development-signin", new FormUrlEncodedContent(
            [new("user", "reader"), new("returnUrl", "/customers"), new("__RequestVerificationToken", token)]), Cancellation);

        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signIn.Headers.Location!.ToString().ShouldBe("/customers");
        signIn.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("SandboxOrderDesk.Auth=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        using var page = await client.GetAsync("customers", Cancellation);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DevelopmentSignIn_WithoutTheAntiforgeryToken_IsRefused()
    {
        using var signIn = await Client().PostAsync("account/development-signin", new FormUrlEncodedContent(
            [new("user", "operator"), new("returnUrl", "/customers")]), Cancellation);

        signIn.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SignOut_WithoutTheAntiforgeryToken_IsRefused()
    {
        using var response = await Client(As("Ada", "Orders.Cancel")).PostAsync("signout", new FormUrlEncodedContent([]), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CancelOrderAsync_ReaderCallsTheServiceDirectly_IsRefusedAndNothingIsSent()
    {
        var outcome = await CancelAs(As("Riley Reader", "Orders.Read"), SeedDocumentOrder);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotAllowed);
        outcome.Problem.Message.ShouldBe("Cancelling orders needs the Orders.Cancel role, and Riley Reader does not have it.");
        (await StatusOfAsync(SeedDocumentOrder)).ShouldBe(OrderStatus.Completed);
    }

    [Fact]
    public async Task CancelOrderAsync_Anonymous_IsRefused()
    {
        var outcome = await CancelAs(new ClaimsPrincipal(new ClaimsIdentity()), SeedDocumentOrder);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotAllowed);
        outcome.Problem.Message.ShouldBe("Sign in to cancel orders.");
    }

    [Fact]
    public async Task CancelOrderAsync_OperatorOfAnotherPartnerTenant_IsRefusedByTheProductionGuard()
    {
        var outcome = await CancelAs(As("Olivia Operator", "Orders.Cancel", OtherTenant), SeedDocumentOrder);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotAllowed);
        outcome.Problem.Message.ShouldContain($"acts for partner tenant {OtherTenant}");
        outcome.Problem.Message.ShouldContain(SandboxGuard.EmulatorTenantId);
        (await StatusOfAsync(SeedDocumentOrder)).ShouldBe(OrderStatus.Completed);
    }

    [Fact]
    public async Task CancelOrderAsync_OperatorOfTheSandboxTenant_Cancels()
    {
        var outcome = await CancelAs(As("Olivia Operator", "Orders.Cancel"), ReservedInstanceOrder);

        outcome.Succeeded.ShouldBeTrue(outcome.Succeeded ? "" : outcome.Problem.Message);
        (await StatusOfAsync(ReservedInstanceOrder)).ShouldBe(OrderStatus.Cancelled);
    }

    [Fact]
    public async Task CancelOrderAsync_OperatorWhoseSessionWasSignedOutInAnotherTab_IsRefusedAndNothingIsSent()
    {
        var user = await SignedInAsync(PrincipalOf(As("Olivia Operator", "Orders.Cancel")));
        await _factory.Services.GetRequiredService<SessionRegistry>().EndAsync(user, SessionRegistry.SignedOut, Cancellation);

        var outcome = await CancelAs(user, SeedDocumentOrder);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotAllowed);
        outcome.Problem.Message.ShouldBe("You signed out of the dashboard in another tab or window. Sign in again to cancel orders.");
        (await StatusOfAsync(SeedDocumentOrder)).ShouldBe(OrderStatus.Completed);
    }

    [Fact]
    public async Task CancelOrderAsync_OperatorWhoLostTheCancelRoleAtALaterSignIn_IsRefusedAndNothingIsSent()
    {
        var circuitUser = await SignedInAsync(PrincipalOf(As("Olivia Operator", "Orders.Cancel")));
        await SignedInAsync(PrincipalOf(As("Olivia Operator", "Orders.Read")));

        var outcome = await CancelAs(circuitUser, SeedDocumentOrder);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotAllowed);
        outcome.Problem.Message.ShouldBe("Cancelling orders needs the Orders.Cancel role, and Olivia Operator does not have it.");
        (await StatusOfAsync(SeedDocumentOrder)).ShouldBe(OrderStatus.Completed);
    }

    [Fact]
    public async Task CancelOrderAsync_OperatorWithoutASessionOnTheServer_IsRefused()
    {
        var outcome = await CancelAs(PrincipalOf(As("Olivia Operator", "Orders.Cancel")), SeedDocumentOrder);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotAllowed);
        outcome.Problem.Message.ShouldStartWith(SessionRegistry.NotKnown);
    }

    /// <summary>A caller as the test scheme reads it: "name;role,role;tenant" in a header.</summary>
    private static string As(string name, string roles = "", string tenant = SandboxGuard.EmulatorTenantId) => $"{name};{roles};{tenant}";

    private static ClaimsPrincipal PrincipalOf(string caller) => TestUserScheme.PrincipalOf(caller);

    /// <summary>Cancels as <paramref name="caller"/>, signed in with a session on the server.</summary>
    private async Task<Outcome<Order>> CancelAs(string caller, string orderId) => await CancelAs(await SignedInAsync(PrincipalOf(caller)), orderId);

    /// <summary>
    /// Calls the order service as a circuit event would, with <paramref name="user"/> as the current user and no page
    /// in between: what a crafted circuit event could reach.
    /// </summary>
    private async Task<Outcome<Order>> CancelAs(ClaimsPrincipal user, string orderId)
    {
        _ = _factory.Server;
        await using var scope = _factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { User = user };
        return await scope.ServiceProvider.GetRequiredService<IOrderService>().CancelOrderAsync(Contoso, orderId, Cancellation);
    }

    /// <summary><paramref name="user"/> signed in: with a session on the server, as the sign-in cookie gives every user.</summary>
    private async Task<ClaimsPrincipal> SignedInAsync(ClaimsPrincipal user)
    {
        _ = _factory.Server;
        return await _factory.Services.GetRequiredService<SessionRegistry>().StartAsync(user, Cancellation);
    }

    private async Task<OrderStatus> StatusOfAsync(string orderId)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var order = await scope.ServiceProvider.GetRequiredService<IOrderService>().GetOrderAsync(Contoso, orderId, Cancellation);
        return order.Value.ShouldNotBeNull().Status;
    }

    private HttpClient Client(string? caller = null)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (caller is not null)
        {
            client.DefaultRequestHeaders.Add(TestUserScheme.Header, caller);
        }

        return client;
    }

    private static async Task<(string Token, string Html)> SignInFormAsync(HttpClient client, string user)
    {
        var html = await client.GetStringAsync("signin/development?returnUrl=/customers", Cancellation);
        var form = html[html.IndexOf($"id=\"sign-in-{user}\"", StringComparison.Ordinal)..];
        var token = AntiforgeryField().Match(form).Groups["token"].Value;
        token.ShouldNotBeNullOrEmpty();
        return (token, html);
    }

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="(?<token>[^"]+)"|type="hidden" name="__RequestVerificationToken" value="(?<token>[^"]+)"|name="__RequestVerificationToken" value="(?<token>[^"]+)""")]
    private static partial Regex AntiforgeryField();

    /// <summary>
    /// Authenticates whoever the X-Test-User header names, with Entra ID's claim names; without the header, whoever the
    /// app's own sign-in cookie names.
    /// </summary>
    private sealed class TestUserScheme(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "Test";
        public const string Header = "X-Test-User";

        public static ClaimsPrincipal PrincipalOf(string caller)
        {
            var parts = caller.Split(';');
            List<Claim> claims = [new("name", parts[0]), new("tid", parts[2])];
            claims.AddRange(parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => new Claim("roles", r)));
            return new ClaimsPrincipal(new ClaimsIdentity(claims, Name, "name", "roles"));
        }

        protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
            Request.Headers.TryGetValue(Header, out var caller) && caller.ToString() is { Length: > 0 } who
                ? Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(PrincipalOf(who), Name)))
                : Context.AuthenticateAsync(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
