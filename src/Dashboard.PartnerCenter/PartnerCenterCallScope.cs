namespace Dashboard.PartnerCenter;

/// <summary>
/// Marks the Partner Center calls made inside it as background work, such as a bulk job's: when the client-side rate
/// limit makes calls wait, they are served after every waiting cancel and read.
/// <code>using (PartnerCenterCallScope.Background()) { await api.GetOrdersAsync(...); }</code>
/// The mark flows with the async calls started inside the scope and ends when the scope is disposed.
/// </summary>
public static class PartnerCenterCallScope
{
    private static readonly AsyncLocal<bool> InBackground = new();

    /// <summary>Whether the current call is made inside <see cref="Background"/>.</summary>
    public static bool IsBackground => InBackground.Value;

    /// <summary>Starts marking calls as background work until the returned scope is disposed.</summary>
    public static IDisposable Background()
    {
        var outer = InBackground.Value;
        InBackground.Value = true;
        return new Scope(outer);
    }

    private sealed class Scope(bool outer) : IDisposable
    {
        public void Dispose() => InBackground.Value = outer;
    }
}

/// <summary>The queue a Partner Center call waits in when the rate limit is reached; a lane is served before the next.</summary>
internal enum PartnerCenterLane
{
    /// <summary>PATCH, POST, DELETE: a cancel someone is waiting for.</summary>
    Changes,

    /// <summary>GET: a page being loaded or refreshed.</summary>
    Reads,

    /// <summary>Every call made inside <see cref="PartnerCenterCallScope.Background"/>, whatever its method.</summary>
    Background,
}
