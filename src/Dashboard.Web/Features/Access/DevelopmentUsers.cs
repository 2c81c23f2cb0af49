using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Access;

/// <summary>
/// The users of the development sign-in, signed in with the claims Entra ID would give them (name, preferred_username,
/// oid, tid, roles), so that the role behaviour and the production guard work the same as with real sign-in.
/// </summary>
public sealed class DevelopmentUsers(IOptions<DevelopmentSignInOptions> options, IOptions<RoleOptions> roles, SandboxGuard guard)
{
    public const string AuthenticationType = "Development";

    /// <summary>The configured users, or an operator and a reader.</summary>
    public IReadOnlyList<DevelopmentUser> All { get; } = options.Value.Users.Count > 0
        ? options.Value.Users
        :
        [
            new() { Id = "operator", Name = "Olivia Operator", UserName = "operator@sandbox.test", Roles = [roles.Value.CancelRole, roles.Value.ReadRole] },
            new() { Id = "reader", Name = "Riley Reader", UserName = "reader@sandbox.test", Roles = [roles.Value.ReadRole] },
        ];

    /// <summary>The tenant the users belong to: configured, else the sandbox tenant the guard expects.</summary>
    public string TenantId => Guid.TryParse(options.Value.TenantId, out var configured) ? configured.ToString() : guard.SandboxTenantId ?? SandboxGuard.EmulatorTenantId;

    public DevelopmentUser? Find(string? id) => All.FirstOrDefault(u => string.Equals(u.Id, id, StringComparison.OrdinalIgnoreCase));

    public ClaimsPrincipal PrincipalOf(DevelopmentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        List<Claim> claims =
        [
            new("name", user.Name),
            new("preferred_username", user.UserName),
            new("oid", StableId(user.UserName)),
            new("tid", TenantId),
        ];
        claims.AddRange(user.Roles.Select(r => new Claim("roles", r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType, "name", "roles"));
    }

    // The same user gets the same object id on every sign-in, as in Entra ID.
    private static string StableId(string userName) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(userName.ToUpperInvariant()))[..16]).ToString();
}
