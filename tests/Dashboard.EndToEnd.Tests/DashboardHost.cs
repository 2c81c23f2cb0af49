using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Serilog.Core;
using Serilog.Events;

namespace Dashboard.EndToEnd.Tests;

/// <summary>
/// The real dashboard on a real Kestrel port, with its built-in emulator on a fresh SQLite file, and a headless
/// Chromium to drive it. One per test class.
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    /// <summary>The bearer token the dashboard sends: distinctive, so that finding it anywhere in the logs means it leaked.</summary>
    public const string Token = "e2e-secret.UGFydG5lckNlbnRlclRva2Vu~";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "sod-e2e", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program> _factory = default!;
    private IPlaywright _playwright = default!;
    private IBrowserContext? _operatorBrowser;

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Every log event of the dashboard and its built-in emulator.</summary>
    public CapturedLogEvents Logs { get; } = new();

    /// <summary>The built-in emulator's address, for its /emulator controls.</summary>
    public Uri EmulatorAddress => _factory.Services.GetRequiredService<EmbeddedEmulator>().BaseAddress;

    public IBrowser Browser { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        // Assertions wait as long as actions do (15 s rather than Playwright's 5 s), so that a busy CI machine slows
        // the tests down rather than failing them.
        Assertions.SetDefaultExpectTimeout(15_000);
        Directory.CreateDirectory(_dataDirectory);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("PartnerCenter:BaseUrl", "");
            web.UseSetting("Emulator:DataPath", Path.Combine(_dataDirectory, "emulator.db"));
            web.UseSetting("Emulator:Seed", "demo");
            // The bulk seed, which the jobs journey resets to: two customers with 60 cancellable orders each (over a page).
            web.UseSetting("Emulator:Large:Customers", "2");
            web.UseSetting("Emulator:Large:OrdersPerCustomer", "60");
            web.UseSetting("PartnerCenter:StaticToken", Token);
            // No test waits for the open pages' periodic sign-in check, and none may be overtaken by it (a sign-out test
            // would then race the clock): it runs once an hour here. A cancel checks the sign-in at once regardless.
            web.UseSetting("Sessions:CheckInterval", "01:00:00");
            // Everything, at every level, goes to the captured log; the console gets warnings and errors only, so that
            // a failing test's own message is not buried under the trace of the whole run.
            web.UseSetting("Serilog:WriteTo:0:Args:restrictedToMinimumLevel", "Warning");
            web.UseSetting("Serilog:MinimumLevel:Default", "Verbose");
            web.UseSetting("Serilog:MinimumLevel:Override:Microsoft", "Verbose");
            web.UseSetting("Serilog:MinimumLevel:Override:System", "Verbose");
            web.UseSetting("Serilog:MinimumLevel:Override:System.Net.Http.HttpClient", "Verbose");
            web.UseSetting("Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore", "Verbose");
            web.ConfigureServices(services => services.AddSingleton<ILogEventSink>(Logs));
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseAddress = _factory.ClientOptions.BaseAddress;

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>What Chromium reported as blocked by the Content-Security-Policy, on any page of this host.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> PolicyViolations { get; } = new();

    /// <summary>A page signed in through the development sign-in, by default as the operator (who may cancel).</summary>
    public async Task<IPage> NewPageAsync(int width = 1400, int height = 900, string signInAs = DevelopmentUser.Operator)
    {
        var page = await NewAnonymousPageAsync(width, height);
        await page.GotoAsync("signin/development?returnUrl=/customers");
        await page.Locator($"#sign-in-{signInAs}").GetByRole(AriaRole.Button).ClickAsync();

        // The sign-in redirects to /customers, whose app bar then names the user (a phone's narrow app bar leaves the
        // name out, so the name is waited for in the page, not on screen). Not page.WaitForURLAsync: when the
        // URL already matches it waits for a load event that Playwright's .NET client can miss (seen on a busy machine
        // with the page at /customers, fully rendered, and the wait timing out).
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/customers$"));
        await Assertions.Expect(page.Locator("#current-user")).ToBeAttachedAsync();
        return page;
    }

    /// <summary>
    /// A new page of one browser the operator signed in to once, for tests that open many pages and change nothing: the
    /// sign-in is not repeated for each. Close the page at the end.
    /// </summary>
    public async Task<IPage> NewPageOfTheSignedInOperatorAsync()
    {
        _operatorBrowser ??= (await NewPageAsync()).Context;
        var page = await _operatorBrowser.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    /// <summary>A page of a browser nobody signed in with.</summary>
    public async Task<IPage> NewAnonymousPageAsync(int width = 1400, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                PolicyViolations.Enqueue(message.Text);
            }
        };
        return page;
    }

    /// <summary>
    /// Puts the built-in emulator back to its seed, so that a test which cancels orders does not change what the next
    /// test of the same class sees (xunit orders tests by an id that depends on where the assembly was built).
    /// </summary>
    public async Task ResetEmulatorAsync(string? seed = null)
    {
        using var client = CreateEmulatorClient();
        (await client.PostAsJsonAsync("emulator/reset", new { seed }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        // The dashboard's shared snapshots of customers' orders still show the state before the reset: drop them all, as
        // a restart would (HybridCache's "*" tag is every entry).
        await _factory.Services.GetRequiredService<Microsoft.Extensions.Caching.Hybrid.HybridCache>()
            .RemoveByTagAsync("*", TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// A client of the built-in emulator that sends the dashboard's token, the only one it answers (the token the host
    /// configures, as <c>PartnerCenter:StaticToken</c> says).
    /// </summary>
    public HttpClient CreateEmulatorClient()
    {
        var client = new HttpClient { BaseAddress = EmulatorAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorToken);
        return client;
    }

    /// <summary>The dashboard's per-process token, the only one its built-in emulator answers.</summary>
    public string EmulatorToken => _factory.Services.GetRequiredService<IConfiguration>()["PartnerCenter:StaticToken"]!;

    /// <summary>Cancels an order in the built-in emulator directly, as another Partner Center client would.</summary>
    public async Task CancelInEmulatorAsync(string customerId, string orderId)
    {
        using var client = CreateEmulatorClient();
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"v1/customers/{customerId}/orders/{orderId}")
        {
            Content = JsonContent.Create(new { id = orderId, status = "cancelled" }),
        };
        request.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
        (await client.SendAsync(request, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
    }

    /// <summary>Reads an order straight from the emulator, over HTTP, as Partner Center would answer it.</summary>
    public async Task<JsonElement> ReadOrderFromEmulatorAsync(string customerId, string orderId)
    {
        using var client = CreateEmulatorClient();
        var json = await client.GetStringAsync($"v1/customers/{customerId}/orders/{orderId}");
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A Serilog sink that keeps every event, for tests that read what was logged.</summary>
public sealed class CapturedLogEvents : ILogEventSink
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyCollection<LogEvent> Events => _events;

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
}

/// <summary>The users the development sign-in offers by default.</summary>
public static class DevelopmentUser
{
    public const string Operator = "operator";
    public const string Reader = "reader";
}
