using System.Security.Claims;
using System.Text.Json;

namespace Dashboard.Orders.Jobs;

/// <summary>
/// The user a job acts for: the one who started it. The job's calls run inside <see cref="As"/>, so that the host's
/// current-user accessor answers this user (for the cancel check and, with App+User, for Partner Center tokens) where
/// no circuit or request is. Kept as a few claims, never a token.
/// </summary>
public static class JobActor
{
    /// <summary>The claim that marks a job's user: its value is the job's id.</summary>
    public const string JobClaim = "sod_job";

    /// <summary>When the job was started (Unix seconds): its stored roles count no longer than a sign-in would.</summary>
    public const string StartedClaim = "sod_job_started";

    private static readonly AsyncLocal<ClaimsPrincipal?> Acting = new();

    // What is kept of the user: who they are (name, Entra ID ids, the ids MSAL finds their tokens by) and their roles.
    private static readonly string[] KeptClaims =
        ["name", "preferred_username", "oid", "tid", "uid", "utid", ClaimTypes.Name, ClaimTypes.NameIdentifier,
         "http://schemas.microsoft.com/identity/claims/objectidentifier", "http://schemas.microsoft.com/identity/claims/tenantid"];

    /// <summary>The job's user while a job's call is being made here; null otherwise.</summary>
    public static ClaimsPrincipal? Current => Acting.Value;

    /// <summary>Makes <paramref name="user"/> the acting user until the returned scope is disposed.</summary>
    public static IDisposable As(ClaimsPrincipal user)
    {
        var outer = Acting.Value;
        Acting.Value = user;
        return new Scope(outer);
    }

    /// <summary>The id of the job a principal acts for, or null for a person at a screen.</summary>
    public static string? JobOf(ClaimsPrincipal? user) => user?.FindFirst(JobClaim)?.Value;

    /// <summary>When the job a principal acts for was started, or null.</summary>
    public static DateTimeOffset? StartedAt(ClaimsPrincipal? user) =>
        long.TryParse(user?.FindFirst(StartedClaim)?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>What is stored of the user who starts a job.</summary>
    internal static string Capture(ClaimsPrincipal user)
    {
        var identity = user.Identities.FirstOrDefault(i => i.IsAuthenticated) ?? user.Identities.First();
        var claims = user.Claims
            .Where(c => KeptClaims.Contains(c.Type) || c.Type == identity.RoleClaimType)
            .Select(c => new StoredClaim(c.Type == identity.RoleClaimType ? ClaimTypes.Role : c.Type, c.Value))
            .ToList();
        return JsonSerializer.Serialize(new StoredActor(identity.AuthenticationType ?? "job", identity.NameClaimType, claims));
    }

    /// <summary>The principal a job acts as, rebuilt from what was stored, marked with the job's id.</summary>
    internal static ClaimsPrincipal Restore(string stored, Guid jobId, DateTimeOffset startedAt)
    {
        var actor = JsonSerializer.Deserialize<StoredActor>(stored) ?? throw new InvalidOperationException($"Job {jobId} has no user.");
        var identity = new ClaimsIdentity(
            actor.Claims
                .Where(c => c.Type is not (JobClaim or StartedClaim))
                .Select(c => new Claim(c.Type, c.Value))
                .Append(new Claim(JobClaim, jobId.ToString()))
                .Append(new Claim(StartedClaim, startedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture))),
            actor.AuthenticationType, actor.NameClaimType, ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }

    private sealed record StoredActor(string AuthenticationType, string NameClaimType, List<StoredClaim> Claims);

    private sealed record StoredClaim(string Type, string Value);

    private sealed class Scope(ClaimsPrincipal? outer) : IDisposable
    {
        public void Dispose() => Acting.Value = outer;
    }
}
