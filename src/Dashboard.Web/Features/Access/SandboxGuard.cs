using System.Security.Claims;
using Dashboard.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Access;

/// <summary>The settings of the production guard, read from the <c>PartnerCenter</c> and <c>AzureAd</c> sections.</summary>
public sealed class SandboxGuardOptions
{
    /// <summary>
    /// The partner tenant of the integration sandbox account (<c>PartnerCenter:SandboxTenantId</c>): the only one the
    /// dashboard cancels for.
    /// </summary>
    public string SandboxTenantId { get; set; } = "";

    /// <summary><c>PartnerCenter:Environment</c> as configured, for the messages.</summary>
    public string Environment { get; set; } = "";

    /// <summary><c>PartnerCenter:Authentication</c>: with AppOnly the dashboard acts for the app's tenant, not the user's.</summary>
    public string Authentication { get; set; } = "StaticToken";

    /// <summary><c>AzureAd:TenantId</c>, the tenant app-only tokens are issued for.</summary>
    public string AppTenantId { get; set; } = "";
}

/// <summary>
/// Keeps cancels to the integration sandbox. The dashboard cancels only when Partner Center is the built-in emulator,
/// or when <c>PartnerCenter:Environment</c> is <c>IntegrationSandbox</c> and the partner tenant it acts for (the
/// signed-in user's, or the app's with AppOnly) is <c>PartnerCenter:SandboxTenantId</c>. Anything else is refused
/// with the reason, in the UI and in the order service.
/// </summary>
public sealed class SandboxGuard(PartnerCenterConnection connection, IOptions<SandboxGuardOptions> options)
{
    /// <summary>The partner tenant of the built-in emulator, used when no sandbox tenant is configured for it.</summary>
    public const string EmulatorTenantId = "e1e1e1e1-5a4d-4b0c-8e5d-0ea0c0de0001";

    private const string TenantClaim = "http://schemas.microsoft.com/identity/claims/tenantid";

    private readonly SandboxGuardOptions _options = options.Value;

    /// <summary>The tenant the dashboard may cancel for: the configured one, else the emulator's when it is built in.</summary>
    public string? SandboxTenantId =>
        Guid.TryParse(_options.SandboxTenantId, out var configured) ? configured.ToString()
        : connection.IsBuiltInEmulator ? EmulatorTenantId
        : null;

    /// <summary>Null when a cancel for <paramref name="user"/> may be sent; otherwise why not, fit to show.</summary>
    public string? WhyNot(ClaimsPrincipal? user)
    {
        if (connection.Target == PartnerCenterTarget.Other)
        {
            var environment = string.IsNullOrWhiteSpace(_options.Environment) ? "not set" : $"'{_options.Environment}'";
            return $"Cancelling is turned off: PartnerCenter:Environment is {environment}. The dashboard cancels only in an integration sandbox (PartnerCenter:Environment = IntegrationSandbox).";
        }

        if (SandboxTenantId is not { } sandbox)
        {
            return "Cancelling is turned off: PartnerCenter:SandboxTenantId is not set, so the dashboard cannot tell that it acts for the integration sandbox account.";
        }

        var acting = ActingTenant(user);
        if (acting is null)
        {
            return "Cancelling is turned off: the dashboard cannot tell which partner tenant it acts for (the signed-in user has no tenant id).";
        }

        return string.Equals(acting, sandbox, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"Cancelling is turned off: the dashboard acts for partner tenant {acting}, which is not the integration sandbox tenant {sandbox} (PartnerCenter:SandboxTenantId).";
    }

    /// <summary>The partner tenant Partner Center calls are made for: the app's with AppOnly, else the signed-in user's.</summary>
    private string? ActingTenant(ClaimsPrincipal? user)
    {
        var tenant = string.Equals(_options.Authentication, "AppOnly", StringComparison.OrdinalIgnoreCase)
            ? _options.AppTenantId
            : user?.FindFirst("tid")?.Value ?? user?.FindFirst(TenantClaim)?.Value;
        return Guid.TryParse(tenant, out var id) ? id.ToString() : null;
    }
}
