namespace Dashboard.PartnerCenter.Tests;

/// <summary>Each misconfiguration of the <c>PartnerCenter</c> section is refused with a message naming the key to fix.</summary>
public sealed class PartnerCenterOptionsValidatorTests
{
    private readonly PartnerCenterOptionsValidator _validator = new();

    [Fact]
    public void Validate_GoodConfiguration_Succeeds()
    {
        var result = _validator.Validate(null, GoodOptions());

        result.Succeeded.ShouldBeTrue(result.FailureMessage);
    }

    [Fact]
    public void Validate_NoBaseUrl_Succeeds()
    {
        // The host may decide where Partner Center is (the built-in emulator); requiring it is the registration's job.
        var options = GoodOptions();
        options.BaseUrl = null;

        _validator.Validate(null, options).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_MissingStaticToken_FailsNamingStaticToken(string? token)
    {
        var options = GoodOptions();
        options.StaticToken = token;

        var result = _validator.Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldHaveSingleItem().ShouldContain("PartnerCenter:StaticToken");
    }

    [Theory]
    [InlineData("abc def")]
    [InlineData("abc\ndef")]
    [InlineData("abcdef\r\nX-Injected: yes")]
    [InlineData("Bearer abcdef")]
    public void Validate_TokenWithSpaceOrNewline_FailsNamingStaticToken(string token)
    {
        var options = GoodOptions();
        options.StaticToken = token;

        var result = _validator.Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldHaveSingleItem().ShouldContain("PartnerCenter:StaticToken");
    }

    [Fact]
    public void Validate_TokenEndingInNewline_FailsNamingStaticToken()
    {
        // What a token read from a file or a secret store usually looks like; HttpClient refuses it on every call.
        var options = GoodOptions();
        options.StaticToken = "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJodHRwczovL2FwaSJ9.c2lnbmF0dXJl\n";

        var result = _validator.Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldHaveSingleItem().ShouldContain("PartnerCenter:StaticToken");
    }

    [Theory]
    [InlineData("eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJodHRwczovL2FwaSJ9.c2lnbmF0dXJl")]
    [InlineData("abc+/def==")]
    [InlineData("a-b_c.d~e")]
    public void Validate_TokenOfBearerCharacters_Succeeds(string token)
    {
        var options = GoodOptions();
        options.StaticToken = token;

        _validator.Validate(null, options).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData("api.partnercenter.microsoft.com")]
    [InlineData("v1/customers")]
    [InlineData("https//api.partnercenter.microsoft.com")]
    public void Validate_BaseUrlNotAbsolute_FailsNamingBaseUrl(string baseUrl)
    {
        var options = GoodOptions();
        options.BaseUrl = baseUrl;

        var result = _validator.Validate(null, options);

        result.Failed.ShouldBeTrue();
        var failure = result.Failures.ShouldHaveSingleItem();
        failure.ShouldContain("PartnerCenter:BaseUrl");
        failure.ShouldContain(baseUrl);
    }

    [Theory]
    [InlineData("ftp://api.partnercenter.microsoft.com")]
    [InlineData("file:///srv/partner-center")]
    [InlineData("/v1")]
    public void Validate_BaseUrlNotHttp_FailsNamingBaseUrl(string baseUrl)
    {
        var options = GoodOptions();
        options.BaseUrl = baseUrl;

        var result = _validator.Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldHaveSingleItem().ShouldContain("PartnerCenter:BaseUrl");
    }

    [Theory]
    [InlineData("http://api.partnercenter.microsoft.com")]
    [InlineData("http://partner-center.internal:8080/v1")]
    [InlineData("http://192.0.2.2:5080")]
    public void Validate_PlainHttpToAnotherHost_FailsSayingTheTokenWouldTravelInClearText(string baseUrl)
    {
        var options = GoodOptions();
        options.BaseUrl = baseUrl;

        var result = _validator.Validate(null, options);

        result.Failed.ShouldBeTrue();
        var failure = result.Failures.ShouldHaveSingleItem();
        failure.ShouldStartWith($"PartnerCenter:BaseUrl must use https (it is '{baseUrl}')");
        failure.ShouldContain("clear text");
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080/v1")]
    [InlineData("http://[::1]:5080")]
    [InlineData("https://api.partnercenter.microsoft.com")]
    public void Validate_HttpsOrPlainHttpOnLoopback_Succeeds(string baseUrl)
    {
        var options = GoodOptions();
        options.BaseUrl = baseUrl;

        _validator.Validate(null, options).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    public void Validate_NonPositiveTimeout_FailsNamingTimeout(string timeout)
    {
        var options = GoodOptions();
        options.Timeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture);

        var result = _validator.Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldHaveSingleItem().ShouldContain("PartnerCenter:Timeout");
    }

    [Fact]
    public void Validate_UndefinedAuthentication_FailsNamingAuthentication()
    {
        var options = GoodOptions();
        options.Authentication = (PartnerCenterAuthentication)42;

        var result = _validator.Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldHaveSingleItem().ShouldContain("PartnerCenter:Authentication");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Validate_QueueLimitBelowOne_FailsNamingQueueLimit(int queueLimit)
    {
        var options = GoodOptions();
        options.QueueLimit = queueLimit;

        var result = _validator.Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldHaveSingleItem().ShouldContain("PartnerCenter:QueueLimit");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.5)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Validate_UserQueueShareNotOverZeroAndAtMostOne_FailsNamingUserQueueShare(double share)
    {
        var options = GoodOptions();
        options.UserQueueShare = share;

        var result = _validator.Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldHaveSingleItem().ShouldContain("PartnerCenter:UserQueueShare");
    }

    [Fact]
    public void Validate_UserQueueShareOfLessThanOneCall_FailsNamingUserQueueShare()
    {
        var options = GoodOptions();
        options.QueueLimit = 10;
        options.UserQueueShare = 0.05;

        var result = _validator.Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldHaveSingleItem().ShouldContain("PartnerCenter:UserQueueShare");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(10, 0.1)]
    [InlineData(1000, 0.5)]
    public void Validate_UserQueueShareOfAtLeastOneCall_Succeeds(int queueLimit, double share)
    {
        var options = GoodOptions();
        options.QueueLimit = queueLimit;
        options.UserQueueShare = share;

        _validator.Validate(null, options).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Validate_SeveralMistakes_ReportsEachOne()
    {
        var options = new PartnerCenterOptions { BaseUrl = "not a url", StaticToken = "two words", Timeout = TimeSpan.Zero };

        var result = _validator.Validate(null, options);

        result.Failures.ShouldNotBeNull().Count().ShouldBe(3);
    }

    private static PartnerCenterOptions GoodOptions() => new()
    {
        BaseUrl = "https://api.partnercenter.microsoft.com",
        Authentication = PartnerCenterAuthentication.StaticToken,
        StaticToken = "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJodHRwczovL2FwaSJ9.c2lnbmF0dXJl",
        Timeout = TimeSpan.FromSeconds(100),
    };
}
