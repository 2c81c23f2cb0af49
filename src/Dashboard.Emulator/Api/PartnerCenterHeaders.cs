using System.Text.RegularExpressions;

namespace Dashboard.Emulator.Api;

/// <summary>
/// What every Partner Center answer does regardless of the endpoint: echo <c>MS-RequestId</c> and
/// <c>MS-CorrelationId</c> (generating them when absent), and refuse a request without a bearer token.
/// </summary>
internal static partial class PartnerCenterHeaders
{
    public const string RequestId = "MS-RequestId";
    public const string CorrelationId = "MS-CorrelationId";

    public static IApplicationBuilder UsePartnerCenterHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var response = context.Response;
        response.Headers[RequestId] = HeaderOrNew(request, RequestId);
        response.Headers[CorrelationId] = HeaderOrNew(request, CorrelationId);

        if (!HasBearerToken(request.Headers.Authorization.ToString()))
        {
            response.Headers.WWWAuthenticate = "OAuth realm=urn:cpsvc:cpid:emulator";
            await PartnerCenterErrors.TokenMissing().ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    private static string HeaderOrNew(HttpRequest request, string name)
    {
        var value = request.Headers[name].ToString();
        return string.IsNullOrWhiteSpace(value) ? Guid.NewGuid().ToString() : value;
    }

    // The emulator cannot validate Entra tokens; it only insists on the shape "Bearer <token68>".
    private static bool HasBearerToken(string authorization) => BearerToken().IsMatch(authorization);

    [GeneratedRegex(@"\ABearer [A-Za-z0-9\-._~+/]+=*\z", RegexOptions.CultureInvariant)]
    private static partial Regex BearerToken();
}
