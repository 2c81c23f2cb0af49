using Dashboard.Orders.Storage;
using Dashboard.PartnerCenter;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Orders.Jobs;

/// <summary>
/// The last step of a clean-up (docs/partner-center.md#sandbox-clean-up): once every order of a customer reads
/// cancelled, check that Partner Center lists no active reservation or software, then delete the customer.
/// </summary>
internal sealed partial class JobWork
{
    private async Task DeleteAsync(JobItemRecord item, CancellationToken cancellationToken)
    {
        while (true)
        {
            await WhilePausedAsync(cancellationToken);
            if (_stopping || _abortedBecause is not null)
            {
                await EndUnsentDeleteAsync(item, cancellationToken);
                return;
            }

            var mayHaveBeenSent = item.Stage == JobItemStage.Sending;
            if (!mayHaveBeenSent && await WhyNotDeleteAsync(item, cancellationToken) is { } why)
            {
                if (why.Length > 0)
                {
                    await EndAsync(item, JobItemOutcome.Skipped, null, retryable: true, cancellationToken, why);
                    return;
                }

                continue; // Paused by a 429 or an outage: look again.
            }

            item.RequestId ??= Guid.NewGuid().ToString();
            item.Stage = JobItemStage.Sending;
            item.Sends++;
            item.FirstSentAt ??= time.GetUtcNow();
            await SaveAsync(item, cancellationToken);

            var trace = new PartnerCenterCallTrace();
            Outcome<CustomerDeletion> outcome;
            using (PartnerCenterCallScope.Traced(trace))
            {
                outcome = await orders.DeleteCustomerForJobAsync(item.CustomerId, item.RequestId, mayHaveBeenSent, cancellationToken);
            }

            item.CorrelationId = outcome.Problem?.CorrelationId ?? trace.CorrelationId ?? item.CorrelationId;
            if (outcome.Succeeded)
            {
                ReachedPartnerCenter();
                var gone = outcome.Value == CustomerDeletion.Deleted;
                await EndAsync(item, gone ? JobItemOutcome.Cancelled : JobItemOutcome.AlreadyCancelled, null, retryable: false, cancellationToken,
                    gone ? "The customer was deleted from the integration sandbox." : "Partner Center no longer knew the customer: it was already deleted.");
                return;
            }

            NotSentIf(item, outcome.Problem, mayHaveBeenSent);
            switch (outcome.Problem.Kind)
            {
                case ProblemKind.Throttled:
                    Throttled(outcome.Problem);
                    continue;
                case ProblemKind.Unavailable:
                    await UnreachableAsync(outcome.Problem, cancellationToken);
                    continue;
                case ProblemKind.NotAllowed or ProblemKind.SignInRequired:
                    Abort(outcome.Problem);
                    continue;
                case ProblemKind.Refused:
                    ReachedPartnerCenter();
                    await EndAsync(item, JobItemOutcome.Refused, outcome.Problem, retryable: true, cancellationToken);
                    return;
                default:
                    await EndAsync(item, outcome.Problem.Kind == ProblemKind.OutcomeUnknown ? JobItemOutcome.Unknown : JobItemOutcome.Skipped,
                        outcome.Problem, retryable: true, cancellationToken);
                    return;
            }
        }
    }

    /// <summary>
    /// Why the customer is not deleted (an order of it not cancelled, or an active entitlement left), fit to show; an
    /// empty text when the check could not be made now and the job paused; null when the delete may be sent.
    /// </summary>
    private async Task<string?> WhyNotDeleteAsync(JobItemRecord item, CancellationToken cancellationToken)
    {
        List<JobItemRecord> orderItems;
        await using (var db = await store.CreateDbContextAsync(cancellationToken))
        {
            orderItems = await db.JobItems.AsNoTracking()
                .Where(i => i.JobId == jobId && i.CustomerId == item.CustomerId && i.Kind == JobItemKind.CancelOrder)
                .ToListAsync(cancellationToken);
        }

        // What the plan left alone on purpose (never sent, never retried: purchases a delete removes) does not hold the delete up.
        var open = orderItems
            .Where(i => i.Outcome is not (JobItemOutcome.Cancelled or JobItemOutcome.AlreadyCancelled))
            .Where(i => !(i.Outcome == JobItemOutcome.Skipped && !i.Retryable && i.Sends == 0))
            .ToList();
        if (open.Count > 0)
        {
            return $"Not deleted: {open.Count} of its orders did not end cancelled ({string.Join(", ", open.Take(5).Select(i => i.OrderAlternateId ?? i.OrderId))}{(open.Count > 5 ? ", …" : "")}).";
        }

        Outcome<IReadOnlyList<Entitlement>> entitlements;
        try
        {
            entitlements = await orders.ListEntitlementsAsync(item.CustomerId, cancellationToken);
        }
        catch (PartnerCenterUnavailableException ex)
        {
            await UnreachableAsync(ex.ToProblem(), cancellationToken);
            return "";
        }

        switch (entitlements.Problem)
        {
            case null:
                break;
            case { Kind: ProblemKind.Throttled } throttled:
                Throttled(throttled);
                return "";
            default:
                return $"Not deleted: its entitlements could not be read ({entitlements.Problem.Message}).";
        }

        ReachedPartnerCenter();
        var left = entitlements.Value ?? [];
        return left.Count == 0
            ? null
            : $"Not deleted: Partner Center still lists {left.Count} active reservation or software entitlements " +
              $"(orders {string.Join(", ", left.Select(e => e.OrderAlternateId ?? e.OrderId).Distinct().Take(5))}). Plan the clean-up again in a few minutes.";
    }

    /// <summary>A delete the job will not send now; when it may have been sent, the customer's absence tells.</summary>
    private async Task EndUnsentDeleteAsync(JobItemRecord item, CancellationToken cancellationToken)
    {
        if (item.Stage != JobItemStage.Sending)
        {
            await EndAsync(item, JobItemOutcome.Skipped, null, retryable: true, cancellationToken, _abortedBecause ?? "The job was stopped before the customer was deleted.");
            return;
        }

        Outcome<Customer> current;
        try
        {
            current = await orders.GetCustomerAsync(item.CustomerId, cancellationToken);
        }
        catch (PartnerCenterUnavailableException ex)
        {
            current = ex.ToProblem();
        }

        if (current.Problem is { Kind: ProblemKind.NotFound })
        {
            await EndAsync(item, JobItemOutcome.Cancelled, null, retryable: false, cancellationToken, "Confirmed: Partner Center no longer knows the customer.");
            return;
        }

        var now = current.Problem is null ? "is still listed." : "could not be read back.";
        await EndAsync(item, JobItemOutcome.Unknown, null, retryable: true, cancellationToken,
            "The delete may have been sent before the job ended, and the customer " + now +
            " Check the customers list before trying again.");
    }
}
