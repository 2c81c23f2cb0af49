using System.Text.Json;

namespace Dashboard.Emulator.Api;

/// <summary>
/// The continuation token of a paged list (customers, audit records): where the next page starts, as URL-safe base64
/// JSON. Partner Center's tokens are opaque; so are these to a client.
/// </summary>
internal static class SeekToken
{
    public static string Write<T>(T page) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(page)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The page a token names, or null when it is not one of ours.</summary>
    public static T? Read<T>(string token)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            return JsonSerializer.Deserialize<T>(Convert.FromBase64String(base64));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }
}
