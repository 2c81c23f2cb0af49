using Dashboard.Orders;

namespace Dashboard.Web.Hosting;

/// <summary>Where Partner Center calls go, so the UI can say it plainly; for the built-in emulator, known once it has started.</summary>
public sealed class PartnerCenterConnection(Func<Uri> address)
{
    public Uri Address => address();
}

internal static class PartnerCenterSetup
{
    /// <summary>
    /// An empty <c>PartnerCenter:BaseUrl</c> starts the built-in emulator and points the client at it, with the
    /// dashboard's per-process token; otherwise every call goes to the configured URL. The client code is the same.
    /// </summary>
    public static WebApplicationBuilder AddPartnerCenter(this WebApplicationBuilder builder, PartnerCenterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.IsBuiltInEmulator)
        {
            builder.Services.AddOrders();
            builder.Services.AddSingleton(new PartnerCenterConnection(() => new Uri(settings.BaseUrl!)));
            return builder;
        }

        // The client binds its own options from configuration: it gets the token made for this process, if one was.
        builder.Configuration.AddInMemoryCollection([new("PartnerCenter:StaticToken", settings.StaticToken)]);
        builder.Services.AddSingleton<EmbeddedEmulator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedEmulator>());
        builder.Services.AddOrders(sp => sp.GetRequiredService<EmbeddedEmulator>().BaseAddress);
        builder.Services.AddSingleton(sp => new PartnerCenterConnection(() => sp.GetRequiredService<EmbeddedEmulator>().BaseAddress));
        return builder;
    }
}
