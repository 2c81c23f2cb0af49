using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Access;

/// <summary>
/// Consent, MFA and conditional-access challenges: when Partner Center's token needs the user to sign in again, the
/// user is sent through sign-in (with Entra ID's claims challenge) and comes back to the same page. Nothing was sent.
/// </summary>
public sealed class SignInAgain(NavigationManager navigation)
{
    // Once sent, the page is on its way out: a second alert or the cancel flow's own report must not send it again.
    private bool _sent;

    /// <summary>The sign-in address that comes back here, carrying the claims Entra ID asked for.</summary>
    public string AddressFor(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var here = "/" + navigation.ToBaseRelativePath(navigation.Uri);
        var address = $"signin?returnUrl={Uri.EscapeDataString(here)}";
        return problem.ClaimsChallenge is { Length: > 0 } claims ? $"{address}&claims={Uri.EscapeDataString(claims)}" : address;
    }

    /// <summary>Sends the user through sign-in when <paramref name="problem"/> asks for it; true when it did.</summary>
    public bool IfAskedBy(Problem? problem)
    {
        if (problem is not { Kind: ProblemKind.SignInRequired })
        {
            return false;
        }

        if (!_sent)
        {
            _sent = true;
            navigation.NavigateTo(AddressFor(problem), forceLoad: true);
        }

        return true;
    }
}
