using Serilog;
using Serilog.Events;

namespace Dashboard.Web.Hosting;

/// <summary>Serilog, two-stage: a bootstrap logger until configuration is read, then the configured one.</summary>
internal static class DashboardLogging
{
    private static int _staticLoggerClaimed;

    /// <summary>
    /// Creates the bootstrap logger for the first host in the process. Later hosts (tests start several) get a
    /// logger of their own instead of re-freezing the static one ("the logger is already frozen").
    /// </summary>
    public static bool CreateBootstrapLogger()
    {
        if (Interlocked.Exchange(ref _staticLoggerClaimed, 1) == 1)
        {
            return false;
        }

        Log.Logger = new LoggerConfiguration()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateBootstrapLogger();
        return true;
    }

    public static WebApplicationBuilder AddDashboardLogging(this WebApplicationBuilder builder, bool ownsStaticLogger)
    {
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                logger
                    .ReadFrom.Configuration(builder.Configuration)
                    .ReadFrom.Services(services)
                    .Enrich.FromLogContext();
                // The telemetry part alone: the whole settings object is validated when resolved, and a failure there
                // must reach this logger, not stop it being made.
                if (services.GetService<TelemetrySettings>() is { Enabled: true } telemetry)
                {
                    logger.WriteTo.OpenTelemetry(otlp => ToCollector(otlp, telemetry));
                }
            },
            preserveStaticLogger: !ownsStaticLogger);
        return builder;
    }

    /// <summary>The logs go where the traces and metrics go (<see cref="TelemetrySettings"/>), as OTLP log records.</summary>
    private static void ToCollector(Serilog.Sinks.OpenTelemetry.BatchedOpenTelemetrySinkOptions otlp, TelemetrySettings telemetry)
    {
        var endpoint = telemetry.Endpoint!.ToString().TrimEnd('/');
        otlp.Protocol = telemetry.HttpProtobuf ? Serilog.Sinks.OpenTelemetry.OtlpProtocol.HttpProtobuf : Serilog.Sinks.OpenTelemetry.OtlpProtocol.Grpc;
        // Over HTTP the logs have a path of their own under the collector's address, as the SDK's exporter adds it.
        otlp.Endpoint = telemetry.HttpProtobuf && !endpoint.EndsWith("/v1/logs", StringComparison.Ordinal) ? endpoint + "/v1/logs" : endpoint;
        otlp.ResourceAttributes = new Dictionary<string, object>
        {
            ["service.name"] = telemetry.ServiceName,
            ["service.instance.id"] = Orders.DashboardInstance.Name,
        };
    }

    /// <summary>One event per request; static files and the Blazor hub only at Debug.</summary>
    public static IApplicationBuilder UseDashboardRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options => options.GetLevel = (context, _, exception) =>
            exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
            : IsPlumbing(context.Request.Path) ? LogEventLevel.Debug
            : LogEventLevel.Information);

    private static bool IsPlumbing(PathString path) =>
        path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content") || path.StartsWithSegments("/_blazor")
        || Path.HasExtension(path.Value);
}
