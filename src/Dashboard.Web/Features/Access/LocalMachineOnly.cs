using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Dashboard.Web.Features.Access;

/// <summary>
/// The development sign-in has no password: whoever reaches it may sign in as the operator. While it is the way in
/// (Development, no <c>AzureAd</c>), the dashboard answers only requests from this machine's loopback addresses that
/// name it as this machine (so that a web page whose domain is rebound to 127.0.0.1 gets nothing either), and says at
/// start-up when it listens where other machines could reach it.
/// </summary>
internal static class LocalMachineOnly
{
    public static IApplicationBuilder UseLocalMachineOnly(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() => WarnWhenReachableFromOtherMachines(app));
        return app.Use(async (context, next) =>
        {
            if (IsLocal(context.Connection.RemoteIpAddress) && IsLocalName(context.Request.Host) && !CameThroughAProxy(context.Request.Headers))
            {
                await next(context);
                return;
            }

            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LocalMachineOnly)).LogWarning(
                "Refused {Method} {Path} for host {Host} from {RemoteAddress}: the development sign-in answers only requests from this machine",
                context.Request.Method, context.Request.Path.Value, context.Request.Host.Value, context.Connection.RemoteIpAddress?.ToString());
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(RefusalPage, context.RequestAborted);
        });
    }

    /// <summary>
    /// The host the request names is this machine: <c>localhost</c> or a loopback address. A page of another site that
    /// has rebound its domain to 127.0.0.1 (DNS rebinding) names its own domain, and is refused.
    /// </summary>
    internal static bool IsLocalName(HostString host) =>
        host.HasValue
        && (string.Equals(host.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)));

    /// <summary>A loopback address, or no network peer at all (an in-process or Unix-socket caller).</summary>
    internal static bool IsLocal(IPAddress? address) =>
        address is null || IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>
    /// A request a proxy passed on came from wherever the proxy's callers are; and with forwarded headers switched on
    /// (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>), the address seen here is the one a caller claims. Either way it is
    /// not known to come from this machine.
    /// </summary>
    internal static bool CameThroughAProxy(IHeaderDictionary headers) =>
        headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("X-Original-For") || headers.ContainsKey("Forwarded");

    /// <summary>True when an address the server listens on can be reached from other machines (0.0.0.0, *, a LAN address).</summary>
    internal static bool IsReachableFromOtherMachines(string address)
    {
        if (!Uri.TryCreate(address.Replace("://*", "://any-host", StringComparison.Ordinal).Replace("://+", "://any-host", StringComparison.Ordinal),
                UriKind.Absolute, out var uri))
        {
            return true;
        }

        return !(uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
    }

    private static void WarnWhenReachableFromOtherMachines(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var reachable = addresses.Where(IsReachableFromOtherMachines).ToList();
        if (reachable.Count > 0)
        {
            app.Logger.LogWarning(
                "The development sign-in has no password, so this dashboard answers only requests from this machine, but it listens on {Addresses}: "
                + "requests from other machines are refused. To serve other machines, configure Entra ID sign-in (AzureAd:TenantId, AzureAd:ClientId)",
                reachable);
        }
    }

    private const string RefusalPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Only on this machine · Sandbox Order Desk</title></head>
        <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
        <h1>Only on this machine</h1>
        <p>This Sandbox Order Desk uses the development sign-in, which has no password. It therefore answers only requests
        from the machine it runs on (a loopback address such as 127.0.0.1 or localhost), and your request came from another one.</p>
        <p>Open it on that machine, or ask whoever runs it to configure Microsoft Entra ID sign-in (<code>AzureAd:TenantId</code>
        and <code>AzureAd:ClientId</code>), which lets people sign in from anywhere.</p>
        </body></html>
        """;
}
