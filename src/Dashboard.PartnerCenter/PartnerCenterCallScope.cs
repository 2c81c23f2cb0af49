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
    public static bool IsBackground => InBackground.Value?.IsBackground == true;

    /// <summary>
    /// Starts marking calls as background work until the returned scope is disposed; each attempt sent inside it is
    /// counted in <paramref name="calls"/> when one is given (a job shows its calls per minute).
    /// </summary>
    public static IDisposable Background(PartnerCenterCallCounter? calls = null)
    {
        var outer = InBackground.Value;
        InBackground.Value = new Mark(calls ?? outer?.Calls, outer?.Trace, IsBackground: true);
        return new Scope(outer);
    }

    /// <summary>
    /// Records in <paramref name="trace"/> the <c>MS-CorrelationId</c> of each attempt made inside this scope (a job
    /// item, or a person's cancel, keeps the one to quote to support). Calls stay in the lane they were in: background
    /// inside <see cref="Background"/>, a person's otherwise.
    /// </summary>
    public static IDisposable Traced(PartnerCenterCallTrace trace)
    {
        var outer = InBackground.Value;
        InBackground.Value = new Mark(outer?.Calls, trace, outer?.IsBackground ?? false);
        return new Scope(outer);
    }

    /// <summary>Counts one attempt sent to Partner Center, and traces it, when the current scope does.</summary>
    internal static void CountAttempt(HttpMethod method, string correlationId)
    {
        var mark = InBackground.Value;
        mark?.Calls?.Add();
        mark?.Trace?.Record(method, correlationId);
    }

    private sealed record Mark(PartnerCenterCallCounter? Calls, PartnerCenterCallTrace? Trace, bool IsBackground);

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

/// <summary>The <c>MS-CorrelationId</c>s of the attempts made inside a <see cref="PartnerCenterCallScope.Traced"/> scope.</summary>
public sealed class PartnerCenterCallTrace
{
    private readonly Lock _gate = new();
    private readonly List<string> _changes = [];
    private string? _last;

    /// <summary>The correlation id of the last change sent (PATCH, POST, DELETE), else of the last read.</summary>
    public string? CorrelationId
    {
        get
        {
            lock (_gate)
            {
                return _changes.Count > 0 ? _changes[^1] : _last;
            }
        }
    }

    /// <summary>The correlation ids of every change attempt sent (PATCH, POST, DELETE), in order.</summary>
    public IReadOnlyList<string> ChangeCorrelationIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _changes];
            }
        }
    }

    internal void Record(HttpMethod method, string correlationId)
    {
        lock (_gate)
        {
            _last = correlationId;
            if (method != HttpMethod.Get && method != HttpMethod.Head)
            {
                _changes.Add(correlationId);
            }
        }
    }
}
