namespace Dashboard.PartnerCenter;

/// <summary>How the dashboard reaches Partner Center, bound from the <c>PartnerCenter</c> section.</summary>
public sealed class PartnerCenterOptions
{
    public const string SectionName = "PartnerCenter";

    /// <summary>The service root, e.g. <c>https://api.partnercenter.microsoft.com</c>. A trailing <c>/v1</c> is accepted and ignored.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>How bearer tokens are obtained.</summary>
    public PartnerCenterAuthentication Authentication { get; set; } = PartnerCenterAuthentication.StaticToken;

    /// <summary>The bearer token sent with every call when <see cref="Authentication"/> is <see cref="PartnerCenterAuthentication.StaticToken"/>.</summary>
    public string? StaticToken { get; set; }

    /// <summary>How long one attempt of a call may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a read may take in all, retries and waits for <c>Retry-After</c> included. Partner Center's throttling
    /// asks for waits of up to a minute, so this is longer than a minute.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How many times a failed read is retried. Cancels are never retried blindly.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>
    /// The client-side limit that keeps the dashboard under Partner Center's per-tenant rate: attempts in any sliding
    /// minute, retries included. Calls over it wait: cancels first, then reads, then background work.
    /// </summary>
    public int RequestsPerMinute { get; set; } = 500;

    /// <summary>
    /// How many calls may wait for the rate limit at once, all users together; a call beyond it is refused at once and
    /// not sent. At 500 calls a minute, the last of 1000 waiting calls is sent about two minutes later.
    /// </summary>
    public int QueueLimit { get; set; } = 1000;

    /// <summary>
    /// The share (over 0, at most 1) of <see cref="QueueLimit"/> that one user's waiting calls may take; the user's next
    /// call is refused at once and not sent, so that one user's burst cannot fill the queue for everyone.
    /// </summary>
    public double UserQueueShare { get; set; } = 0.5;

    /// <summary>The country whose catalog tells each order's product type.</summary>
    public string CatalogCountry { get; set; } = "US";

    /// <summary>The configured service root as a URI without the version segment, or null when none is configured.</summary>
    public Uri? ServiceRoot()
    {
        if (string.IsNullOrWhiteSpace(BaseUrl) || !Uri.TryCreate(BaseUrl.Trim(), UriKind.Absolute, out var uri))
        {
            return null;
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^3];
        }

        return new UriBuilder(uri) { Path = path + "/" }.Uri;
    }
}

/// <summary>The ways the dashboard can authenticate to Partner Center.</summary>
public enum PartnerCenterAuthentication
{
    /// <summary>A fixed bearer token from configuration: for the emulator or a recorded-response server.</summary>
    StaticToken,

    /// <summary>The app's own token (client credentials), scope <c>https://api.partnercenter.microsoft.com/.default</c>.</summary>
    AppOnly,

    /// <summary>The signed-in user's delegated token, scope <c>https://api.partnercenter.microsoft.com/user_impersonation</c>.</summary>
    AppAndUser,
}
