namespace Dashboard.PartnerCenter.Tests;

/// <summary>The service root the client calls, read from <c>PartnerCenter:BaseUrl</c> however it is written.</summary>
public sealed class PartnerCenterOptionsTests
{
    [Theory]
    [InlineData("https://api.partnercenter.microsoft.com/v1", "https://api.partnercenter.microsoft.com/")]
    [InlineData("https://api.partnercenter.microsoft.com/v1/", "https://api.partnercenter.microsoft.com/")]
    [InlineData("https://api.partnercenter.microsoft.com/V1", "https://api.partnercenter.microsoft.com/")]
    [InlineData("https://api.partnercenter.microsoft.com", "https://api.partnercenter.microsoft.com/")]
    [InlineData(" http://127.0.0.1:5123/v1 ", "http://127.0.0.1:5123/")]
    [InlineData("https://proxy.example.com/partner-center/v1", "https://proxy.example.com/partner-center/")]
    public void ServiceRoot_BaseUrl_IsTheRootWithoutTheVersion(string baseUrl, string expected)
    {
        var options = new PartnerCenterOptions { BaseUrl = baseUrl };

        options.ServiceRoot().ShouldBe(new Uri(expected));
    }

    [Fact]
    public void ServiceRoot_VersionLikeLastSegment_IsKept()
    {
        var options = new PartnerCenterOptions { BaseUrl = "https://proxy.example.com/apiv1" };

        options.ServiceRoot().ShouldBe(new Uri("https://proxy.example.com/apiv1/"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("api.partnercenter.microsoft.com")]
    public void ServiceRoot_NoAbsoluteBaseUrl_IsNull(string? baseUrl)
    {
        var options = new PartnerCenterOptions { BaseUrl = baseUrl };

        options.ServiceRoot().ShouldBeNull();
    }
}
