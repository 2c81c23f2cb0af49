using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

/// <summary>
/// Serves settings that were resolved once, at start-up, through the options pipeline, so that their validators run
/// (and <c>ValidateOnStart</c> stops a misconfigured host) exactly as they do for bound options.
/// </summary>
internal sealed class ResolvedOptionsFactory<TOptions>(TOptions resolved, IEnumerable<IValidateOptions<TOptions>> validators) : IOptionsFactory<TOptions>
    where TOptions : class
{
    public TOptions Create(string name)
    {
        var failures = validators
            .Select(v => v.Validate(name, resolved))
            .Where(r => r.Failed)
            .SelectMany(r => r.Failures ?? [])
            .ToList();
        return failures.Count == 0 ? resolved : throw new OptionsValidationException(name, typeof(TOptions), failures);
    }
}

internal static class ResolvedOptions
{
    /// <summary>
    /// Registers <paramref name="resolved"/> as <typeparamref name="TOptions"/> (injectable directly, or as
    /// <c>IOptions&lt;T&gt;</c>), checked by <typeparamref name="TValidator"/> when the host starts.
    /// </summary>
    public static IServiceCollection AddResolvedSettings<TOptions, TValidator>(this IServiceCollection services, TOptions resolved)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        services.AddSingleton<IOptionsFactory<TOptions>>(sp => new ResolvedOptionsFactory<TOptions>(resolved, sp.GetServices<IValidateOptions<TOptions>>()));
        services.AddOptions<TOptions>().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TOptions>>().Value);
        return services;
    }
}
