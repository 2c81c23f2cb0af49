namespace Dashboard.Web.Hosting;

/// <summary>
/// Whether and where the dashboard sends OpenTelemetry traces, metrics and logs: the standard variables
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (unset: nothing is sent, nothing is collected), <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>
/// (<c>grpc</c>, the .NET exporter's default, or <c>http/protobuf</c>) and <c>OTEL_SERVICE_NAME</c>.
/// </summary>
public sealed class TelemetrySettings
{
    public const string DefaultServiceName = "sandbox-order-desk";

    /// <summary>The collector's address, or null: OpenTelemetry is off.</summary>
    public required Uri? Endpoint { get; init; }

    /// <summary>What <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> says, as written, for the message when it is not an address.</summary>
    public required string EndpointText { get; init; }

    /// <summary>True for <c>http/protobuf</c>; false for <c>grpc</c>.</summary>
    public required bool HttpProtobuf { get; init; }

    /// <summary>What <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> says, or null when it names no protocol the exporters know.</summary>
    public required string? Protocol { get; init; }

    public required string ServiceName { get; init; }

    public bool Enabled => Endpoint is not null;

    public static TelemetrySettings Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]?.Trim() ?? "";
        var protocol = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"]?.Trim() is { Length: > 0 } named ? named.ToLowerInvariant() : "grpc";
        return new TelemetrySettings
        {
            Endpoint = Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null,
            EndpointText = endpoint,
            HttpProtobuf = protocol == "http/protobuf",
            Protocol = protocol is "grpc" or "http/protobuf" ? protocol : null,
            ServiceName = configuration["OTEL_SERVICE_NAME"]?.Trim() is { Length: > 0 } name ? name : DefaultServiceName,
        };
    }
}
