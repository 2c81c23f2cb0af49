using System.Net;
using System.Net.Http.Json;
using Dashboard.Testing;

namespace Dashboard.Emulator.Tests.Features.Customers;

/// <summary>
/// The sandbox clean-up (docs/partner-center.md#sandbox-clean-up): a customer can be deleted only once its
/// reserved-instance and software orders are cancelled; SaaS, new-commerce and Azure plan purchases do not block. Each
/// test gets a fresh sandbox.
/// </summary>
public sealed class DeleteCustomerTests : IAsyncLifetime
{
    private const string Adatum = "e4f6a8b0-2c4e-4a6c-8e0a-4c6e8a0c2e4a";
    private const string SeedDocumentOrderAlternateId = "11fc4bdfd47a";
    private const string ContosoReservedInstanceAlternateId = "3b7e0d1c9a42";
    private const string ContosoSaaSAlternateId = "5d2a8f4e6c10";

    private RunningEmulator _emulator = default!;
    private HttpClient _client = default!;

    public async ValueTask InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync();
        _client = _emulator.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task DeleteCustomer_WithActiveReservedInstanceAndSoftwareOrders_Answers400ActivePurchases()
    {
        var response = await _client.DeleteAsync($"v1/customers/{SeedIds.Contoso}", TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800062);
    }

    [Fact]
    public async Task DeleteCustomer_WithActiveReservedInstanceAndSoftwareOrders_NamesTheirAlternateIdsOnly()
    {
        var response = await _client.DeleteAsync($"v1/customers/{SeedIds.Contoso}", TestContext.Current.CancellationToken);

        var description = (await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800062)).GetProperty("description").GetString()!;
        description.ShouldContain(SeedDocumentOrderAlternateId);
        description.ShouldContain(ContosoReservedInstanceAlternateId);
        description.ShouldNotContain(ContosoSaaSAlternateId);
        description.ShouldNotContain(SeedIds.ContosoNewCommerce);
    }

    [Fact]
    public async Task DeleteCustomer_WhileOneBlockingOrderIsLeft_IsStillRefused()
    {
        await CancelAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder);

        var response = await _client.DeleteAsync($"v1/customers/{SeedIds.Contoso}", TestContext.Current.CancellationToken);

        var description = (await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800062)).GetProperty("description").GetString()!;
        description.ShouldContain(ContosoReservedInstanceAlternateId);
        description.ShouldNotContain(SeedDocumentOrderAlternateId);
    }

    [Fact]
    public async Task DeleteCustomer_AfterCancellingItsReservedInstanceAndSoftwareOrders_Answers204WithoutBody()
    {
        await CancelAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder);
        await CancelAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance);

        var response = await _client.DeleteAsync($"v1/customers/{SeedIds.Contoso}", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetCustomer_AfterItWasDeleted_Answers404TenantNotFound()
    {
        await CancelAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder);
        await CancelAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance);
        (await _client.DeleteAsync($"v1/customers/{SeedIds.Contoso}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var response = await _client.GetAsync($"v1/customers/{SeedIds.Contoso}", TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, 60003);
    }

    [Fact]
    public async Task ListCustomers_AfterACustomerWasDeleted_IsOneShorterAndLeavesItOut()
    {
        var before = (await _client.GetOkJsonAsync("v1/customers")).Items();
        await CancelAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder);
        await CancelAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance);
        (await _client.DeleteAsync($"v1/customers/{SeedIds.Contoso}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var after = (await _client.GetOkJsonAsync("v1/customers")).Items();

        after.Count.ShouldBe(before.Count - 1);
        after.Select(c => c.GetProperty("id").GetString()).ShouldNotContain(SeedIds.Contoso);
    }

    [Fact]
    public async Task DeleteCustomer_UnknownCustomer_Answers404TenantNotFound()
    {
        var response = await _client.DeleteAsync($"v1/customers/{SeedIds.UnknownCustomer}", TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.NotFound, 60003);
    }

    [Fact]
    public async Task DeleteCustomer_CustomerWithoutOrders_Answers204AtOnce()
    {
        var response = await _client.DeleteAsync($"v1/customers/{Adatum}", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await _client.GetAsync($"v1/customers/{Adatum}", TestContext.Current.CancellationToken)).ShouldBeErrorAsync(HttpStatusCode.NotFound, 60003);
    }

    [Fact]
    public async Task ListCustomers_CustomerDeletedBetweenTwoPages_SkipsNoOtherCustomer()
    {
        // The clean-up flow deletes customers while it pages through them; seek paging must carry on after the last one seen.
        var everyone = (await _client.GetOkJsonAsync("v1/customers")).Items().Select(c => c.GetProperty("id").GetString()!).ToList();
        var first = await _client.GetOkJsonAsync("v1/customers?size=5");
        first.Items().Select(c => c.GetProperty("id").GetString()).ShouldContain(Adatum);
        (await _client.DeleteAsync($"v1/customers/{Adatum}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var seen = first.Items().Select(c => c.GetProperty("id").GetString()!).ToList();
        var page = first;
        while (page.GetProperty("links").TryGetProperty("next", out var next))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next.GetProperty("uri").GetString());
            request.Headers.Add("MS-ContinuationToken", next.GetProperty("headers")[0].GetProperty("value").GetString());
            var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            page = await response.ReadJsonAsync();
            seen.AddRange(page.Items().Select(c => c.GetProperty("id").GetString()!));
        }

        seen.ShouldBe(everyone, ignoreOrder: true);
    }

    private async Task CancelAsync(string customerId, string orderId)
    {
        var response = await _client.PatchAsJsonAsync($"v1/customers/{customerId}/orders/{orderId}",
            new { id = orderId, status = "cancelled" }, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"cancelling {orderId}");
    }
}
