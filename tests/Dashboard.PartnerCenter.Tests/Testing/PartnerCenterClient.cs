using Dashboard.Testing;
using Microsoft.Extensions.Configuration;

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

    private PartnerCenterClient(ServiceProvider services, CapturedLogs logs)
    {
        _services = services;
        _scope = services.CreateAsyncScope();
        Logs = logs;
    }

    public IPartnerCenterApi Api => _scope.ServiceProvider.GetRequiredService<IPartnerCenterApi>();

    public IServiceProvider Services => _scope.ServiceProvider;

    /// <summary>Everything the client logged, at every level.</summary>
    public CapturedLogs Logs { get; }

    /// <summary>A client whose calls go to <paramref name="serviceRoot"/>, as the built-in emulator wiring does it.</summary>
    public static PartnerCenterClient For(Uri serviceRoot, params (string Key, string? Value)[] settings) =>
        Create(sp => serviceRoot, [("PartnerCenter:StaticToken", Token), .. settings]);

    /// <summary>A client that finds Partner Center through <c>PartnerCenter:BaseUrl</c> alone.</summary>
    public static PartnerCenterClient FromConfiguration(params (string Key, string? Value)[] settings) =>
        Create(null, [("PartnerCenter:StaticToken", Token), .. settings]);

    private static PartnerCenterClient Create(Func<IServiceProvider, Uri>? serviceRoot, (string Key, string? Value)[] settings)
    {
        // Later settings win, so a test can replace the default token.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.GroupBy(s => s.Key).Select(g => new KeyValuePair<string, string?>(g.Key, g.Last().Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        var logs = new CapturedLogs();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddPartnerCenterClient(serviceRoot);
        return new PartnerCenterClient(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }), logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
    }
}
