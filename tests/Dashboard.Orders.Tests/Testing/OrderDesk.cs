using Dashboard.Testing;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Orders.Tests.Testing;

/// <summary>
/// The order service wired as the dashboard wires it (configuration, logging, <c>AddOrders</c>), with Partner Center
/// at a real address on loopback.
/// </summary>
internal sealed class OrderDesk : IAsyncDisposable
{
    public const string Token = "sod-orders-token.T3JkZXJEZXNr";

    private readonly ServiceProvider _services;
    private readonly AsyncServiceScope _scope;

    private OrderDesk(ServiceProvider services, CapturedLogs logs)
    {
        _services = services;
        _scope = services.CreateAsyncScope();
        Logs = logs;
    }

    public IOrderService Orders => _scope.ServiceProvider.GetRequiredService<IOrderService>();

    /// <summary>The snapshots of customers' orders that every circuit of this host shares.</summary>
    public Dashboard.Orders.Snapshots.OrderSnapshots Snapshots => _services.GetRequiredService<Dashboard.Orders.Snapshots.OrderSnapshots>();

    /// <summary>Another circuit of the same host: its own scope, hence its own order service, the same snapshots.</summary>
    public AsyncServiceScope NewCircuit() => _services.CreateAsyncScope();

    /// <summary>Everything the order service and the client below it logged, at every level.</summary>
    public CapturedLogs Logs { get; }

    /// <summary>
    /// An order desk whose Partner Center is at <paramref name="partnerCenterRoot"/>; later settings win. Reads are not
    /// retried unless a test sets <c>PartnerCenter:MaxRetries</c>, so that one canned answer is one answer.
    /// </summary>
    public static OrderDesk For(Uri partnerCenterRoot, params (string Key, string? Value)[] settings) => For(partnerCenterRoot, null, settings);

    /// <summary>The same, with the clock the resilience pipeline and the order service wait on.</summary>
    public static OrderDesk For(Uri partnerCenterRoot, TimeProvider? time, params (string Key, string? Value)[] settings) =>
        For(partnerCenterRoot, time, new CancelsAllowed(), settings);

    /// <summary>
    /// The same, with the host's say on cancelling (the dashboard's is the role and the production guard). The other
    /// overloads allow every cancel, as for an operator in the sandbox.
    /// </summary>
    public static OrderDesk For(Uri partnerCenterRoot, TimeProvider? time, ICancelAuthorization cancels, params (string Key, string? Value)[] settings) =>
        For(partnerCenterRoot, time, cancels, null, settings);

    /// <summary>The same, with services of the host's own (an Entra ID double, a current user) added before <c>AddOrders</c>.</summary>
    public static OrderDesk For(
        Uri partnerCenterRoot, TimeProvider? time, ICancelAuthorization cancels, Action<IServiceCollection>? host, params (string Key, string? Value)[] settings)
    {
        (string Key, string? Value)[] all = [("PartnerCenter:StaticToken", Token), ("PartnerCenter:MaxRetries", "0"), .. settings];
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(all.GroupBy(s => s.Key).Select(g => new KeyValuePair<string, string?>(g.Key, g.Last().Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        var logs = new CapturedLogs();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton(cancels);
        host?.Invoke(services);
        services.AddOrders(sp => partnerCenterRoot);
        return new OrderDesk(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }), logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
    }
}

/// <summary>An operator in the sandbox: every cancel may be sent.</summary>
internal sealed class CancelsAllowed : ICancelAuthorization
{
    public Task<string?> WhyNotAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

/// <summary>A host that refuses every cancel with <paramref name="why"/>, and counts how often it was asked.</summary>
internal sealed class CancelsRefused(string why) : ICancelAuthorization
{
    public int Asked { get; private set; }

    public Task<string?> WhyNotAsync(CancellationToken cancellationToken)
    {
        Asked++;
        return Task.FromResult<string?>(why);
    }
}
