using Dashboard.Emulator.Tests;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests.Jobs;

/// <summary>
/// The dry run of a customer clean-up: the orders it would cancel, what keeps each customer from being deleted and what
/// to do about it, read from the emulator with nothing sent.
/// </summary>
public sealed class CleanUpPlanJobTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PlanCleanUpAsync_CustomerWithoutOrders_CanBeDeletedWithNothingToCancel()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = await DeskAsync(emulator.BaseAddress);

        var plan = (await desk.Jobs.PlanCleanUpAsync([SeedIds.Adatum], Cancellation)).Value.ShouldNotBeNull();

        var adatum = plan.Customers.ShouldHaveSingleItem();
        adatum.Customer.Id.ShouldBe(SeedIds.Adatum);
        adatum.CanDelete.ShouldBeTrue();
        adatum.ToCancel.ShouldBeEmpty();
        adatum.Blockers.ShouldBeEmpty();
        adatum.Problem.ShouldBeNull();
        plan.Deletable.ShouldBe(1);
    }

    [Fact]
    public async Task PlanCleanUpAsync_CustomerWhoseOrdersCanAllBeCancelled_CanBeDeletedOnceTheyAre()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.RemoveOrderAsync(SeedIds.WoodgroveOldSaaS, Cancellation);
        await using var desk = await DeskAsync(emulator.BaseAddress);

        var plan = (await desk.Jobs.PlanCleanUpAsync([SeedIds.Woodgrove], Cancellation)).Value.ShouldNotBeNull();

        var woodgrove = plan.Customers.ShouldHaveSingleItem();
        woodgrove.CanDelete.ShouldBeTrue();
        woodgrove.ToCancel.ShouldHaveSingleItem().OrderId.ShouldBe(SeedIds.WoodgroveSoftware);
        woodgrove.Blockers.ShouldBeEmpty();
        plan.OrdersToCancel.ShouldBe(1);
        plan.EstimatedDuration.ShouldBeGreaterThan(TimeSpan.Zero);
        desk.Logs.Calls().ShouldNotContain(c => c.Method != "GET");
    }

    [Fact]
    public async Task PlanCleanUpAsync_CustomerWithOrdersThisDashboardCannotCancel_CannotBeDeletedAndSaysWhatToDo()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = await DeskAsync(emulator.BaseAddress);

        var plan = (await desk.Jobs.PlanCleanUpAsync([SeedIds.Fabrikam], Cancellation)).Value.ShouldNotBeNull();

        var fabrikam = plan.Customers.ShouldHaveSingleItem();
        fabrikam.CanDelete.ShouldBeFalse();
        fabrikam.ToCancel.ShouldHaveSingleItem().OrderId.ShouldBe(SeedIds.FabrikamSoftwareSubscription);
        var old = fabrikam.Blockers.Single(b => b.Order.OrderId == SeedIds.FabrikamOldSoftware);
        old.Why.ShouldContain("more than 60 days ago");
        old.WhatToDo.ShouldContain("Partner Center no longer cancels it");
        var pending = fabrikam.Blockers.Single(b => b.Order.OrderId == SeedIds.FabrikamPendingReservedInstance);
        pending.WhatToDo.ShouldContain("Wait until Partner Center has finished processing it");
        plan.Deletable.ShouldBe(0);
    }

    [Fact]
    public async Task PlanCleanUpAsync_CustomerWithAMarketplacePurchase_ListsItAsRemovedWithTheCustomerWithoutBlockingTheDelete()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = await DeskAsync(emulator.BaseAddress);

        var plan = (await desk.Jobs.PlanCleanUpAsync([SeedIds.Woodgrove], Cancellation)).Value.ShouldNotBeNull();

        var woodgrove = plan.Customers.ShouldHaveSingleItem();
        woodgrove.CanDelete.ShouldBeTrue();
        woodgrove.Blockers.ShouldBeEmpty();
        var purchase = woodgrove.NotCancelledHere.ShouldHaveSingleItem();
        purchase.Order.OrderId.ShouldBe(SeedIds.WoodgroveOldSaaS);
        purchase.Note.ShouldContain("deleting the customer removes it");
    }

    [Fact]
    public async Task PlanCleanUpAsync_CustomerWithAnAzurePlan_CannotBeDeletedUntilThePlanIsSuspended()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = await DeskAsync(emulator.BaseAddress);

        var plan = (await desk.Jobs.PlanCleanUpAsync([SeedIds.Northwind], Cancellation)).Value.ShouldNotBeNull();

        var northwind = plan.Customers.ShouldHaveSingleItem();
        northwind.CanDelete.ShouldBeFalse();
        var blocker = northwind.Blockers.ShouldHaveSingleItem();
        blocker.Order.OrderId.ShouldBe(SeedIds.NorthwindAzurePlan);
        blocker.WhatToDo.ShouldContain("suspend the Azure plan");
    }

    [Fact]
    public async Task PlanCleanUpAsync_AlreadyCancelledOrder_IsCountedButNeitherCancelledNorABlocker()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = await DeskAsync(emulator.BaseAddress);

        var plan = (await desk.Jobs.PlanCleanUpAsync([SeedIds.Northwind], Cancellation)).Value.ShouldNotBeNull();

        var northwind = plan.Customers.ShouldHaveSingleItem();
        northwind.AlreadyCancelled.ShouldBe(1);
        northwind.ToCancel.ShouldBeEmpty();
        northwind.Blockers.Select(b => b.Order.OrderId).ShouldBe([SeedIds.NorthwindAzurePlan]);
        northwind.NotCancelledHere.Select(p => p.Order.OrderId).ShouldBe([SeedIds.NorthwindNewCommerce]);
    }

    [Fact]
    public async Task PlanCleanUpAsync_OrderOnlyItsEntitlementsReferTo_IsCancelledToo()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.RemoveOrderAsync(SeedIds.WoodgroveOldSaaS, Cancellation);
        await using var partnerCenter = await LaggingOrderList.StartAsync(emulator.BaseAddress, SeedIds.WoodgroveSoftware);
        await using var desk = await DeskAsync(partnerCenter.BaseAddress);

        var plan = (await desk.Jobs.PlanCleanUpAsync([SeedIds.Woodgrove], Cancellation)).Value.ShouldNotBeNull();

        var woodgrove = plan.Customers.ShouldHaveSingleItem();
        woodgrove.ToCancel.ShouldHaveSingleItem().OrderId.ShouldBe(SeedIds.WoodgroveSoftware);
        woodgrove.CanDelete.ShouldBeTrue();
        desk.Logs.Calls().ShouldContain(c => c.Route == PartnerCenterCalls.OrderRoute && c.Method == "GET");
    }

    [Fact]
    public async Task PlanCleanUpAsync_SeveralCustomers_PlansEachOnceWithTheCallsToMake()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = await DeskAsync(emulator.BaseAddress);

        var plan = (await desk.Jobs.PlanCleanUpAsync([SeedIds.Contoso, SeedIds.Adatum, SeedIds.Contoso.ToUpperInvariant()], Cancellation)).Value.ShouldNotBeNull();

        plan.Customers.Select(c => c.Customer.Id).ShouldBe([SeedIds.Contoso, SeedIds.Adatum]);
        plan.OrdersToCancel.ShouldBe(2);
        plan.Calls.ShouldBe((2 * 2) + 2 + 2);
    }

    [Fact]
    public async Task PlanCleanUpAsync_UnknownCustomer_IsNotFound()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = await DeskAsync(emulator.BaseAddress);

        var plan = await desk.Jobs.PlanCleanUpAsync([SeedIds.Adatum, SeedIds.UnknownCustomer], Cancellation);

        plan.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.NotFound);
    }

    [Fact]
    public async Task PlanCleanUpAsync_MalformedCustomerId_IsInvalidInputAndNothingIsSent()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = await DeskAsync(emulator.BaseAddress);

        var plan = await desk.Jobs.PlanCleanUpAsync([SeedIds.Adatum, "adatum"], Cancellation);

        plan.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.InvalidInput);
        desk.Logs.Calls().ShouldBeEmpty();
    }

    private static async Task<JobDesk> DeskAsync(Uri partnerCenter)
    {
        var desk = JobDesk.For(partnerCenter);
        await desk.StartAsync(runner: false);
        return desk;
    }
}
