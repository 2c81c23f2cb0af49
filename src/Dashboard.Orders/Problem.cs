namespace Dashboard.Orders;

/// <summary>Why an order-desk operation did not give the answer asked for.</summary>
public enum ProblemKind
{
    /// <summary>The input was malformed; nothing was sent to Partner Center.</summary>
    InvalidInput,

    /// <summary>Partner Center does not know the customer or the order.</summary>
    NotFound,

    /// <summary>Partner Center understood the request and said no.</summary>
    Refused,

    /// <summary>Partner Center throttled the request; it was not carried out.</summary>
    Throttled,

    /// <summary>Partner Center could not answer (no connection, a timeout, a server error); see <see cref="PartnerCenterUnavailableException"/>.</summary>
    Unavailable,

    /// <summary>A cancel was sent but no trustworthy answer came back: the order may or may not be cancelled.</summary>
    OutcomeUnknown,

    /// <summary>The dashboard itself refused (the user's role, or not the integration sandbox); nothing was sent.</summary>
    NotAllowed,

    /// <summary>
    /// Partner Center needs the user to sign in again (consent, MFA or a conditional-access policy) before a token can be
    /// had; nothing was sent. <see cref="Problem.ClaimsChallenge"/> carries what Entra ID asked for.
    /// </summary>
    SignInRequired,
}

/// <summary>
/// An expected failure, with what a user needs to act on it: a message fit to show, and the Partner Center error
/// code and <c>MS-CorrelationId</c> that support asks for.
/// </summary>
/// <param name="Kind">What kind of failure it is.</param>
/// <param name="Message">What happened, fit to show.</param>
/// <param name="PartnerCenterCode">Partner Center's error code, when it answered with one.</param>
/// <param name="CorrelationId">The <c>MS-CorrelationId</c> of the call that failed.</param>
/// <param name="RequestId">The <c>MS-RequestId</c> of a change, which identifies it across re-sends.</param>
/// <param name="Details">What Partner Center's answer adds to its description (its <c>data</c>), e.g. a URL to follow.</param>
/// <param name="ClaimsChallenge">For <see cref="ProblemKind.SignInRequired"/>: the claims Entra ID asked for, to pass to sign-in.</param>
/// <param name="RetryAfter">For <see cref="ProblemKind.Throttled"/>: how long Partner Center asked to wait, when it said.</param>
public sealed record Problem(
    ProblemKind Kind,
    string Message,
    string? PartnerCenterCode = null,
    string? CorrelationId = null,
    string? RequestId = null,
    IReadOnlyList<string>? Details = null,
    string? ClaimsChallenge = null,
    TimeSpan? RetryAfter = null);
