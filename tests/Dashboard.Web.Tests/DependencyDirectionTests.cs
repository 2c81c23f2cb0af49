using Dashboard.Web.Features.Orders;

namespace Dashboard.Web.Tests;

/// <summary>Web → Orders → PartnerCenter: the UI names the order service, never the Refit client or its DTOs.</summary>
public sealed class DependencyDirectionTests
{
    private static readonly string[] ReferencedAssemblyNames =
        [.. typeof(OrdersPage).Assembly.GetReferencedAssemblies().Select(a => a.Name!)];

    [Fact]
    public void WebAssembly_References_TheOrdersAssembly() =>
        ReferencedAssemblyNames.ShouldContain(typeof(IOrderService).Assembly.GetName().Name!);

    [Theory]
    [InlineData("Refit")]
    [InlineData("Dashboard.PartnerCenter")]
    public void WebAssembly_References_NeitherRefitNorThePartnerCenterClient(string forbidden) =>
        ReferencedAssemblyNames.ShouldNotContain(forbidden);
}
