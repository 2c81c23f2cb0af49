using Dashboard.Web.Features.Jobs;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Orders;

/// <summary>
/// Choosing orders for a bulk cancel: a checkbox on each row that can be cancelled, "select all cancellable orders in
/// this view" (the current filters and search, across pages), and the preview-then-job flow. The choice survives
/// filter and page changes until it is cleared or its job starts.
/// </summary>
public sealed partial class OrdersPage
{
    private readonly HashSet<string> _selected = new(StringComparer.OrdinalIgnoreCase);
    private bool _planning;

    [Inject]
    public required JobFlows JobFlows { get; init; }

    /// <summary>Bulk actions are offered to users with the cancel role, unless the production guard turns cancelling off.</summary>
    private bool CanBulkCancel => _right.HasCancelRole && _right.TurnedOffBecause is null;

    private bool CanSelect(Order order) => CanBulkCancel && CancelReason(order) is null;

    /// <summary>How many orders of the current view can be chosen, counted when the view is computed, not at each render.</summary>
    private int _selectableInView;

    private int SelectableInViewCount => _selectableInView;

    private void Toggle(Order order, bool selected)
    {
        if (selected && CanSelect(order))
        {
            _selected.Add(order.Id);
        }
        else
        {
            _selected.Remove(order.Id);
        }
    }

    /// <summary>
    /// Drops chosen orders that can no longer be chosen (cancelled meanwhile, or no longer in the list): their checkbox is
    /// gone, so they could not be unchecked, yet they would still be counted and sent to the preview.
    /// </summary>
    private void KeepOnlySelectable()
    {
        if (_snapshot is not null && _selected.Count > 0)
        {
            _selected.IntersectWith(_snapshot.Orders.Where(CanSelect).Select(o => o.Id));
        }
    }

    private void SelectAllInView()
    {
        if (_snapshot is not null)
        {
            _selected.UnionWith(_snapshot.Select(_view.Filter, OrderSort.Created, descending: true).Where(CanSelect).Select(o => o.Id));
        }
    }

    private void ClearSelection() => _selected.Clear();

    private async Task CancelSelectedAsync()
    {
        if (!CanBulkCancel || _selected.Count == 0 || _planning)
        {
            return;
        }

        _planning = true;
        try
        {
            if (await JobFlows.BulkCancelAsync(CustomerId, [.. _selected], PageToken) is not null)
            {
                _selected.Clear();
            }
        }
        finally
        {
            _planning = false;
        }
    }

    private async Task CleanUpCustomerAsync()
    {
        if (!CanBulkCancel || _planning)
        {
            return;
        }

        _planning = true;
        try
        {
            await JobFlows.CleanUpAsync([CustomerId], PageToken);
        }
        finally
        {
            _planning = false;
        }
    }
}
