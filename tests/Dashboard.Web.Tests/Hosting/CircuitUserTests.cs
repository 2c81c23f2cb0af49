using System.Security.Claims;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// Partner Center App+User tokens are acquired for the user of the circuit a call comes from, even though the HTTP
/// client factory runs the call in a scope of its own (STACK-NOTES: the handler-scope pitfall).
/// </summary>
public sealed class CircuitUserTests
{
    private readonly CircuitServicesAccessor _accessor = new();
    private readonly IHttpContextAccessor _http = new HttpContextAccessor();

    [Fact]
    public async Task GetUserAsync_DuringACircuitsActivity_IsThatCircuitsUser()
    {
        var circuit = CircuitOf("alice@contoso.test");
        var user = new CircuitUser(_accessor, _http);
        ClaimsPrincipal? seen = null;

        await Activity(circuit, async () => seen = await user.GetUserAsync(Xunit.TestContext.Current.CancellationToken));

        seen.ShouldNotBeNull().Identity!.Name.ShouldBe("alice@contoso.test");
    }

    [Fact]
    public async Task GetUserAsync_TwoCircuitsAtOnce_EachSeesItsOwnUser()
    {
        var user = new CircuitUser(_accessor, _http);
        var alice = CircuitOf("alice@contoso.test");
        var bob = CircuitOf("bob@contoso.test");
        var bothInside = new TaskCompletionSource();
        var entered = 0;
        string? aliceSaw = null;
        string? bobSaw = null;

        async Task Run(IServiceProvider circuit, Action<string?> record)
        {
            await Activity(circuit, async () =>
            {
                if (Interlocked.Increment(ref entered) == 2)
                {
                    bothInside.SetResult();
                }

                await bothInside.Task.WaitAsync(TimeSpan.FromSeconds(5), Xunit.TestContext.Current.CancellationToken);
                record((await user.GetUserAsync(Xunit.TestContext.Current.CancellationToken))?.Identity?.Name);
            });
        }

        await Task.WhenAll(Run(alice, name => aliceSaw = name), Run(bob, name => bobSaw = name));

        aliceSaw.ShouldBe("alice@contoso.test");
        bobSaw.ShouldBe("bob@contoso.test");
    }

    [Fact]
    public async Task GetUserAsync_OutsideAnyCircuitActivity_IsTheRequestsUserOrNobody()
    {
        var user = new CircuitUser(_accessor, _http);

        var seen = await user.GetUserAsync(Xunit.TestContext.Current.CancellationToken);

        seen.ShouldBeNull();
    }

    private async Task Activity(IServiceProvider circuit, Func<Task> work)
    {
        var handler = new ServicesAccessorCircuitHandler(circuit, _accessor);
        var run = handler.CreateInboundActivityHandler(_ => work());
        await run(null!);
        _accessor.Services.ShouldBeNull();
    }

    private static ServiceProvider CircuitOf(string userName)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, userName)], "test"));
        var state = Substitute.For<AuthenticationStateProvider>();
        state.GetAuthenticationStateAsync().Returns(new AuthenticationState(principal));
        return new ServiceCollection().AddSingleton(state).BuildServiceProvider();
    }
}
