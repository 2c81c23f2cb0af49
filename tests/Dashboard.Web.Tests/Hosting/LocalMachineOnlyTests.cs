using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Dashboard.Web.Features.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// The development sign-in has no password, so while it is the way in, the dashboard answers only requests from this
/// machine. Each test's requests come from the address it names, as Kestrel would report a caller's address.
/// </summary>
public sealed class LocalMachineOnlyTests : IAsyncLifetime
{
    private const string OtherMachine = "192.0.2.10";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "sod-web-tests", Guid.NewGuid().ToString("N"));
    private readonly List<WebApplicationFactory<Program>> _factories = [];

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Theory]
    [InlineData("GET", "signin/development")]
    [InlineData("GET", "signin")]
    [InlineData("GET", "customers")]
    [InlineData("GET", "health")]
    [InlineData("POST", "account/development-signin")]
    public async Task Request_FromAnotherMachineWithTheDevelopmentSignIn_IsRefusedWithAPageSayingWhy(string method, string path)
    {
        using var client = Dashboard(OtherMachine).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? new FormUrlEncodedContent([new("user", "operator"), new("returnUrl", "/customers")]) : null,
        }, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
        var page = await response.Content.ReadAsStringAsync(Cancellation);
        page.ShouldContain("Only on this machine");
        page.ShouldContain("the development sign-in, which has no password");
        response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task SignInPage_FromThisMachine_IsServed(string address)
    {
        using var client = Dashboard(address).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync("signin/development", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Sign in as Olivia Operator");
    }

    [Theory]
    [InlineData("X-Forwarded-For", "127.0.0.1")]
    [InlineData("Forwarded", "for=127.0.0.1")]
    [InlineData("X-Original-For", "127.0.0.1:5555")]
    public async Task Request_FromThisMachineThroughAProxy_IsRefused(string header, string value)
    {
        using var client = Dashboard("127.0.0.1").CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(header, value);

        using var response = await client.GetAsync("signin/development", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("rebind.attacker.example")]
    [InlineData("rebind.attacker.example:5100")]
    [InlineData("127.0.0.1.nip.example")]
    [InlineData("localhost.attacker.example")]
    public async Task Request_FromThisMachineNamingAnotherHost_IsRefused(string host)
    {
        // A page of another site whose domain was rebound to 127.0.0.1 reaches the dashboard from loopback, under its own name.
        using var client = Dashboard("127.0.0.1").CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "signin/development");
        request.Headers.Host = host;

        using var response = await client.SendAsync(request, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Theory]
    [InlineData("localhost:5100")]
    [InlineData("127.0.0.1:5100")]
    [InlineData("[::1]:5100")]
    public async Task Request_FromThisMachineNamingIt_IsServed(string host)
    {
        using var client = Dashboard("127.0.0.1").CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "signin/development");
        request.Headers.Host = host;

        using var response = await client.SendAsync(request, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Request_ClaimingToBeLocalWithForwardedHeadersOn_IsRefused()
    {
        using var client = Dashboard(OtherMachine, forwardedHeaders: true).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "127.0.0.1");

        using var response = await client.GetAsync("signin/development", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Request_FromAnotherMachineWithEntraSignIn_IsServed()
    {
        using var client = Dashboard(OtherMachine, entra: true).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync("health", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5100", false)]
    [InlineData("http://localhost:5100", false)]
    [InlineData("http://[::1]:5100", false)]
    [InlineData("http://0.0.0.0:5100", true)]
    [InlineData("http://[::]:8080", true)]
    [InlineData("http://+:8080", true)]
    [InlineData("http://*:8080", true)]
    [InlineData("http://192.0.2.2:5100", true)]
    public void IsReachableFromOtherMachines_ListeningAddress_TellsLoopbackFromTheRest(string address, bool reachable) =>
        LocalMachineOnly.IsReachableFromOtherMachines(address).ShouldBe(reachable);

    private WebApplicationFactory<Program> Dashboard(string callerAddress, bool entra = false, bool forwardedHeaders = false)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // Each host its own store: hosts that start in parallel must not migrate one shared file.
            web.UseSetting("Store:ConnectionString", $"Data Source={Path.Combine(Path.GetTempPath(), "sod-tests", Guid.NewGuid().ToString("N"), "dashboard.db")}");
            if (forwardedHeaders)
            {
                // What ASPNETCORE_FORWARDEDHEADERS_ENABLED=true switches on: X-Forwarded-For believed from any caller.
                web.UseSetting("ForwardedHeaders_Enabled", "true");
            }

            web.UseEnvironment("Development");
            web.UseSetting("PartnerCenter:BaseUrl", "");
            web.UseSetting("Emulator:DataPath", Path.Combine(_data, $"{Guid.NewGuid():N}.db"));
            web.UseSetting("Serilog:MinimumLevel:Default", "Error");
            if (entra)
            {
                web.UseSetting("AzureAd:TenantId", "11111111-2222-3333-4444-555555555555");
                web.UseSetting("AzureAd:ClientId", "66666666-7777-8888-9999-000000000000");
                web.UseSetting("AzureAd:ClientCredentials:0:SourceType", "ClientSecret");
                web.UseSetting("AzureAd:ClientCredentials:0:ClientSecret", "not-a-real-secret");
            }

            // First of all the start-up filters, so that the address is the connection's, as Kestrel reports it, before the
            // forwarded-headers middleware (when switched on) replaces it with what the caller claims.
            web.ConfigureServices(services => services.Insert(0, ServiceDescriptor.Singleton<IStartupFilter>(new CallerAddress(IPAddress.Parse(callerAddress)))));
        });
        _factories.Add(factory);
        return factory;
    }

    /// <summary>Makes every request come from <paramref name="address"/>, before anything of the app sees it.</summary>
    private sealed class CallerAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
