namespace Dashboard.Web.Features.Access;

/// <summary>The policies the pages and the order service check; each is granted by an app role (<see cref="RoleOptions"/>).</summary>
public static class AccessPolicies
{
    /// <summary>May see customers and orders: the read role or the cancel role.</summary>
    public const string Read = "Orders.Read";

    /// <summary>May cancel orders: the cancel role.</summary>
    public const string Cancel = "Orders.Cancel";
}
