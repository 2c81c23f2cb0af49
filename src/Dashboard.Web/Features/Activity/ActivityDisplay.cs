using System.Globalization;
using Dashboard.Orders.Activity;

namespace Dashboard.Web.Features.Activity;

/// <summary>How activity records read and link on screen. Values are shown as text (Blazor encodes them) and links are built from escaped ids.</summary>
internal static class ActivityDisplay
{
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string UserTitle(ActivityEntry entry) =>
        string.Join(" · ", new[] { entry.UserId is { } id ? $"object id {id}" : null, entry.UserTenant is { } tenant ? $"tenant {tenant}" : null, $"instance {entry.Instance}" }
            .OfType<string>());

    public static string CustomerHref(string customerId) => $"customers/{Uri.EscapeDataString(customerId)}/orders";

    public static string OrderHref(string customerId, string orderId) =>
        $"customers/{Uri.EscapeDataString(customerId)}/orders/{Uri.EscapeDataString(orderId)}";

    public static MudBlazor.Color Color(ActivityOutcome outcome) => outcome switch
    {
        ActivityOutcome.Applied => MudBlazor.Color.Success,
        ActivityOutcome.AlreadyDone or ActivityOutcome.Skipped => MudBlazor.Color.Default,
        ActivityOutcome.Unknown or ActivityOutcome.NotDone => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Error,
    };
}
