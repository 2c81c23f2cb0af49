using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Access;

/// <summary>What the current user may do about cancelling, as the pages show it.</summary>
/// <param name="HasCancelRole">False for readers: the pages show no cancel action at all.</param>
/// <param name="TurnedOffBecause">For operators: why every cancel is disabled (the production guard), or null.</param>
public sealed record CancelRight(bool HasCancelRole, string? TurnedOffBecause)
{
    public static readonly CancelRight None = new(false, null);

    /// <summary>
    /// Why this user cannot cancel <paramref name="order"/>, or null when they can: the production guard first, then the
    /// sandbox's rules for the order, known before the user asks.
    /// </summary>
    public string? WhyNotFor(Order order) => order switch
    {
        _ when TurnedOffBecause is { } off => off,
        { Status: OrderStatus.Cancelled } => "This order is already cancelled.",
        { Cancellability.CanCancel: false } => order.Cancellability.Reason,
        _ => null,
    };
}

/// <summary>Works out the <see cref="CancelRight"/> of the signed-in user of this circuit.</summary>
public sealed class CancelRights(AuthenticationStateProvider authentication, IAuthorizationService authorization, SandboxGuard guard)
{
    public async Task<CancelRight> ForCurrentUserAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return await ForAsync(user, authorization, guard);
    }

    internal static async Task<CancelRight> ForAsync(ClaimsPrincipal user, IAuthorizationService authorization, SandboxGuard guard)
    {
        if (user.Identity?.IsAuthenticated != true || !(await authorization.AuthorizeAsync(user, AccessPolicies.Cancel)).Succeeded)
        {
            return CancelRight.None;
        }

        return new CancelRight(true, guard.WhyNot(user));
    }
}

/// <summary>
/// The order service's own check before a cancel is sent, for the user the call comes from (the circuit's): the user's
/// session still on, the cancel role as of their latest sign-in (not as the circuit started), and the production
/// guard. A crafted circuit event that reaches the service without the UI's check stops here; a tab whose session has
/// ended elsewhere stops here too, and loses its user at once. A job's item is checked for the user who started the
/// job: not their session (a job goes on after its user signs out, as a batch job does, until someone stops it), but
/// their cancel role as of their latest sign-in known here (else as when they started it) and the production guard.
/// </summary>
internal sealed class CancelAuthorization(
    ICurrentUserAccessor users, SessionRegistry sessions, IAuthorizationService authorization, SandboxGuard guard,
    IOptions<RoleOptions> roles, AuthenticationStateProvider authentication, TimeProvider time, ILogger<CancelAuthorization> logger) : ICancelAuthorization
{
    public async Task<string?> WhyNotAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(cancellationToken);
        if (user?.Identity?.IsAuthenticated != true)
        {
            return "Sign in to cancel orders.";
        }

        // Only the job runner makes a job's user current; a claim a circuit's user might carry never chooses this branch.
        if (Dashboard.Orders.Jobs.JobActor.Current is { } jobUser && ReferenceEquals(jobUser, user))
        {
            return await WhyNotForJobAsync(user, cancellationToken);
        }

        SessionState session;
        try
        {
            session = await sessions.CheckAsync(user, cancellationToken);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "The sign-in session of {UserName} could not be checked before a cancel; nothing was sent", user.Identity.Name);
            return "The dashboard could not check your sign-in (its session store did not answer), so nothing was sent. Try again in a minute.";
        }

        if (!session.IsActive)
        {
            (authentication as SessionRevalidation)?.EndNow();
            return $"{session.EndedBecause} Sign in again to cancel orders.";
        }

        var right = await CancelRights.ForAsync(SessionRegistry.WithRoles(user, session.Roles), authorization, guard);
        return right.HasCancelRole
            ? right.TurnedOffBecause
            : $"Cancelling orders needs the {roles.Value.CancelRole} role, and {user.Identity.Name ?? "the signed-in user"} does not have it.";
    }

    private async Task<string?> WhyNotForJobAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        IReadOnlyList<string>? latest;
        try
        {
            latest = await sessions.LatestRolesAsync(user, cancellationToken);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "The roles of {UserName} could not be checked before a job's item; nothing was sent", user.Identity?.Name);
            return "The dashboard could not check the job's user (its session store did not answer), so nothing more was sent.";
        }

        // With no sign-in of the user known here (sessions in memory, after a restart), the roles stored with the job count,
        // but no longer than a sign-in would last: after that, the user must sign in again and retry.
        if (latest is null && Dashboard.Orders.Jobs.JobActor.StartedAt(user) is { } started && time.GetUtcNow() - started > sessions.Lifetime)
        {
            return $"The job's roles are those of {user.Identity?.Name ?? "its user"} when it started, more than {sessions.Lifetime.TotalHours:0.#} hours ago, and the dashboard knows of no sign-in since. Sign in again, then retry the failed orders.";
        }

        var roled = latest is null ? user : SessionRegistry.WithRoles(user, latest);
        var right = await CancelRights.ForAsync(roled, authorization, guard);
        return right.HasCancelRole
            ? right.TurnedOffBecause
            : $"Cancelling orders needs the {roles.Value.CancelRole} role, and {user.Identity?.Name ?? "the job's user"} no longer has it.";
    }
}
