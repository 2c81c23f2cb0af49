namespace Dashboard.PartnerCenter;

/// <summary>
/// Marks the Partner Center calls made inside it as background work, such as a bulk job's: when the client-side rate
/// limit makes calls wait, they are served after every waiting cancel and read.
/// <code>using (PartnerCenterCallScope.Background()) { await api.GetOrdersAsync(...); }</code>
/// The mark flows with the async calls started inside the scope and ends when the scope is disposed.
/// </summary>
public static class PartnerCenterCallScope
{
    private static readonly AsyncLocal<Mark?> InBackground = new();

    /// <summary>Whether the current call is made inside <see cref="Background"/>.</summary>
    public static bool IsBackground => InBackground.Value is not null;

    /// <summary>
    /// Starts marking calls as background work until the returned scope is disposed; each attempt sent inside it is
    /// counted in <paramref name="calls"/> when one is given (a job shows its calls per minute).
    /// </summary>
    public static IDisposable Background(PartnerCenterCallCounter? calls = null)
    {
        var outer = InBackground.Value;
        InBackground.Value = new Mark(calls ?? outer?.Calls);
        return new Scope(outer);
    }

    /// <summary>Counts one attempt sent to Partner Center, when the current scope counts them.</summary>
    internal static void CountAttempt() => InBackground.Value?.Calls?.Add();

    private sealed record Mark(PartnerCenterCallCounter? Calls);

    private sealed class Scope(Mark? outer) : IDisposable
    {
        public void Dispose() => InBackground.Value = outer;
    }
}

/// <summary>How many attempts were sent to Partner Center inside a <see cref="PartnerCenterCallScope.Background"/> scope.</summary>
public sealed class PartnerCenterCallCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    internal void Add() => Interlocked.Increment(ref _count);
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
