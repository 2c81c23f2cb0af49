using Dashboard.Web.Features.Access;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

/// <summary>Checks <see cref="DashboardSettings"/> at start-up; every message names the key to fix.</summary>
internal sealed class DashboardSettingsValidator : IValidateOptions<DashboardSettings>
{
    public ValidateOptionsResult Validate(string? name, DashboardSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [.. SignIn(options.SignIn), .. PartnerCenter(options.PartnerCenter, options.SignIn), .. SharedState(options), .. Store(options.Store), .. Telemetry(options.Telemetry)];
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> SignIn(SignInSettings signIn)
    {
        if (signIn.Mode == SignInMode.Missing)
        {
            yield return "Entra ID sign-in is required outside Development: set AzureAd:TenantId and AzureAd:ClientId (the dashboard's app registration). "
                + "The local development sign-in is offered only when ASPNETCORE_ENVIRONMENT is Development.";
            yield break;
        }

        if (signIn.Mode != SignInMode.Entra)
        {
            yield break;
        }

        foreach (var key in signIn.MissingEntraKeys)
        {
            yield return $"{key} is required for Entra ID sign-in (AzureAd is only partly configured).";
        }

        if (!signIn.HasCredential)
        {
            yield return "AzureAd:ClientCredentials is required for Entra ID sign-in: the app redeems the sign-in's authorization code with a "
                + "client secret or certificate, kept in user secrets or the environment, never in a committed file.";
        }

        if (TenantIdProblem(signIn) is { } tenant)
        {
            yield return tenant;
        }

        if (signIn.Authority.Length > 0 && !NamesTheTenant(signIn.Authority, signIn.TenantId))
        {
            yield return $"AzureAd:Authority must name the tenant of AzureAd:TenantId, e.g. https://login.microsoftonline.com/{signIn.TenantIdText}/v2.0 "
                + $"(it is '{signIn.Authority}'): it wins over AzureAd:TenantId, and 'common' or another tenant would let users of other tenants sign in. "
                + "Leave it empty to use AzureAd:Instance and AzureAd:TenantId.";
        }
    }

    private static bool NamesTheTenant(string authority, Guid? tenant) =>
        tenant is { } id
        && Uri.TryCreate(authority, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps
        && uri.Segments.Length >= 2
        && Guid.TryParse(uri.Segments[1].TrimEnd('/'), out var named)
        && named == id;

    private static IEnumerable<string> PartnerCenter(PartnerCenterSettings partnerCenter, SignInSettings signIn)
    {
        if (!string.IsNullOrWhiteSpace(partnerCenter.SandboxTenantIdText) && !Guid.TryParse(partnerCenter.SandboxTenantIdText, out _))
        {
            yield return "PartnerCenter:SandboxTenantId must be the integration sandbox's partner tenant id, a GUID.";
        }

        if (partnerCenter.Tokens == PartnerCenterTokens.Unrecognized)
        {
            yield return "PartnerCenter:Authentication must be StaticToken, AppOnly or AppAndUser.";
        }

        if (partnerCenter.IsBuiltInEmulator && partnerCenter.Tokens is PartnerCenterTokens.AppOnly or PartnerCenterTokens.AppAndUser)
        {
            yield return "PartnerCenter:Authentication must be StaticToken with the built-in emulator (PartnerCenter:BaseUrl empty): "
                + "the emulator answers only the dashboard's own token. Set PartnerCenter:BaseUrl to use Entra ID tokens.";
        }

        if (partnerCenter.Tokens is not (PartnerCenterTokens.AppOnly or PartnerCenterTokens.AppAndUser))
        {
            yield break;
        }

        var why = $"when PartnerCenter:Authentication is {partnerCenter.Tokens}";
        if (string.IsNullOrWhiteSpace(signIn.TenantIdText))
        {
            yield return $"AzureAd:TenantId is required {why}: the partner's Entra tenant id (the integration sandbox's own tenant).";
        }
        else if (signIn.Mode != SignInMode.Entra && TenantIdProblem(signIn) is { } tenant)
        {
            yield return tenant;
        }

        if (signIn.MissingEntraKeys.Contains("AzureAd:ClientId"))
        {
            yield return $"AzureAd:ClientId is required {why}: the application (client) id of the app registration.";
        }

        if (!signIn.HasCredential)
        {
            yield return $"AzureAd:ClientCredentials is required {why}: a client secret or certificate, from user secrets or the environment, never a committed file.";
        }
    }

    // "common", "organizations" or a domain name would let users of any tenant (or the wrong one) sign in.
    private static string? TenantIdProblem(SignInSettings signIn) =>
        signIn.TenantIdText.Length > 0 && signIn.TenantId is null
            ? $"AzureAd:TenantId must be the tenant id of the dashboard's app registration, a GUID (it is '{signIn.TenantIdText}'): "
              + "'common', 'organizations' or a domain name would let users of other tenants sign in."
            : null;

    private static IEnumerable<string> Store(StoreSettings store)
    {
        if (store.Provider is null)
        {
            yield return $"Store:Provider must be Sqlite or PostgreSql (it is '{store.ProviderText}').";
        }
        else if (store.ConnectionString.Length == 0)
        {
            yield return $"Store:ConnectionString is required with Store:Provider={store.Provider}, e.g. 'Host=db;Database=dashboard;Username=dashboard;Password=...'.";
        }
    }

    private static IEnumerable<string> Telemetry(TelemetrySettings telemetry)
    {
        if (telemetry.EndpointText.Length > 0 && telemetry.Endpoint is null)
        {
            yield return $"OTEL_EXPORTER_OTLP_ENDPOINT must be an http or https address, e.g. http://collector:4317 (it is '{telemetry.EndpointText}').";
        }

        if (telemetry.Protocol is null)
        {
            yield return "OTEL_EXPORTER_OTLP_PROTOCOL must be grpc or http/protobuf.";
        }
    }

    private static IEnumerable<string> SharedState(DashboardSettings settings)
    {
        var shared = settings.SharedState;
        if (shared.CertificatePath is not null)
        {
            var (certificate, problem) = shared.LoadCertificate();
            certificate?.Dispose();
            if (problem is not null)
            {
                yield return problem;
            }
        }
        else if (shared.Redis is not null && !settings.IsDevelopment)
        {
            yield return "DataProtection:CertificatePath is required with Redis (Redis:Configuration) outside Development: the keys that protect the sign-in "
                + "cookie are kept in Redis, and without a certificate to encrypt them whoever reads Redis could forge a sign-in. "
                + "Give a .pfx file with a private key (and DataProtection:CertificatePassword).";
        }
    }
}
