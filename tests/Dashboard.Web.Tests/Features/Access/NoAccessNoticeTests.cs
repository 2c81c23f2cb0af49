using Dashboard.Web.Features.Access;
using Dashboard.Web.Tests.Components.Layout;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Features.Access;

/// <summary>What a signed-in user without either app role sees instead of the dashboard: who they are and what to ask for.</summary>
public sealed class NoAccessNoticeTests : DashboardTestContext
{
    public NoAccessNoticeTests()
    {
        Services.AddSingleton<AntiforgeryStateProvider>(new TestAntiforgery());
        Authorization.SetAuthorized("Nora Nobody");
        Authorization.SetRoles();
        Authorization.SetPolicies();
    }

    [Fact]
    public void Render_SignedInWithoutRoles_SaysNoAccessAndNamesBothRoles()
    {
        var cut = Render<NoAccessNotice>();

        cut.Find("h1").TextContent.Trim().ShouldBe("No access");
        cut.Find("#no-access").VisibleText().ShouldBe(
            "You are signed in as Nora Nobody, who has neither the Orders.Read nor the Orders.Cancel role of this dashboard. "
            + "Ask an administrator of its Entra ID app registration to assign you one.");
    }

    [Fact]
    public void Render_RolesConfigured_NamesTheConfiguredRoles()
    {
        Services.AddSingleton(Options.Create(new RoleOptions { ReadRole = "Desk.Viewer", CancelRole = "Desk.Operator" }));

        var cut = Render<NoAccessNotice>();

        var notice = cut.Find("#no-access").VisibleText();
        notice.ShouldContain("neither the Desk.Viewer nor the Desk.Operator role");
        notice.ShouldNotContain("Orders.");
    }

    [Fact]
    public void Render_Anonymous_AsksToSignIn()
    {
        SignOut();

        var cut = Render<NoAccessNotice>();

        cut.Find("#no-access").VisibleText().ShouldBe("Sign in to use the dashboard.");
    }

    [Fact]
    public void Render_SignedIn_OffersToSignInAsSomeoneElseThroughAProtectedSignOut()
    {
        var cut = Render<NoAccessNotice>();

        var form = cut.Find("form");
        form.GetAttribute("method").ShouldBe("post");
        form.GetAttribute("action").ShouldBe("/signout");
        var button = form.QuerySelector("button[type=submit]").ShouldNotBeNull();
        button.VisibleText().ShouldBe("Sign in as someone else");
        form.QuerySelector($"input[type=hidden][name='{TestAntiforgery.FieldName}']").ShouldNotBeNull()
            .GetAttribute("value").ShouldBe(TestAntiforgery.Token);
    }
}
