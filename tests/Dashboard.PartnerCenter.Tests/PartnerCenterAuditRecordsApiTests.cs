using System.Net;
using System.Text.Json;
using Dashboard.Emulator.Tests;
using Dashboard.PartnerCenter.Dtos;
using Dashboard.PartnerCenter.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.PartnerCenter.Tests;

/// <summary>The audit-record calls of the Refit interface against the emulator: sent, answered and read.</summary>
public sealed class PartnerCenterAuditRecordsApiTests : IAsyncLifetime
{
    private RunningEmulator _emulator = default!;
    private PartnerCenterClient _client = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync();
        _client = PartnerCenterClient.For(_emulator.BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task GetAuditRecordsAsync_AfterACancel_ReadsTheUpdateOrderRecord()
    {
        (await _client.Api.PatchOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, OrderPatchDto.Cancel(SeedIds.SeedDocumentOrder), Guid.NewGuid().ToString(), Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await _client.Api.GetAuditRecordsAsync(Today, null, CustomerFilter(SeedIds.Contoso), null, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var record = response.Content.ShouldNotBeNull().Items.ShouldNotBeNull().ShouldHaveSingleItem();
        record.OperationType.ShouldBe("update_order");
        record.ResourceType.ShouldBe("order");
        record.OperationStatus.ShouldBe("succeeded");
        record.CustomerId.ShouldBe(SeedIds.Contoso);
        Guid.TryParse(record.OriginalCorrelationId, out _).ShouldBeTrue();
        record.OperationDate.ShouldNotBeNullOrWhiteSpace();
        record.CustomizedData.ShouldNotBeNull().ShouldContain(new AuditDataDto { Key = "OrderId", Value = SeedIds.SeedDocumentOrder });
        record.ResourceNewValue.ShouldNotBeNull().ShouldContain(SeedIds.SeedDocumentOrder);
    }

    [Fact]
    public async Task GetNextAuditRecordsAsync_PageAfterTheFirst_ReadsTheRest()
    {
        await _client.Api.PatchOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, OrderPatchDto.Cancel(SeedIds.SeedDocumentOrder), Guid.NewGuid().ToString(), Cancellation);
        await _client.Api.PatchOrderAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance, OrderPatchDto.Cancel(SeedIds.ContosoReservedInstance), Guid.NewGuid().ToString(), Cancellation);
        var first = (await _client.Api.GetAuditRecordsAsync(Today, null, null, 1, Cancellation)).Content.ShouldNotBeNull();

        var next = await _client.Api.GetNextAuditRecordsAsync(1, first.ContinuationToken.ShouldNotBeNull(), Cancellation);

        next.StatusCode.ShouldBe(HttpStatusCode.OK);
        var records = first.Items.ShouldNotBeNull().Concat(next.Content.ShouldNotBeNull().Items.ShouldNotBeNull()).ToList();
        records.Select(r => r.CustomizedData!.Single(d => d.Key == "OrderId").Value)
            .ShouldBe([SeedIds.SeedDocumentOrder, SeedIds.ContosoReservedInstance]);
        next.Content.Links.ShouldNotBeNull().Next.ShouldBeNull();
    }

    [Fact]
    public async Task GetAuditRecordsAsync_StartDateBeyond90Days_IsRefusedWithPartnerCentersError()
    {
        var longAgo = DateTime.UtcNow.AddDays(-120).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var response = await _client.Api.GetAuditRecordsAsync(longAgo, null, null, null, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        PartnerCenterFailure.From(response).ErrorCode.ShouldBe("800002");
    }

    private static string CustomerFilter(string customerId) =>
        JsonSerializer.Serialize(new { Field = "CustomerId", Value = customerId, Operator = "equals" });
}
