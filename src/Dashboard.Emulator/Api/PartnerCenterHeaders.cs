using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dashboard.Emulator.Api;

/// <summary>Who is calling, as far as the emulator can tell from the bearer token.</summary>
/// <param name="TenantId">The partner tenant the call counts against (the throttling partition).</param>
/// <param name="IsAppOnly">True for an app-only (client credentials) token.</param>
/// <param name="UserPrincipalName">The signed-in user a JWT names (<c>upn</c>, else <c>preferred_username</c>), if any.</param>
/// <param name="ApplicationId">The client application a JWT names (<c>appid</c>, else <c>azp</c>), if any.</param>
internal sealed record Caller(string TenantId, bool IsAppOnly, string? UserPrincipalName = null, string? ApplicationId = null)
{
    public const string SandboxPartnerTenant = "sandbox-partner";

    public static Caller Of(HttpContext context) => (Caller)context.Items[typeof(Caller)]!;
}

/// <summary>
/// What every Partner Center answer does regardless of the endpoint: echo <c>MS-RequestId</c> and
/// <c>MS-CorrelationId</c> (generating them when absent), and refuse a request without a bearer token (or, when the
/// emulator has an access token, without that one).
/// </summary>
internal static partial class PartnerCenterHeaders
{
    public const string RequestId = "MS-RequestId";
    public const string CorrelationId = "MS-CorrelationId";

    /// <summary>Opaque tokens starting with this are treated as app-only (a convention of the emulator's).</summary>
    public const string AppOnlyTokenPrefix = "app-only";

    public static IApplicationBuilder UsePartnerCenterHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var response = context.Response;
        response.Headers[RequestId] = HeaderOrNew(request, RequestId);
        response.Headers[CorrelationId] = HeaderOrNew(request, CorrelationId);

        var token = BearerToken().Match(request.Headers.Authorization.ToString());
        if (!token.Success || !context.RequestServices.GetRequiredService<EmulatorAccess>().Admits(request))
        {
            response.Headers.WWWAuthenticate = "OAuth realm=urn:cpsvc:cpid:emulator";
            await PartnerCenterErrors.TokenMissing().ExecuteAsync(context);
            return;
        }

        context.Items[typeof(Caller)] = Identify(token.Groups["token"].Value);
        await next(context);
    });

    private static string HeaderOrNew(HttpRequest request, string name)
    {
        var value = request.Headers[name].ToString();
        return string.IsNullOrWhiteSpace(value) ? Guid.NewGuid().ToString() : value;
    }

    /// <summary>
    /// The emulator cannot validate Entra tokens. It reads a JWT's claims without checking the signature: <c>tid</c>
    /// names the partner tenant, and <c>idtyp: app</c> (or <c>roles</c> without <c>scp</c>) marks an app-only token.
    /// Any other token belongs to the one sandbox partner and counts as App+User unless it starts with "app-only".
    /// </summary>
    private static Caller Identify(string token)
    {
        var parts = token.Split('.');
        if (parts.Length == 3 && TryReadClaims(parts[1], out var claims))
        {
            var tenant = Claim(claims, "tid") ?? Caller.SandboxPartnerTenant;
            var appOnly = Claim(claims, "idtyp") == "app"
                || (claims.TryGetProperty("roles", out _) && !claims.TryGetProperty("scp", out _));
            return new Caller(tenant, appOnly, Claim(claims, "upn") ?? Claim(claims, "preferred_username"), Claim(claims, "appid") ?? Claim(claims, "azp"));
        }

        return new Caller(Caller.SandboxPartnerTenant, token.StartsWith(AppOnlyTokenPrefix, StringComparison.OrdinalIgnoreCase));
    }

    private static string? Claim(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static bool TryReadClaims(string segment, out JsonElement claims)
    {
        claims = default;
        try
        {
            var base64 = segment.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            using var document = JsonDocument.Parse(Convert.FromBase64String(base64));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            claims = document.RootElement.Clone();
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }
    }

    // "Bearer <token68>", nothing before or after.
    [GeneratedRegex(@"\ABearer (?<token>[A-Za-z0-9\-._~+/]+=*)\z", RegexOptions.CultureInvariant)]
    private static partial Regex BearerToken();
}
