using System.Security.Claims;
using Dashboard.Web.Hosting;

namespace Dashboard.Web.Features.Access;

/// <summary>
/// Keeps cancels to the integration sandbox. The dashboard cancels only when Partner Center is the built-in emulator,
/// or when <c>PartnerCenter:Environment</c> is <c>IntegrationSandbox</c> and the partner tenant it acts for (the
/// signed-in user's, the app's with AppOnly, the static token's) is <c>PartnerCenter:SandboxTenantId</c>. Anything else
/// is refused with the reason, in the UI and in the order service. It reads the settings resolved at start-up, the same
/// ones the badge in the app bar shows.
/// </summary>
public sealed class SandboxGuard(DashboardSettings settings)
{
    /// <summary>The partner tenant of the built-in emulator, used when no sandbox tenant is configured for it.</summary>
    public const string EmulatorTenantId = "e1e1e1e1-5a4d-4b0c-8e5d-0ea0c0de0001";

    private const string TenantClaim = "http://schemas.microsoft.com/identity/claims/tenantid";

    private readonly PartnerCenterSettings _partnerCenter = settings.PartnerCenter;

    /// <summary>The tenant the dashboard may cancel for: the configured one, else the emulator's when it is built in.</summary>
    public string? SandboxTenantId => _partnerCenter.SandboxTenantId?.ToString();

    /// <summary>Null when a cancel for <paramref name="user"/> may be sent; otherwise why not, fit to show.</summary>
    public string? WhyNot(ClaimsPrincipal? user)
    {
        if (_partnerCenter.Target == PartnerCenterTarget.Other)
        {
            var environment = string.IsNullOrWhiteSpace(_partnerCenter.Environment) ? "not set" : $"'{_partnerCenter.Environment}'";
            return $"Cancelling is turned off: PartnerCenter:Environment is {environment}. The dashboard cancels only in an integration sandbox (PartnerCenter:Environment = IntegrationSandbox).";
        }

        if (_partnerCenter.SandboxTenantId is not { } sandbox)
        {
            return "Cancelling is turned off: PartnerCenter:SandboxTenantId is not set, so the dashboard cannot tell that it acts for the integration sandbox account.";
        }

        var acting = ActingTenant(user, out var actingAs);
        if (acting is null)
        {
            return $"Cancelling is turned off: the dashboard cannot tell which partner tenant it acts for ({actingAs} has no tenant id).";
        }

        return acting == sandbox
            ? null
            : $"Cancelling is turned off: the dashboard acts for partner tenant {acting}, which is not the integration sandbox tenant {sandbox} (PartnerCenter:SandboxTenantId).";
    }

    /// <summary>
    /// The partner tenant Partner Center calls are made for: the app's with AppOnly, the static token's with a static
    /// token against a real Partner Center, else the signed-in user's.
    /// </summary>
    private Guid? ActingTenant(ClaimsPrincipal? user, out string actingAs)
    {
        if (_partnerCenter.Tokens == PartnerCenterTokens.AppOnly)
        {
            actingAs = "the app's AzureAd:TenantId";
            return settings.SignIn.TenantId;
        }

        if (!_partnerCenter.IsBuiltInEmulator && _partnerCenter.Tokens == PartnerCenterTokens.StaticToken)
        {
            actingAs = "PartnerCenter:StaticToken";
            return _partnerCenter.StaticTokenTenantId;
        }

        actingAs = "the signed-in user";
        return Guid.TryParse(user?.FindFirst("tid")?.Value ?? user?.FindFirst(TenantClaim)?.Value, out var tenant) ? tenant : null;
    }

    /// <summary>The <c>tid</c> claim of a JWT, read without validating it; null for anything else.</summary>
    public static string? TenantOfToken(string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 })
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var claims = System.Text.Json.JsonDocument.Parse(Convert.FromBase64String(payload));
            return claims.RootElement.TryGetProperty("tid", out var tid) && tid.ValueKind == System.Text.Json.JsonValueKind.String ? tid.GetString() : null;
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
