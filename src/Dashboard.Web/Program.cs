using Dashboard.Web.Features.Access;
using Dashboard.Web.Hosting;
using Serilog;

var ownsStaticLogger = DashboardLogging.CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddDashboardLogging(ownsStaticLogger);
    var settings = builder.AddDashboardSettings();
    builder.AddDashboardUi(settings.Circuits);
    builder.AddPartnerCenter(settings.PartnerCenter);
    builder.AddStoreAndJobs(settings.Store);
    builder.AddSharedState(settings);
    builder.AddDashboardHealth(settings);
    builder.AddDashboardTelemetry(settings.Telemetry);
    builder.AddPartnerCenterAuthentication(settings.PartnerCenter);
    builder.AddDashboardAccess(settings);

    var app = builder.Build();
    app.UseDashboardPipeline(settings);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "Sandbox Order Desk stopped unexpectedly");
    return 1;
}
finally
{
    if (ownsStaticLogger)
    {
        await Log.CloseAndFlushAsync();
    }
}

/// <summary>The web host's entry point, public so that tests can start the real app.</summary>
public partial class Program;
