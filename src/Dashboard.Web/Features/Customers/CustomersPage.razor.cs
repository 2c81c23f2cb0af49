using Dashboard.Web.Components.Shared;
using Dashboard.Web.Features.Access;
using Dashboard.Web.Features.Jobs;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Customers;

/// <summary>
/// The partner's customers, one Partner Center page at a time. Partner Center pages by seeking (a token to the next
/// page), so the page keeps the tokens it came through to go back; its search is a company-name prefix, kept in the URL.
/// </summary>
public sealed partial class CustomersPage
{
    public const int PageSize = 25;

    private static readonly MarkupString CleanUpIcon = MudButtonMarkup.StartIcon(Icons.Material.Filled.CleaningServices);
    private static readonly MarkupString RefreshIcon = MudButtonMarkup.StartIcon(Icons.Material.Filled.Refresh);
    private static readonly MarkupString PreviousIcon = MudButtonMarkup.StartIcon(Icons.Material.Filled.ChevronLeft);
    private static readonly MarkupString NextIcon = MudButtonMarkup.EndIcon(Icons.Material.Filled.ChevronRight);

    // Tokens of the pages before this one: null stands for the first page.
    private readonly Stack<string?> _previous = new();
    private string? _current;
    private CustomerPage? _page;
    private Problem? _problem;
    private bool _loading;
    private string? _loadedFor;

    [SupplyParameterFromQuery(Name = "q")]
    public string? Q { get; set; }

    [Inject]
    public required IOrderService OrderService { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required CancelRights CancelRights { get; init; }

    [Inject]
    public required JobFlows JobFlows { get; init; }

    // Customers chosen for a clean-up, kept across pages and searches until the job starts.
    private readonly HashSet<string> _selected = new(StringComparer.OrdinalIgnoreCase);
    private CancelRight _right = CancelRight.None;
    private bool _planning;

    /// <summary>Clean-up is offered to users with the cancel role, unless the production guard turns cancelling off.</summary>
    private bool CanCleanUp => _right.HasCancelRole && _right.TurnedOffBecause is null;

    protected override async Task OnInitializedAsync() => _right = await CancelRights.ForCurrentUserAsync();

    private void Toggle(Customer customer, bool selected)
    {
        if (selected && CanCleanUp)
        {
            _selected.Add(customer.Id);
        }
        else
        {
            _selected.Remove(customer.Id);
        }
    }

    private async Task CleanUpSelectedAsync()
    {
        if (!CanCleanUp || _selected.Count == 0 || _planning)
        {
            return;
        }

        _planning = true;
        try
        {
            if (await JobFlows.CleanUpAsync([.. _selected], PageToken) is not null)
            {
                _selected.Clear();
            }
        }
        finally
        {
            _planning = false;
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_page is null || _loadedFor != Q)
        {
            _loadedFor = Q;
            _previous.Clear();
            await LoadAsync(null);
        }
    }

    private async Task SearchAsync(string? query)
    {
        if (await TypingPausedAsync())
        {
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("q", string.IsNullOrWhiteSpace(query) ? null : query.Trim()), replace: true);
        }
    }

    private Task ReloadAsync() => LoadAsync(_current);

    private async Task NextAsync()
    {
        if (_page?.NextPageToken is not { } next)
        {
            return;
        }

        _previous.Push(_current);
        await LoadAsync(next);
    }

    private async Task PreviousAsync()
    {
        if (_previous.Count > 0)
        {
            await LoadAsync(_previous.Pop());
        }
    }

    private async Task LoadAsync(string? token)
    {
        var load = StartLoad();
        _loading = true;
        _problem = null;
        _page = null;
        _current = token;
        var outcome = await OrderService.ListCustomersPageAsync(Q, PageSize, token, PageToken).OrUnavailable();
        if (!IsLatest(load))
        {
            return;
        }

        _page = outcome.Value;
        _problem = outcome.Problem;
        _loading = false;
    }

    private string CleanUpText => $"Clean up {JobDisplay.Count(_selected.Count, "customer", "customers")}…";

    private static string OrdersHref(Customer customer) => $"customers/{Uri.EscapeDataString(customer.Id)}/orders";
}
