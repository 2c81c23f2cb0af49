using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Dashboard.Web.Hosting;

/// <summary>
/// The services of the circuit whose event is being handled, reachable from other DI scopes such as the HTTP client
/// factory's handlers (the documented "access server-side Blazor services from a different DI scope" pattern).
/// </summary>
public sealed class CircuitServicesAccessor
{
    private static readonly AsyncLocal<IServiceProvider?> Current = new();

    public IServiceProvider? Services
    {
        get => Current.Value;
        set => Current.Value = value;
    }
}

/// <summary>Makes the circuit's services current for the duration of each inbound circuit activity.</summary>
internal sealed class ServicesAccessorCircuitHandler(IServiceProvider services, CircuitServicesAccessor accessor) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            accessor.Services = services;
            try
            {
                await next(context);
            }
            finally
            {
                accessor.Services = null;
            }
        };
}

/// <summary>
/// The user of the job whose call this is, else of the circuit a call comes from, else of the HTTP request. This is who
/// Partner Center App+User tokens are acquired for: never the HTTP client factory scope's (empty) user.
/// </summary>
internal sealed class CircuitUser(CircuitServicesAccessor circuit, IHttpContextAccessor http) : Dashboard.Orders.ICurrentUserAccessor
{
    public async Task<ClaimsPrincipal?> GetUserAsync(CancellationToken cancellationToken)
    {
        if (Dashboard.Orders.Jobs.JobActor.Current is { } jobUser)
        {
            return jobUser;
        }

        if (circuit.Services?.GetService<AuthenticationStateProvider>() is { } state)
        {
            return (await state.GetAuthenticationStateAsync()).User;
        }

        return http.HttpContext?.User;
    }
}
