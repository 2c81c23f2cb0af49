using Dashboard.Orders.Storage;
using Dashboard.PartnerCenter;

namespace Dashboard.Orders.Jobs;

/// <summary>
/// The protocol of one item, the single cancel's made durable: its <c>MS-RequestId</c> is stored before its request is
/// sent; an item that may have been sent is sent again with the same id and, when that leaves doubt, read back. A 429
/// pauses the whole job for Partner Center's <c>Retry-After</c> and fails nothing; an unreachable Partner Center pauses
/// it too, until <c>Jobs:OutageMinutes</c> have passed.
/// </summary>
internal sealed partial class JobWork
{
    private async Task CancelAsync(JobItemRecord item, CancellationToken cancellationToken)
    {
        while (true)
        {
            await WhilePausedAsync(cancellationToken);
            if (_stopping || _abortedBecause is not null)
            {
                await EndUnsentAsync(item, cancellationToken);
                return;
            }

            var mayHaveBeenSent = item.Stage == JobItemStage.Sending;
            item.RequestId ??= Guid.NewGuid().ToString();
            item.Stage = JobItemStage.Sending;
            item.Sends++;
            item.FirstSentAt ??= time.GetUtcNow();
            await SaveAsync(item, cancellationToken);

            var trace = new PartnerCenterCallTrace();
            Outcome<Order> outcome;
            using (PartnerCenterCallScope.Traced(trace))
            using (var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopped.Token))
            {
                try
                {
                    outcome = await orders.CancelForJobAsync(item.CustomerId, item.OrderId!, item.RequestId, mayHaveBeenSent, call.Token);
                }
                catch (OperationCanceledException) when (_stopped.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    // Stopped while the call waited for the rate limit (nothing sent) or was in flight (read back next).
                    if (!mayHaveBeenSent && trace.CorrelationId is null)
                    {
                        item.Stage = JobItemStage.Pending;
                    }

                    continue;
                }
            }

            item.CorrelationId = outcome.Problem?.CorrelationId ?? trace.CorrelationId ?? item.CorrelationId;
            if (outcome.Succeeded)
            {
                ReachedPartnerCenter();
                await AcceptedAsync(item, outcome.Value, cancellationToken);
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
                case ProblemKind.Refused or ProblemKind.NotFound:
                    ReachedPartnerCenter();
                    await RefusedAsync(item, outcome.Problem, mayHaveBeenSent, cancellationToken);
                    return;
                case ProblemKind.OutcomeUnknown:
                    await UnknownAsync(item, outcome.Problem, cancellationToken);
                    return;
                default:
                    await EndAsync(item, JobItemOutcome.Skipped, outcome.Problem, retryable: false, cancellationToken);
                    return;
            }
        }
    }

    /// <summary>
    /// The cancel got no trustworthy answer. An order that reads pending may be processing it (Partner Center cancels
    /// asynchronously): it is confirmed like an accepted cancel. Anything else is an unknown outcome, with what to check.
    /// </summary>
    private async Task UnknownAsync(JobItemRecord item, Problem problem, CancellationToken cancellationToken)
    {
        var current = await ReadOrderAsync(item, cancellationToken);
        switch (current)
        {
            case { Succeeded: true, Value.Status: OrderStatus.Cancelled }:
                await EndAsync(item, JobItemOutcome.Cancelled, null, retryable: false, cancellationToken, "Confirmed by reading the order back.");
                return;
            case { Succeeded: true, Value.Status: OrderStatus.Pending }:
                await AcceptedAsync(item, current.Value, cancellationToken);
                return;
            default:
                await EndAsync(item, JobItemOutcome.Unknown, problem, retryable: true, cancellationToken);
                return;
        }
    }

    /// <summary>Partner Center took the cancel: cancelled now, or accepted and still processing, to be read again.</summary>
    private async Task AcceptedAsync(JobItemRecord item, Order order, CancellationToken cancellationToken)
    {
        if (order.Status == OrderStatus.Cancelled)
        {
            await EndAsync(item, JobItemOutcome.Cancelled, null, retryable: false, cancellationToken);
            return;
        }

        item.Stage = JobItemStage.Confirming;
        item.NextCheckAt = time.GetUtcNow() + TimeSpan.FromSeconds(Options.ConfirmFirstWaitSeconds);
        item.ConfirmBy = time.GetUtcNow() + TimeSpan.FromMinutes(Options.ConfirmMinutes);
        item.Description = $"Partner Center accepted the cancel; the order reads {order.StatusText ?? "not cancelled"} until it is processed.";
        await SaveAsync(item, cancellationToken);
    }

    /// <summary>A refusal, unless reading the order back shows it cancelled (by this job's earlier send, or before it).</summary>
    private async Task RefusedAsync(JobItemRecord item, Problem refusal, bool mayHaveBeenSent, CancellationToken cancellationToken)
    {
        var current = await ReadOrderAsync(item, cancellationToken);
        for (var tries = 1; current.Problem is { Kind: ProblemKind.Throttled } throttled && tries < 5; tries++)
        {
            // A throttled read-back says nothing yet: wait as Partner Center asks, and read again.
            Throttled(throttled);
            await WhilePausedAsync(cancellationToken);
            current = await ReadOrderAsync(item, cancellationToken);
        }

        if (mayHaveBeenSent && current is { Succeeded: true, Value.Status: OrderStatus.Pending })
        {
            // This job's earlier send is being processed.
            await AcceptedAsync(item, current.Value, cancellationToken);
            return;
        }

        if (current is { Succeeded: true, Value.Status: OrderStatus.Cancelled })
        {
            await EndAsync(item, mayHaveBeenSent ? JobItemOutcome.Cancelled : JobItemOutcome.AlreadyCancelled,
                mayHaveBeenSent ? null : refusal, retryable: false, cancellationToken,
                mayHaveBeenSent ? "Confirmed by reading the order back after the job resumed." : "The order was already cancelled.");
            return;
        }

        await EndAsync(item, JobItemOutcome.Refused, refusal, retryable: true, cancellationToken);
    }

    /// <summary>One read of an order whose cancel was accepted.</summary>
    private async Task CheckAsync(JobItemRecord item, CancellationToken cancellationToken)
    {
        await WhilePausedAsync(cancellationToken);
        var current = await ReadOrderAsync(item, cancellationToken);
        item.Checks++;
        if (current is { Succeeded: true, Value.Status: OrderStatus.Cancelled })
        {
            await EndAsync(item, JobItemOutcome.Cancelled, null, retryable: false, cancellationToken, "Confirmed: the order reads cancelled.");
            return;
        }

        if (current.Problem is { Kind: ProblemKind.Throttled } throttled)
        {
            Throttled(throttled);
        }

        var reads = current.Succeeded ? $"still reads {current.Value.StatusText ?? "not cancelled"}" : $"could not be read ({current.Problem.Message})";
        if (_stopping || _abortedBecause is not null || time.GetUtcNow() >= item.ConfirmBy)
        {
            var when = _stopping || _abortedBecause is not null ? "when the job ended" : $"after {Options.ConfirmMinutes} minutes";
            await EndAsync(item, JobItemOutcome.Unknown, null, retryable: true, cancellationToken,
                $"Partner Center accepted the cancel, but the order {reads} {when}. Check the order in a few minutes; it is likely still being processed.");
            return;
        }

        var wait = TimeSpan.FromSeconds(Math.Min(60, Options.ConfirmFirstWaitSeconds * Math.Pow(2, item.Checks)));
        item.NextCheckAt = time.GetUtcNow() + wait;
        await SaveAsync(item, cancellationToken);
    }

    /// <summary>
    /// An item the job will not send now (stopped, or the job cannot go on): skipped when it was never sent; when it may
    /// have been, read back, because Partner Center may have applied it.
    /// </summary>
    private async Task EndUnsentAsync(JobItemRecord item, CancellationToken cancellationToken)
    {
        var why = _abortedBecause ?? "The job was stopped before this was sent.";
        if (item.Stage != JobItemStage.Sending)
        {
            await EndAsync(item, JobItemOutcome.Skipped, null, retryable: true, cancellationToken, why);
            return;
        }

        var current = await ReadOrderAsync(item, cancellationToken);
        if (current is { Succeeded: true, Value.Status: OrderStatus.Cancelled })
        {
            await EndAsync(item, JobItemOutcome.Cancelled, null, retryable: false, cancellationToken, "Confirmed by reading the order back when the job ended.");
            return;
        }

        var reads = current.Succeeded ? $"Partner Center reports it as {current.Value.StatusText ?? "not cancelled"}" : "it could not be read back";
        await EndAsync(item, JobItemOutcome.Unknown, null, retryable: true, cancellationToken,
            $"The cancel may have been sent before the job ended, and {reads}. Check the order in a few minutes before trying again.");
    }

    private async Task<Outcome<Order>> ReadOrderAsync(JobItemRecord item, CancellationToken cancellationToken)
    {
        try
        {
            return await orders.GetOrderAsync(item.CustomerId, item.OrderId!, cancellationToken);
        }
        catch (PartnerCenterUnavailableException ex)
        {
            return ex.ToProblem();
        }
    }

    private async Task EndAsync(
        JobItemRecord item, JobItemOutcome outcome, Problem? problem, bool retryable, CancellationToken cancellationToken, string? description = null)
    {
        item.Stage = JobItemStage.Done;
        item.Outcome = outcome;
        item.Retryable = retryable;
        item.ErrorCode = problem?.PartnerCenterCode;
        item.CorrelationId = problem?.CorrelationId ?? item.CorrelationId;
        item.Description = description ?? problem?.Message;
        item.NextCheckAt = null;
        item.FinishedAt = time.GetUtcNow();
        await SaveAsync(item, cancellationToken);
    }
}
