using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Emulator.Api;
using Dashboard.Emulator.Features.Admin;
using Dashboard.Emulator.Features.AuditRecords;
using Dashboard.Emulator.Features.Customers;
using Dashboard.Emulator.Features.Entitlements;
using Dashboard.Emulator.Features.Orders;
using Dashboard.Emulator.Features.Products;
using Dashboard.Emulator.Storage;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Emulator;

/// <summary>How an emulator is hosted inside another process (the dashboard, a test).</summary>
public sealed class EmbeddedEmulatorSettings
{
    /// <summary>Where to listen. Port 0 picks a free port; read the chosen one from <c>WebApplication.Urls</c> after start.</summary>
    public string Url { get; init; } = "http://127.0.0.1:0";

    /// <summary>The <c>Emulator:*</c> keys, as the standalone emulator would read them from its configuration.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Configuration { get; init; } = [];

    /// <summary>The host's logger factory, so that the emulator logs through the host's pipeline.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The clock; tests pass a fake one.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>
    /// The token every <c>/v1</c> and <c>/emulator</c> request must carry (<c>Authorization: Bearer ...</c>); with it, only
    /// the hosts 127.0.0.1 and localhost are answered. Wins over <c>Emulator:AccessToken</c>. Null or empty: open.
    /// </summary>
    public string? AccessToken { get; init; }
}

/// <summary>Builds the Partner Center integration-sandbox emulator: a real HTTP server with its state in SQLite.</summary>
public static class EmulatorApp
{
    /// <summary>The standalone emulator, configured from the command line, the environment and appsettings like any ASP.NET Core app.</summary>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // One line per request is the emulator's story; EF Core's SQL and ASP.NET Core's routing chatter are not.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result", LogLevel.Warning);
        // WebApplication.CreateBuilder already puts host filtering first in the pipeline (AllowedHosts).
        return Build(builder, addHostFiltering: false);
    }

    /// <summary>
    /// An emulator for another process to start and stop. It reads no configuration files or environment variables
    /// of its host (which would make it bind the host's URLs); it gets exactly the settings passed in.
    /// </summary>
    public static WebApplication CreateEmbedded(EmbeddedEmulatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorApp).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore().UseUrls(settings.Url);
        // The host owns the process: no Ctrl+C handling and no "Now listening on" lines that name the wrong URL.
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.Configuration.AddInMemoryCollection(settings.Configuration);
        if (!string.IsNullOrEmpty(settings.AccessToken))
        {
            builder.Configuration.AddInMemoryCollection([new($"{EmulatorOptions.SectionName}:{nameof(EmulatorOptions.AccessToken)}", settings.AccessToken)]);
        }

        if (settings.LoggerFactory is not null)
        {
            builder.Services.AddSingleton<ILoggerFactory>(new HostLoggerFactory(settings.LoggerFactory));
        }

        if (settings.TimeProvider is not null)
        {
            builder.Services.AddSingleton(settings.TimeProvider);
        }

        return Build(builder, addHostFiltering: true);
    }

    private static WebApplication Build(WebApplicationBuilder builder, bool addHostFiltering)
    {
        // With an access token, only loopback host names: a web page that rebinds its own name to 127.0.0.1 gets 400.
        var restricted = !string.IsNullOrEmpty(builder.Configuration[$"{EmulatorOptions.SectionName}:{nameof(EmulatorOptions.AccessToken)}"]);
        if (restricted)
        {
            builder.Services.PostConfigure<HostFilteringOptions>(hosts => hosts.AllowedHosts = EmulatorAccess.LoopbackHosts);
        }

        builder.Services.AddRoutingCore();
        builder.Services.AddOptions<EmulatorOptions>()
            .BindConfiguration(EmulatorOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddDbContext<SandboxDbContext>((services, db) =>
            db.UseSqlite($"Data Source={services.GetRequiredService<IOptions<EmulatorOptions>>().Value.ResolveDataPath()}"));
        builder.Services.AddSingleton<SandboxDatabase>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SandboxDatabase>());
        builder.Services.AddSingleton<OrderCancellation>();
        builder.Services.AddSingleton<ChangeGate>();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSingleton<FaultSettings>();
        builder.Services.AddSingleton<EmulatorAccess>();
        builder.Services.AddSingleton<TenantThrottle>();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, EmulatorJson.Default);
        });

        var app = builder.Build();
        if (restricted && addHostFiltering)
        {
            app.UseHostFiltering();
        }

        // The Partner Center API: ids echoed, bearer token required, per-tenant throttling, then any injected faults.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/v1"), v1 => v1
            .UsePartnerCenterHeaders()
            .UseTenantThrottling()
            .UseFaultInjection());

        var v1 = app.MapGroup("/v1");
        v1.MapCustomers();
        v1.MapOrders();
        v1.MapEntitlements();
        v1.MapProducts();
        v1.MapAuditRecords();
        // Anything else under /v1 is a Partner Center 404 with its error body, not an empty one.
        v1.MapFallback(() => PartnerCenterErrors.ResourceNotFound());
        // The emulator's own controls: never throttled or faulted; with an access token, only for its holder.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/emulator"), admin => admin.UseAdminAccess());
        app.MapGroup("/emulator").MapAdmin();
        return app;
    }
}

/// <summary>The lifetime of an emulator hosted in another process: started and stopped by that process only.</summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// The host's logger factory minus the emulator's "Now listening on" lines, which would sit next to the host's own and
/// point users at the wrong URL. Not disposed with the emulator: it belongs to the host.
/// </summary>
internal sealed class HostLoggerFactory(ILoggerFactory host) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) =>
        categoryName == "Microsoft.Hosting.Lifetime" ? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance : host.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => host.AddProvider(provider);

    public void Dispose()
    {
    }
}
