using Dashboard.Emulator;

namespace Dashboard.Web.Hosting;

/// <summary>
/// The Partner Center emulator, started inside the dashboard's process on a free loopback port. The dashboard's
/// client reaches it over real HTTP, exactly as it reaches Partner Center.
/// </summary>
public sealed class EmbeddedEmulator(IConfiguration configuration, ILoggerFactory loggerFactory, ILogger<EmbeddedEmulator> logger)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _emulator;
    private Uri? _baseAddress;

    /// <summary>The emulator's root URL; available once the host has started.</summary>
    public Uri BaseAddress => _baseAddress ?? throw new InvalidOperationException("The built-in Partner Center emulator has not started yet.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Built and started outside the dashboard's execution context: a host that is being built in that context can be
        // taken over by whoever listens to the hosting diagnostics of the dashboard's own host (WebApplicationFactory does).
        Task<WebApplication> starting;
        using (ExecutionContext.SuppressFlow())
        {
            starting = Task.Run(async () =>
            {
                var emulator = EmulatorApp.CreateEmbedded(new EmbeddedEmulatorSettings
                {
                    Configuration = configuration.GetSection(EmulatorOptions.SectionName).AsEnumerable(),
                    LoggerFactory = loggerFactory,
                    // The dashboard's per-process token (PartnerCenterConnection sets it): no one else may use its emulator.
                    AccessToken = configuration["PartnerCenter:StaticToken"],
                });
                await emulator.StartAsync(cancellationToken);
                return emulator;
            }, cancellationToken);
        }

        _emulator = await starting;
        var address = new Uri(_emulator.Urls.First() + "/");
        if (address.Port == 0)
        {
            throw new InvalidOperationException(
                $"The built-in Partner Center emulator did not bind a port ({_emulator.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().GetType().Name} reports {address}).");
        }

        _baseAddress = address;
        logger.LogInformation("Built-in Partner Center emulator listening on {EmulatorUrl}", _baseAddress);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_emulator is not null)
        {
            await _emulator.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
            _emulator = null;
        }
    }
}
