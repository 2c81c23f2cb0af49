using System.Globalization;
using Dashboard.Emulator.Tests;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Orders.Tests;

/// <summary>
/// Partner Center's own audit records of an order (docs/partner-center.md#audit-records), read through the order desk
/// from the emulator on a fake clock: a cancel shows as Partner Center recorded it, with the cancel's correlation id.
/// </summary>
public sealed class OrderServiceAuditTests : IAsyncLifetime
{
    private static readonly DateTimeOffset SeededAt = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(SeededAt);
    private RunningEmulator _emulator = default!;
    private OrderDesk _desk = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync(_time);
        _desk = OrderDesk.For(_emulator.BaseAddress, _time);
    }

    public async ValueTask DisposeAsync()
    {
        await _desk.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task ListOrderAuditRecordsAsync_AfterACancel_ShowsOneUpdateOrderWithTheCancelsCorrelationId()
    {
        (await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation)).Succeeded.ShouldBeTrue();
        var patch = _desk.Logs.From("Dashboard.PartnerCenter.Http.PartnerCenterRequestHandler").Single(e => e.Properties["HttpMethod"] == "PATCH");

        var outcome = await _desk.Orders.ListOrderAuditRecordsAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, SeededAt.AddDays(-1), Cancellation);

        var record = outcome.Value.ShouldNotBeNull().ShouldHaveSingleItem();
        record.Operation.ShouldBe("update_order");
        record.Status.ShouldBe("succeeded");
        record.CorrelationId.ShouldBe(patch.Properties["CorrelationId"]);
        record.Date.ShouldBe(SeededAt);
        record.Summary.ShouldBe("Order cancelled");
        record.UserPrincipalName.ShouldNotBeNullOrWhiteSpace();
        record.ApplicationId.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task ListOrderAuditRecordsAsync_LinesCancelledOneAfterTheOther_ShowsEachCancelNewestFirst()
    {
        (await _desk.Orders.CancelLineItemsAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, [1], Cancellation)).Succeeded.ShouldBeTrue();
        _time.Advance(TimeSpan.FromMinutes(5));
        (await _desk.Orders.CancelLineItemsAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, [0], Cancellation)).Succeeded.ShouldBeTrue();

        var outcome = await _desk.Orders.ListOrderAuditRecordsAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, SeededAt.AddDays(-1), Cancellation);

        outcome.Value.ShouldNotBeNull().Select(r => (r.Date, r.Summary)).ShouldBe(
        [
            (SeededAt.AddMinutes(5), "Line 0 cancelled (quantity 0)"),
            (SeededAt, "Line 1 cancelled (quantity 0)"),
        ]);
    }

    [Fact]
    public async Task ListOrderAuditRecordsAsync_OtherOrdersOfTheCustomerCancelled_LeavesThemOut()
    {
        (await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance, Cancellation)).Succeeded.ShouldBeTrue();

        var outcome = await _desk.Orders.ListOrderAuditRecordsAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, SeededAt.AddDays(-1), Cancellation);

        outcome.Value.ShouldNotBeNull().ShouldBeEmpty();
    }

    [Fact]
    public async Task ListOrderAuditRecordsAsync_ChangesBeforeTheTimeAsked_AreLeftOut()
    {
        (await _desk.Orders.CancelLineItemsAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, [1], Cancellation)).Succeeded.ShouldBeTrue();
        _time.Advance(TimeSpan.FromHours(2));
        (await _desk.Orders.CancelLineItemsAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, [0], Cancellation)).Succeeded.ShouldBeTrue();

        var outcome = await _desk.Orders.ListOrderAuditRecordsAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware, SeededAt.AddHours(1), Cancellation);

        outcome.Value.ShouldNotBeNull().ShouldHaveSingleItem().Date.ShouldBe(SeededAt.AddHours(2));
    }

    [Fact]
    public async Task ListOrderAuditRecordsAsync_RefusedCancel_ShowsNothing()
    {
        (await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.ContosoNewCommerce, Cancellation)).Succeeded.ShouldBeFalse();

        var outcome = await _desk.Orders.ListOrderAuditRecordsAsync(SeedIds.Contoso, SeedIds.ContosoNewCommerce, SeededAt.AddDays(-1), Cancellation);

        outcome.Value.ShouldNotBeNull().ShouldBeEmpty();
    }

    [Fact]
    public async Task ListOrderAuditRecordsAsync_CancelStillBeingProcessed_SaysItWasAccepted()
    {
        await using var emulator = await RunningEmulator.StartAsync([new("Emulator:CancelProcessingSeconds", "30")], _time);
        await using var desk = OrderDesk.For(emulator.BaseAddress, _time);
        await desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        var outcome = await desk.Orders.ListOrderAuditRecordsAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, SeededAt.AddDays(-1), Cancellation);

        outcome.Value.ShouldNotBeNull().ShouldHaveSingleItem().Summary.ShouldBe("Order cancel accepted, still being processed");
    }

    [Fact]
    public async Task ListOrderAuditRecordsAsync_SinceLongerAgoThanPartnerCenterKeeps_AsksFrom89DaysBack()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(200, """{"totalCount": 0, "items": []}"""));
        await using var desk = OrderDesk.For(server.BaseAddress, _time);

        var outcome = await desk.Orders.ListOrderAuditRecordsAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, SeededAt.AddYears(-1), Cancellation);

        outcome.Succeeded.ShouldBeTrue();
        var query = QueryOf(server.Requests.ShouldHaveSingleItem());
        query["startDate"].ToString().ShouldBe(SeededAt.AddDays(-89).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        query["filter"].ToString().ShouldBe($$"""{"Field":"CustomerId","Value":"{{SeedIds.Contoso}}","Operator":"equals"}""");
    }

    [Fact]
    public async Task ListOrderAuditRecordsAsync_AnswerInPages_FollowsLinksNextToTheLastPage()
    {
        await using var server = await LoopbackServer.StartAsync(request => request.Header("MS-ContinuationToken") switch
        {
            null => CannedResponse.Json(200, Page(Record("old", "2026-11-20T08:00:00Z"), next: "page-2")),
            "page-2" => CannedResponse.Json(200, Page(Record("new", "2026-11-24T08:00:00Z"), next: null)),
            _ => CannedResponse.Json(400, """{"code": 800002, "description": "Invalid request input", "data": [], "source": "PartnerFD"}"""),
        });
        await using var desk = OrderDesk.For(server.BaseAddress, _time);

        var outcome = await desk.Orders.ListOrderAuditRecordsAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, SeededAt.AddDays(-30), Cancellation);

        outcome.Value.ShouldNotBeNull().Select(r => r.Id).ShouldBe(["new", "old"]);
        server.Requests.Count.ShouldBe(2);
        server.Requests[1].PathAndQuery.ShouldBe("/v1/auditrecords?seekOperation=Next");
    }

    [Fact]
    public async Task ListOrderAuditRecordsAsync_RecordNamingTheOrderOnlyInItsResource_IsKept()
    {
        var record = $$"""
            {"id": "by-resource", "customerId": "{{SeedIds.Contoso}}", "resourceType": "order", "operationType": "create_order",
             "operationDate": "2026-11-24T08:00:00Z", "operationStatus": "succeeded",
             "resourceNewValue": "{\"Id\":\"{{SeedIds.SeedDocumentOrder}}\",\"Status\":\"completed\"}", "customizedData": []}
            """;
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(200, Page(record, next: null)));
        await using var desk = OrderDesk.For(server.BaseAddress, _time);

        var outcome = await desk.Orders.ListOrderAuditRecordsAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, SeededAt.AddDays(-30), Cancellation);

        outcome.Value.ShouldNotBeNull().ShouldHaveSingleItem().Summary.ShouldBe("Order created");
    }

    [Theory]
    [InlineData("not-a-customer", SeedIds.SeedDocumentOrder)]
    [InlineData(SeedIds.Contoso, "../customers")]
    public async Task ListOrderAuditRecordsAsync_MalformedId_IsInvalidInputAndSendsNothing(string customerId, string orderId)
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(200, """{"totalCount": 0, "items": []}"""));
        await using var desk = OrderDesk.For(server.BaseAddress, _time);

        var outcome = await desk.Orders.ListOrderAuditRecordsAsync(customerId, orderId, SeededAt.AddDays(-1), Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.InvalidInput);
        server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task ListOrderAuditRecordsAsync_PartnerCenterRefuses_IsRefusedWithItsCodeAndCorrelationId()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(400,
            """{"code": 800002, "description": "Invalid request input: startDate is too old", "data": [], "source": "PartnerFD"}"""));
        await using var desk = OrderDesk.For(server.BaseAddress, _time);

        var outcome = await desk.Orders.ListOrderAuditRecordsAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, SeededAt.AddDays(-1), Cancellation);

        var problem = outcome.Problem.ShouldNotBeNull();
        problem.Kind.ShouldBe(ProblemKind.Refused);
        problem.PartnerCenterCode.ShouldBe("800002");
        problem.CorrelationId.ShouldNotBeNull();
    }

    [Fact]
    public async Task ListOrderAuditRecordsAsync_NobodyListening_ThrowsPartnerCenterUnavailable()
    {
        await using var desk = OrderDesk.For(LoopbackServer.AddressNobodyListensOn(), _time);

        await Should.ThrowAsync<PartnerCenterUnavailableException>(
            () => desk.Orders.ListOrderAuditRecordsAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, SeededAt.AddDays(-1), Cancellation));
    }

    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> QueryOf(RecordedRequest request) =>
        QueryHelpers.ParseQuery(request.PathAndQuery[request.PathAndQuery.IndexOf('?', StringComparison.Ordinal)..]);

    private static string Record(string id, string date) => $$"""
        {"id": "{{id}}", "customerId": "{{SeedIds.Contoso}}", "resourceType": "order", "operationType": "update_order",
         "operationDate": "{{date}}", "operationStatus": "succeeded",
         "customizedData": [{"key": "OrderId", "value": "{{SeedIds.SeedDocumentOrder}}"}, {"key": "Status", "value": "cancelled"}]}
        """;

    private static string Page(string item, string? next) => next is null
        ? $$$"""{"totalCount": 1, "items": [{{{item}}}], "links": {"self": {"uri": "/auditrecords", "method": "GET", "headers": []} } }"""
        : $$$"""
            {"totalCount": 1, "items": [{{{item}}}], "continuationToken": "{{{next}}}",
             "links": {"self": {"uri": "/auditrecords", "method": "GET", "headers": []},
                       "next": {"uri": "/auditrecords?seekOperation=Next", "method": "GET", "headers": [{"key": "MS-ContinuationToken", "value": "{{{next}}}"}]} } }
            """;
}
