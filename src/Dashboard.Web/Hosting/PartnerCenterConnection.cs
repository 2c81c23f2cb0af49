using Dashboard.Orders;

namespace Dashboard.Web.Hosting;

/// <summary>What kind of Partner Center account the dashboard acts on.</summary>
public enum PartnerCenterTarget
{
    /// <summary>The built-in emulator: nothing real is touched.</summary>
    Emulator,

    /// <summary>A real integration sandbox account (<c>PartnerCenter:Environment</c> says so).</summary>
    IntegrationSandbox,

    /// <summary>Anything else: a production account, or one nobody said is a sandbox.</summary>
    Other,
}

/// <summary>Which Partner Center the dashboard talks to, so the UI can say it plainly.</summary>
public sealed class PartnerCenterConnection(PartnerCenterTarget target, Func<Uri> address)
{
    public PartnerCenterTarget Target { get; } = target;

    public bool IsBuiltInEmulator => Target == PartnerCenterTarget.Emulator;

    /// <summary>The service root calls go to; for the built-in emulator, known once it has started.</summary>
    public Uri Address => address();
}

internal static class PartnerCenterSetup
{
    /// <summary>
    /// An empty <c>PartnerCenter:BaseUrl</c> starts the built-in emulator and points the client at it; otherwise
    /// every call goes to the configured URL. The client code is the same either way.
    /// </summary>
    public static WebApplicationBuilder AddPartnerCenter(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!string.IsNullOrWhiteSpace(configuration["PartnerCenter:BaseUrl"]))
        {
            builder.Services.AddOrders();
            var target = string.Equals(configuration["PartnerCenter:Environment"], "IntegrationSandbox", StringComparison.OrdinalIgnoreCase)
                ? PartnerCenterTarget.IntegrationSandbox
                : PartnerCenterTarget.Other;
            builder.Services.AddSingleton(sp => new PartnerCenterConnection(target, () => new Uri(configuration["PartnerCenter:BaseUrl"]!)));
            return builder;
        }

        // The emulator accepts any well-formed bearer token; a per-process one saves a configuration step.
        if (string.IsNullOrWhiteSpace(configuration["PartnerCenter:StaticToken"]))
        {
            configuration.AddInMemoryCollection([new("PartnerCenter:StaticToken", $"emulator-{Guid.NewGuid():N}")]);
        }

        builder.Services.AddSingleton<EmbeddedEmulator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedEmulator>());
        builder.Services.AddOrders(sp => sp.GetRequiredService<EmbeddedEmulator>().BaseAddress);
        builder.Services.AddSingleton(sp => new PartnerCenterConnection(PartnerCenterTarget.Emulator, () => sp.GetRequiredService<EmbeddedEmulator>().BaseAddress));
        return builder;
    }
}
