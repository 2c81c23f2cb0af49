using Dashboard.Web.Components;
using Dashboard.Web.Features.Access;
using Dashboard.Web.Features.Activity;
using Dashboard.Web.Features.Jobs;
using MudBlazor.Services;

namespace Dashboard.Web.Hosting;

internal static class DashboardUi
{
    public static WebApplicationBuilder AddDashboardUi(this WebApplicationBuilder builder, CircuitSettings circuits)
    {
        ArgumentNullException.ThrowIfNull(circuits);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        if (circuits.AzureSignalR is { } azure)
        {
            // Azure SignalR Service carries the circuits' connections; "required" sticky mode sends every message of a
            // circuit to the instance that holds it, the one thing Blazor Server needs from it.
            builder.Services.AddSignalR().AddAzureSignalR(service =>
            {
                service.ConnectionString = azure;
                service.ServerStickyMode = Microsoft.Azure.SignalR.ServerStickyMode.Required;
            });
        }

        builder.Services.AddRecordedDownloadLimits();
        builder.Services.AddScoped<Features.Orders.CancelOrderFlow>();
        builder.Services.AddScoped<Features.Jobs.JobFlows>();
        builder.Services.AddSingleton<Components.Layout.ActiveJobsCount>();
        builder.Services.AddOptions<UiOptions>().BindConfiguration(UiOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<UiOptions>, UiOptionsValidator>();
        builder.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.PreventDuplicates = false;
            options.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        return builder;
    }

    /// <summary>
    /// Security headers, this machine only while the development sign-in is the way in, HTTPS outside Development,
    /// sign-in and the policies, anti-forgery; then the endpoints: static files and health for anyone, sign-in and
    /// sign-out, and the pages, which need a signed-in user.
    /// </summary>
    public static WebApplication UseDashboardPipeline(this WebApplication app, DashboardSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        app.UseSecurityHeaders(settings.SignIn.Mode == SignInMode.Entra ? settings.SignIn.Instance : null);
        if (settings.SignIn.Mode == SignInMode.Development)
        {
            app.UseLocalMachineOnly();
        }

        if (!settings.IsDevelopment)
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseDashboardRequestLogging();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapDashboardHealth();
        app.MapSignInEndpoints(settings.SignIn);
        app.MapJobEndpoints();
        app.MapActivityEndpoints();
        // frame-ancestors is in the app's own policy (SecurityHeaders); Blazor's second policy header would only repeat it.
        // The circuits' WebSockets stay compressed (permessage-deflate, as Blazor's default), but each message the server
        // sends is compressed on its own (no server context takeover): a compressor kept between messages is about
        // 150 KB of native memory in every circuit, more than an idle circuit's whole managed state
        // (docs/performance.md#memory-per-circuit).
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o =>
        {
            o.ContentSecurityFrameAncestorsPolicy = null;
            o.ConfigureWebSocketAcceptContext = (_, accept) =>
            {
                accept.DangerousEnableCompression = true;
                accept.DisableServerContextTakeover = true;
                return Task.CompletedTask;
            };
        });
        return app;
    }
}
