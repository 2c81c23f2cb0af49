namespace Dashboard.Web.Hosting;

/// <summary>
/// Where the circuits' connections go: to this instance (the default; several instances then need session affinity at
/// the load balancer), or through Azure SignalR Service (<c>Azure:SignalR:ConnectionString</c>), which keeps each
/// browser on the instance that holds its circuit.
/// </summary>
/// <remarks>A class, not a record: the connection string holds an access key, which a record's ToString would print.</remarks>
public sealed class CircuitSettings
{
    /// <summary>The Azure SignalR Service connection string, or null.</summary>
    public required string? AzureSignalR { get; init; }

    public static CircuitSettings Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new CircuitSettings
        {
            AzureSignalR = configuration["Azure:SignalR:ConnectionString"] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null,
        };
    }
}
