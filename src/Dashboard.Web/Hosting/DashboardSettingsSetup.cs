namespace Dashboard.Web.Hosting;

internal static class DashboardSettingsSetup
{
    /// <summary>
    /// Resolves <see cref="DashboardSettings"/> from configuration once, registers it (validated when the host starts)
    /// and returns it for the registrations that depend on it.
    /// </summary>
    public static DashboardSettings AddDashboardSettings(this WebApplicationBuilder builder)
    {
        var settings = DashboardSettings.Resolve(builder.Configuration, builder.Environment);
        builder.Services.AddResolvedSettings<DashboardSettings, DashboardSettingsValidator>(settings);
        builder.Services.AddSingleton(settings.Telemetry);
        return settings;
    }
}
