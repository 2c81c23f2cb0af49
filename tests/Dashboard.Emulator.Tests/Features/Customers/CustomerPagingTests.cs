using System.Net;
using System.Text.Json;

namespace Dashboard.Emulator.Tests.Features.Customers;

/// <summary>
/// The customer list is seek-paged (docs/partner-center.md#customers-and-paging): <c>?size=N</c> gives the first page,
/// <c>links.next</c> the URI of the next one and the <c>MS-ContinuationToken</c> header to send with it; <c>filter</c>
/// is URL-encoded JSON with <c>starts_with</c>. Only reads, so the class shares one demo sandbox.
/// </summary>
public sealed class CustomerPagingTests(DemoSandboxFixture sandbox) : IClassFixture<DemoSandboxFixture>
{
    private const int DemoCustomerCount = 20;

    private readonly HttpClient _client = sandbox.Client;

    [Fact]
    public async Task ListCustomers_WithSize_AnswersAPageOfThatSize()
    {
        var response = await _client.GetAsync("v1/customers?size=7", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        body.Items().Count.ShouldBe(7);
        body.GetProperty("totalCount").ValueKind.ShouldBe(JsonValueKind.Number);
        body.GetProperty("totalCount").GetInt32().ShouldBe(7);
        body.GetProperty("attributes").GetProperty("objectType").GetString().ShouldBe("Collection");
    }

    [Fact]
    public async Task ListCustomers_MoreCustomersThanTheSize_LinksTheNextPageWithAContinuationTokenHeader()
    {
        var body = await _client.GetOkJsonAsync("v1/customers?size=7");

        var links = body.GetProperty("links");
        links.PropertyNames().ShouldBe(["self", "next"]);
        var next = links.GetProperty("next");
        next.PropertyNames().ShouldBe(["uri", "method", "headers"]);
        next.GetProperty("uri").GetString().ShouldBe("/v1/customers?size=7&seekOperation=Next");
        next.GetProperty("method").GetString().ShouldBe("GET");
        var header = next.GetProperty("headers").EnumerateArray().ShouldHaveSingleItem();
        header.PropertyNames().ShouldBe(["key", "value"]);
        header.GetProperty("key").GetString().ShouldBe("MS-ContinuationToken");
        header.GetProperty("value").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task ListCustomers_MoreCustomersThanTheSize_PutsTheContinuationTokenInTheBody()
    {
        var body = await _client.GetOkJsonAsync("v1/customers?size=7");

        body.PropertyNames().ShouldBe(["totalCount", "items", "links", "attributes", "continuationToken"], ignoreOrder: true);
        body.GetProperty("continuationToken").ValueKind.ShouldBe(JsonValueKind.String);
        body.GetProperty("continuationToken").GetString().ShouldBe(ContinuationToken(body.GetProperty("links").GetProperty("next")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(19)]
    public async Task ListCustomers_FollowingEveryNextLink_ReturnsEveryCustomerOnceInCompanyNameOrder(int size)
    {
        var everyone = (await _client.GetOkJsonAsync("v1/customers")).Items();

        var pages = await ReadAllPagesAsync($"v1/customers?size={size}");

        pages.Count.ShouldBe((DemoCustomerCount + size - 1) / size);
        pages.ShouldAllBe(page => page.Count <= size);
        var ids = pages.SelectMany(page => page).Select(c => c.GetProperty("id").GetString()).ToList();
        ids.ShouldBeUnique();
        ids.ShouldBe(everyone.Select(c => c.GetProperty("id").GetString()), ignoreOrder: true);
        var names = pages.SelectMany(page => page).Select(CompanyName).ToList();
        names.ShouldBe(names.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task ListCustomers_LastPage_HasNoNextLinkAndNoContinuationToken()
    {
        var first = await _client.GetOkJsonAsync("v1/customers?size=15");

        var last = await FollowAsync(first.GetProperty("links").GetProperty("next"));

        last.Items().Count.ShouldBe(DemoCustomerCount - 15);
        last.GetProperty("links").PropertyNames().ShouldBe(["self"]);
        last.PropertyNames().ShouldNotContain("continuationToken");
    }

    [Theory]
    [InlineData("v1/customers")]
    [InlineData("v1/customers?size=0")]
    public async Task ListCustomers_SizeZeroOrAbsent_AnswersTheDefaultPageWithEveryDemoCustomer(string uri)
    {
        var body = await _client.GetOkJsonAsync(uri);

        body.Items().Count.ShouldBe(DemoCustomerCount);
        body.GetProperty("links").PropertyNames().ShouldBe(["self"]);
    }

    [Theory]
    [InlineData("con")]
    [InlineData("CON")]
    [InlineData("Con")]
    public async Task ListCustomers_CompanyNameStartsWithFilter_AnswersOnlyMatchingCustomersWhateverTheCase(string value)
    {
        var body = await _client.GetOkJsonAsync($"v1/customers?size=0&filter={Filter("CompanyName", value)}");

        body.Items().Select(CompanyName).ShouldBe(["Consolidated Messenger", "Contoso Sandbox Lab"]);
        body.GetProperty("totalCount").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task ListCustomers_Filtered_SelfLinkKeepsTheFilter()
    {
        var body = await _client.GetOkJsonAsync($"v1/customers?size=3&filter={Filter("CompanyName", "con")}");

        var self = body.GetProperty("links").GetProperty("self").GetProperty("uri").GetString()!;
        var again = await _client.GetOkJsonAsync(self.TrimStart('/'));
        again.Items().Select(CompanyName).ShouldBe(["Consolidated Messenger", "Contoso Sandbox Lab"]);
    }

    [Fact]
    public async Task ListCustomers_FilteredAcrossSeveralPages_KeepsTheFilterOnEveryPage()
    {
        var pages = await ReadAllPagesAsync($"v1/customers?size=3&filter={Filter("CompanyName", "c")}");

        pages.Count.ShouldBe(2);
        pages.SelectMany(page => page).Select(CompanyName)
            .ShouldBe(["City Power & Light", "Coho Winery", "Consolidated Messenger", "Contoso Sandbox Lab"]);
    }

    [Fact]
    public async Task ListCustomers_DomainStartsWithFilter_AnswersOnlyMatchingCustomers()
    {
        var body = await _client.GetOkJsonAsync($"v1/customers?filter={Filter("Domain", "WOODGROVE")}");

        var customer = body.Items().ShouldHaveSingleItem();
        customer.GetProperty("id").GetString().ShouldBe(SeedIds.Woodgrove);
        customer.GetProperty("companyProfile").GetProperty("domain").GetString().ShouldBe("woodgroveqa.onmicrosoft.com");
    }

    [Theory]
    [InlineData("""{"Field":"CompanyName","Value":"con","Operator":"contains"}""")]
    [InlineData("""{"Field":"CompanyName","Value":"con","Operator":"equals"}""")]
    [InlineData("""{"Field":"CompanyName","Value":"con"}""")]
    [InlineData("""{"Field":"Country","Value":"US","Operator":"starts_with"}""")]
    [InlineData("""{"Field":"Email","Value":"a","Operator":"starts_with"}""")]
    [InlineData("""{"Value":"con","Operator":"starts_with"}""")]
    public async Task ListCustomers_UnsupportedFilterOperatorOrField_Answers400InvalidRequestInput(string filter)
    {
        var response = await _client.GetAsync($"v1/customers?filter={Uri.EscapeDataString(filter)}", TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800002);
    }

    [Theory]
    [InlineData("{\"Field\":\"CompanyName\",\"Value\":\"con\",\"Operator\":\"starts_with\"")]
    [InlineData("""{"Field":"CompanyName",""")]
    [InlineData("CompanyName starts_with con")]
    [InlineData("""["CompanyName","con","starts_with"]""")]
    public async Task ListCustomers_MalformedFilterJson_Answers400InvalidRequestInput(string filter)
    {
        var response = await _client.GetAsync($"v1/customers?filter={Uri.EscapeDataString(filter)}", TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800002);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public async Task ListCustomers_BadSize_Answers400InvalidRequestInput(string size)
    {
        var response = await _client.GetAsync($"v1/customers?size={Uri.EscapeDataString(size)}", TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800002);
    }

    [Fact]
    public async Task ListCustomers_SeekNextWithoutContinuationToken_Answers400InvalidRequestInput()
    {
        var response = await _client.GetAsync("v1/customers?size=7&seekOperation=Next", TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800002);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("AAAA")]
    [InlineData("e30")] // base64url of {}
    [InlineData("not.a.token!")]
    public async Task ListCustomers_SeekNextWithAGarbageContinuationToken_Answers400InvalidRequestInput(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/customers?size=7&seekOperation=Next");
        request.Headers.Add("MS-ContinuationToken", token);

        var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        await response.ShouldBeErrorAsync(HttpStatusCode.BadRequest, 800002);
    }

    private static string Filter(string field, string value) =>
        Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, string> { ["Field"] = field, ["Value"] = value, ["Operator"] = "starts_with" }));

    private static string CompanyName(JsonElement customer) => customer.GetProperty("companyProfile").GetProperty("companyName").GetString()!;

    private static string ContinuationToken(JsonElement next) =>
        next.GetProperty("headers").EnumerateArray().Single(h => h.GetProperty("key").GetString() == "MS-ContinuationToken").GetProperty("value").GetString()!;

    // As the .NET SDK's enumerator does: GET links.next.uri verbatim with every header of links.next.headers.
    private async Task<JsonElement> FollowAsync(JsonElement next)
    {
        using var request = new HttpRequestMessage(new HttpMethod(next.GetProperty("method").GetString()!), next.GetProperty("uri").GetString());
        foreach (var header in next.GetProperty("headers").EnumerateArray())
        {
            request.Headers.Add(header.GetProperty("key").GetString()!, header.GetProperty("value").GetString());
        }

        var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.ReadJsonAsync();
    }

    private async Task<List<IReadOnlyList<JsonElement>>> ReadAllPagesAsync(string firstPage)
    {
        var pages = new List<IReadOnlyList<JsonElement>>();
        var body = await _client.GetOkJsonAsync(firstPage);
        while (true)
        {
            pages.Add(body.Items());
            if (!body.GetProperty("links").TryGetProperty("next", out var next))
            {
                return pages;
            }

            pages.Count.ShouldBeLessThan(100, "links.next never ends");
            body = await FollowAsync(next);
        }
    }
}
