using Dashboard.Web.Features.Access;

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

/// <summary>How the dashboard gets its Partner Center tokens (<c>PartnerCenter:Authentication</c>).</summary>
public enum PartnerCenterTokens
{
    StaticToken,
    AppOnly,
    AppAndUser,

    /// <summary>A value the dashboard does not know; the Partner Center client's validation names the key.</summary>
    Unrecognized,
}

/// <summary>The <c>PartnerCenter</c> section as the host and the production guard need it, resolved once.</summary>
/// <remarks>A class, not a record: a record's generated ToString would print the secrets it holds into any log line.</remarks>
public sealed class PartnerCenterSettings
{
    /// <summary>What the dashboard acts on: the built-in emulator when <c>PartnerCenter:BaseUrl</c> is empty.</summary>
    public required PartnerCenterTarget Target { get; init; }

    /// <summary><c>PartnerCenter:BaseUrl</c> as configured; null with the built-in emulator.</summary>
    public required string? BaseUrl { get; init; }

    /// <summary><c>PartnerCenter:Environment</c> as configured, for the messages that name it.</summary>
    public required string Environment { get; init; }

    public required PartnerCenterTokens Tokens { get; init; }

    /// <summary>
    /// The bearer token of <c>StaticToken</c> mode. With the built-in emulator and none configured, a random one made for
    /// this process: the emulator answers only the dashboard that holds it.
    /// </summary>
    public required string StaticToken { get; init; }

    /// <summary><c>PartnerCenter:SandboxTenantId</c> as configured (validated to be a GUID).</summary>
    public required string SandboxTenantIdText { get; init; }

    /// <summary>The <c>tid</c> claim of <see cref="StaticToken"/> when it is a JWT: the tenant a static token acts for.</summary>
    public required Guid? StaticTokenTenantId { get; init; }

    public bool IsBuiltInEmulator => Target == PartnerCenterTarget.Emulator;

    /// <summary>The partner tenant the dashboard may cancel for: the configured one, else the emulator's when it is built in.</summary>
    public Guid? SandboxTenantId =>
        Guid.TryParse(SandboxTenantIdText, out var configured) ? configured
        : IsBuiltInEmulator ? Guid.Parse(SandboxGuard.EmulatorTenantId)
        : null;

    public static PartnerCenterSettings Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("PartnerCenter");
        var baseUrl = section["BaseUrl"] is { } url && !string.IsNullOrWhiteSpace(url) ? url.Trim() : null;
        var environment = section["Environment"] ?? "";
        var target = baseUrl is null ? PartnerCenterTarget.Emulator
            : string.Equals(environment, "IntegrationSandbox", StringComparison.OrdinalIgnoreCase) ? PartnerCenterTarget.IntegrationSandbox
            : PartnerCenterTarget.Other;
        var token = section["StaticToken"] is { } configured && !string.IsNullOrWhiteSpace(configured) ? configured
            : target == PartnerCenterTarget.Emulator ? $"emulator-{Guid.NewGuid():N}"
            : "";
        return new PartnerCenterSettings
        {
            Target = target,
            BaseUrl = baseUrl,
            Environment = environment,
            Tokens = TokensOf(section["Authentication"]),
            StaticToken = token,
            SandboxTenantIdText = section["SandboxTenantId"] ?? "",
            StaticTokenTenantId = Guid.TryParse(SandboxGuard.TenantOfToken(token), out var tenant) ? tenant : null,
        };
    }

    private static PartnerCenterTokens TokensOf(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "STATICTOKEN" => PartnerCenterTokens.StaticToken,
        "APPONLY" => PartnerCenterTokens.AppOnly,
        "APPANDUSER" => PartnerCenterTokens.AppAndUser,
        _ => PartnerCenterTokens.Unrecognized,
    };
}
