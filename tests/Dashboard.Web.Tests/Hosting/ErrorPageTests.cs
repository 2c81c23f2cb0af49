using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// Outside Development an unexpected failure gets the app's error page, which keeps the security headers: the exception
/// handler clears the headers set before the failure, and they must come back on its answer.
/// </summary>
public sealed class ErrorPageTests : IAsyncLifetime
{
    private const string Failing = "/test/fails";

    private WebApplicationFactory<Program> _factory = default!;

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // Each host its own store: hosts that start in parallel must not migrate one shared file.
            web.UseSetting("Store:ConnectionString", $"Data Source={Path.Combine(Path.GetTempPath(), "sod-tests", Guid.NewGuid().ToString("N"), "dashboard.db")}");
            web.UseEnvironment("Production");
            web.UseSetting("PartnerCenter:BaseUrl", "https://api.partnercenter.microsoft.com");
            web.UseSetting("PartnerCenter:StaticToken", "abc");
            web.UseSetting("AzureAd:TenantId", "11111111-2222-3333-4444-555555555555");
            web.UseSetting("AzureAd:ClientId", "66666666-7777-8888-9999-000000000000");
            web.UseSetting("AzureAd:ClientCredentials:0:SourceType", "ClientSecret");
            web.UseSetting("AzureAd:ClientCredentials:0:ClientSecret", "not-a-real-secret");
            web.UseSetting("Serilog:MinimumLevel:Default", "Fatal");
            web.UseSetting("https_port", "443");
            web.ConfigureServices(services => services.AddSingleton<IStartupFilter, FailingEndOfThePipeline>());
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Get_UnexpectedFailure_AnswersTheErrorPageWithTheSecurityHeaders()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        using var response = await client.GetAsync(Failing, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Something went wrong");
        response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem().ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").ShouldHaveSingleItem().ShouldBe("nosniff");
        response.Headers.GetValues("X-Frame-Options").ShouldHaveSingleItem().ShouldBe("DENY");
        response.Headers.GetValues("Referrer-Policy").ShouldHaveSingleItem().ShouldBe("strict-origin-when-cross-origin");
    }

    /// <summary>
    /// A request the app's own endpoints do not take falls through to the end of its pipeline; there this one fails, inside
    /// the app's exception handler, as a bug in a page would.
    /// </summary>
    private sealed class FailingEndOfThePipeline : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context => context.Request.Path == Failing
                ? throw new InvalidOperationException("A failure the test arranged.")
                : Task.CompletedTask);
        };
    }
}
