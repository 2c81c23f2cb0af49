using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests;

/// <summary>Partner Center's only customer search, by the start of the company name, against the emulator.</summary>
public sealed class OrderServiceCustomerSearchTests : IAsyncLifetime
{
    private RunningEmulator _emulator = default!;
    private OrderDesk _desk = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync();
        _desk = OrderDesk.For(_emulator.BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await _desk.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task ListCustomersPageAsync_CompanyNamePrefix_FindsTheCustomersWhoseNameStartsWithIt()
    {
        var outcome = await _desk.Orders.ListCustomersPageAsync("  contoso ", 25, null, Cancellation);

        outcome.Value.ShouldNotBeNull().Customers.ShouldNotBeEmpty();
        outcome.Value.Customers.ShouldAllBe(c => c.CompanyName.StartsWith("Contoso", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ListCustomersPageAsync_PrefixLongerThanAnyCompanyName_IsInvalidInputAndNothingIsSent()
    {
        var outcome = await _desk.Orders.ListCustomersPageAsync(new string('é', OrderService.MaxCompanyNameSearch + 1), 25, null, Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.InvalidInput);
        outcome.Problem.Message.ShouldContain($"at most {OrderService.MaxCompanyNameSearch} characters");
        _desk.Logs.Calls().ShouldBeEmpty();
    }

    [Fact]
    public async Task ListCustomersPageAsync_PrefixOfTheLongestLength_IsSent()
    {
        var outcome = await _desk.Orders.ListCustomersPageAsync(new string('é', OrderService.MaxCompanyNameSearch), 25, null, Cancellation);

        outcome.Value.ShouldNotBeNull().Customers.ShouldBeEmpty();
    }
}
