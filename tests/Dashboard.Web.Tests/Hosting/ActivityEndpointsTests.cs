using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// <c>GET /activity/export.csv</c> on the real app, with its own store and the development sign-in: the filtered log as
/// a CSV attachment for anyone who may read, each export recorded first (so the next file holds it), and a sign-in for
/// anyone else. Also the page itself, <c>/activity</c>, for a reader and for nobody.
/// </summary>
public sealed partial class ActivityEndpointsTests : IAsyncLifetime
{
    private const string Header =
        "time (utc),user,user object id,user tenant,action,customer id,customer,order id,lines,job,outcome,partner center code,detail,ms-correlationid,ms-requestid,instance";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "sod-web-tests", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program> _factory = default!;

    private static CancellationToken Cancellation => Xunit.TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // Each host its own store: hosts that start in parallel must not migrate one shared file.
            web.UseSetting("Store:ConnectionString", $"Data Source={Path.Combine(_data, "dashboard.db")}");
            web.UseEnvironment("Development");
            web.UseSetting("PartnerCenter:BaseUrl", "");
            web.UseSetting("Emulator:DataPath", Path.Combine(_data, "emulator.db"));
            web.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task GetCsv_Reader_AnswersAnAttachmentThatIsNotCached()
    {
        using var reader = await SignedInAsync("reader");

        using var response = await reader.GetAsync("activity/export.csv", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentType.CharSet.ShouldBe("utf-8");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentDisposition.FileName!.Trim('"').ShouldMatch(@"^activity-\d{8}-\d{6}\.csv$");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task GetCsv_FirstExport_IsTheHeaderRowAlone()
    {
        using var reader = await SignedInAsync("reader");

        var lines = await ExportAsync(reader, "");

        lines.ShouldBe([Header]);
    }

    [Fact]
    public async Task GetCsv_Twice_TheSecondFileHoldsTheFirstExportsRecord()
    {
        using var reader = await SignedInAsync("reader");
        await ExportAsync(reader, "");

        var lines = await ExportAsync(reader, "");

        lines.Count.ShouldBe(2);
        lines[0].ShouldBe(Header);
        var record = Fields(lines[1]);
        (record["user"], record["action"], record["outcome"], record["detail"])
            .ShouldBe(("Riley Reader", "Export CSV", "Applied", "Activity log CSV: 0 records. No filters."));
        record["user object id"].ShouldNotBeNullOrEmpty();
        record["instance"].ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task GetCsv_UserFilter_HoldsOnlyThatUsersRecords()
    {
        using var reader = await SignedInAsync("reader");
        using var operatorClient = await SignedInAsync("operator");
        await ExportAsync(operatorClient, "?action=Export");
        await ExportAsync(reader, "");

        var lines = await ExportAsync(reader, "?user=Riley");

        lines.Count.ShouldBe(2);
        Fields(lines[1])["user"].ShouldBe("Riley Reader");
    }

    [Fact]
    public async Task GetCsv_Filters_AreRecordedWithTheExport()
    {
        using var reader = await SignedInAsync("reader");
        await ExportAsync(reader, "?user=Olivia&outcome=Denied&page=7");

        var lines = await ExportAsync(reader, "?user=Riley");

        Fields(lines[1])["detail"].ShouldBe("Activity log CSV: 0 records. Filters: user Olivia; outcome Denied.");
    }

    [Fact]
    public async Task GetCsv_FilterMatchingNothing_IsTheHeaderRowAlone()
    {
        using var reader = await SignedInAsync("reader");
        await ExportAsync(reader, "");

        var lines = await ExportAsync(reader, "?outcome=Refused");

        lines.ShouldBe([Header]);
    }

    [Fact]
    public async Task GetCsv_Anonymous_IsSentToSignInAndRecordsNothing()
    {
        using var anonymous = Client();

        using var response = await anonymous.GetAsync("activity/export.csv?user=Riley", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/signin");
        using var reader = await SignedInAsync("reader");
        (await ExportAsync(reader, "")).ShouldBe([Header]);
    }

    [Theory]
    [InlineData("cross-site")]
    [InlineData("same-site")]
    public async Task GetCsv_StartedByAnotherSite_IsRefusedAndRecordsNothing(string site)
    {
        using var reader = await SignedInAsync("reader");
        using var request = new HttpRequestMessage(HttpMethod.Get, "activity/export.csv?user=Mallory%20was%20here");
        request.Headers.Add("Sec-Fetch-Site", site);

        using var response = await reader.SendAsync(request, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ExportAsync(reader, "")).ShouldBe([Header]);
    }

    [Theory]
    [InlineData("same-origin")]
    [InlineData("none")]
    public async Task GetCsv_FromTheDashboardOrTheAddressBar_IsServed(string site)
    {
        using var reader = await SignedInAsync("reader");
        using var request = new HttpRequestMessage(HttpMethod.Get, "activity/export.csv");
        request.Headers.Add("Sec-Fetch-Site", site);

        using var response = await reader.SendAsync(request, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task GetCsv_MoreThanTheLimitInAMinute_IsRefusedWithRetryAfterAndRecordsNothingMore()
    {
        using var reader = await SignedInAsync("reader");
        for (var i = 0; i < Dashboard.Web.Hosting.RecordedDownloads.PerMinute - 1; i++)
        {
            await ExportAsync(reader, "");
        }

        var last = await ExportAsync(reader, "?action=Export");
        using var refused = await reader.GetAsync("activity/export.csv", Cancellation);

        last.Count.ShouldBe(Dashboard.Web.Hosting.RecordedDownloads.PerMinute, "the header and each earlier export");
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldBe(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task GetPage_Reader_IsServed()
    {
        using var reader = await SignedInAsync("reader");

        using var response = await reader.GetAsync("activity?user=Riley", Cancellation);

        // Pages are not prerendered: the page's content comes with the circuit (the bUnit tests say what it shows).
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task GetPage_Anonymous_IsSentToSignInWithTheWayBack()
    {
        using var response = await Client().GetAsync("activity?user=Riley", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.ShouldBe("/signin?ReturnUrl=%2Factivity%3Fuser%3DRiley");
    }

    /// <summary>The lines of the file <c>/activity/export.csv{query}</c> answers, without the byte order mark.</summary>
    private static async Task<IReadOnlyList<string>> ExportAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"activity/export.csv{query}", Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(Cancellation));
        return text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>A data line's fields by the header's names (quoted fields as CSV quotes them).</summary>
    private static Dictionary<string, string> Fields(string line)
    {
        var names = Header.Split(',');
        var values = CsvField().Matches(line + ",").Select(m => m.Groups["quoted"].Success
            ? m.Groups["quoted"].Value.Replace("\"\"", "\"", StringComparison.Ordinal)
            : m.Groups["plain"].Value).ToList();
        values.Count.ShouldBe(names.Length, line);
        return names.Zip(values).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    [GeneratedRegex("""\G(?:"(?<quoted>(?:[^"]|"")*)"|(?<plain>[^,]*)),""")]
    private static partial Regex CsvField();

    /// <summary>Signs in through the development sign-in, as a person does: the form, its antiforgery token, the cookie.</summary>
    private async Task<HttpClient> SignedInAsync(string user)
    {
        var client = Client();
        var html = await client.GetStringAsync("signin/development?returnUrl=/activity", Cancellation);
        var form = html[html.IndexOf($"id=\"sign-in-{user}\"", StringComparison.Ordinal)..];
        var token = AntiforgeryField().Match(form).Groups["token"].Value;
        token.ShouldNotBeNullOrEmpty();
        using var signIn = await client.PostAsync("account/development-signin", new FormUrlEncodedContent(
            [new("user", user), new("returnUrl", "/activity"), new("__RequestVerificationToken", token)]), Cancellation);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    private HttpClient Client() =>
        _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="(?<token>[^"]+)"|type="hidden" name="__RequestVerificationToken" value="(?<token>[^"]+)"|name="__RequestVerificationToken" value="(?<token>[^"]+)""")]
    private static partial Regex AntiforgeryField();
}
