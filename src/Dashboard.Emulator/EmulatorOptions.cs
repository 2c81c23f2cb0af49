using System.ComponentModel.DataAnnotations;
using Dashboard.Emulator.Api;
using Microsoft.Extensions.Options;

namespace Dashboard.Emulator;

/// <summary>Settings of the Partner Center integration-sandbox emulator, bound from the <c>Emulator</c> section.</summary>
public sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    /// <summary>The SQLite file that holds the sandbox. Empty means the user's local application data folder.</summary>
    public string? DataPath { get; set; }

    /// <summary>
    /// When set, every <c>/v1</c> and <c>/emulator</c> request must carry <c>Authorization: Bearer</c> with exactly this
    /// token, and only the hosts 127.0.0.1 and localhost are answered. Empty means open, for tools and tests on one's
    /// own machine. The dashboard's built-in emulator always sets it to the dashboard's per-process token.
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>
    /// The seed profile used when the database is created or reset: demo, large, empty, or bulk (the sizes of
    /// <c>Emulator:Large</c>, every order cancellable by order: a sandbox to clear out with bulk jobs).
    /// </summary>
    [Required, RegularExpression("^(demo|large|empty|bulk)$", ErrorMessage = "Emulator:Seed must be 'demo', 'large', 'empty' or 'bulk'.")]
    public string Seed { get; set; } = "demo";

    /// <summary>
    /// Seconds a whole-order cancel stays "pending" before it reads "cancelled", so that a client's polling can be
    /// tested (docs/partner-center.md#asynchronous-cancel). 0, the default, cancels at once. Line-item cancels are
    /// always immediate.
    /// </summary>
    [Range(0, 3_600, ErrorMessage = "Emulator:CancelProcessingSeconds must be between 0 and 3600.")]
    public int CancelProcessingSeconds { get; set; }

    /// <summary>Sizes of the <c>large</c> seed profile.</summary>
    [ValidateObjectMembers]
    public LargeSeedOptions Large { get; set; } = new();

    /// <summary>Partner Center's per-tenant request limit.</summary>
    [ValidateObjectMembers]
    public ThrottlingOptions Throttling { get; set; } = new();

    /// <summary>Failures to inject, all off by default.</summary>
    [ValidateObjectMembers]
    public FaultOptions Faults { get; set; } = new();

    internal string ResolveDataPath()
    {
        if (!string.IsNullOrWhiteSpace(DataPath))
        {
            return Path.GetFullPath(DataPath);
        }

        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        if (string.IsNullOrEmpty(root))
        {
            root = Path.GetTempPath();
        }

        return Path.Combine(root, "SandboxOrderDesk", "emulator.db");
    }
}

/// <summary>Sizes of the <c>large</c> seed, for performance work.</summary>
public sealed class LargeSeedOptions
{
    [Range(1, 10_000, ErrorMessage = "Emulator:Large:Customers must be between 1 and 10000.")]
    public int Customers { get; set; } = 75;

    [Range(0, 100_000, ErrorMessage = "Emulator:Large:OrdersPerCustomer must be between 0 and 100000.")]
    public int OrdersPerCustomer { get; set; } = 1_000;
}

/// <summary>The request limit Partner Center applies per partner tenant (docs/partner-center.md#throttling).</summary>
public sealed class ThrottlingOptions
{
    /// <summary>Requests per minute per tenant; 0 turns throttling off.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Emulator:Throttling:RequestsPerMinute must be between 0 and 1000000.")]
    public int RequestsPerMinute { get; set; } = 500;
}

/// <summary>
/// Failures the emulator injects into <c>/v1</c> answers, for reliability tests. Shares are probabilities from 0 to 1.
/// </summary>
public sealed class FaultOptions : IValidatableObject
{
    /// <summary>Added to every answer.</summary>
    [Range(0, 600_000, ErrorMessage = "Emulator:Faults:LatencyMilliseconds must be between 0 and 600000.")]
    public int LatencyMilliseconds { get; set; }

    /// <summary>Share of requests answered 500 or 503 (alternately) with a Partner Center error body.</summary>
    [Range(0.0, 1.0, ErrorMessage = "Emulator:Faults:ErrorRate must be between 0 and 1.")]
    public double ErrorRate { get; set; }

    /// <summary>Share of requests that get no answer for <see cref="TimeoutSeconds"/>, then a dropped connection.</summary>
    [Range(0.0, 1.0, ErrorMessage = "Emulator:Faults:TimeoutRate must be between 0 and 1.")]
    public double TimeoutRate { get; set; }

    [Range(0, 3_600, ErrorMessage = "Emulator:Faults:TimeoutSeconds must be between 0 and 3600.")]
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>Share of requests whose connection is dropped without an answer.</summary>
    [Range(0.0, 1.0, ErrorMessage = "Emulator:Faults:DropRate must be between 0 and 1.")]
    public double DropRate { get; set; }

    /// <summary>Share of requests that start a burst of 429 answers.</summary>
    [Range(0.0, 1.0, ErrorMessage = "Emulator:Faults:ThrottleRate must be between 0 and 1.")]
    public double ThrottleRate { get; set; }

    /// <summary>How many requests in a row a 429 burst answers.</summary>
    [Range(1, 10_000, ErrorMessage = "Emulator:Faults:ThrottleBurstLength must be between 1 and 10000.")]
    public int ThrottleBurstLength { get; set; } = 1;

    /// <summary>The <c>Retry-After</c> of injected 429 answers; Partner Center's documented example says 57.</summary>
    [Range(1, 3_600, ErrorMessage = "Emulator:Faults:RetryAfterSeconds must be between 1 and 3600.")]
    public int RetryAfterSeconds { get; set; } = 57;

    /// <summary>
    /// Share of injected errors, timeouts and drops that happen after the request was carried out, so that a change is
    /// applied but its answer is lost.
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = "Emulator:Faults:AfterApplyingShare must be between 0 and 1.")]
    public double AfterApplyingShare { get; set; }

    /// <summary>Seed of the random choices, for reproducible runs; empty means a different run each time.</summary>
    public int? RandomSeed { get; set; }

    /// <summary>
    /// Faults for chosen requests, in order: the n-th request matching a rule gets the n-th fault of its list; once the
    /// list is used up the random faults above apply. Deterministic, whatever order concurrent requests arrive in.
    /// </summary>
    public List<FaultRule> Script { get; set; } = [];

    internal bool Any => LatencyMilliseconds > 0 || ErrorRate > 0 || TimeoutRate > 0 || DropRate > 0 || ThrottleRate > 0 || Script.Count > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var rules = new HashSet<(string, string)>();
        for (var i = 0; i < Script.Count; i++)
        {
            var key = $"Emulator:Faults:Script:{i}";
            if (Script[i] is not { } rule)
            {
                yield return new ValidationResult($"{key} is empty: a rule needs a method, a path and faults.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(rule.Method))
            {
                yield return new ValidationResult($"{key}:Method is required: the HTTP method the rule matches, e.g. PATCH.");
            }

            if (string.IsNullOrWhiteSpace(rule.Path) || !rule.Path.StartsWith('/') || rule.Path.Contains('?', StringComparison.Ordinal))
            {
                yield return new ValidationResult(
                    $"{key}:Path must be a request path without a query string, e.g. /v1/customers/<customer id>/orders/<order id> (it is '{rule.Path}').");
            }

            if (rule.Faults is not { Count: > 0 })
            {
                yield return new ValidationResult($"{key}:Faults needs at least one fault: {ScriptedFault.Names}.");
            }
            else
            {
                for (var n = 0; n < rule.Faults.Count; n++)
                {
                    if (!ScriptedFault.TryParse(rule.Faults[n], out _))
                    {
                        yield return new ValidationResult($"{key}:Faults:{n} is '{rule.Faults[n]}', which is not a fault: use one of {ScriptedFault.Names}.");
                    }
                }
            }

            if (rule.Method is not null && rule.Path is not null && !rules.Add((rule.Method.ToUpperInvariant(), rule.Path.ToUpperInvariant())))
            {
                yield return new ValidationResult($"{key} repeats the method and path of an earlier rule ({rule.Method} {rule.Path}): put all its faults in one list.");
            }
        }
    }
}

/// <summary>
/// One rule of the fault script: the requests with this method and path (compared case-insensitively, exactly, without
/// the query string) get these faults, one each, in order.
/// </summary>
public sealed class FaultRule
{
    /// <summary>The HTTP method, e.g. <c>PATCH</c>.</summary>
    public string Method { get; set; } = "";

    /// <summary>The request path, e.g. <c>/v1/customers/{customer id}/orders/{order id}</c>.</summary>
    public string Path { get; set; } = "";

    /// <summary>What happens to the 1st, 2nd, ... matching request: see <see cref="ScriptedFault.Names"/>.</summary>
    public List<string> Faults { get; set; } = [];
}
