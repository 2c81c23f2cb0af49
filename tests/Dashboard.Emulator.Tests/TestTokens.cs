using System.Text;
using System.Text.Json;

namespace Dashboard.Emulator.Tests;

/// <summary>
/// Bearer tokens the emulator tells apart: opaque ones, and unsigned JWTs whose claims it reads (<c>tid</c> for the
/// tenant, <c>idtyp</c>/<c>roles</c>/<c>scp</c> for app-only versus App+User).
/// </summary>
internal static class TestTokens
{
    public const string OpaqueAppAndUser = "opaque-app-and-user-token";

    public const string OpaqueAppOnly = "app-only-token-for-tests";

    /// <summary>An App+User token of a tenant, as the secure application model issues it (delegated <c>scp</c>).</summary>
    public static string AppAndUser(string tenantId, bool unsecured = false) =>
        Jwt(new Dictionary<string, object> { ["tid"] = tenantId, ["scp"] = "user_impersonation", ["idtyp"] = "user" }, unsecured);

    /// <summary>
    /// A JWT, header.payload.signature in base64url without padding: with a signature nobody checks, or, when
    /// <paramref name="unsecured"/>, <c>alg: none</c> and an empty signature.
    /// </summary>
    public static string Jwt(IReadOnlyDictionary<string, object> claims, bool unsecured = false)
    {
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = unsecured ? "none" : "RS256", typ = "JWT" }));
        var signature = unsecured ? "" : Base64Url(Encoding.UTF8.GetBytes("not-a-real-signature"));
        return $"{header}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims))}.{signature}";
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
