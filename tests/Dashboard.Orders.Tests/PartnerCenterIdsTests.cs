using Dashboard.Emulator.Tests;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests;

/// <summary>Malformed ids are refused before anything is sent: they never reach a URL.</summary>
public sealed class PartnerCenterIdsTests : IAsyncLifetime
{
    private const string AnOrder = """{"id": "UKXASSO1dezh3HdxClHxSp5UEFXGbAnt1", "status": "completed", "lineItems": []}""";

    private LoopbackServer _server = default!;
    private OrderDesk _desk = default!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string> MalformedCustomerIds =>
    [
        "",
        "contoso",
        "bd59b416-37f9-4d8f-8df3",
        "../customers",
        "bd59b416-37f9-4d8f-8df3-5750111fc615/orders/x",
        "bd59b416-37f9-4d8f-8df3-5750111fc615?size=1",
    ];

    public static TheoryData<string> MalformedOrderIds =>
    [
        "",
        "has space",
        "../../customers",
        "a/b",
        "a%2fb",
        "order?include_price=true",
        new string('a', 65),
    ];

    public async ValueTask InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(CannedResponse.Json(200, AnOrder));
        _desk = OrderDesk.For(_server.BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await _desk.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(MalformedCustomerIds))]
    public async Task ListOrdersAsync_MalformedCustomerId_IsInvalidInputAndSendsNothing(string customerId)
    {
        var outcome = await _desk.Orders.ListOrdersAsync(customerId, Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.InvalidInput);
        _server.Requests.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(MalformedCustomerIds))]
    public async Task GetCustomerAsync_MalformedCustomerId_IsInvalidInputAndSendsNothing(string customerId)
    {
        var outcome = await _desk.Orders.GetCustomerAsync(customerId, Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.InvalidInput);
        _server.Requests.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(MalformedCustomerIds))]
    public async Task GetOrderAsync_MalformedCustomerId_IsInvalidInputAndSendsNothing(string customerId)
    {
        var outcome = await _desk.Orders.GetOrderAsync(customerId, SeedIds.SeedDocumentOrder, Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.InvalidInput);
        _server.Requests.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(MalformedCustomerIds))]
    public async Task CancelOrderAsync_MalformedCustomerId_IsInvalidInputAndSendsNothing(string customerId)
    {
        var outcome = await _desk.Orders.CancelOrderAsync(customerId, SeedIds.SeedDocumentOrder, Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.InvalidInput);
        _server.Requests.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(MalformedOrderIds))]
    public async Task GetOrderAsync_MalformedOrderId_IsInvalidInputAndSendsNothing(string orderId)
    {
        var outcome = await _desk.Orders.GetOrderAsync(SeedIds.Contoso, orderId, Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.InvalidInput);
        _server.Requests.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(MalformedOrderIds))]
    public async Task CancelOrderAsync_MalformedOrderId_IsInvalidInputAndSendsNothing(string orderId)
    {
        var outcome = await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, orderId, Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.InvalidInput);
        _server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetOrderAsync_OrderIdEndingInNewline_IsInvalidInputAndSendsNothing()
    {
        var outcome = await _desk.Orders.GetOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder + "\n", Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.InvalidInput);
        _server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task CancelOrderAsync_OrderIdEndingInNewline_IsInvalidInputAndSendsNothing()
    {
        var outcome = await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder + "\n", Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.InvalidInput);
        _server.Requests.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(" bd59b416-37f9-4d8f-8df3-5750111fc615 ")]
    [InlineData("bd59b416-37f9-4d8f-8df3-5750111fc615\n")]
    [InlineData("{bd59b416-37f9-4d8f-8df3-5750111fc615}")]
    [InlineData("(bd59b416-37f9-4d8f-8df3-5750111fc615)")]
    [InlineData("bd59b41637f94d8f8df35750111fc615")]
    [InlineData("{0xbd59b416,0x37f9,0x4d8f,{0x8d,0xf3,0x57,0x50,0x11,0x1f,0xc6,0x15}}")]
    public async Task ListOrdersAsync_GuidInAnotherSpelling_IsSentInItsCanonicalForm(string customerId)
    {
        await _desk.Orders.ListOrdersAsync(customerId, Cancellation);

        _server.Requests.ShouldHaveSingleItem().PathAndQuery.ShouldBe($"/v1/customers/{SeedIds.Contoso}/orders");
    }

    [Fact]
    public async Task GetOrderAsync_MalformedOrderId_SaysWhatAnOrderIdLooksLike()
    {
        var outcome = await _desk.Orders.GetOrderAsync(SeedIds.Contoso, "a/b", Cancellation);

        outcome.Problem.ShouldNotBeNull().Message.ShouldContain("'a/b' is not an order id");
    }

    [Fact]
    public async Task ListOrdersAsync_MalformedCustomerId_SaysWhatACustomerIdLooksLike()
    {
        var outcome = await _desk.Orders.ListOrdersAsync("contoso", Cancellation);

        outcome.Problem.ShouldNotBeNull().Message.ShouldContain("'contoso' is not a customer id");
    }

    [Fact]
    public async Task GetOrderAsync_LongestWellFormedOrderId_IsSent()
    {
        var orderId = new string('a', 64);

        await _desk.Orders.GetOrderAsync(SeedIds.Contoso, orderId, Cancellation);

        _server.Requests.ShouldHaveSingleItem().PathAndQuery.ShouldBe($"/v1/customers/{SeedIds.Contoso}/orders/{orderId}");
    }

    [Theory]
    [InlineData(SeedIds.SeedDocumentOrder)]
    [InlineData("9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1")]
    [InlineData("5cf72f146967")]
    [InlineData("0f6a2b8e-4c1d-4e7f-9a3b-5c8d2e1f4a6b")]
    public async Task CancelOrderAsync_WellFormedIds_SendsOnePatchToTheOrder(string orderId)
    {
        await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, orderId, Cancellation);

        var request = _server.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("PATCH");
        request.PathAndQuery.ShouldBe($"/v1/customers/{SeedIds.Contoso}/orders/{orderId}");
    }

    [Fact]
    public async Task CancelOrderAsync_WellFormedIds_SendsTheSandboxCancelBody()
    {
        await _desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        var request = _server.Requests.ShouldHaveSingleItem();
        request.Header("Content-Type").ShouldNotBeNull().ShouldStartWith("application/json");
        using var body = System.Text.Json.JsonDocument.Parse(request.Body);
        body.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetString())).ShouldBe(
            [("id", SeedIds.SeedDocumentOrder), ("status", "cancelled")]);
    }

    [Fact]
    public async Task GetCustomerAsync_UpperCaseGuid_IsSentInItsCanonicalForm()
    {
        var customerId = SeedIds.Contoso.ToUpperInvariant();

        await _desk.Orders.GetCustomerAsync(customerId, Cancellation);

        _server.Requests.ShouldHaveSingleItem().PathAndQuery.ShouldBe($"/v1/customers/{SeedIds.Contoso}");
    }
}
