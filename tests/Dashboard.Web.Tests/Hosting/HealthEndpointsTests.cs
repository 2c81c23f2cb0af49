using System.Net;
using System.Text.Json;
using Dashboard.Orders;
using Dashboard.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// The health endpoints a load balancer uses, against real servers: live while the process answers; ready while the
/// store (PostgreSQL here, or SQLite) and Redis answer, unready when one is stopped; degraded but ready while Partner
/// Center fails; <c>/health</c> as it always was.
/// </summary>
public sealed class HealthEndpointsTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sod-health-").FullName;
    private readonly List<IAsyncDisposable> _owned = [];

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Ready_StoreAndRedisAnswer_IsHealthyNamingEachCheck()
    {
        var redis = await RedisServer.Shared;
        using var client = Instance(("Redis:Configuration", redis.ConnectionString)).CreateClient();

        var (status, body) = await GetAsync(client, "/health/ready");

        status.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("status").GetString().ShouldBe("Healthy");
        body.GetProperty("checks").EnumerateObject().Select(c => (c.Name, c.Value.GetProperty("status").GetString()))
            .ShouldBe([("store", "Healthy"), ("partner-center", "Healthy"), ("redis", "Healthy")], ignoreOrder: true);
    }

    [Fact]
    public async Task Ready_PostgreSqlStoreStopped_IsUnreadyWhileLiveAndHealthStayHealthy()
    {
        var postgres = await PostgresServer.StartAsync();
        _owned.Add(postgres);
        var database = postgres.Database();
        await database.CreateAsync();
        using var client = Instance(("Store:Provider", "PostgreSql"), ("Store:ConnectionString", database.ConnectionString)).CreateClient();
        (await GetAsync(client, "/health/ready")).Status.ShouldBe(HttpStatusCode.OK);

        await postgres.DisposeAsync();
        var (status, body) = await GetAsync(client, "/health/ready");

        status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        body.GetProperty("checks").GetProperty("store").GetProperty("status").GetString().ShouldBe("Unhealthy");
        body.GetProperty("checks").GetProperty("store").GetProperty("description").GetString().ShouldBe("The store does not answer.");
        (await client.GetAsync("/health/live", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetStringAsync("/health", Cancellation)).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Ready_RedisStopped_IsUnready()
    {
        var redis = await RedisServer.StartAsync(Cancellation);
        _owned.Add(redis);
        using var client = Instance(("Redis:Configuration", redis.ConnectionString)).CreateClient();
        (await GetAsync(client, "/health/ready")).Status.ShouldBe(HttpStatusCode.OK);

        await redis.DisposeAsync();
        var (status, body) = await GetAsync(client, "/health/ready");

        status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        body.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString().ShouldBe("Unhealthy");
        body.GetProperty("checks").GetProperty("store").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task Ready_PartnerCenterFailing_IsDegradedButReady()
    {
        var (status, body) = await ReadyAfterAFailedCallAsync(CannedResponse.Json(503, """{"code": 3000, "description": "Service unavailable."}"""));

        status.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("status").GetString().ShouldBe("Degraded");
        body.GetProperty("checks").GetProperty("partner-center").GetProperty("description").GetString()
            .ShouldStartWith("Partner Center answered 503 at ");
    }

    [Fact]
    public async Task Ready_PartnerCenterHanging_IsDegradedButReady()
    {
        var (status, body) = await ReadyAfterAFailedCallAsync(CannedResponse.Never, ("PartnerCenter:Timeout", "00:00:01"));

        status.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("status").GetString().ShouldBe("Degraded");
        body.GetProperty("checks").GetProperty("partner-center").GetProperty("description").GetString()
            .ShouldStartWith("Partner Center gave no answer (TimeoutException) at ");
    }

    /// <summary>
    /// <c>/health/ready</c> of an instance whose Partner Center always answers <paramref name="answer"/>, after one call
    /// to it has failed (no retries).
    /// </summary>
    private async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAfterAFailedCallAsync(CannedResponse answer, params (string Key, string? Value)[] settings)
    {
        var partnerCenter = await LoopbackServer.StartAsync(answer);
        _owned.Add(partnerCenter);
        var instance = Instance(
            [("PartnerCenter:BaseUrl", partnerCenter.BaseAddress.ToString()), ("PartnerCenter:StaticToken", "abc"), ("PartnerCenter:MaxRetries", "0"), .. settings]);
        using var client = instance.CreateClient();
        await using (var scope = instance.Services.CreateAsyncScope())
        {
            await Should.ThrowAsync<PartnerCenterUnavailableException>(() => scope.ServiceProvider.GetRequiredService<IOrderService>().ListCustomersAsync(Cancellation));
        }

        return await GetAsync(client, "/health/ready");
    }

    private WebApplicationFactory<Program> Instance(params (string Key, string? Value)[] settings)
    {
        var instance = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Store:ConnectionString", $"Data Source={Path.Combine(_directory, $"{Guid.NewGuid():N}-dashboard.db")}");
            web.UseEnvironment("Development");
            web.UseSetting("PartnerCenter:BaseUrl", "");
            web.UseSetting("Emulator:DataPath", Path.Combine(_directory, $"{Guid.NewGuid():N}.db"));
            web.UseSetting("Serilog:MinimumLevel:Default", "Fatal");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
        _owned.Add(instance);
        return instance;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Cancellation);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation)).RootElement.Clone());
    }
}
