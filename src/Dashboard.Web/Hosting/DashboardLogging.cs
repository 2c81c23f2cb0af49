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
            (services, logger) => logger
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext(),
            preserveStaticLogger: !ownsStaticLogger);
        return builder;
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
