using Dashboard.Web.Features.Access;

namespace Dashboard.Web.Tests.Features.Access;

/// <summary>Sign-in and sign-out follow a return URL only when it stays on this site: no open redirects.</summary>
public sealed class SignInEndpointsTests
{
    [Fact]
    public void LocalUrl_PathOnThisSite_IsKeptWithItsQuery()
    {
        SignInEndpoints.LocalUrl("/customers?x=1").ShouldBe("/customers?x=1");
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example")]
    [InlineData("/\\evil")]
    [InlineData("evil.example/customers")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/customers\r\nSet-Cookie: x=1")]
    [InlineData(null)]
    [InlineData("")]
    public void LocalUrl_AnythingElse_IsTheStartPage(string? returnUrl)
    {
        SignInEndpoints.LocalUrl(returnUrl).ShouldBe("/");
    }
}
