using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Dashboard.Web.Hosting;

/// <summary>
/// The open circuits of this instance, for OpenTelemetry (meter <c>Dashboard.Web</c>, <c>dashboard.circuits.active</c>):
/// each is a browser tab holding server memory, and the figure an operator scales instances by.
/// </summary>
internal sealed class CircuitTelemetry : CircuitHandler
{
    public const string Name = "Dashboard.Web";

    private readonly UpDownCounter<long> _active;

    public CircuitTelemetry(IMeterFactory meters) =>
        _active = meters.Create(Name).CreateUpDownCounter<long>("dashboard.circuits.active", "{circuit}", "Blazor circuits open on this instance.");

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _active.Add(1);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _active.Add(-1);
        return Task.CompletedTask;
    }
}
