using Dashboard.Web.Features.Access;

namespace Dashboard.Web.Hosting;

/// <summary>
/// What the dashboard's configuration says about how it is hosted, resolved once at start-up and validated there
/// (<see cref="DashboardSettingsValidator"/>). Registrations, the production guard and the pages read this object,
/// never the same raw configuration keys in several places.
/// </summary>
public sealed record DashboardSettings
{
    /// <summary>True in the Development environment: the development sign-in and plain-HTTP cookies are possible.</summary>
    public required bool IsDevelopment { get; init; }

    /// <summary>Which Partner Center the dashboard acts on, and for whom.</summary>
    public required PartnerCenterSettings PartnerCenter { get; init; }

    /// <summary>How people sign in to the dashboard.</summary>
    public required SignInSettings SignIn { get; init; }

    /// <summary>What several instances share: Redis and the certificate that protects the keys kept there.</summary>
    public required SharedStateSettings SharedState { get; init; }

    /// <summary>The dashboard's own database, where jobs live.</summary>
    public required StoreSettings Store { get; init; }

    /// <summary>Where the circuits' connections go: this instance, or Azure SignalR Service.</summary>
    public required CircuitSettings Circuits { get; init; }

    /// <summary>Where OpenTelemetry goes, if anywhere.</summary>
    public required TelemetrySettings Telemetry { get; init; }

    /// <summary>
    /// The partner tenant whose Partner Center limit the calls count against, as far as the configuration tells: the
    /// tenant the tokens act for (the static token's <c>tid</c>, or <c>AzureAd:TenantId</c> for Entra tokens), else
    /// <c>PartnerCenter:SandboxTenantId</c> (the emulator's when built in). Null when nothing says.
    /// </summary>
    public Guid? PartnerTenantId =>
        (PartnerCenter.Tokens == PartnerCenterTokens.StaticToken ? PartnerCenter.StaticTokenTenantId : SignIn.TenantId)
        ?? PartnerCenter.SandboxTenantId;

    public static DashboardSettings Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        return new DashboardSettings
        {
            IsDevelopment = environment.IsDevelopment(),
            PartnerCenter = PartnerCenterSettings.Resolve(configuration),
            SignIn = SignInSettings.Resolve(configuration, environment),
            SharedState = SharedStateSettings.Resolve(configuration),
            Store = StoreSettings.Resolve(configuration),
            Circuits = CircuitSettings.Resolve(configuration),
            Telemetry = TelemetrySettings.Resolve(configuration),
        };
    }
}
