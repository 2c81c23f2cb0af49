using System.Security.Claims;
using Dashboard.Web.Features.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Web.Tests.Features.Access;

/// <summary>Only users of the dashboard's own tenant sign in with Entra ID, whatever the authority says.</summary>
public sealed class EntraSignInTenantTests
{
    private static readonly Guid Tenant = Guid.Parse("11111111-2222-3333-4444-555555555555");

    [Fact]
    public void RejectOtherTenants_UserOfTheTenant_SignsIn()
    {
        var context = Validated(new Claim("tid", Tenant.ToString()));

        EntraSignIn.RejectOtherTenants(context, Tenant);

        context.Result.ShouldBeNull();
    }

    [Theory]
    [InlineData("0badc0de-0000-4000-8000-000000000001")]
    [InlineData("9188040d-6c67-4c5b-b112-36a304b66dad")]
    [InlineData("not-a-tenant")]
    public void RejectOtherTenants_UserOfAnotherTenant_FailsTheSignIn(string tid)
    {
        var context = Validated(new Claim("tid", tid));

        EntraSignIn.RejectOtherTenants(context, Tenant);

        context.Result.ShouldNotBeNull().Failure.ShouldNotBeNull().Message.ShouldContain($"Users of tenant {tid} cannot sign in");
    }

    [Fact]
    public void RejectOtherTenants_TokenWithoutATenant_FailsTheSignIn()
    {
        var context = Validated(new Claim("name", "Nobody"));

        EntraSignIn.RejectOtherTenants(context, Tenant);

        context.Result.ShouldNotBeNull().Failure.ShouldNotBeNull();
    }

    private static TokenValidatedContext Validated(params Claim[] claims) =>
        new(new DefaultHttpContext(), new AuthenticationScheme(OpenIdConnectDefaults.AuthenticationScheme, null, typeof(OpenIdConnectHandler)),
            new OpenIdConnectOptions(), new ClaimsPrincipal(new ClaimsIdentity(claims, "Entra")), new AuthenticationProperties());
}
