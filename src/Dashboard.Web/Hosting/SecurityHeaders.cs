namespace Dashboard.Web.Hosting;

/// <summary>
/// The headers every answer carries. The Content-Security-Policy lets Blazor Server and MudBlazor work and nothing
/// else: scripts and connections (the circuit's WebSocket) from this origin only, inline styles (MudBlazor sets
/// style attributes), images and fonts from this origin or data: URLs, no framing, forms posted here or to Entra ID.
/// </summary>
internal static class SecurityHeaders
{
    public static string ContentSecurityPolicy(string? signInAuthority)
    {
        var formAction = "'self'";
        if (Uri.TryCreate(signInAuthority, UriKind.Absolute, out var authority) && authority.Scheme == Uri.UriSchemeHttps)
        {
            // Signing out posts here and is redirected to Entra ID's sign-out page; Chromium checks form-action on that redirect.
            formAction += " " + authority.GetLeftPart(UriPartial.Authority);
        }

        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            $"form-action {formAction}",
            "frame-ancestors 'none'");
    }

    /// <summary>
    /// Sets the headers when the answer starts, not when the request comes in: an error page re-executed by the exception
    /// handler (which clears the headers set so far) or a status-code page still carries them.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, string? signInAuthority)
    {
        var policy = ContentSecurityPolicy(signInAuthority);
        return app.Use((context, next) =>
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                var headers = response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
