using Microsoft.Extensions.Options;

namespace Dashboard.Emulator.Api;

/// <summary>The faults in force: the configured ones at start, replaced at run time through <c>POST /emulator/faults</c>.</summary>
internal sealed class FaultSettings(IOptions<EmulatorOptions> options)
{
    private State _state = new(options.Value.Faults);

    public FaultOptions Current => _state.Options;

    public void Replace(FaultOptions faults) => _state = new State(faults);

    /// <summary>Decides what happens to one request; thread-safe, reproducible with <see cref="FaultOptions.RandomSeed"/>.</summary>
    public Fault Next()
    {
        var state = _state;
        var faults = state.Options;
        lock (state)
        {
            if (state.ThrottledLeft > 0)
            {
                state.ThrottledLeft--;
                return new Fault(FaultKind.Throttle, AfterApplying: false);
            }

            var roll = state.Random.NextDouble();
            var after = state.Random.NextDouble() < faults.AfterApplyingShare;
            if ((roll -= faults.ThrottleRate) < 0)
            {
                state.ThrottledLeft = faults.ThrottleBurstLength - 1;
                return new Fault(FaultKind.Throttle, AfterApplying: false);
            }

            if ((roll -= faults.ErrorRate) < 0)
            {
                state.Errors++;
                return new Fault(state.Errors % 2 == 1 ? FaultKind.InternalServerError : FaultKind.ServiceUnavailable, after);
            }

            if ((roll -= faults.TimeoutRate) < 0)
            {
                return new Fault(FaultKind.Timeout, after);
            }

            return (roll -= faults.DropRate) < 0 ? new Fault(FaultKind.Drop, after) : new Fault(FaultKind.None, false);
        }
    }

    private sealed class State(FaultOptions options)
    {
        public FaultOptions Options { get; } = options;

        public Random Random { get; } = options.RandomSeed is { } seed ? new Random(seed) : new Random();

        public int ThrottledLeft { get; set; }

        public int Errors { get; set; }
    }
}

internal enum FaultKind
{
    None,
    Throttle,
    InternalServerError,
    ServiceUnavailable,
    Timeout,
    Drop,
}

/// <param name="Kind">What goes wrong.</param>
/// <param name="AfterApplying">True when the request is carried out first and only its answer is lost or replaced.</param>
internal sealed record Fault(FaultKind Kind, bool AfterApplying);

/// <summary>Injects the configured faults into <c>/v1</c> answers: latency, 500/503, timeouts, dropped connections, 429 bursts.</summary>
internal static class FaultInjection
{
    public static IApplicationBuilder UseFaultInjection(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var settings = context.RequestServices.GetRequiredService<FaultSettings>();
        var faults = settings.Current;
        if (!faults.Any)
        {
            await next(context);
            return;
        }

        var aborted = context.RequestAborted;
        if (faults.LatencyMilliseconds > 0)
        {
            await Task.Delay(faults.LatencyMilliseconds, aborted);
        }

        var fault = settings.Next();
        switch (fault.Kind)
        {
            case FaultKind.None:
                await next(context);
                return;
            case FaultKind.Throttle:
                await Throttling.WriteAsync(context, faults.RetryAfterSeconds, aborted);
                return;
        }

        if (fault.AfterApplying)
        {
            await RunAndDiscardAnswerAsync(context, next);
        }

        switch (fault.Kind)
        {
            case FaultKind.InternalServerError:
                await PartnerCenterErrors.InternalError().ExecuteAsync(context);
                break;
            case FaultKind.ServiceUnavailable:
                await PartnerCenterErrors.ServiceUnavailable().ExecuteAsync(context);
                break;
            case FaultKind.Timeout:
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(faults.TimeoutSeconds), aborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up first, as it should.
                }

                context.Abort();
                break;
            case FaultKind.Drop:
                context.Abort();
                break;
        }
    });

    private static async Task RunAndDiscardAnswerAsync(HttpContext context, RequestDelegate next)
    {
        var echoed = context.Response.Headers
            .Where(h => h.Key.StartsWith("MS-", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var body = context.Response.Body;
        await using var discarded = new MemoryStream();
        context.Response.Body = discarded;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
        }

        context.Response.Clear();
        foreach (var (name, value) in echoed)
        {
            context.Response.Headers[name] = value;
        }
    }
}
