using System.Diagnostics;
using Dashboard.Orders;
using Dashboard.Orders.Jobs;
using Dashboard.Testing;
using Dashboard.Web.Features.Access;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// OpenTelemetry with a collector configured, read through the in-memory exporter: a person's cancel is one trace, its
/// Partner Center attempts spans under it with the route, status, attempt and ids; the dashboard's metrics are
/// exported; and no exported attribute anywhere carries the Partner Center token. Without a collector nothing is set up.
/// OpenTelemetry listens to every source and meter of its name in the process, other test hosts' included: these tests
/// run alone, after the others.
/// </summary>
[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests : IAsyncLifetime
{
    private const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";
    private const string SeedDocumentOrder = "UKXASSO1dezh3HdxClHxSp5UEFXGbAnt1";
    private const string ContosoReservedInstance = "9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1";
    private const string OrderPath = $"/v1/customers/{Contoso}/orders/{SeedDocumentOrder}";

    // Matched by the dashboard's "Dashboard.*" sources: a caller's span, as a page would be.
    private static readonly ActivitySource TestSource = new("Dashboard.Tests");

    private readonly string _directory = Directory.CreateTempSubdirectory("sod-telemetry-").FullName;
    private readonly string _token = $"sod-secret-token-{Guid.NewGuid():N}";
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];
    private LoopbackServer _collector = default!;
    private WebApplicationFactory<Program> _instance = default!;

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // A collector that takes whatever it is sent: the OTLP exporters run as configured, beside the in-memory ones.
        _collector = await LoopbackServer.StartAsync(CannedResponse.Empty(200));
        _instance = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Store:ConnectionString", $"Data Source={Path.Combine(_directory, "dashboard.db")}");
            web.UseEnvironment("Development");
            web.UseSetting("PartnerCenter:BaseUrl", "");
            web.UseSetting("PartnerCenter:StaticToken", _token);
            web.UseSetting("Emulator:DataPath", Path.Combine(_directory, "emulator.db"));
            // The cancel's first read of the order fails, then is throttled for a second, then answers: a retry and a 429.
            web.UseSetting("Emulator:Faults:Script:0:Method", "GET");
            web.UseSetting("Emulator:Faults:Script:0:Path", OrderPath);
            web.UseSetting("Emulator:Faults:Script:0:Faults:0", "error503");
            web.UseSetting("Emulator:Faults:Script:0:Faults:1", "throttle");
            web.UseSetting("Emulator:Faults:RetryAfterSeconds", "1");
            web.UseSetting("Jobs:PollSeconds", "1");
            web.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", _collector.BaseAddress.ToString());
            web.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            // The log records go to the collector too (Serilog's OTLP sink): the dashboard's own at every level.
            web.UseSetting("Serilog:MinimumLevel:Default", "Information");
            web.UseSetting("Serilog:MinimumLevel:Override:Dashboard", "Debug");
            web.ConfigureServices(services => services
                .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans))
                .ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics)));
        });
        _ = _instance.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await _instance.DisposeAsync();
        await _collector.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Cancel_WithACollector_IsOneTraceWithEachPartnerCenterAttemptAsASpanUnderIt()
    {
        var outcome = await AsOperatorAsync(services => services.GetRequiredService<IOrderService>().CancelOrderAsync(Contoso, SeedDocumentOrder, Cancellation));
        outcome.Succeeded.ShouldBeTrue(outcome.Problem?.Message);
        Flush();

        var cancel = Spans().Where(s => s.DisplayName == "Cancel order").ShouldHaveSingleItem();
        cancel.GetTagItem("dashboard.outcome").ShouldBe("Applied");
        var attempts = Spans().Where(s => s.TraceId == cancel.TraceId && s.Source.Name == "Dashboard.PartnerCenter").ToList();
        attempts.ShouldAllBe(s => s.ParentSpanId == cancel.SpanId);
        var patch = attempts.Where(s => s.DisplayName == "Partner Center PATCH /v1/customers/{customerId}/orders/{orderId}").ShouldHaveSingleItem();
        patch.GetTagItem("http.response.status_code").ShouldBe(200);
        patch.GetTagItem("partner_center.route").ShouldBe("/v1/customers/{customerId}/orders/{orderId}");
        Guid.TryParse(patch.GetTagItem("partner_center.correlation_id") as string, out _).ShouldBeTrue();
        patch.GetTagItem("partner_center.request_id").ShouldBe(cancel.GetTagItem("partner_center.request_id"));
        Spans().ShouldContain(s => s.TraceId == cancel.TraceId && s.Source.Name == "System.Net.Http" && s.ParentSpanId == patch.SpanId);
        Spans().ShouldContain(s => s.TraceId == cancel.TraceId && s.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal), "the activity record's write is traced");
    }

    [Fact]
    public async Task Read_RetriedAfterA503AndA429_IsOneSpanPerAttemptNumberedUnderTheCaller()
    {
        using var caller = TestSource.StartActivity("Opening the order");

        (await AsOperatorAsync(services => services.GetRequiredService<IOrderService>().GetOrderAsync(Contoso, SeedDocumentOrder, Cancellation))).Succeeded.ShouldBeTrue();
        caller!.Stop();
        Flush();

        var reads = Spans()
            .Where(s => s.ParentSpanId == caller.SpanId && s.Source.Name == "Dashboard.PartnerCenter" && s.GetTagItem("partner_center.route") is "/v1/customers/{customerId}/orders/{orderId}")
            .OrderBy(s => s.StartTimeUtc).ToList();
        reads.Select(s => (s.DisplayName, s.GetTagItem("partner_center.attempt"), s.GetTagItem("http.response.status_code"))).ShouldBe(
        [
            ("Partner Center GET /v1/customers/{customerId}/orders/{orderId}", 1, 503),
            ("Partner Center GET /v1/customers/{customerId}/orders/{orderId}", 2, 429),
            ("Partner Center GET /v1/customers/{customerId}/orders/{orderId}", 3, 200),
        ]);
        reads.Select(s => s.GetTagItem("partner_center.request_id")).Distinct().ShouldHaveSingleItem("a retried read keeps its MS-RequestId");
        reads.Select(s => s.GetTagItem("partner_center.correlation_id")).Distinct().Count().ShouldBe(3, "each attempt has a correlation id of its own");
    }

    [Fact]
    public async Task Metrics_WithACollector_CountCallsRetries429sTheLimiterCancelsJobItemsAndCircuits()
    {
        await AsOperatorAsync(services => services.GetRequiredService<IOrderService>().GetOrderAsync(Contoso, SeedDocumentOrder, Cancellation));
        await AsOperatorAsync(services => services.GetRequiredService<IOrderService>().CancelOrderAsync(Contoso, SeedDocumentOrder, Cancellation));
        await RunJobAsync(ContosoReservedInstance);
        // The handler the framework calls when a browser opens a circuit (this test opens none).
        using var circuitScope = _instance.Services.CreateScope();
        var circuits = circuitScope.ServiceProvider.GetServices<CircuitHandler>().OfType<Dashboard.Web.Hosting.CircuitTelemetry>().ShouldHaveSingleItem();
        await circuits.OnCircuitOpenedAsync(null!, Cancellation);
        Flush();

        Points("partner_center.calls").ShouldContain(p => Tag(p, "partner_center.route") == "/v1/customers/{customerId}/orders/{orderId}" && Tag(p, "http.response.status_code") == "503");
        Points("partner_center.retries").Sum(p => p.GetSumLong()).ShouldBeGreaterThanOrEqualTo(2);
        Points("partner_center.throttled").Sum(p => p.GetSumLong()).ShouldBe(1);
        Points("partner_center.rate_limit.wait").ShouldContain(p => Tag(p, "partner_center.lane") == "Background");
        Points("dashboard.cancels").Where(p => Tag(p, "dashboard.outcome") == "Applied").ShouldHaveSingleItem().GetSumLong().ShouldBe(1);
        Points("dashboard.job_items").Where(p => Tag(p, "dashboard.outcome") == "Cancelled").ShouldHaveSingleItem().GetSumLong().ShouldBe(1);
        Points("dashboard.circuits.active").Sum(p => p.GetSumLong()).ShouldBe(1);
    }

    [Fact]
    public async Task EverythingExported_OfACancelAndAJob_NeverCarriesTheToken()
    {
        await AsOperatorAsync(services => services.GetRequiredService<IOrderService>().GetOrderAsync(Contoso, SeedDocumentOrder, Cancellation));
        await AsOperatorAsync(services => services.GetRequiredService<IOrderService>().CancelOrderAsync(Contoso, SeedDocumentOrder, Cancellation));
        await RunJobAsync(ContosoReservedInstance);
        Flush();

        var exported = Spans().SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}")
                .Concat(s.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}")))
                .Append(s.DisplayName).Append(s.StatusDescription ?? ""))
            .Concat(_metrics.SelectMany(m => Points(m.Name).SelectMany(p => Tags(p).Select(t => $"{t.Key}={t.Value}"))))
            .ToList();
        // What went over the wire to the collector, log records included: protobuf, whose strings are plain UTF-8.
        var sent = await LogRecordsOfBothCancelsAsync();

        exported.Count.ShouldBeGreaterThan(50);
        exported.ShouldNotContain(text => text.Contains(_token, StringComparison.Ordinal));
        exported.ShouldNotContain(text => text.Contains("Bearer", StringComparison.OrdinalIgnoreCase));
        sent.Select(r => r.PathAndQuery).ShouldContain("/v1/logs");
        sent.ShouldNotContain(r => r.Body.Contains(_token, StringComparison.Ordinal), "a request to the collector carried the token");
        sent.ShouldNotContain(r => r.Body.Contains("Bearer ", StringComparison.OrdinalIgnoreCase), "a request to the collector carried an Authorization header's value");
    }

    [Fact]
    public void Start_WithoutACollector_SetsUpNoOpenTelemetry()
    {
        using var plain = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Store:ConnectionString", $"Data Source={Path.Combine(_directory, "plain.db")}");
            web.UseEnvironment("Development");
            web.UseSetting("PartnerCenter:BaseUrl", "");
            web.UseSetting("Emulator:DataPath", Path.Combine(_directory, "plain-emulator.db"));
            web.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        });

        plain.Services.GetService<TracerProvider>().ShouldBeNull();
        plain.Services.GetService<MeterProvider>().ShouldBeNull();
    }

    /// <summary>
    /// Every request the collector has had, once the log records of both cancels (the person's and the job's) have
    /// reached it: Serilog's sink sends them in batches, every few seconds.
    /// </summary>
    private async Task<IReadOnlyList<RecordedRequest>> LogRecordsOfBothCancelsAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var sent = _collector.Requests;
            var logs = sent.Where(r => r.PathAndQuery == "/v1/logs").Select(r => r.Body).ToList();
            if (logs.Any(b => b.Contains(SeedDocumentOrder, StringComparison.Ordinal)) && logs.Any(b => b.Contains(ContosoReservedInstance, StringComparison.Ordinal)))
            {
                return sent;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, "the log records of the cancels never reached the collector");
            await Task.Delay(100, Cancellation);
        }
    }

    private void Flush()
    {
        _instance.Services.GetRequiredService<TracerProvider>().ForceFlush();
        _instance.Services.GetRequiredService<MeterProvider>().ForceFlush();
    }

    private List<Activity> Spans()
    {
        lock (_spans)
        {
            return [.. _spans];
        }
    }

    private List<MetricPoint> Points(string name)
    {
        var points = new List<MetricPoint>();
        foreach (var metric in _metrics.Where(m => m.Name == name).ToList())
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                points.Add(point);
            }
        }

        return points;
    }

    private static List<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            tags.Add(tag);
        }

        return tags;
    }

    private static string? Tag(MetricPoint point, string key) => Tags(point).FirstOrDefault(t => t.Key == key).Value?.ToString();

    private async Task RunJobAsync(string orderId)
    {
        var job = await AsOperatorAsync(async services =>
        {
            var jobs = services.GetRequiredService<IJobService>();
            var plan = (await jobs.PreviewBulkCancelAsync(Contoso, [orderId], Cancellation)).Value!;
            return (await jobs.StartBulkCancelAsync(plan, Cancellation)).Value;
        });
        await using var scope = _instance.Services.CreateAsyncScope();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((await scope.ServiceProvider.GetRequiredService<IJobService>().GetJobAsync(job, Cancellation))!.Job.IsActive)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the job did not finish");
            await Task.Delay(50, Cancellation);
        }
    }

    private async Task<T> AsOperatorAsync<T>(Func<IServiceProvider, Task<T>> act)
    {
        var user = await _instance.Services.GetRequiredService<SessionRegistry>().StartAsync(Operator(), Cancellation);
        await using var scope = _instance.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>().HttpContext = new Microsoft.AspNetCore.Http.DefaultHttpContext { User = user };
        return await act(scope.ServiceProvider);
    }

    private static System.Security.Claims.ClaimsPrincipal Operator() =>
        new(new System.Security.Claims.ClaimsIdentity(
            [new("name", "Olivia Operator"), new("oid", "0b1e0000-0000-4000-8000-000000000001"), new("tid", SandboxGuard.EmulatorTenantId), new("roles", "Orders.Cancel")],
            "Test", "name", "roles"));
}

/// <summary>The telemetry tests run alone: no other host's spans or measurements reach their listeners.</summary>
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryAlone;
