namespace Dashboard.Web.Features.Access;

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
