using System.Security.Claims;

namespace Dashboard.Orders.Activity;

/// <summary>Who acted, as the activity log keeps it: the display name and the Entra ID object and tenant ids. Never a token.</summary>
internal readonly record struct ActivityActor(string Name, string? Id, string? Tenant)
{
    /// <summary>No one signed in (a crafted call without a session): recorded as such.</summary>
    public static ActivityActor Nobody => new("unknown", null, null);

    /// <summary>The user a job acts for: the one who started it.</summary>
    public static ActivityActor Of(Storage.JobRecord job) => new(job.CreatedByName, job.CreatedById, job.CreatedByTenant);

    public static ActivityActor Of(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true
            ? new(user.Identity.Name ?? user.FindFirst("name")?.Value ?? "unknown",
                user.FindFirst("oid")?.Value ?? user.FindFirst("http://schemas.microsoft.com/identity/claims/objectidentifier")?.Value,
                user.FindFirst("tid")?.Value ?? user.FindFirst("http://schemas.microsoft.com/identity/claims/tenantid")?.Value)
            : Nobody;
}
