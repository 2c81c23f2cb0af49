using Dashboard.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.PartnerCenter.Tests.Testing;

/// <summary>
/// The Partner Center client wired as the dashboard wires it (configuration, logging, <c>AddPartnerCenterClient</c>),
/// pointed at a real server on loopback.
/// </summary>
internal sealed class PartnerCenterClient : IAsyncDisposable
{
    /// <summary>A token that looks like nothing else in a log line, so that finding it means it leaked.</summary>
    public const string Token = "sod-token.Q2xpZW50VGVzdFNlY3JldA~";

    private readonly ServiceProvider _services;
    private readonly AsyncServiceScope _scope;
    private readonly TimeProvider? _time;

    private PartnerCenterClient(ServiceProvider services, CapturedLogs logs, TimeProvider? time)
    {
        _services = services;
        _scope = services.CreateAsyncScope();
        Logs = logs;
        _time = time;
    }

    public IPartnerCenterApi Api => _scope.ServiceProvider.GetRequiredService<IPartnerCenterApi>();

    public IServiceProvider Services => _scope.ServiceProvider;

    /// <summary>Everything the client logged, at every level.</summary>
    public CapturedLogs Logs { get; }

    /// <summary>
    /// A client whose calls go to <paramref name="serviceRoot"/>, as the built-in emulator wiring does it. Reads are not
    /// retried unless a test sets <c>PartnerCenter:MaxRetries</c>, so that one canned answer is one answer.
    /// </summary>
    public static PartnerCenterClient For(Uri serviceRoot, params (string Key, string? Value)[] settings) =>
        Create(sp => serviceRoot, null, [("PartnerCenter:StaticToken", Token), ("PartnerCenter:MaxRetries", "0"), .. settings]);

    /// <summary>The same, with the clock the resilience pipeline waits on.</summary>
    public static PartnerCenterClient For(Uri serviceRoot, TimeProvider time, params (string Key, string? Value)[] settings) =>
        Create(sp => serviceRoot, time, [("PartnerCenter:StaticToken", Token), ("PartnerCenter:MaxRetries", "0"), .. settings]);

    /// <summary>
    /// The same, with services of the host's that the client resolves, such as the <c>IAuthorizationHeaderProvider</c>
    /// Microsoft.Identity.Web registers; <paramref name="hostServices"/> runs after <c>AddPartnerCenterClient</c>.
    /// </summary>
    public static PartnerCenterClient For(Uri serviceRoot, Action<IServiceCollection> hostServices, params (string Key, string? Value)[] settings) =>
        Create(sp => serviceRoot, null, [("PartnerCenter:StaticToken", Token), ("PartnerCenter:MaxRetries", "0"), .. settings], hostServices);

    /// <summary>The same, with the clock the resilience pipeline waits on and services of the host's.</summary>
    public static PartnerCenterClient For(
        Uri serviceRoot, TimeProvider time, Action<IServiceCollection> hostServices, params (string Key, string? Value)[] settings) =>
        Create(sp => serviceRoot, time, [("PartnerCenter:StaticToken", Token), ("PartnerCenter:MaxRetries", "0"), .. settings], hostServices);

    /// <summary>A client that finds Partner Center through <c>PartnerCenter:BaseUrl</c> alone.</summary>
    public static PartnerCenterClient FromConfiguration(params (string Key, string? Value)[] settings) =>
        Create(null, null, [("PartnerCenter:StaticToken", Token), ("PartnerCenter:MaxRetries", "0"), .. settings]);

    private static PartnerCenterClient Create(
        Func<IServiceProvider, Uri>? serviceRoot, TimeProvider? time, (string Key, string? Value)[] settings, Action<IServiceCollection>? hostServices = null)
    {
        // Later settings win, so a test can replace the default token.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.GroupBy(s => s.Key).Select(g => new KeyValuePair<string, string?>(g.Key, g.Last().Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        var logs = new CapturedLogs();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddPartnerCenterClient(serviceRoot);
        hostServices?.Invoke(services);
        return new PartnerCenterClient(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }), logs, time);
    }

    public async ValueTask DisposeAsync()
    {
        // Disposing the resilience pipeline waits, on the pipeline's clock, for the calls still running. A test that
        // failed half-way leaves a call waiting on a fake clock nobody moves any more: keep it moving until done.
        using var disposed = new CancellationTokenSource();
        var ticking = _time is FakeTimeProvider fake ? KeepMovingAsync(fake, disposed.Token) : Task.CompletedTask;
        try
        {
            await _scope.DisposeAsync();
            await _services.DisposeAsync();
        }
        finally
        {
            await disposed.CancelAsync();
            await ticking;
        }
    }

    private static async Task KeepMovingAsync(FakeTimeProvider time, CancellationToken disposed)
    {
        while (!disposed.IsCancellationRequested)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5, CancellationToken.None);
        }
    }
}
