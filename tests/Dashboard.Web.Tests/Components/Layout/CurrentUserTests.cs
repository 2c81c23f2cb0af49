using System.Security.Claims;
using Dashboard.Web.Components.Layout;
using Dashboard.Web.Features.Access;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Components.Layout;

/// <summary>The app bar's corner: who is signed in, as what, and the way out.</summary>
public sealed class CurrentUserTests : DashboardTestContext
{
    public CurrentUserTests() => Services.AddSingleton<AntiforgeryStateProvider>(new TestAntiforgery());

    [Fact]
    public void Render_Operator_ShowsTheNameAndTheOperatorRole()
    {
        var cut = Render<CurrentUser>();

        cut.Find("#current-user").VisibleText().ShouldBe("Olivia Operator · Operator");
    }

    [Fact]
    public void Render_Reader_ShowsTheNameAndTheReaderRole()
    {
        SignInAsReader();

        var cut = Render<CurrentUser>();

        cut.Find("#current-user").VisibleText().ShouldBe("Riley Reader · Reader");
    }

    [Fact]
    public void Render_SignedInWithoutARole_SaysNoRole()
    {
        Authorization.SetAuthorized("Nora Nobody");
        Authorization.SetRoles();
        Authorization.SetPolicies();

        var cut = Render<CurrentUser>();

        cut.Find("#current-user").VisibleText().ShouldBe("Nora Nobody · No role");
    }

    [Fact]
    public void Render_UserName_IsTheTitleOfTheName()
    {
        Authorization.SetClaims(new Claim("tid", SandboxGuard.EmulatorTenantId), new Claim("preferred_username", "olivia@sandbox.test"));

        var cut = Render<CurrentUser>();

        cut.Find("#current-user").GetAttribute("title").ShouldBe("olivia@sandbox.test");
    }

    [Fact]
    public void Render_Anonymous_ShowsNothing()
    {
        SignOut();

        var cut = Render<CurrentUser>();

        cut.Markup.Trim().ShouldBeEmpty();
    }

    [Fact]
    public void Render_SignedIn_SignOutIsASubmitButtonOfAFormPostingToSignout()
    {
        var cut = Render<CurrentUser>();

        var form = cut.Find("#sign-out-form");
        form.GetAttribute("method").ShouldBe("post");
        form.GetAttribute("action").ShouldBe("signout");
        var button = form.QuerySelector("#sign-out").ShouldNotBeNull();
        button.GetAttribute("type").ShouldBe("submit");
        button.GetAttribute("aria-label").ShouldBe("Sign out");
    }

    [Fact]
    public void Render_SignedIn_SignOutFormCarriesTheAntiforgeryToken()
    {
        var cut = Render<CurrentUser>();

        var token = cut.Find("#sign-out-form").QuerySelectorAll("input[type=hidden]").ShouldHaveSingleItem();
        token.GetAttribute("name").ShouldBe(TestAntiforgery.FieldName);
        token.GetAttribute("value").ShouldBe(TestAntiforgery.Token);
    }
}
