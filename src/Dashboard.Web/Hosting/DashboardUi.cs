using Dashboard.Web.Components;
using MudBlazor.Services;

namespace Dashboard.Web.Hosting;

internal static class DashboardUi
{
    public static WebApplicationBuilder AddDashboardUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddScoped<Features.Orders.CancelOrderFlow>();
        builder.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.PreventDuplicates = false;
            options.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        return builder;
    }

    public static WebApplication UseDashboardPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseDashboardRequestLogging();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
