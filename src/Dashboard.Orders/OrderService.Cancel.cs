// Longer than 300 lines: the single cancel, the job's cancel and their shared send-and-read-back protocol are one piece.
using System.Net;
using Dashboard.Orders.Activity;
using Dashboard.PartnerCenter;
using Dashboard.PartnerCenter.Dtos;

namespace Dashboard.Orders;

/// <summary>Cancelling, whole or by lines: asked of the host first, sent once per try with one <c>MS-RequestId</c>, never blindly.</summary>
internal sealed partial class OrderService
{
    public Task<Outcome<Order>> CancelOrderAsync(string customerId, string orderId, CancellationToken cancellationToken = default) =>
        RecordedAsync(customerId, orderId, lines: null, requestId => CancelOrderOnceAsync(customerId, orderId, requestId, cancellationToken));

    private async Task<Outcome<Order>> CancelOrderOnceAsync(string customerId, string orderId, string requestId, CancellationToken cancellationToken)
    {
        if ((PartnerCenterIds.CheckCustomerId(customerId, out var customer) ?? PartnerCenterIds.CheckOrderId(orderId)) is { } invalid)
        {
            return invalid;
        }

        if (await RefusedAsync(customer, orderId, cancellationToken) is { } refused)
        {
            return refused;
        }

        return await SendCancelAsync(customer, orderId, OrderPatchDto.Cancel(orderId), lines: null, requestId, cancellationToken);
    }

    /// <summary>
    /// A person's cancel, with its activity record written whatever its outcome (a denial, an unexpected error
    /// included) before the answer goes back to the page. Only the ids of what was actually sent are kept; when the
    /// PATCH went more than once, every attempt's correlation id is named, since any of them may be the one Partner
    /// Center applied and audited.
    /// </summary>
    private async Task<Outcome<Order>> RecordedAsync(
        string customerId, string orderId, IReadOnlyCollection<int>? lines, Func<string, Task<Outcome<Order>>> cancel)
    {
        var requestId = Guid.NewGuid().ToString();
        var trace = new PartnerCenterCallTrace();
        using var span = OrdersTelemetry.Source.StartActivity(lines is null ? "Cancel order" : "Cancel order lines");
        span?.SetTag("dashboard.customer_id", customerId).SetTag("dashboard.order_id", orderId).SetTag("partner_center.request_id", requestId);
        Outcome<Order>? outcome = null;
        Exception? failure = null;
        try
        {
            using (PartnerCenterCallScope.Traced(trace))
            {
                outcome = await cancel(requestId);
            }

            return outcome;
        }
        catch (Exception ex)
        {
            failure = ex;
            throw;
        }
        finally
        {
            var sent = trace.ChangeCorrelationIds;
            var answered = outcome;
            outcome ??= sent.Count == 0
                ? new Problem(ProblemKind.Unavailable, $"The cancel was not sent: it ended with an error the dashboard did not expect ({failure?.GetType().Name}).")
                : new Problem(ProblemKind.OutcomeUnknown,
                    $"The cancel was sent and then ended with an error the dashboard did not expect ({failure?.GetType().Name}). Check the order before trying again.");
            await RecordAsync(customerId, orderId, lines, outcome, sent.Count == 0 ? null : requestId, sent, span);
            await ShareAsync(customerId, answered, sent.Count > 0);
        }
    }

    /// <summary>
    /// Puts a cancel's answer into the customer's shared snapshot, so that every page showing the customer sees it. A
    /// cancel that was sent and may have changed the order without an answer to show (its outcome unknown, the order
    /// gone, an unexpected error) drops the snapshot instead; a refusal changed nothing.
    /// </summary>
    private async Task ShareAsync(string customerId, Outcome<Order>? outcome, bool sent)
    {
        if (outcome is { Succeeded: true })
        {
            await snapshots.UpdateAsync(outcome.Value!, CancellationToken.None);
        }
        else if (sent && outcome?.Problem?.Kind is null or ProblemKind.OutcomeUnknown or ProblemKind.NotFound)
        {
            await snapshots.InvalidateAsync(customerId, CancellationToken.None);
        }
    }

    private async Task RecordAsync(
        string customerId, string orderId, IReadOnlyCollection<int>? lines, Outcome<Order> outcome, string? requestId, IReadOnlyList<string> sent,
        System.Diagnostics.Activity? span)
    {
        ActivityActor who;
        try
        {
            who = await activity.CurrentActorAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "The user of a cancel of order {OrderId} could not be told; it is recorded as unknown", LogText.Clean(orderId));
            who = ActivityActor.Nobody;
        }

        // The customer as Partner Center names it, so that its history is found however its id was typed.
        var customer = PartnerCenterIds.CheckCustomerId(customerId, out var canonical) is null ? canonical : customerId;
        var record = ActivityRecords.Cancel(who, activity.Now, customer, customerNames.Of(customer), orderId, lines, outcome, requestId, sent);
        telemetry.Cancelled(record.Outcome, lines is not null);
        span?.SetTag("dashboard.outcome", record.Outcome.ToString());
        await activity.AppendOrLogAsync(record);
    }

    /// <summary>
    /// A job's cancel of one order, with the job's <c>MS-RequestId</c> (stored before this is called) and the host's say
    /// on cancelling asked first, as for a single cancel. Unlike a single cancel, a 429 at any attempt comes back as
    /// <see cref="ProblemKind.Throttled"/> with Partner Center's wait, for the job to pause and send again with the same
    /// id; and when the item <paramref name="mayHaveBeenSent"/> before (a restart), a refusal is checked by reading the
    /// order back, because the earlier send may be what made Partner Center refuse.
    /// </summary>
    internal async Task<Outcome<Order>> CancelForJobAsync(
        string customerId, string orderId, string requestId, bool mayHaveBeenSent, CancellationToken cancellationToken)
    {
        if ((PartnerCenterIds.CheckCustomerId(customerId, out var customer) ?? PartnerCenterIds.CheckOrderId(orderId)) is { } invalid)
        {
            return invalid;
        }

        if (await RefusedAsync(customer, orderId, cancellationToken) is { } refused)
        {
            return refused;
        }

        try
        {
            return await SendCancelAsync(
                customer, orderId, OrderPatchDto.Cancel(orderId), lines: null, requestId, new CancelMode(mayHaveBeenSent, ThrottleIsPause: true), cancellationToken);
        }
        finally
        {
            // A job changes many of a customer's orders: its pages read them again rather than patch a copy each time.
            await snapshots.InvalidateAsync(customer, CancellationToken.None);
        }
    }

    public async Task<Outcome<Order>> CancelLineItemsAsync(
        string customerId, string orderId, IReadOnlyCollection<int> lineItemNumbers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lineItemNumbers);
        return await RecordedAsync(customerId, orderId, lineItemNumbers,
            requestId => CancelLinesOnceAsync(customerId, orderId, lineItemNumbers, requestId, cancellationToken));
    }

    private async Task<Outcome<Order>> CancelLinesOnceAsync(
        string customerId, string orderId, IReadOnlyCollection<int> lineItemNumbers, string requestId, CancellationToken cancellationToken)
    {
        if ((PartnerCenterIds.CheckCustomerId(customerId, out var customer) ?? PartnerCenterIds.CheckOrderId(orderId)) is { } invalid)
        {
            return invalid;
        }

        if (lineItemNumbers.Count == 0)
        {
            return new Problem(ProblemKind.InvalidInput, "Choose at least one line item to cancel.");
        }

        if (await RefusedAsync(customer, orderId, cancellationToken) is { } refused)
        {
            return refused;
        }

        // The body names each line with its offer, as Partner Center's example does; read them from the order.
        Outcome<Order> current;
        try
        {
            current = await GetOrderAsync(customer, orderId, cancellationToken);
        }
        catch (PartnerCenterUnavailableException ex)
        {
            // Nothing was sent yet: say so, like any other problem.
            return ex.ToProblem();
        }

        if (!current.Succeeded)
        {
            return current;
        }

        var unknown = lineItemNumbers.Where(n => current.Value.LineItems.All(l => l.Number != n)).ToList();
        if (unknown.Count > 0)
        {
            return new Problem(ProblemKind.InvalidInput, $"Order {orderId} has no line {string.Join(", ", unknown)}.");
        }

        var lines = current.Value.LineItems.Where(l => lineItemNumbers.Contains(l.Number)).ToList();
        var patch = OrderPatchDto.CancelLines(orderId, lines.Select(l => new OrderPatchLineItemDto(l.Number, l.OfferId)));
        return await SendCancelAsync(customer, orderId, patch, lineItemNumbers, requestId, cancellationToken);
    }

    /// <summary>The host's say on cancelling (role, production guard), asked before anything is sent.</summary>
    private async Task<Problem?> RefusedAsync(string customer, string orderId, CancellationToken cancellationToken)
    {
        if (await cancels.WhyNotAsync(cancellationToken) is not { } why)
        {
            return null;
        }

        logger.LogWarning("Cancel of order {OrderId} for customer {CustomerId} refused by the dashboard, nothing sent: {Reason}", orderId, customer, why);
        return new Problem(ProblemKind.NotAllowed, why);
    }

    /// <summary>
    /// Sends a cancel and makes sure of its outcome. Never retried blindly: a cancel that got no trustworthy answer is
    /// sent again with the same <c>MS-RequestId</c>, so that Partner Center applies it once, and when answers still do
    /// not come, the order is read back to learn the truth.
    /// </summary>
    private async Task<Outcome<Order>> SendCancelAsync(
        string customer, string orderId, OrderPatchDto patch, IReadOnlyCollection<int>? lines, string requestId, CancellationToken cancellationToken)
    {
        try
        {
            return await SendCancelAsync(customer, orderId, patch, lines, requestId, CancelMode.Interactive, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up after the PATCH was sent at least once: it may have reached Partner Center.
            logger.LogWarning("Cancel of order {OrderId} for customer {CustomerId} was abandoned before its outcome was known (request {RequestId})",
                orderId, customer, requestId);
            return new Problem(ProblemKind.OutcomeUnknown,
                "The cancel was abandoned before its outcome was known. The order may or may not have been cancelled: check its status before trying again.",
                RequestId: requestId);
        }
    }

    private async Task<Outcome<Order>> SendCancelAsync(
        string customer, string orderId, OrderPatchDto patch, IReadOnlyCollection<int>? lines, string requestId, CancelMode mode,
        CancellationToken cancellationToken)
    {
        PartnerCenterFailure? failure = null;
        for (var attempt = 1; attempt <= CancelAttempts; attempt++)
        {
            var response = await api.PatchOrderAsync(customer, orderId, patch, requestId, cancellationToken);

            if (response.IsSuccessful && response.Content is not null)
            {
                // Applied: the caller leaving now must not turn a done cancel into an unknown one.
                var order = (await WithCancellabilityAsync([response.Content.ToOrder(customer)], CancellationToken.None))[0];
                logger.LogInformation(
                    "Cancelled {What} of order {OrderId} for customer {CustomerId}; Partner Center reports status {OrderStatus} (attempt {Attempt}, request {RequestId})",
                    lines is null ? "all lines" : $"lines {string.Join(',', lines)}", orderId, customer, order.StatusText, attempt, requestId);
                return order;
            }

            failure = PartnerCenterFailure.From(response);
            logger.LogWarning(
                "Cancel of order {OrderId} for customer {CustomerId} failed: {FailureKind} {StatusCode} {ErrorCode} {Description} (attempt {Attempt}, correlation {CorrelationId}, request {RequestId})",
                orderId, customer, failure.Kind, (int?)failure.StatusCode, failure.ErrorCode, failure.Description, attempt, failure.CorrelationId, requestId);

            var firstSend = attempt == 1 && !mode.MayHaveBeenSent;
            switch (failure)
            {
                case { Kind: PartnerCenterFailureKind.Throttled } when mode.ThrottleIsPause:
                    // Not applied (a 429 is answered before the change is looked at): the job waits and sends again with this id.
                    return new Problem(ProblemKind.Throttled, ThrottledMessage(failure, "The cancel was not carried out"), failure.ErrorCode,
                        failure.CorrelationId, requestId, RetryAfter: failure.RetryAfter);
                case { Kind: PartnerCenterFailureKind.Error, StatusCode: HttpStatusCode.NotFound }:
                    return new Problem(ProblemKind.NotFound, failure.Description, failure.ErrorCode, failure.CorrelationId, requestId, failure.Data);
                case { Kind: PartnerCenterFailureKind.Error, StatusCode: HttpStatusCode.RequestTimeout }:
                    break;
                case { Kind: PartnerCenterFailureKind.Error, StatusCode: < HttpStatusCode.InternalServerError } when firstSend:
                    return new Problem(ProblemKind.Refused, failure.Description, failure.ErrorCode, failure.CorrelationId, requestId, failure.Data);
                case { Kind: PartnerCenterFailureKind.Throttled } when firstSend:
                    return new Problem(ProblemKind.Throttled, ThrottledMessage(failure, "The cancel was not carried out"), failure.ErrorCode, failure.CorrelationId, requestId);
                case { Kind: PartnerCenterFailureKind.Error or PartnerCenterFailureKind.Throttled, StatusCode: < HttpStatusCode.InternalServerError }:
                    // A refusal or a 429 of a re-send says nothing about the first send, which may have worked: read the order to know.
                    return await ReadBackAsync(customer, orderId, lines, failure, requestId, attempt, cancellationToken);
                case { Kind: PartnerCenterFailureKind.SignInRequired } when attempt == 1:
                    return new Problem(ProblemKind.SignInRequired, failure.Description, RequestId: requestId, ClaimsChallenge: failure.ClaimsChallenge);
                case { Kind: PartnerCenterFailureKind.NotSent } when attempt == 1:
                    return new Problem(ProblemKind.Unavailable, failure.Description, null, failure.CorrelationId, requestId);
            }

            // No answer, a server error or a page that is not Partner Center's: the cancel may have been applied.
            if (attempt < CancelAttempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), time, cancellationToken);
            }
        }

        return await ReadBackAsync(customer, orderId, lines, failure!, requestId, CancelAttempts, cancellationToken);
    }

    /// <summary>After a cancel without a trustworthy answer, what Partner Center now says about the order is the truth.</summary>
    private async Task<Outcome<Order>> ReadBackAsync(
        string customer, string orderId, IReadOnlyCollection<int>? lines, PartnerCenterFailure failure, string requestId, int attempts,
        CancellationToken cancellationToken)
    {
        Outcome<Order> current;
        try
        {
            current = await GetOrderAsync(customer, orderId, cancellationToken);
        }
        catch (PartnerCenterUnavailableException ex)
        {
            current = ex.ToProblem();
        }

        if (current.Succeeded && IsCancelled(current.Value, lines))
        {
            logger.LogInformation(
                "Cancel of order {OrderId} for customer {CustomerId} confirmed by reading the order back after {Attempts} attempts (request {RequestId})",
                orderId, customer, attempts, requestId);
            return current;
        }

        var what = attempts == 1 ? "The cancel" : $"The cancel, sent {attempts} times with the same request id,";
        var message = current.Succeeded
            ? $"{what} got no trustworthy answer ({failure.Description}) and Partner Center still reports the order as {current.Value.StatusText ?? "not cancelled"}. " +
              "The cancel may not have arrived, or may still be processing: check the order again in a few minutes before trying again."
            : $"{what} got no trustworthy answer ({failure.Description}), and the order could not be read back. " +
              "The order may or may not have been cancelled: check its status in a few minutes before trying again.";
        return new Problem(ProblemKind.OutcomeUnknown, message, failure.ErrorCode, failure.CorrelationId, requestId);
    }

    /// <summary>How a cancel is sent: by a person waiting for it, or by a job that can pause and that may be resuming.</summary>
    /// <param name="MayHaveBeenSent">The same request id may have been sent before this call (a job resumed after a restart).</param>
    /// <param name="ThrottleIsPause">A 429 at any attempt is answered as such, for the caller to wait and send again.</param>
    private readonly record struct CancelMode(bool MayHaveBeenSent, bool ThrottleIsPause)
    {
        public static CancelMode Interactive => new(false, false);
    }

    private static bool IsCancelled(Order order, IReadOnlyCollection<int>? lines) =>
        order.Status == OrderStatus.Cancelled
        || (lines is not null && order.LineItems.Where(l => lines.Contains(l.Number)).All(l => l.Quantity == 0));
}
