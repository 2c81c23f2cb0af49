using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Dashboard.EndToEnd.Tests.Features.Access;

/// <summary>
/// The dashboard's built-in emulator answers the dashboard that started it and nobody else: another process on the
/// machine without the dashboard's per-process token, a web page the user visits, a page rebinding its name to loopback.
/// </summary>
public sealed class BuiltInEmulatorTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    private const string Fabrikam = "3f1e7b2c-9a4d-4c8e-b7f1-2d6a9e0c5b13";
    private const string FabrikamSoftwareSubscription = "2y6dF_rVgDAXMxypQPPnTquuXhKVK_3N1";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("v1/customers")]
    [InlineData("emulator/changes")]
    [InlineData("emulator/faults")]
    public async Task Request_WithoutTheDashboardsToken_Answers401(string uri)
    {
        using var client = new HttpClient { BaseAddress = host.EmulatorAddress };

        var response = await client.GetAsync(uri, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("v1/customers")]
    [InlineData("emulator/changes")]
    [InlineData("emulator/faults")]
    public async Task Request_WithAnotherToken_Answers401(string uri)
    {
        using var client = new HttpClient { BaseAddress = host.EmulatorAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "emulator-0123456789abcdef0123456789abcdef");

        var response = await client.GetAsync(uri, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("v1/customers")]
    [InlineData("emulator/changes")]
    public async Task Request_WithTheDashboardsToken_IsAnswered(string uri)
    {
        using var client = host.CreateEmulatorClient();

        var response = await client.GetAsync(uri, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Request_ForAnotherHostName_Answers400EvenWithTheDashboardsToken()
    {
        using var client = host.CreateEmulatorClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/customers");
        request.Headers.Host = "rebound.example";

        var response = await client.SendAsync(request, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task WebPageOfAnotherOrigin_PostsAReset_TheSandboxIsNotReset()
    {
        await host.ResetEmulatorAsync();
        using var emulator = host.CreateEmulatorClient();
        (await emulator.PatchAsJsonAsync($"v1/customers/{Fabrikam}/orders/{FabrikamSoftwareSubscription}",
            new { id = FabrikamSoftwareSubscription, status = "cancelled" }, Cancellation)).EnsureSuccessStatusCode();
        var page = await host.NewAnonymousPageAsync();

        // What any page may send without asking (a "simple" request), and what needs a CORS preflight.
        var attempts = await page.EvaluateAsync<string[]>(
            """
            async (root) => {
              const tried = [];
              for (const [mode, type] of [["no-cors", "text/plain"], ["no-cors", "application/x-www-form-urlencoded"], ["cors", "application/json"]]) {
                try {
                  const answer = await fetch(root + "emulator/reset?seed=empty", { method: "POST", mode, headers: { "Content-Type": type }, body: '{"seed": "empty"}' });
                  tried.push(`${mode} ${type}: ${answer.type} ${answer.status}`);
                } catch (e) {
                  tried.push(`${mode} ${type}: refused (${e.name})`);
                }
              }
              return tried;
            }
            """,
            host.EmulatorAddress.ToString());

        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", attempts));
        attempts.Length.ShouldBe(3);
        attempts[2].ShouldContain("refused");
        (await host.ReadOrderFromEmulatorAsync(Fabrikam, FabrikamSoftwareSubscription)).GetProperty("status").GetString().ShouldBe("cancelled");
        await host.ResetEmulatorAsync();
    }
}
