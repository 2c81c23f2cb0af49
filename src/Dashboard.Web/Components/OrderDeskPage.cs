using Dashboard.Web.Components.Shared;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Components;

/// <summary>
/// A page that reads from Partner Center: its reads are abandoned when the user leaves, and it knows when it is gone
/// so that a late answer does not touch a page nobody sees.
/// </summary>
public abstract class OrderDeskPage : ComponentBase, IDisposable
{
    // Never disposed on purpose: a CancellationTokenSource without a timer holds nothing, and a late continuation
    // may still read its token after the page is gone.
    private readonly CancellationTokenSource _leaving = new();
    private int _loads;
    private Debouncer? _typing;

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required IOptions<UiOptions> Ui { get; init; }

    /// <summary>Cancelled when the user leaves the page.</summary>
    protected CancellationToken PageToken => _leaving.Token;

    /// <summary>True once the user has left the page.</summary>
    protected bool HasLeft => _leaving.IsCancellationRequested;

    /// <summary>Starts a load (of a new customer, search, order) and returns its number, for <see cref="IsLatest"/>.</summary>
    protected int StartLoad() => ++_loads;

    /// <summary>
    /// True when no load started since this one and the user is still here: an answer that comes back after a newer
    /// question (a slow search overtaken by the next keystrokes, an order left for another) must not change the page.
    /// </summary>
    protected bool IsLatest(int load) => load == _loads && !HasLeft;

    /// <summary>
    /// True once the user has paused typing for <c>Ui:SearchDebounce</c> with no newer keystroke, and is still on the
    /// page: a search box asks Partner Center (or filters) once per word, not once per key.
    /// </summary>
    protected async Task<bool> TypingPausedAsync()
    {
        _typing ??= new Debouncer(Time, Ui.Value.SearchDebounce);
        return await _typing.PausedAsync() && !HasLeft;
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _leaving.Cancel();
            _typing?.Dispose();
        }
    }
}
