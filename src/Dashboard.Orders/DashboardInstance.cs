namespace Dashboard.Orders;

/// <summary>This instance of the dashboard, by host name and process: in the activity log, lease owners and telemetry.</summary>
public static class DashboardInstance
{
    public static readonly string Name = $"{Environment.MachineName}/{Environment.ProcessId}";
}
