// Over 300 lines: every way Partner Center can fail to answer, read and cancel, side by side so that the outcomes can be compared.
using Dashboard.Emulator.Tests;
using Dashboard.Orders.Tests.Testing;
using Dashboard.Testing;

namespace Dashboard.Orders.Tests;

/// <summary>
/// When Partner Center cannot answer: reads throw a safe <see cref="PartnerCenterUnavailableException"/>, a cancel
/// says that its outcome is unknown and is never sent twice, throttling is a value with the wait in it.
/// </summary>
public sealed class OrderServiceFailureTests
{
    private const string ThrottlingBody = """{"statusCode": 429, "message": "Rate limit is exceeded. Try again in 57 seconds."}""";

    private const string ProxyErrorPage = """
        <!DOCTYPE html>
        <html><head><title>502 Bad Gateway</title></head>
        <body><h1>Bad Gateway</h1><p>upstream connect error or disconnect/reset before headers</p></body></html>
        """;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string> Reads => ["ListCustomers", "GetCustomer", "ListOrders", "GetOrder"];

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Read_NobodyListening_ThrowsPartnerCenterUnavailable(string read)
    {
        var address = LoopbackServer.AddressNobodyListensOn();
        await using var desk = OrderDesk.For(address);

        var thrown = await Should.ThrowAsync<PartnerCenterUnavailableException>(() => ReadAsync(desk.Orders, read));

        thrown.Message.ShouldBe("Partner Center could not be reached.");
    }

    [Fact]
    public async Task ListOrdersAsync_NobodyListening_ThrowsAMessageWithoutAddressOrTokenOrSocketError()
    {
        var address = LoopbackServer.AddressNobodyListensOn();
        await using var desk = OrderDesk.For(address);

        var thrown = await Should.ThrowAsync<PartnerCenterUnavailableException>(() => desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation));

        thrown.Message.ShouldNotContain(address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        thrown.Message.ShouldNotContain("127.0.0.1");
        thrown.Message.ShouldNotContain(OrderDesk.Token);
        thrown.Message.ShouldNotContain("refused", Case.Insensitive);
        thrown.InnerException.ShouldBeNull();
    }

    [Fact]
    public async Task ListOrdersAsync_NobodyListening_CarriesTheCorrelationIdOfTheCall()
    {
        await using var desk = OrderDesk.For(LoopbackServer.AddressNobodyListensOn());

        var thrown = await Should.ThrowAsync<PartnerCenterUnavailableException>(() => desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation));

        var call = desk.Logs.From("Dashboard.PartnerCenter.Http.PartnerCenterRequestHandler").ShouldHaveSingleItem();
        thrown.CorrelationId.ShouldNotBeNull();
        thrown.CorrelationId.ShouldBe(call.Properties["CorrelationId"]);
        thrown.ToProblem().ShouldBe(new Problem(ProblemKind.Unavailable, thrown.Message, null, thrown.CorrelationId));
    }

    [Fact]
    public async Task ListOrdersAsync_NobodyListening_LogsTheFailureOnceAsWarning()
    {
        await using var desk = OrderDesk.For(LoopbackServer.AddressNobodyListensOn());

        await Should.ThrowAsync<PartnerCenterUnavailableException>(() => desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation));

        var logged = desk.Logs.From("Dashboard.Orders.OrderService").ShouldHaveSingleItem();
        logged.Level.ShouldBe(LogLevel.Warning);
        logged.Properties["What"].ShouldBe("orders");
        logged.Properties["FailureKind"].ShouldBe("NoResponse");
    }

    [Fact]
    public async Task CancelOrderAsync_NobodyListening_IsOutcomeUnknown()
    {
        await using var desk = OrderDesk.For(LoopbackServer.AddressNobodyListensOn());

        var outcome = await desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Problem.Kind.ShouldBe(ProblemKind.OutcomeUnknown);
        outcome.Problem.Message.ShouldContain("may or may not have been cancelled");
        outcome.Problem.CorrelationId.ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Read_HtmlPageFromAProxy_ThrowsPartnerCenterUnavailableWithoutThePage(string read)
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Html(502, ProxyErrorPage));
        await using var desk = OrderDesk.For(server.BaseAddress);

        var thrown = await Should.ThrowAsync<PartnerCenterUnavailableException>(() => ReadAsync(desk.Orders, read));

        thrown.Message.ShouldContain("502");
        thrown.Message.ShouldNotContain("<");
        thrown.Message.ShouldNotContain("upstream");
    }

    [Fact]
    public async Task ListOrdersAsync_EmptyServiceUnavailable_ThrowsPartnerCenterUnavailable()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Empty(503));
        await using var desk = OrderDesk.For(server.BaseAddress);

        var thrown = await Should.ThrowAsync<PartnerCenterUnavailableException>(() => desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation));

        thrown.Message.ShouldContain("503");
    }

    [Fact]
    public async Task ListOrdersAsync_PartnerCenterServerError_ThrowsPartnerCenterUnavailable()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(500,
            """{"code": 0, "description": "The service has encountered an unknown error.", "data": [], "source": "PartnerFD"}"""));
        await using var desk = OrderDesk.For(server.BaseAddress);

        await Should.ThrowAsync<PartnerCenterUnavailableException>(() => desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation));
    }

    [Fact]
    public async Task CancelOrderAsync_HtmlPageFromAProxy_IsOutcomeUnknown()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Html(502, ProxyErrorPage));
        await using var desk = OrderDesk.For(server.BaseAddress);

        var outcome = await desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.OutcomeUnknown);
        outcome.Problem.Message.ShouldNotContain("<");
    }

    [Fact]
    public async Task CancelOrderAsync_HtmlPageFromAProxy_IsSentAgainOnlyWithTheSameRequestIdThenReadBack()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Html(502, ProxyErrorPage));
        await using var desk = OrderDesk.For(server.BaseAddress);

        await desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        var patches = server.Requests.Where(r => r.Method == "PATCH").ToList();
        patches.Count.ShouldBe(3);
        patches.Select(p => p.Header("MS-RequestId")).Distinct().ShouldHaveSingleItem();
        server.Requests[^1].Method.ShouldBe("GET");
    }

    [Fact]
    public async Task CancelOrderAsync_EmptyServiceUnavailable_IsOutcomeUnknown()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Empty(503));
        await using var desk = OrderDesk.For(server.BaseAddress);

        var outcome = await desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.OutcomeUnknown);
    }

    [Fact]
    public async Task CancelOrderAsync_PartnerCenterServerError_IsOutcomeUnknownWithItsCode()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(500,
            """{"code": 800005, "description": "Create order is not successful", "data": [], "source": "PartnerFD"}"""));
        await using var desk = OrderDesk.For(server.BaseAddress);

        var outcome = await desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.OutcomeUnknown);
        outcome.Problem.PartnerCenterCode.ShouldBe("800005");
    }

    [Fact]
    public async Task ListOrdersAsync_NoAnswerInTime_ThrowsPartnerCenterUnavailableSayingSo()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Never);
        await using var desk = OrderDesk.For(server.BaseAddress, ("PartnerCenter:Timeout", "00:00:00.5"));

        var thrown = await Should.ThrowAsync<PartnerCenterUnavailableException>(() => desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation));

        thrown.Message.ShouldBe("Partner Center did not answer in time.");
    }

    [Fact]
    public async Task CancelOrderAsync_NoAnswerInTime_IsOutcomeUnknownAfterResendingWithTheSameRequestId()
    {
        // Every wait is on a fake clock, moved only once the server has the request: no attempt can time out before
        // it arrived, however slow the machine.
        var time = new WatchedTime(DateTimeOffset.UtcNow);
        var attemptTimeout = TimeSpan.FromSeconds(30);
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Never);
        await using var desk = OrderDesk.For(server.BaseAddress, time);

        var cancelling = desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await server.WaitForRequestsAsync(attempt, Cancellation);
            time.Advance(attemptTimeout);
            if (attempt < 3)
            {
                await time.WaitForTimerAsync(TimeSpan.FromSeconds(attempt), Cancellation);
                time.Advance(TimeSpan.FromSeconds(attempt));
            }
        }

        await server.WaitForRequestsAsync(4, Cancellation);
        time.Advance(attemptTimeout);
        var outcome = await cancelling.WaitAsync(TimeSpan.FromSeconds(15), Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.OutcomeUnknown);
        outcome.Problem.Message.ShouldContain("check");
        var patches = server.Requests.Where(r => r.Method == "PATCH").ToList();
        patches.Count.ShouldBe(3);
        patches.Select(p => p.Header("MS-RequestId")).Distinct().ShouldHaveSingleItem().ShouldBe(outcome.Problem.RequestId);
    }

    [Fact]
    public async Task CancelOrderAsync_AbandonedByTheCallerBeforeTheAnswer_IsOutcomeUnknown()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Never);
        await using var desk = OrderDesk.For(server.BaseAddress);
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);

        var cancelling = desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, abandon.Token);
        await server.WaitForRequestsAsync(1, Cancellation);
        await abandon.CancelAsync();
        var outcome = await cancelling;

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.OutcomeUnknown);
        outcome.Problem.RequestId.ShouldBe(server.Requests.ShouldHaveSingleItem().Header("MS-RequestId"));
    }

    [Fact]
    public async Task CancelOrderAsync_SuccessWithEmptyBody_IsOutcomeUnknown()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Empty(200));
        await using var desk = OrderDesk.For(server.BaseAddress);

        var outcome = await desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.OutcomeUnknown);
    }

    [Fact]
    public async Task GetOrderAsync_SuccessWithEmptyBody_ThrowsPartnerCenterUnavailable()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Empty(200));
        await using var desk = OrderDesk.For(server.BaseAddress);

        var thrown = await Should.ThrowAsync<PartnerCenterUnavailableException>(() => desk.Orders.GetOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation));

        thrown.Message.ShouldContain("empty body");
    }

    [Fact]
    public async Task ListOrdersAsync_NotFoundPageThatIsNotPartnerCenters_ThrowsPartnerCenterUnavailable()
    {
        // A wrong base URL answers 404 too; that is not "this customer does not exist".
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Html(404, "<html><body>Not Found</body></html>"));
        await using var desk = OrderDesk.For(server.BaseAddress);

        await Should.ThrowAsync<PartnerCenterUnavailableException>(() => desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation));
    }

    [Fact]
    public async Task ListOrdersAsync_Throttled_IsThrottledWithTheWait()
    {
        await using var server = await StartThrottlingServerAsync();
        await using var desk = OrderDesk.For(server.BaseAddress);

        var outcome = await desk.Orders.ListOrdersAsync(SeedIds.Contoso, Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.Throttled);
        outcome.Problem.Message.ShouldContain("in 57 seconds");
    }

    [Fact]
    public async Task CancelOrderAsync_Throttled_IsThrottledAndNotRetried()
    {
        await using var server = await StartThrottlingServerAsync();
        await using var desk = OrderDesk.For(server.BaseAddress);

        var outcome = await desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.Throttled);
        outcome.Problem.Message.ShouldContain("in 57 seconds");
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task CancelOrderAsync_ForbiddenWithPartnerCenterError_IsRefused()
    {
        await using var server = await LoopbackServer.StartAsync(CannedResponse.Json(403,
            """{"code": 800019, "description": "Non-Sandbox tenants are not allowed to cancel purchases other than software subscriptions and perpetual software", "data": [], "source": "PartnerFD"}"""));
        await using var desk = OrderDesk.For(server.BaseAddress);

        var outcome = await desk.Orders.CancelOrderAsync(SeedIds.Contoso, SeedIds.ContosoReservedInstance, Cancellation);

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.Refused);
        outcome.Problem.PartnerCenterCode.ShouldBe("800019");
    }

    private static Task<LoopbackServer> StartThrottlingServerAsync() =>
        LoopbackServer.StartAsync(CannedResponse.Json(429, ThrottlingBody) with
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = "57" },
        });

    private static Task ReadAsync(IOrderService orders, string read) => read switch
    {
        "ListCustomers" => orders.ListCustomersAsync(Cancellation),
        "GetCustomer" => orders.GetCustomerAsync(SeedIds.Contoso, Cancellation),
        "ListOrders" => orders.ListOrdersAsync(SeedIds.Contoso, Cancellation),
        "GetOrder" => orders.GetOrderAsync(SeedIds.Contoso, SeedIds.SeedDocumentOrder, Cancellation),
        _ => throw new ArgumentOutOfRangeException(nameof(read), read, null),
    };
}
