using System.Net;
using Dashboard.Emulator.Tests;
using Dashboard.Orders.Jobs;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests.Jobs;

/// <summary>
/// A customer clean-up as a job against the emulator: the customers' orders cancelled and, when asked, each customer
/// that can be deleted deleted last; one that cannot is left alone without holding up the others.
/// </summary>
public sealed class CleanUpJobTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartCleanUpAsync_WithDeleteAndNoBlockers_CancelsTheOrdersThenDeletesTheCustomer()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.RemoveOrderAsync(SeedIds.WoodgroveOldSaaS, Cancellation);
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync();

        var plan = (await desk.Jobs.PlanCleanUpAsync([SeedIds.Woodgrove], Cancellation)).Value.ShouldNotBeNull();
        var jobId = (await desk.Jobs.StartCleanUpAsync(plan, deleteCustomers: true, Cancellation)).Value;
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Completed);
        job.Items.Select(i => (i.Kind, i.OrderId, i.Outcome)).ShouldBe(
            [(JobItemKind.CancelOrder, SeedIds.WoodgroveSoftware, JobItemOutcome.Cancelled), (JobItemKind.DeleteCustomer, null, JobItemOutcome.Cancelled)]);
        JobWords.Outcome(job.Items[1]).ShouldBe("deleted");
        (await emulator.ChangesAsync(SeedIds.WoodgroveSoftware, Cancellation)).ShouldHaveSingleItem();
        (await emulator.CustomerStatusAsync(SeedIds.Woodgrove, Cancellation)).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StartCleanUpAsync_WithDeleteForACustomerWithoutOrders_DeletesIt()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync();

        var plan = (await desk.Jobs.PlanCleanUpAsync([SeedIds.Adatum], Cancellation)).Value.ShouldNotBeNull();
        var jobId = (await desk.Jobs.StartCleanUpAsync(plan, deleteCustomers: true, Cancellation)).Value;
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Completed);
        var delete = job.Items.ShouldHaveSingleItem();
        delete.Kind.ShouldBe(JobItemKind.DeleteCustomer);
        delete.Outcome.ShouldBe(JobItemOutcome.Cancelled);
        delete.RequestId.ShouldNotBeNull();
        (await emulator.CustomerStatusAsync(SeedIds.Adatum, Cancellation)).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StartCleanUpAsync_WithDeleteAndACustomerWithBlockers_CancelsWhatItCanAndDeletesOnlyTheOthers()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync();

        var plan = (await desk.Jobs.PlanCleanUpAsync([SeedIds.Fabrikam, SeedIds.Adatum], Cancellation)).Value.ShouldNotBeNull();
        var jobId = (await desk.Jobs.StartCleanUpAsync(plan, deleteCustomers: true, Cancellation)).Value;
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Completed);
        var fabrikam = job.Items.Where(i => i.CustomerId == SeedIds.Fabrikam).ToList();
        fabrikam.Single(i => i.OrderId == SeedIds.FabrikamSoftwareSubscription).Outcome.ShouldBe(JobItemOutcome.Cancelled);
        fabrikam.Single(i => i.OrderId == SeedIds.FabrikamOldSoftware).Outcome.ShouldBe(JobItemOutcome.Skipped);
        var notDeleted = fabrikam.Single(i => i.Kind == JobItemKind.DeleteCustomer);
        notDeleted.Outcome.ShouldBe(JobItemOutcome.Skipped);
        notDeleted.Description.ShouldNotBeNull().ShouldStartWith("Not deleted:");
        notDeleted.RequestId.ShouldBeNull();
        job.Items.Single(i => i.CustomerId == SeedIds.Adatum && i.Kind == JobItemKind.DeleteCustomer).Outcome.ShouldBe(JobItemOutcome.Cancelled);
        (await emulator.CustomerStatusAsync(SeedIds.Fabrikam, Cancellation)).ShouldBe(HttpStatusCode.OK);
        (await emulator.CustomerStatusAsync(SeedIds.Adatum, Cancellation)).ShouldBe(HttpStatusCode.NotFound);
        desk.Logs.Calls().Where(c => c.Method == "DELETE").ShouldHaveSingleItem().StatusCode.ShouldBe(204);
    }

    [Fact]
    public async Task StartCleanUpAsync_WithDeleteAndAMarketplacePurchase_DeletesTheCustomerAndAccountsForThePurchase()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync();

        var plan = (await desk.Jobs.PlanCleanUpAsync([SeedIds.Woodgrove], Cancellation)).Value.ShouldNotBeNull();
        var jobId = (await desk.Jobs.StartCleanUpAsync(plan, deleteCustomers: true, Cancellation)).Value;
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Completed);
        job.Items.Single(i => i.OrderId == SeedIds.WoodgroveSoftware).Outcome.ShouldBe(JobItemOutcome.Cancelled);
        var purchase = job.Items.Single(i => i.OrderId == SeedIds.WoodgroveOldSaaS);
        purchase.Outcome.ShouldBe(JobItemOutcome.Skipped);
        purchase.RequestId.ShouldBeNull();
        job.Items.Single(i => i.Kind == JobItemKind.DeleteCustomer).Outcome.ShouldBe(JobItemOutcome.Cancelled);
        (await emulator.ChangesAsync(SeedIds.WoodgroveOldSaaS, Cancellation)).ShouldBeEmpty();
        (await emulator.CustomerStatusAsync(SeedIds.Woodgrove, Cancellation)).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StartCleanUpAsync_CancelOnly_CancelsTheOrdersAndNeverSendsADelete()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.RemoveOrderAsync(SeedIds.WoodgroveOldSaaS, Cancellation);
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync();

        var plan = (await desk.Jobs.PlanCleanUpAsync([SeedIds.Woodgrove, SeedIds.Adatum], Cancellation)).Value.ShouldNotBeNull();
        var jobId = (await desk.Jobs.StartCleanUpAsync(plan, deleteCustomers: false, Cancellation)).Value;
        var job = await desk.FinishedAsync(jobId);

        job.Job.State.ShouldBe(JobState.Completed);
        job.Job.DeleteCustomers.ShouldBeFalse();
        job.Items.ShouldHaveSingleItem().OrderId.ShouldBe(SeedIds.WoodgroveSoftware);
        job.Items[0].Outcome.ShouldBe(JobItemOutcome.Cancelled);
        desk.Logs.Calls().ShouldNotContain(c => c.Method == "DELETE");
        (await emulator.CustomerStatusAsync(SeedIds.Woodgrove, Cancellation)).ShouldBe(HttpStatusCode.OK);
        (await emulator.CustomerStatusAsync(SeedIds.Adatum, Cancellation)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task StartCleanUpAsync_CancelOnlyWithNothingCancellable_IsInvalidInputAndStartsNoJob()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync();

        var plan = (await desk.Jobs.PlanCleanUpAsync([SeedIds.Northwind, SeedIds.Adatum], Cancellation)).Value.ShouldNotBeNull();
        var started = await desk.Jobs.StartCleanUpAsync(plan, deleteCustomers: false, Cancellation);

        started.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.InvalidInput);
        (await desk.Jobs.ListJobsAsync(10, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task StartCleanUpAsync_DeleteAnswerLostAfterItWasApplied_IsDeletedNotAlreadyGone()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await emulator.SetFaultsAsync(new { script = new[] { RunningEmulator.ScriptRule("DELETE", $"/v1/customers/{SeedIds.Adatum}", "dropAfterApplying") } }, Cancellation);
        await using var desk = JobDesk.For(emulator.BaseAddress);
        await desk.StartAsync();

        var plan = (await desk.Jobs.PlanCleanUpAsync([SeedIds.Adatum], Cancellation)).Value.ShouldNotBeNull();
        var jobId = (await desk.Jobs.StartCleanUpAsync(plan, deleteCustomers: true, Cancellation)).Value;
        var job = await desk.FinishedAsync(jobId);

        var delete = job.Items.ShouldHaveSingleItem();
        delete.Outcome.ShouldBe(JobItemOutcome.Cancelled);
        desk.Logs.Calls().Where(c => c.Method == "DELETE").Select(c => c.RequestId).Distinct().ShouldHaveSingleItem().ShouldBe(delete.RequestId);
        (await emulator.CustomerStatusAsync(SeedIds.Adatum, Cancellation)).ShouldBe(HttpStatusCode.NotFound);
    }
}
