using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Azure.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// The circuits' connections: to this instance by default; through Azure SignalR Service, with sticky mode required,
/// when <c>Azure:SignalR:ConnectionString</c> is set. Azure itself is out of reach here: the registration is checked.
/// </summary>
public sealed class CircuitSetupTests
{
    // The documented shape of the connection string; the key is not a real one.
    private const string Connection = "Endpoint=https://sandbox-order-desk.service.signalr.net;AccessKey=bm90LWEtcmVhbC1rZXktbm90LWEtcmVhbC1rZXktMDAwMA==;Version=1.0;";

    [Fact]
    public void AddDashboardUi_WithAnAzureSignalRConnectionString_RoutesCircuitsThroughItWithStickyModeRequired()
    {
        using var services = Services(TestSettings.Of([("Azure:SignalR:ConnectionString", Connection)]).Circuits);

        var options = services.GetRequiredService<IOptions<ServiceOptions>>().Value;

        options.ServerStickyMode.ShouldBe(ServerStickyMode.Required);
        options.ConnectionString.ShouldBe(Connection);
        AzureRegistrations(TestSettings.Of([("Azure:SignalR:ConnectionString", Connection)]).Circuits).ShouldBeGreaterThan(5);
    }

    [Fact]
    public void AddDashboardUi_WithoutOne_KeepsCircuitsOnThisInstance()
    {
        AzureRegistrations(TestSettings.Of([]).Circuits).ShouldBe(0);
    }

    [Fact]
    public void CircuitSettings_ToString_NeverPrintsTheAccessKey() =>
        TestSettings.Of([("Azure:SignalR:ConnectionString", Connection)]).ToString().ShouldNotContain("bm90LWEtcmVhbC1rZXkt");

    private static ServiceProvider Services(CircuitSettings circuits) => Registered(circuits).BuildServiceProvider();

    /// <summary>How many services of the Azure SignalR SDK are registered.</summary>
    private static int AzureRegistrations(CircuitSettings circuits) =>
        Registered(circuits).Count(d => d.ServiceType.Assembly == typeof(ServiceOptions).Assembly
            || d.ImplementationType?.Assembly == typeof(ServiceOptions).Assembly);

    private static IServiceCollection Registered(CircuitSettings circuits)
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddDashboardUi(circuits);
        return builder.Services;
    }
}
