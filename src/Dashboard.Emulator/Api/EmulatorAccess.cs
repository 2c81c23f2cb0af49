using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dashboard.Emulator.Api;

/// <summary>
/// Who may talk to the emulator. Open by default (tools and tests on one's own machine); with
/// <see cref="EmulatorOptions.AccessToken"/> set, only a request with <c>Authorization: Bearer &lt;that token&gt;</c>,
/// exactly. The dashboard's built-in emulator sets it, so that no other process or web page can use it.
/// </summary>
internal sealed class EmulatorAccess(IOptions<EmulatorOptions> options)
{
    /// <summary>The host names an emulator with an access token answers: DNS-rebinding pages send their own.</summary>
    public static readonly string[] LoopbackHosts = ["127.0.0.1", "localhost"];

    private readonly byte[]? _expected = string.IsNullOrEmpty(options.Value.AccessToken) ? null : Encoding.UTF8.GetBytes($"Bearer {options.Value.AccessToken}");

    /// <summary>True when the emulator is open, or the request carries the access token.</summary>
    public bool Admits(HttpRequest request)
    {
        if (_expected is null)
        {
            return true;
        }

        // Constant time, so that the answer's timing does not tell how much of a guessed token was right.
        var sent = Encoding.UTF8.GetBytes(request.Headers.Authorization.ToString());
        return CryptographicOperations.FixedTimeEquals(sent, _expected);
    }
}

internal static class AdminAccess
{
    /// <summary>Refuses <c>/emulator</c> requests without the access token: 401 and a JSON message.</summary>
    public static IApplicationBuilder UseAdminAccess(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.RequestServices.GetRequiredService<EmulatorAccess>().Admits(context.Request))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Results.Json(
                new { message = "The emulator's controls need its access token: send Authorization: Bearer <token>." },
                statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
            return;
        }

        await next(context);
    });
}
