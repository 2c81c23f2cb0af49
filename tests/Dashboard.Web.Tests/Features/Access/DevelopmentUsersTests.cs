using System.Security.Claims;
using Dashboard.Web.Features.Access;
using Dashboard.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Features.Access;

/// <summary>The users of the development sign-in carry the claims Entra ID would give, so roles and the guard work the same.</summary>
public sealed class DevelopmentUsersTests
{
    private const string SandboxTenant = "7c1f2e3d-4b5a-4968-8776-a5b4c3d2e1f0";

    [Fact]
    public void All_NothingConfigured_IsAnOperatorAndAReader()
    {
        var users = Users(new DevelopmentSignInOptions());

        users.All.Select(u => (u.Id, u.Name, u.UserName, string.Join(", ", u.Roles))).ShouldBe(
        [
            ("operator", "Olivia Operator", "operator@sandbox.test", "Orders.Cancel, Orders.Read"),
            ("reader", "Riley Reader", "reader@sandbox.test", "Orders.Read"),
        ]);
    }

    [Fact]
    public void All_UsersConfigured_ReplaceTheDefaults()
    {
        var configured = new DevelopmentUser { Id = "auditor", Name = "Ada Auditor", UserName = "ada@sandbox.test", Roles = ["Orders.Read"] };

        var users = Users(new DevelopmentSignInOptions { Users = [configured] });

        users.All.ShouldHaveSingleItem().Name.ShouldBe("Ada Auditor");
        users.Find("operator").ShouldBeNull();
        users.Find("AUDITOR").ShouldBeSameAs(configured);
    }

    [Fact]
    public void PrincipalOf_Operator_CarriesTheClaimsEntraIdWouldGive()
    {
        var users = Users(new DevelopmentSignInOptions());

        var principal = users.PrincipalOf(users.Find("operator")!);

        principal.Identity!.IsAuthenticated.ShouldBeTrue();
        principal.Identity.Name.ShouldBe("Olivia Operator");
        principal.FindFirst("name")!.Value.ShouldBe("Olivia Operator");
        principal.FindFirst("preferred_username")!.Value.ShouldBe("operator@sandbox.test");
        Guid.TryParse(principal.FindFirst("oid")!.Value, out _).ShouldBeTrue();
        principal.FindAll("roles").Select(c => c.Value).ShouldBe(["Orders.Cancel", "Orders.Read"]);
    }

    [Fact]
    public void PrincipalOf_SandboxTenantConfigured_PutsTheUsersInIt()
    {
        var users = Users(new DevelopmentSignInOptions());

        var principal = users.PrincipalOf(users.Find("reader")!);

        principal.FindFirst("tid")!.Value.ShouldBe(SandboxTenant);
    }

    [Fact]
    public void PrincipalOf_SameUserTwice_GivesTheSameObjectId()
    {
        var users = Users(new DevelopmentSignInOptions());
        var again = Users(new DevelopmentSignInOptions());

        var first = users.PrincipalOf(users.Find("operator")!).FindFirst("oid")!.Value;
        var second = again.PrincipalOf(again.Find("operator")!).FindFirst("oid")!.Value;

        second.ShouldBe(first);
        users.PrincipalOf(users.Find("reader")!).FindFirst("oid")!.Value.ShouldNotBe(first);
    }

    [Fact]
    public void PrincipalOf_Operator_IsInBothRoles()
    {
        var users = Users(new DevelopmentSignInOptions());

        var principal = users.PrincipalOf(users.Find("operator")!);

        principal.IsInRole("Orders.Cancel").ShouldBeTrue();
        principal.IsInRole("Orders.Read").ShouldBeTrue();
    }

    [Fact]
    public void PrincipalOf_Reader_IsInTheReadRoleOnly()
    {
        var users = Users(new DevelopmentSignInOptions());

        var principal = users.PrincipalOf(users.Find("reader")!);

        principal.IsInRole("Orders.Read").ShouldBeTrue();
        principal.IsInRole("Orders.Cancel").ShouldBeFalse();
    }

    private static DevelopmentUsers Users(DevelopmentSignInOptions options) =>
        new(Options.Create(options), Options.Create(new RoleOptions()), Guard());

    private static SandboxGuard Guard() => new(TestSettings.IntegrationSandbox(SandboxTenant));
}
