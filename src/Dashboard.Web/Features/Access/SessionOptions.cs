using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Access;

/// <summary>How open pages check their sign-in (section <c>Sessions</c>).</summary>
public sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>
    /// How often an open page checks that its sign-in is still on (not signed out elsewhere, not expired). A cancel
    /// checks at once, whatever this says.
    /// </summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}

internal sealed class SessionOptionsValidator : IValidateOptions<SessionOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionOptions options) =>
        options.CheckInterval < TimeSpan.FromSeconds(5) || options.CheckInterval > TimeSpan.FromHours(1)
            ? ValidateOptionsResult.Fail("Sessions:CheckInterval must be between 00:00:05 and 01:00:00 (default 00:01:00).")
            : ValidateOptionsResult.Success;
}
