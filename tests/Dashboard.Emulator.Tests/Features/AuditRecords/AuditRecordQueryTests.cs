using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Testing;

namespace Dashboard.Emulator.Tests.Features.AuditRecords;

/// <summary>
/// The filters and pages of <c>GET /v1/auditrecords</c> (docs/partner-center.md#audit-records): CompanyName by
/// substring, CustomerId and ResourceType by equality, each value's case ignored; seek-paged with
/// <c>MS-ContinuationToken</c>. Each test gets a fresh sandbox with three records: a cancel for Contoso, a cancel for
/// Woodgrove, and the delete of Adatum.
/// </summary>
public sealed class AuditRecordQueryTests : IAsyncLifetime
{
    private RunningEmulator _emulator = default!;
    private HttpClient _client = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await RunningEmulator.StartAsync();
        _client = _emulator.CreateClient();
        await CancelAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder);
        await CancelAsync(SeedIds.Woodgrove, SeedIds.WoodgroveSoftware);
        (await _client.DeleteAsync($"v1/customers/{SeedIds.Adatum}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Get_FilteredByCustomerId_ReturnsThatCustomersRecordsOnly()
    {
        var records = await GetAsync(Filter("CustomerId", SeedIds.Woodgrove.ToUpperInvariant(), "equals"));

        records.Select(r => r.GetProperty("customerId").GetString()).ShouldBe([SeedIds.Woodgrove]);
    }

    [Fact]
    public async Task Get_FilteredByCompanyNameSubstring_MatchesAnyPartWhateverItsCase()
    {
        var records = await GetAsync(Filter("CompanyName", "SANDBOX", "substring"));

        records.Select(r => r.GetProperty("customerName").GetString()).ShouldBe(["Contoso Sandbox Lab"]);
    }

    [Fact]
    public async Task Get_FilteredByResourceType_ReturnsThatTypeOnly()
    {
        var records = await GetAsync(Filter("ResourceType", "Customer", "equals"));

        records.Select(r => r.GetProperty("operationType").GetString()).ShouldBe(["delete_customer"]);
    }

    [Fact]
    public async Task Get_FilterNamesInAnyCase_AreRead()
    {
        var records = await GetAsync("""{"field":"customerid","value":"bd59b416-37f9-4d8f-8df3-5750111fc615","operator":"EQUALS"}""");

        records.Select(r => r.GetProperty("customerId").GetString()).ShouldBe([SeedIds.Contoso]);
    }

    [Theory]
    [InlineData("""{"Field":"CustomerId","Value":"bd59b416-37f9-4d8f-8df3-5750111fc615","Operator":"starts_with"}""")]
    [InlineData("""{"Field":"CustomerId","Value":"not-a-customer-id","Operator":"equals"}""")]
    [InlineData("""{"Field":"Domain","Value":"contoso","Operator":"substring"}""")]
    [InlineData("""["CustomerId"]""")]
    [InlineData("CustomerId eq bd59b416")]
    public async Task Get_FilterTheDocsDoNotDescribe_Answers400(string filter)
    {
        var response = await _client.GetAsync($"v1/auditrecords?filter={Uri.EscapeDataString(filter)}", Cancellation);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800002);
    }

    [Fact]
    public async Task Get_Collection_LinksToItselfWithoutTheVersionAsPublished()
    {
        var collection = await _client.GetOkJsonAsync("v1/auditrecords?size=30");

        collection.GetProperty("totalCount").GetInt32().ShouldBe(3);
        collection.GetProperty("attributes").GetProperty("objectType").GetString().ShouldBe("Collection");
        collection.GetProperty("links").GetProperty("self").GetProperty("uri").GetString().ShouldStartWith("/auditrecords?startDate=");
        collection.GetProperty("links").TryGetProperty("next", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Get_MoreRecordsThanTheSize_PagesThroughEveryRecordOnce()
    {
        var seen = new List<string>();
        var page = await _client.GetOkJsonAsync("v1/auditrecords?size=2");
        seen.AddRange(page.Items().Select(r => r.GetProperty("id").GetString()!));
        var next = page.GetProperty("links").GetProperty("next");
        var token = next.GetProperty("headers")[0];
        token.GetProperty("key").GetString().ShouldBe("MS-ContinuationToken");

        using var request = new HttpRequestMessage(HttpMethod.Get, "v1" + next.GetProperty("uri").GetString());
        request.Headers.Add("MS-ContinuationToken", token.GetProperty("value").GetString());
        var last = await (await _client.SendAsync(request, Cancellation)).ReadJsonAsync();
        seen.AddRange(last.Items().Select(r => r.GetProperty("id").GetString()!));

        seen.Count.ShouldBe(3);
        seen.Distinct().Count().ShouldBe(3);
        last.GetProperty("links").TryGetProperty("next", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("FromTicks", "older")]
    [InlineData("FilterField", "CompanyName")]
    [InlineData("AfterTicks", "-1")]
    public async Task Get_NextPageWithATamperedToken_Answers400AndNoRecords(string field, string tampering)
    {
        var page = await _client.GetOkJsonAsync("v1/auditrecords?size=2");
        var token = page.GetProperty("links").GetProperty("next").GetProperty("headers")[0].GetProperty("value").GetString()!;
        var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(FromBase64Url(token))!;
        fields[field] = tampering switch
        {
            // Past the 90 days Partner Center keeps; a filter without its value; ticks before the calendar starts.
            "older" => JsonSerializer.SerializeToElement(DateTime.UtcNow.AddDays(-200).Ticks),
            "-1" => JsonSerializer.SerializeToElement(-1L),
            _ => JsonSerializer.SerializeToElement(tampering),
        };

        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/auditrecords?size=2&seekOperation=Next");
        request.Headers.Add("MS-ContinuationToken", ToBase64Url(JsonSerializer.SerializeToUtf8Bytes(fields)));
        var response = await _client.SendAsync(request, Cancellation);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800002);
    }

    private static byte[] FromBase64Url(string token)
    {
        var base64 = token.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }

    private static string ToBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public async Task Get_NextPageWithoutItsToken_Answers400()
    {
        var response = await _client.GetAsync("v1/auditrecords?size=2&seekOperation=Next", Cancellation);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800002);
    }

    [Fact]
    public async Task Get_WithoutAToken_Answers401LikeEveryPartnerCenterCall()
    {
        using var anonymous = new HttpClient { BaseAddress = _emulator.BaseAddress };

        var response = await anonymous.GetAsync("v1/auditrecords", Cancellation);

        await response.ShouldBeErrorAsync(HttpStatusCode.Unauthorized, 800001);
    }

    [Fact]
    public async Task Get_WithAFaultScripted_AnswersTheFaultThenTheRecords()
    {
        await _emulator.SetFaultsAsync(new { script = new[] { RunningEmulator.ScriptRule("GET", "/v1/auditrecords", "error503", "throttle") } }, Cancellation);

        var failed = await _client.GetAsync("v1/auditrecords", Cancellation);
        var throttled = await _client.GetAsync("v1/auditrecords", Cancellation);
        var answered = await _client.GetOkJsonAsync("v1/auditrecords");

        await failed.ShouldBeErrorAsync(HttpStatusCode.ServiceUnavailable, 0);
        throttled.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        answered.Items().Count.ShouldBe(3);
    }

    private static string Filter(string field, string value, string op) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["Field"] = field, ["Value"] = value, ["Operator"] = op });

    private async Task<IReadOnlyList<JsonElement>> GetAsync(string filter) =>
        (await _client.GetOkJsonAsync($"v1/auditrecords?filter={Uri.EscapeDataString(filter)}")).Items();

    private async Task CancelAsync(string customerId, string orderId) =>
        (await _client.PatchAsJsonAsync($"v1/customers/{customerId}/orders/{orderId}", new { id = orderId, status = "cancelled" }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
}
