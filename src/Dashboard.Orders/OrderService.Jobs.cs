using System.Net;
using Dashboard.PartnerCenter;

namespace Dashboard.Orders;

/// <summary>What a customer clean-up needs besides cancels: the customer's entitlements, and deleting the customer.</summary>
internal sealed partial class OrderService
{
    /// <summary>Null when the acting user may cancel (and delete) now; otherwise why not, fit to show.</summary>
    internal Task<string?> WhyNotCancelAsync(CancellationToken cancellationToken) => cancels.WhyNotAsync(cancellationToken);

    /// <summary>
    /// The customer's active reservations and software, each with the order it came from: what must be cancelled before
    /// the customer can be deleted (docs/partner-center.md#sandbox-clean-up).
    /// </summary>
    internal async Task<Outcome<IReadOnlyList<Entitlement>>> ListEntitlementsAsync(string customerId, CancellationToken cancellationToken)
    {
        if (PartnerCenterIds.CheckCustomerId(customerId, out var customer) is { } invalid)
        {
            return invalid;
        }

        var response = await api.GetEntitlementsAsync(customer, null, cancellationToken);
        if (!response.IsSuccessful || response.Content is null)
        {
            return ReadFailure(response, "entitlements");
        }

        return Outcome<IReadOnlyList<Entitlement>>.Success(
            [.. (response.Content.Items ?? []).Select(e => new Entitlement(e.EntitlementType, e.ProductId, e.ReferenceOrder?.Id, e.ReferenceOrder?.AlternateId))]);
    }

    /// <summary>
    /// Deletes a customer of the integration sandbox, with the job's <c>MS-RequestId</c> and the host's say asked first.
    /// Like a cancel, never sent blindly: an answer that does not come is met by sending again with the same id, then
    /// by reading the customer, whose absence is the proof (as Azure confirms a deletion with a GET that answers 404).
    /// </summary>
    internal async Task<Outcome<CustomerDeletion>> DeleteCustomerForJobAsync(
        string customerId, string requestId, bool mayHaveBeenSent, CancellationToken cancellationToken)
    {
        try
        {
            return await SendDeleteCustomerAsync(customerId, requestId, mayHaveBeenSent, cancellationToken);
        }
        finally
        {
            await snapshots.InvalidateAsync(customerId, CancellationToken.None);
        }
    }

    private async Task<Outcome<CustomerDeletion>> SendDeleteCustomerAsync(
        string customerId, string requestId, bool mayHaveBeenSent, CancellationToken cancellationToken)
    {
        if (PartnerCenterIds.CheckCustomerId(customerId, out var customer) is { } invalid)
        {
            return invalid;
        }

        if (await cancels.WhyNotAsync(cancellationToken) is { } why)
        {
            logger.LogWarning("Delete of customer {CustomerId} refused by the dashboard, nothing sent: {Reason}", customer, why);
            return new Problem(ProblemKind.NotAllowed, why);
        }

        PartnerCenterFailure? failure = null;
        for (var attempt = 1; attempt <= CancelAttempts; attempt++)
        {
            var response = await api.DeleteCustomerAsync(customer, requestId, cancellationToken);
            if (response.IsSuccessful)
            {
                logger.LogInformation("Deleted customer {CustomerId} from the integration sandbox (attempt {Attempt}, request {RequestId})", customer, attempt, requestId);
                return CustomerDeletion.Deleted;
            }

            failure = PartnerCenterFailure.From(response);
            logger.LogWarning(
                "Delete of customer {CustomerId} failed: {FailureKind} {StatusCode} {ErrorCode} {Description} (attempt {Attempt}, correlation {CorrelationId}, request {RequestId})",
                customer, failure.Kind, (int?)failure.StatusCode, failure.ErrorCode, failure.Description, attempt, failure.CorrelationId, requestId);
            var firstSend = attempt == 1 && !mayHaveBeenSent;
            switch (failure)
            {
                case { Kind: PartnerCenterFailureKind.Error, StatusCode: HttpStatusCode.NotFound }:
                    // After a send that may have worked, a customer that is gone was deleted by it.
                    return firstSend ? CustomerDeletion.AlreadyGone : CustomerDeletion.Deleted;
                case { Kind: PartnerCenterFailureKind.Throttled }:
                    return new Problem(ProblemKind.Throttled, ThrottledMessage(failure, "The delete was not carried out"), failure.ErrorCode,
                        failure.CorrelationId, requestId, RetryAfter: failure.RetryAfter);
                case { Kind: PartnerCenterFailureKind.Error, StatusCode: < HttpStatusCode.InternalServerError and not HttpStatusCode.RequestTimeout }:
                    return new Problem(ProblemKind.Refused, failure.Description, failure.ErrorCode, failure.CorrelationId, requestId, failure.Data);
                case { Kind: PartnerCenterFailureKind.SignInRequired } when attempt == 1:
                    return new Problem(ProblemKind.SignInRequired, failure.Description, RequestId: requestId, ClaimsChallenge: failure.ClaimsChallenge);
                case { Kind: PartnerCenterFailureKind.NotSent } when attempt == 1:
                    return new Problem(ProblemKind.Unavailable, failure.Description, null, failure.CorrelationId, requestId);
            }

            if (attempt < CancelAttempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), time, cancellationToken);
            }
        }

        Outcome<Customer> current;
        try
        {
            current = await GetCustomerAsync(customer, cancellationToken);
        }
        catch (PartnerCenterUnavailableException ex)
        {
            current = ex.ToProblem();
        }

        if (current.Problem is { Kind: ProblemKind.NotFound })
        {
            logger.LogInformation("Delete of customer {CustomerId} confirmed by reading it back (request {RequestId})", customer, requestId);
            return CustomerDeletion.Deleted;
        }

        var now = current.Succeeded ? "Partner Center still lists the customer" : "the customer could not be read back";
        return new Problem(ProblemKind.OutcomeUnknown,
            $"The delete, sent {CancelAttempts} times with the same request id, got no trustworthy answer ({failure!.Description}), and {now}. " +
            "Check the customers list in a few minutes before trying again.",
            failure.ErrorCode, failure.CorrelationId, requestId);
    }
}

/// <summary>An active reservation or software entitlement, and the order it came from.</summary>
public sealed record Entitlement(string? EntitlementType, string? ProductId, string? OrderId, string? OrderAlternateId);

/// <summary>How a customer delete ended when it did not fail.</summary>
public enum CustomerDeletion
{
    Deleted,

    /// <summary>Partner Center no longer knew the customer before this delete.</summary>
    AlreadyGone,
}
