using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dashboard.Web.Hosting;

/// <summary>
/// OpenTelemetry, only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names a collector (docs/observability.md): traces of the
/// requests, of every Partner Center attempt and its HTTP call, of each cancel and of the store's queries; the
/// dashboard's metrics with ASP.NET Core's and HttpClient's; and the logs, through Serilog (DashboardLogging), beside the
/// console. Off, nothing is collected.
/// </summary>
internal static class DashboardTelemetry
{
    /// <summary>The dashboard's own sources and meters: Dashboard.Web, Dashboard.Orders, Dashboard.PartnerCenter.</summary>
    private const string Ours = "Dashboard.*";

    public static WebApplicationBuilder AddDashboardTelemetry(this WebApplicationBuilder builder, TelemetrySettings telemetry)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<CircuitHandler, CircuitTelemetry>();
        if (!telemetry.Enabled)
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(telemetry.ServiceName, serviceInstanceId: Orders.DashboardInstance.Name))
            .WithTracing(tracing => tracing
                .AddSource(Ours)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsStaticFile(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddMeter(Ours)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        return builder;
    }

    private static bool IsStaticFile(PathString path) =>
        path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content") || Path.HasExtension(path.Value);
}
