namespace Dashboard.Web.Features.Access;

/// <summary>The policies the pages and the order service check; each is granted by an app role (<see cref="RoleOptions"/>).</summary>
public static class AccessPolicies
{
    /// <summary>May see customers and orders: the read role or the cancel role.</summary>
    public const string Read = "Orders.Read";

    /// <summary>May cancel orders: the cancel role.</summary>
    public const string Cancel = "Orders.Cancel";
}

/// <summary>The Entra ID app roles that grant <see cref="AccessPolicies"/> (section <c>Authorization</c>).</summary>
public sealed class RoleOptions
{
    public const string Section = "Authorization";

    /// <summary>The app role of readers. Default <c>Orders.Read</c>.</summary>
    public string ReadRole { get; set; } = "Orders.Read";

    /// <summary>The app role of operators, who may also cancel. Default <c>Orders.Cancel</c>; it includes reading.</summary>
    public string CancelRole { get; set; } = "Orders.Cancel";
}

/// <summary>The local sign-in offered in Development when Entra ID is not configured (section <c>DevelopmentSignIn</c>).</summary>
public sealed class DevelopmentSignInOptions
{
    public const string Section = "DevelopmentSignIn";

    /// <summary>The users offered; empty means an operator and a reader.</summary>
    public List<DevelopmentUser> Users { get; set; } = [];

    /// <summary>
    /// The partner tenant the development users belong to (their <c>tid</c>); empty means the sandbox tenant the
    /// dashboard is configured for, or the emulator's.
    /// </summary>
    public string TenantId { get; set; } = "";
}

/// <summary>A user of the development sign-in.</summary>
public sealed class DevelopmentUser
{
    /// <summary>A short key used in the sign-in form, e.g. <c>operator</c>.</summary>
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string UserName { get; set; } = "";

    /// <summary>App role names, as Entra ID would put them in the <c>roles</c> claim.</summary>
    public List<string> Roles { get; set; } = [];
}
