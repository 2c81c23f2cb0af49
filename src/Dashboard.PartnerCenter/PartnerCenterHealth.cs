using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.PartnerCenter;

/// <summary>
/// Whether Partner Center is answering, judged from the calls the dashboard makes anyway (never a call of its own,
/// which would spend the rate limit): degraded while the last attempt, within the last five minutes, got no answer or
/// a server error. An outage never makes the instance unready: users are better served by the page that says Partner
/// Center is failing than by a load balancer taking every instance out.
/// </summary>
internal sealed class PartnerCenterHealth(TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Recent = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private (DateTimeOffset At, string? Failure) _last = (DateTimeOffset.MinValue, null);

    /// <summary>An attempt got an answer; a server error or a timeout (408) counts as failing.</summary>
    public void Answered(HttpStatusCode status) =>
        Record((int)status >= 500 || status == HttpStatusCode.RequestTimeout ? $"answered {(int)status}" : null);

    /// <summary>An attempt got no answer at all (refused, reset, timed out).</summary>
    public void NoAnswer(Exception failure) => Record($"gave no answer ({failure.GetType().Name})");

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        (DateTimeOffset At, string? Failure) last;
        lock (_gate)
        {
            last = _last;
        }

        var failing = last.Failure is not null && time.GetUtcNow() - last.At < Recent;
        return Task.FromResult(failing
            ? HealthCheckResult.Degraded($"Partner Center {last.Failure} at {last.At:HH:mm:ss} UTC, its last call.")
            : HealthCheckResult.Healthy());
    }

    private void Record(string? failure)
    {
        lock (_gate)
        {
            _last = (time.GetUtcNow(), failure);
        }
    }
}
