using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

/// <summary>How the pages behave (section <c>Ui</c>).</summary>
public sealed class UiOptions
{
    public const string Section = "Ui";

    /// <summary>
    /// How long the search boxes wait after the last key before they search, so that typing a word asks once. Zero
    /// searches on every key.
    /// </summary>
    public TimeSpan SearchDebounce { get; set; } = TimeSpan.FromMilliseconds(300);
}

internal sealed class UiOptionsValidator : IValidateOptions<UiOptions>
{
    public ValidateOptionsResult Validate(string? name, UiOptions options) =>
        options.SearchDebounce < TimeSpan.Zero || options.SearchDebounce > TimeSpan.FromSeconds(5)
            ? ValidateOptionsResult.Fail("Ui:SearchDebounce must be between 00:00:00 and 00:00:05 (default 00:00:00.3).")
            : ValidateOptionsResult.Success;
}
