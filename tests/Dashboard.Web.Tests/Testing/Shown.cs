using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Dashboard.Web.Tests.Testing;

/// <summary>Renders its content while <see cref="When"/> is true: a way to take one page away, as navigating does.</summary>
public sealed class Shown : ComponentBase
{
    [Parameter]
    public bool When { get; set; }

    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (When)
        {
            builder.AddContent(0, ChildContent);
        }
    }
}
