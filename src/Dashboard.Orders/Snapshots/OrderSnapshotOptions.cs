using System.ComponentModel.DataAnnotations;

namespace Dashboard.Orders.Snapshots;

/// <summary>How long a customer's orders are shared before Partner Center is asked again; bound from <c>Orders</c>.</summary>
public sealed class OrderSnapshotOptions
{
    public const string SectionName = "Orders";

    /// <summary>
    /// How old a snapshot of a customer's orders may get before the next look at them reads Partner Center again. A
    /// cancel, a job and Refresh replace it sooner.
    /// </summary>
    [Range(1, 3600, ErrorMessage = "Orders:SnapshotSeconds must be between 1 and 3600.")]
    public int SnapshotSeconds { get; set; } = 60;
}
