using Dashboard.Orders.Storage;

namespace Dashboard.Orders.Jobs;

/// <summary>
/// What holds a whole job back: Partner Center asking to slow down (a 429 pauses every item for its <c>Retry-After</c>),
/// Partner Center out of reach (paused with backoff, until <c>Jobs:OutageMinutes</c>), or a reason to go on no more
/// (the job's user may no longer cancel, or must sign in again).
/// </summary>
internal sealed partial class JobWork
{
    /// <summary>A 429: every item waits as long as Partner Center asked (a minute when it did not say).</summary>
    private void Throttled(Problem problem) =>
        Pause(problem.RetryAfter ?? TimeSpan.FromMinutes(1), "Partner Center asked to slow down (429)");

    /// <summary>
    /// Refused by the dashboard, or Partner Center not reached: the request never left, so unless an earlier send may
    /// have, the item is back to not sent (skipped, not read back, if the job cannot go on).
    /// </summary>
    private static void NotSentIf(JobItemRecord item, Problem problem, bool mayHaveBeenSent)
    {
        if (!mayHaveBeenSent && problem.Kind is ProblemKind.NotAllowed or ProblemKind.SignInRequired or ProblemKind.Unavailable)
        {
            item.Stage = JobItemStage.Pending;
        }
    }

    private void Pause(TimeSpan wait, string why)
    {
        var until = time.GetUtcNow() + wait;
        lock (_gate)
        {
            if (until <= _pausedUntil)
            {
                return;
            }

            _pausedUntil = until;
        }

        logger.LogWarning("Job {JobId} paused until {PausedUntil:HH:mm:ss} UTC: {PauseReason}", jobId, until, why);
        _ = ShowPauseAsync(until, why);
    }

    /// <summary>Writes the pause for the jobs page to show; the pause itself is this run's, so a failed write loses nothing.</summary>
    private async Task ShowPauseAsync(DateTimeOffset until, string why)
    {
        try
        {
            await UpdateJobAsync(s => s.SetProperty(j => j.PausedUntil, until).SetProperty(j => j.PauseReason, why), CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Job {JobId} could not record its pause for the jobs page", jobId);
        }
    }

    private async Task WhilePausedAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset until;
        lock (_gate)
        {
            until = _pausedUntil;
        }

        if (until > time.GetUtcNow())
        {
            await WaitAsync(until - time.GetUtcNow(), cancellationToken);
        }
    }

    /// <summary>Nothing was sent: Partner Center could not be reached. Wait, longer each time, and give up after <c>Jobs:OutageMinutes</c>.</summary>
    private Task UnreachableAsync(Problem problem, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        DateTimeOffset since;
        lock (_gate)
        {
            since = _unreachableSince ??= now;
        }

        if (now - since >= TimeSpan.FromMinutes(Options.OutageMinutes))
        {
            _abortedBecause ??= $"Partner Center could not be reached for {Options.OutageMinutes} minutes ({problem.Message}); what was not sent is left for a retry.";
            return Task.CompletedTask;
        }

        var wait = TimeSpan.FromSeconds(Math.Clamp((now - since).TotalSeconds, 5, 60));
        Pause(wait, "Partner Center could not be reached");
        return Task.CompletedTask;
    }

    private void ReachedPartnerCenter()
    {
        lock (_gate)
        {
            _unreachableSince = null;
        }
    }

    private void Abort(Problem problem)
    {
        if (_abortedBecause is null)
        {
            logger.LogWarning("Job {JobId} cannot go on, nothing more is sent: {Reason}", jobId, problem.Message);
            _abortedBecause = problem.Kind == ProblemKind.SignInRequired
                ? $"Partner Center asks {_job.CreatedByName} to sign in again before it accepts more; sign in, then retry the failed orders."
                : $"The dashboard refused to go on: {problem.Message}";
        }
    }
}
