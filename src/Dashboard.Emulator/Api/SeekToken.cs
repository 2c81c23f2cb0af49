using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Emulator.Api;

/// <summary>
/// The continuation token of a paged list (customers, audit records): where the next page starts, as URL-safe base64
/// JSON. Partner Center's tokens are opaque; so are these to a client.
/// </summary>
internal static class SeekToken
{
    public static string Write<T>(T page) => WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(page));

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
            return JsonSerializer.Deserialize<T>(WebEncoders.Base64UrlDecode(token));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }
}
