using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Dashboard.PartnerCenter;

/// <summary>
/// What the Partner Center client reports to OpenTelemetry, when the host listens (docs/observability.md): a span per
/// attempt (<see cref="Source"/>), and the meter <c>Dashboard.PartnerCenter</c>: attempts by route and status, retries,
/// 429 answers, and the time calls wait for the rate limit. Never a token: a span or a point carries the route
/// template, the method, the status and the ids Partner Center support asks for.
/// </summary>
internal sealed class PartnerCenterTelemetry
{
    public const string Name = "Dashboard.PartnerCenter";

    /// <summary>The spans of Partner Center attempts; nothing is recorded while nobody listens.</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _calls;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _throttled;
    private readonly Histogram<double> _limiterWait;

    public PartnerCenterTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _calls = meter.CreateCounter<long>("partner_center.calls", "{call}", "Partner Center attempts, by route template, method and status (error.type \"no_answer\" when none came).");
        _retries = meter.CreateCounter<long>("partner_center.retries", "{call}", "Partner Center attempts that repeat an earlier attempt of the same call.");
        _throttled = meter.CreateCounter<long>("partner_center.throttled", "{call}", "Partner Center answers 429 Too Many Requests.");
        // Waits run from nothing to a minute or more (a full sliding minute): buckets in seconds, not the default's milliseconds.
        _limiterWait = meter.CreateHistogram<double>(
            "partner_center.rate_limit.wait", "s", "How long a call waited for a permit of the dashboard's rate limit, by lane.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.01, 0.1, 0.5, 1, 2.5, 5, 10, 20, 30, 45, 60, 90, 120, 180] });
    }

    /// <summary>An attempt ended, with Partner Center's status, or none when it got no answer.</summary>
    public void Attempted(string method, string route, int attempt, int? status)
    {
        var tags = new TagList
        {
            { "http.request.method", method },
            { "partner_center.route", route },
        };
        if (status is { } answered)
        {
            tags.Add("http.response.status_code", answered);
        }
        else
        {
            tags.Add("error.type", "no_answer");
        }

        _calls.Add(1, tags);
        if (attempt > 1)
        {
            _retries.Add(1, new KeyValuePair<string, object?>("partner_center.route", route));
        }

        if (status == 429)
        {
            _throttled.Add(1, new KeyValuePair<string, object?>("partner_center.route", route));
        }
    }

    public void WaitedForPermit(PartnerCenterLane lane, TimeSpan waited) =>
        _limiterWait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("partner_center.lane", lane.ToString()));
}
