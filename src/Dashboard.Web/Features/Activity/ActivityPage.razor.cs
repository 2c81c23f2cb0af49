using Dashboard.Orders.Activity;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Activity;

/// <summary>
/// The activity log, a page at a time from the database (never loaded whole), sorted and filtered there. The view
/// (filters, sort, page) lives in the URL, so that it can be shared, survives a reload, and is what the CSV download
/// exports.
/// </summary>
public sealed partial class ActivityPage
{
    private MudTable<ActivityEntry>? _table;
    private ActivityFilters _view = ActivityFilters.Default;
    // The address this page last wrote itself: a navigation to it is the page's own echo; any other is someone's.
    private string? _written;
    private bool _failed;

    [Inject]
    public required IActivityLog Log { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IOptions<ActivityOptions> Options { get; init; }

    [Inject]
    public required ILogger<ActivityPage> Logger { get; init; }

    private int RetentionDays => Options.Value.RetentionDays;

    private string ExportHref => $"activity/export.csv{_view.ExportQueryString()}";

    protected override void OnInitialized() => _view = FromUrl();

    protected override async Task OnParametersSetAsync()
    {
        var own = string.Equals(_written, Navigation.Uri, StringComparison.Ordinal);
        _written = null;
        if (!own && FromUrl() is var fromUrl && fromUrl != _view)
        {
            // Someone changed the URL (typed it, went back, followed a link to a job's records): show that view.
            _view = fromUrl;
            await ReloadAsync();
        }
    }

    private ActivityFilters FromUrl()
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query);
        return ActivityFilters.Parse(name => query.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null);
    }

    private async Task<TableData<ActivityEntry>> ServerDataAsync(TableState state, CancellationToken cancellationToken)
    {
        var shown = (_failed, ExportHref);
        try
        {
            return await ReadPageAsync(state, cancellationToken);
        }
        finally
        {
            // The table renders its own rows; the alert and the download link are the page's, which renders again by
            // itself only after its own events, not after the table's (a first read, a sort, a page).
            if (shown != (_failed, ExportHref))
            {
                StateHasChanged();
            }
        }
    }

    private async Task<TableData<ActivityEntry>> ReadPageAsync(TableState state, CancellationToken cancellationToken)
    {
        var sort = Enum.TryParse<ActivitySort>(state.SortLabel, out var label) && state.SortDirection != SortDirection.None ? label : ActivitySort.Time;
        _view = _view with
        {
            Sort = sort,
            Descending = state.SortDirection != SortDirection.Ascending,
            PageIndex = state.Page,
            PageSize = state.PageSize,
        };
        try
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, PageToken);
            var page = await Log.QueryAsync(_view.ToActivityQuery(), both.Token);
            if (page.Entries.Count == 0 && page.Total > 0 && _view.PageIndex > 0)
            {
                // A page past the end (an old link, fewer records now): show the last page there is. Left alone, the table
                // goes back to the first page once it sees the total, and its NavigateTo cannot reach a page beyond the
                // total it knew before this answer: its page is set directly (it then reads that page once more).
                _view = _view with { PageIndex = (page.Total - 1) / _view.PageSize };
                page = await Log.QueryAsync(_view.ToActivityQuery(), both.Token);
                if (_table is not null)
                {
#pragma warning disable BL0005 // The table's own page, as its pager sets it; this page's CurrentPage parameter says the same from now on.
                    _table.CurrentPage = _view.PageIndex;
#pragma warning restore BL0005
                }
            }

            _failed = false;
            WriteUrl();
            return new TableData<ActivityEntry> { Items = page.Entries, TotalItems = page.Total };
        }
        catch (OperationCanceledException)
        {
            return new TableData<ActivityEntry> { Items = [], TotalItems = 0 };
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "The activity log could not be read from the dashboard's database");
            _failed = true;
            return new TableData<ActivityEntry> { Items = [], TotalItems = 0 };
        }
    }

    /// <summary>The header's <c>aria-sort</c>: the column the rows are in order of (newest first when none is chosen).</summary>
    private string? AriaSort(ActivitySort sort) => _view.Sort != sort ? null : _view.Descending ? "descending" : "ascending";

    private SortDirection InitialDirection(ActivitySort sort) =>
        _view.Sort != sort ? SortDirection.None : _view.Descending ? SortDirection.Descending : SortDirection.Ascending;

    private static DateTime? AsDate(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue);

    private static DateOnly? AsDay(DateTime? date) => date is { } value ? DateOnly.FromDateTime(value) : null;

    private Task SetFromAsync(DateTime? date) => ChangeViewAsync(_view with { From = AsDay(date) });

    private Task SetToAsync(DateTime? date) => ChangeViewAsync(_view with { To = AsDay(date) });

    private Task SetActionAsync(ActivityAction? action) => ChangeViewAsync(_view with { Action = action });

    private Task SetOutcomeAsync(ActivityOutcome? outcome) => ChangeViewAsync(_view with { Outcome = outcome });

    private Task ClearJobAsync() => ChangeViewAsync(_view with { Job = null });

    private Task SetUserAsync(string? user) => TypedAsync(() => _view with { User = Typed(user) });

    private Task SetCustomerAsync(string? customer) => TypedAsync(() => _view with { Customer = Typed(customer) });

    private Task SetOrderAsync(string? order) => TypedAsync(() => _view with { Order = Typed(order) });

    private Task ClearFiltersAsync() => ChangeViewAsync(ActivityFilters.Default with { PageSize = _view.PageSize });

    private static string? Typed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // Text filters ask the database once the user pauses typing, not once per key.
    private async Task TypedAsync(Func<ActivityFilters> view)
    {
        if (await TypingPausedAsync())
        {
            await ChangeViewAsync(view());
        }
    }

    // A filter changes what matches: the view starts again at the first page.
    private async Task ChangeViewAsync(ActivityFilters view)
    {
        _view = view with { PageIndex = 0 };
        WriteUrl();
        _table?.NavigateTo(0);
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        if (_table is not null)
        {
            await _table.ReloadServerData();
        }
    }

    private void WriteUrl()
    {
        var uri = Navigation.GetUriWithQueryParameters(_view.ToQuery());
        if (!string.Equals(uri, Navigation.Uri, StringComparison.Ordinal))
        {
            _written = uri;
            Navigation.NavigateTo(uri, replace: true);
        }
    }
}
