using Microsoft.Extensions.Options;

namespace Dashboard.Emulator.Api;

/// <summary>The faults in force: the configured ones at start, replaced at run time through <c>POST /emulator/faults</c>.</summary>
internal sealed class FaultSettings(IOptions<EmulatorOptions> options)
{
    private State _state = new(options.Value.Faults);

    public FaultOptions Current => _state.Options;

    /// <summary>Puts new faults in force; their script starts from its first fault again.</summary>
    public void Replace(FaultOptions faults) => _state = new State(faults);

    /// <summary>
    /// Decides what happens to one request: its script rule's next fault if it has one, otherwise the dice. Thread-safe;
    /// the dice are reproducible with <see cref="FaultOptions.RandomSeed"/>.
    /// </summary>
    public Fault Next(HttpRequest request)
    {
        var state = _state;
        var faults = state.Options;
        lock (state)
        {
            if (state.Script.TryGetValue(ScriptKey(request.Method, request.Path.Value ?? ""), out var rule) && rule.Used < rule.Faults.Count)
            {
                return rule.Faults[rule.Used++];
            }

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

            return (roll -= faults.DropRate) < 0 ? new Fault(FaultKind.Drop, after) : Fault.None;
        }
    }

    private static string ScriptKey(string method, string path) => $"{method} {path}";

    private sealed class State(FaultOptions options)
    {
        public FaultOptions Options { get; } = options;

        public Random Random { get; } = options.RandomSeed is { } seed ? new Random(seed) : new Random();

        public Dictionary<string, ScriptState> Script { get; } = options.Script.ToDictionary(
            rule => ScriptKey(rule.Method, rule.Path),
            rule => new ScriptState([.. rule.Faults.Select(ScriptedFault.Parse)]),
            StringComparer.OrdinalIgnoreCase);

        public int ThrottledLeft { get; set; }

        public int Errors { get; set; }
    }

    private sealed class ScriptState(IReadOnlyList<Fault> faults)
    {
        public IReadOnlyList<Fault> Faults { get; } = faults;

        public int Used { get; set; }
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
    Hang,
}

/// <param name="Kind">What goes wrong.</param>
/// <param name="AfterApplying">True when the request is carried out first and only its answer is lost or replaced.</param>
internal sealed record Fault(FaultKind Kind, bool AfterApplying)
{
    public static readonly Fault None = new(FaultKind.None, AfterApplying: false);
}

/// <summary>The names of the faults a script lists, as in <c>"faults": ["dropAfterApplying", "error503", "none"]</c>.</summary>
internal static class ScriptedFault
{
    private const string AfterApplyingSuffix = "AfterApplying";

    private static readonly Dictionary<string, FaultKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["throttle"] = FaultKind.Throttle,
        ["error500"] = FaultKind.InternalServerError,
        ["error503"] = FaultKind.ServiceUnavailable,
        ["drop"] = FaultKind.Drop,
        ["timeout"] = FaultKind.Timeout,
        ["hang"] = FaultKind.Hang,
    };

    /// <summary>Every name a script accepts, for messages.</summary>
    public static string Names { get; } =
        "none, " + string.Join(", ", Kinds.Keys) + ", or any of these but none with the suffix " + AfterApplyingSuffix + " (e.g. dropAfterApplying)";

    public static bool TryParse(string? name, out Fault fault)
    {
        fault = Fault.None;
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        if (string.Equals(name, "none", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var after = name.EndsWith(AfterApplyingSuffix, StringComparison.OrdinalIgnoreCase);
        if (!Kinds.TryGetValue(after ? name[..^AfterApplyingSuffix.Length] : name, out var kind))
        {
            return false;
        }

        fault = new Fault(kind, after);
        return true;
    }

    public static Fault Parse(string name) =>
        TryParse(name, out var fault) ? fault : throw new ArgumentException($"'{name}' is not a fault: use one of {Names}.", nameof(name));
}

/// <summary>
/// Injects the configured faults into <c>/v1</c> answers: latency, 500/503, timeouts, hung and dropped connections, 429
/// bursts. Every wait is on the emulator's clock, so that a test with a fake clock decides when a wait ends.
/// </summary>
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

        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var aborted = context.RequestAborted;
        if (faults.LatencyMilliseconds > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(faults.LatencyMilliseconds), time, aborted);
        }

        var fault = settings.Next(context.Request);
        if (fault.Kind == FaultKind.None)
        {
            await next(context);
            return;
        }

        if (fault.AfterApplying)
        {
            await RunAndDiscardAnswerAsync(context, next);
        }

        switch (fault.Kind)
        {
            case FaultKind.Throttle:
                await Throttling.WriteAsync(context, faults.RetryAfterSeconds, aborted);
                break;
            case FaultKind.InternalServerError:
                await PartnerCenterErrors.InternalError().ExecuteAsync(context);
                break;
            case FaultKind.ServiceUnavailable:
                await PartnerCenterErrors.ServiceUnavailable().ExecuteAsync(context);
                break;
            case FaultKind.Timeout:
                await HoldAsync(TimeSpan.FromSeconds(faults.TimeoutSeconds), time, aborted);
                context.Abort();
                break;
            case FaultKind.Hang:
                await HoldAsync(Timeout.InfiniteTimeSpan, time, aborted);
                context.Abort();
                break;
            case FaultKind.Drop:
                context.Abort();
                break;
        }
    });

    /// <summary>Holds the request for <paramref name="duration"/>, or until the client gives up.</summary>
    private static async Task HoldAsync(TimeSpan duration, TimeProvider time, CancellationToken aborted)
    {
        try
        {
            await Task.Delay(duration, time, aborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up first, as it should.
        }
    }

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
