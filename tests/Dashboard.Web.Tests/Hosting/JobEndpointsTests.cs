using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Dashboard.Orders.Jobs;
using Dashboard.Web.Features.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// <c>GET /jobs/{id}/outcomes.csv</c> on the real app, with the job service a substitute and a test scheme saying who
/// calls: a download for anyone who may read, a 404 for a job that does not exist, a sign-in for anyone else.
/// </summary>
public sealed class JobEndpointsTests : IAsyncLifetime
{
    private const string Csv = "sequence,kind,customer_id,order_id,outcome\r\n1,CancelOrder,bd59b416-37f9-4d8f-8df3-5750111fc615,order-001,cancelled\r\n";

    private static readonly Guid Known = Guid.Parse("6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");

    private static readonly Guid Unknown = Guid.Parse("00000000-1111-4222-8333-444444444444");

    private readonly string _data = Path.Combine(Path.GetTempPath(), "sod-web-tests", Guid.NewGuid().ToString("N"));
    private readonly IJobService _jobs = Substitute.For<IJobService>();
    private WebApplicationFactory<Program> _factory = default!;

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        _jobs.GetJobAsync(Known, Arg.Any<CancellationToken>()).Returns(new JobDetails(Features.Jobs.JobSamples.FinishedWithMixedOutcomes(), []));
        _jobs.WriteCsvAsync(Known, Arg.Any<Stream>(), Arg.Any<CancellationToken>())
            .Returns(call => WriteAsync(call.Arg<Stream>(), call.Arg<CancellationToken>()));
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
                services.PostConfigure<AuthenticationOptions>(o => o.DefaultAuthenticateScheme = TestUserScheme.Name);
            });
            web.ConfigureTestServices(services => services.AddScoped(_ => _jobs));
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
    public async Task GetCsv_KnownJob_AnswersTheOutcomesAsACsvAttachment()
    {
        using var response = await Client("Orders.Read").GetAsync($"jobs/{Known}/outcomes.csv", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentType.CharSet.ShouldBe("utf-8");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentDisposition.FileName.ShouldBe($"job-{Known}.csv");
        (await response.Content.ReadAsStringAsync(Cancellation)).ShouldBe(Csv);
    }

    [Fact]
    public async Task GetCsv_Operator_IsServedToo()
    {
        using var response = await Client("Orders.Cancel").GetAsync($"jobs/{Known}/outcomes.csv", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task GetCsv_UnknownJob_IsNotFoundAndWritesNothing()
    {
        using var response = await Client("Orders.Read").GetAsync($"jobs/{Unknown}/outcomes.csv", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        _ = _jobs.DidNotReceiveWithAnyArgs().WriteCsvAsync(default, default!, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task GetCsv_Anonymous_IsSentToSignInAndReadsNoJob()
    {
        using var response = await Client().GetAsync($"jobs/{Known}/outcomes.csv", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/signin");
        _ = _jobs.DidNotReceiveWithAnyArgs().GetJobAsync(default, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task GetCsv_SignedInWithoutARole_IsRefusedAndReadsNoJob()
    {
        using var response = await Client("Billing.Admin").GetAsync($"jobs/{Known}/outcomes.csv", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/access-denied");
        _ = _jobs.DidNotReceiveWithAnyArgs().GetJobAsync(default, Arg.Any<CancellationToken>());
    }

    private static async Task<bool> WriteAsync(Stream output, CancellationToken cancellationToken)
    {
        await output.WriteAsync(Encoding.UTF8.GetBytes(Csv), cancellationToken);
        return true;
    }

    /// <summary>A client; with <paramref name="roles"/>, signed in as Ada with those roles (comma-separated).</summary>
    private HttpClient Client(string? roles = null)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (roles is not null)
        {
            client.DefaultRequestHeaders.Add(TestUserScheme.Header, roles);
        }

        return client;
    }

    /// <summary>Authenticates Ada with the roles the X-Test-Roles header names, in the emulator's sandbox tenant; nobody without it.</summary>
    private sealed class TestUserScheme(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "Test";
        public const string Header = "X-Test-Roles";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var roles))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            List<Claim> claims = [new("name", "Ada"), new("tid", SandboxGuard.EmulatorTenantId)];
            claims.AddRange(roles.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => new Claim("roles", r)));
            var user = new ClaimsPrincipal(new ClaimsIdentity(claims, Name, "name", "roles"));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(user, Name)));
        }
    }
}
