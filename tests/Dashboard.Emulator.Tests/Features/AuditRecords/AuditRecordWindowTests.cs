using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Emulator.Tests.Features.AuditRecords;

/// <summary>
/// The date window of <c>GET /v1/auditrecords</c> (docs/partner-center.md#audit-records): the last 30 days unless a
/// start date is given, an end date that is a day includes that day, and a start date more than 90 days back is refused
/// with 400. Each test gets a fresh sandbox on a fake clock that moves only when the test moves it.
/// </summary>
public sealed class AuditRecordWindowTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private RunningEmulator _emulator = default!;
    private HttpClient _client = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync(_time);
        _client = _emulator.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Get_WithoutStartDate_ReturnsTheLast30Days()
    {
        await CancelThenDeleteFortyDaysLaterAsync();

        var records = (await _client.GetOkJsonAsync("v1/auditrecords")).Items();

        records.Select(r => r.GetProperty("operationType").GetString()).ShouldBe(["delete_customer"]);
    }

    [Fact]
    public async Task Get_WithStartDate_ReturnsEveryRecordSinceThatDayOldestFirst()
    {
        await CancelThenDeleteFortyDaysLaterAsync();

        var records = (await _client.GetOkJsonAsync("v1/auditrecords?startDate=2026-11-25")).Items();

        records.Select(r => r.GetProperty("operationType").GetString()).ShouldBe(["update_order", "delete_customer"]);
    }

    [Fact]
    public async Task Get_WithAnEndDateThatIsADay_IncludesThatWholeDayAndNothingAfter()
    {
        await CancelThenDeleteFortyDaysLaterAsync();

        var records = (await _client.GetOkJsonAsync("v1/auditrecords?startDate=2026-11-25&endDate=2026-11-25")).Items();

        records.Select(r => r.GetProperty("operationType").GetString()).ShouldBe(["update_order"]);
    }

    [Fact]
    public async Task Get_StartDateAsTheSdkWritesIt_IsRead()
    {
        await CancelThenDeleteFortyDaysLaterAsync();

        var records = (await _client.GetOkJsonAsync($"v1/auditrecords?startDate={Uri.EscapeDataString("11/25/2026 00:00:00")}")).Items();

        records.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Get_RecordsDate_IsTheMomentTheChangeWasApplied()
    {
        await CancelAsync();

        var record = (await _client.GetOkJsonAsync("v1/auditrecords")).Items().ShouldHaveSingleItem();

        record.GetProperty("operationDate").GetString().ShouldBe("2026-11-25T09:00:00.0000000Z");
        record.GetProperty("id").GetString()!.Split('_')[1].ShouldBe(Start.UtcTicks.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Get_TwoChangesInTheSameTick_HaveDistinctIdsInTheOrderApplied()
    {
        await CancelAsync();
        (await _client.DeleteAsync($"v1/customers/{SeedIds.Adatum}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var records = (await _client.GetOkJsonAsync("v1/auditrecords")).Items();

        records.Select(r => r.GetProperty("id").GetString()).Distinct().Count().ShouldBe(2);
        records.Select(r => r.GetProperty("operationType").GetString()).ShouldBe(["update_order", "delete_customer"]);
    }

    [Fact]
    public async Task Get_StartDateExactly90DaysBack_IsAnswered()
    {
        _time.Advance(TimeSpan.FromDays(90));

        var response = await _client.GetAsync("v1/auditrecords?startDate=2026-11-25", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Get_StartDateMoreThan90DaysBack_Answers400WithPartnerCentersErrorBody()
    {
        _time.Advance(TimeSpan.FromDays(91));

        var response = await _client.GetAsync("v1/auditrecords?startDate=2026-11-25", Cancellation);

        var error = await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800002);
        error.GetProperty("description").GetString().ShouldNotBeNull().ShouldContain("90 days");
    }

    [Fact]
    public async Task Get_EndDateBeforeStartDate_Answers400()
    {
        var response = await _client.GetAsync("v1/auditrecords?startDate=2026-11-20&endDate=2026-11-10", Cancellation);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800002);
    }

    [Fact]
    public async Task Get_UnreadableStartDate_Answers400()
    {
        var response = await _client.GetAsync("v1/auditrecords?startDate=yesterday", Cancellation);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800002);
    }

    [Fact]
    public async Task Patch_WithProcessingTime_IsRecordedWhenTheCancelIsAccepted()
    {
        await using var emulator = await RunningEmulator.StartAsync([new("Emulator:CancelProcessingSeconds", "30")], _time);
        using var client = emulator.CreateClient();
        (await client.PatchAsJsonAsync(OrderUri, new { id = SeedIds.SeedDocumentOrder, status = "cancelled" }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var record = (await client.GetOkJsonAsync("v1/auditrecords")).Items().ShouldHaveSingleItem();

        record.GetProperty("operationDate").GetString().ShouldBe("2026-11-25T09:00:00.0000000Z");
        using var order = JsonDocument.Parse(record.GetProperty("resourceNewValue").GetString()!);
        order.RootElement.GetProperty("Status").GetString().ShouldBe("pending");
    }

    private static string OrderUri => $"v1/customers/{SeedIds.Contoso}/orders/{SeedIds.SeedDocumentOrder}";

    private async Task CancelAsync() =>
        (await _client.PatchAsJsonAsync(OrderUri, new { id = SeedIds.SeedDocumentOrder, status = "cancelled" }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

    // update_order at 2026-11-25 09:00, delete_customer forty days later.
    private async Task CancelThenDeleteFortyDaysLaterAsync()
    {
        await CancelAsync();
        _time.Advance(TimeSpan.FromDays(40));
        (await _client.DeleteAsync($"v1/customers/{SeedIds.Adatum}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }
}
