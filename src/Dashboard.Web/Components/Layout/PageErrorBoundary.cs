using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Dashboard.Web.Components.Layout;

/// <summary>
/// Keeps the circuit alive when a page fails unexpectedly: logs the exception once under a short reference and shows
/// that reference, never the exception's text.
/// </summary>
public sealed class PageErrorBoundary : ErrorBoundary
{
    private string? _reference;

    [Inject]
    private ILogger<PageErrorBoundary> Logger { get; set; } = default!;

    protected override Task OnErrorAsync(Exception exception)
    {
        _reference = Guid.NewGuid().ToString("N")[..8];
        Logger.LogError(exception, "A page failed unexpectedly; reference {ErrorReference}", _reference);
        return Task.CompletedTask;
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (CurrentException is null)
        {
            builder.AddContent(0, ChildContent);
            return;
        }

        builder.OpenComponent<MudAlert>(1);
        builder.AddComponentParameter(2, nameof(MudAlert.Severity), Severity.Error);
        builder.AddComponentParameter(3, nameof(MudAlert.ChildContent), (RenderFragment)(alert =>
        {
            alert.AddContent(4, $"Something went wrong on this page. The error was logged with reference {_reference}. ");
            alert.OpenComponent<MudButton>(5);
            alert.AddComponentParameter(6, nameof(MudButton.Variant), Variant.Text);
            alert.AddComponentParameter(7, nameof(MudButton.OnClick), EventCallback.Factory.Create<MouseEventArgs>(this, Recover));
            alert.AddComponentParameter(8, nameof(MudButton.ChildContent), (RenderFragment)(b => b.AddContent(9, "Try again")));
            alert.CloseComponent();
        }));
        builder.CloseComponent();
    }
}
