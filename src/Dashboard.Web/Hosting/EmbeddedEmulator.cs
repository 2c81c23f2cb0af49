using Dashboard.Emulator;

namespace Dashboard.Web.Hosting;

/// <summary>
/// The Partner Center emulator, started inside the dashboard's process on a free loopback port. The dashboard's
/// client reaches it over real HTTP, exactly as it reaches Partner Center.
/// </summary>
/// <remarks>
/// It starts (its sandbox file created and seeded) on a thread of its own while the dashboard's other services and its
/// web server start, and the host waits for it before it reports itself started: the sign-in page does not wait for the
/// sandbox, and a failed emulator still stops the dashboard's start.
/// </remarks>
public sealed class EmbeddedEmulator(IConfiguration configuration, ILoggerFactory loggerFactory, ILogger<EmbeddedEmulator> logger)
    : IHostedLifecycleService, IAsyncDisposable
{
    private Task<WebApplication>? _starting;
    private WebApplication? _emulator;
    private Uri? _baseAddress;

    /// <summary>
    /// The emulator's root URL. Asked for before the emulator has finished starting (only a client made in the first
    /// moments of the dashboard's life can), it waits for the start.
    /// </summary>
    public Uri BaseAddress
    {
        get
        {
            if (_baseAddress is null && _starting is not null)
            {
                _starting.GetAwaiter().GetResult();
            }

            return _baseAddress ?? throw new InvalidOperationException("The built-in Partner Center emulator has not started yet.");
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Built and started outside the dashboard's execution context: a host that is being built in that context can be
        // taken over by whoever listens to the hosting diagnostics of the dashboard's own host (WebApplicationFactory does).
        using (ExecutionContext.SuppressFlow())
        {
            _starting = Task.Run(() => StartEmulatorAsync(cancellationToken), cancellationToken);
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs after every service's start, the web server's included: the dashboard is started once the emulator is.</summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (_starting is not null)
        {
            await _starting.WaitAsync(cancellationToken);
        }
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (await StartedEmulatorAsync() is { } emulator)
        {
            await emulator.StopAsync(cancellationToken);
        }
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (await StartedEmulatorAsync() is { } emulator)
        {
            await emulator.DisposeAsync();
            _emulator = null;
        }
    }

    private async Task<WebApplication> StartEmulatorAsync(CancellationToken cancellationToken)
    {
        var emulator = EmulatorApp.CreateEmbedded(new EmbeddedEmulatorSettings
        {
            Configuration = configuration.GetSection(EmulatorOptions.SectionName).AsEnumerable(),
            LoggerFactory = loggerFactory,
            // The dashboard's per-process token (PartnerCenterConnection sets it): no one else may use its emulator.
            AccessToken = configuration["PartnerCenter:StaticToken"],
        });
        _emulator = emulator;
        await emulator.StartAsync(cancellationToken);
        var address = new Uri(emulator.Urls.First() + "/");
        if (address.Port == 0)
        {
            throw new InvalidOperationException(
                $"The built-in Partner Center emulator did not bind a port ({emulator.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().GetType().Name} reports {address}).");
        }

        _baseAddress = address;
        logger.LogInformation("Built-in Partner Center emulator listening on {EmulatorUrl}", _baseAddress);
        return emulator;
    }

    // The emulator as far as it got: a start that failed or is still going is waited for, and its error is the start's
    // to report, not the stop's.
    private async Task<WebApplication?> StartedEmulatorAsync()
    {
        if (_starting is not null)
        {
            await ((Task)_starting).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return _emulator;
    }
}
