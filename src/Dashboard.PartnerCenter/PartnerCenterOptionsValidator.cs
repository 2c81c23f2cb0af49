using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Dashboard.PartnerCenter;

/// <summary>Checks the <c>PartnerCenter</c> section at start-up; every message names the key to fix.</summary>
internal sealed partial class PartnerCenterOptionsValidator : IValidateOptions<PartnerCenterOptions>
{
    public ValidateOptionsResult Validate(string? name, PartnerCenterOptions options)
    {
        var failures = new List<string>();

        if (!string.IsNullOrWhiteSpace(options.BaseUrl))
        {
            var root = options.ServiceRoot();
            if (root is null || (root.Scheme != Uri.UriSchemeHttps && root.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"PartnerCenter:BaseUrl must be an absolute http or https URL (it is '{options.BaseUrl}').");
            }
            else if (root.Scheme == Uri.UriSchemeHttp && !root.IsLoopback)
            {
                // The bearer token goes with every call: over http it would cross the network in clear text.
                failures.Add($"PartnerCenter:BaseUrl must use https (it is '{options.BaseUrl}'): the token sent with every call would travel in clear text. "
                    + "Only a loopback address (localhost, 127.0.0.1, [::1]) may use http.");
            }
        }

        if (!Enum.IsDefined(options.Authentication))
        {
            failures.Add($"PartnerCenter:Authentication must be one of: {string.Join(", ", Enum.GetNames<PartnerCenterAuthentication>())}.");
        }

        if (options.Authentication == PartnerCenterAuthentication.StaticToken)
        {
            if (string.IsNullOrWhiteSpace(options.StaticToken))
            {
                failures.Add("PartnerCenter:StaticToken is required when PartnerCenter:Authentication is StaticToken.");
            }
            else if (!Token68().IsMatch(options.StaticToken))
            {
                failures.Add("PartnerCenter:StaticToken must be a bearer token: letters, digits and -._~+/ only, optionally ending in '='.");
            }
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add("PartnerCenter:Timeout must be a positive time span, e.g. 00:00:30.");
        }

        if (options.TotalTimeout <= options.Timeout)
        {
            failures.Add("PartnerCenter:TotalTimeout must be longer than PartnerCenter:Timeout (one attempt), e.g. 00:03:00.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add("PartnerCenter:MaxRetries must be between 0 and 10.");
        }

        if (options.RequestsPerMinute < 1)
        {
            failures.Add("PartnerCenter:RequestsPerMinute must be at least 1 (Partner Center allows 500 per minute per tenant).");
        }

        if (options.QueueLimit < 1)
        {
            failures.Add("PartnerCenter:QueueLimit must be at least 1 (the calls that may wait for the rate limit at once).");
        }

        if (!(options.UserQueueShare > 0 && options.UserQueueShare <= 1))
        {
            failures.Add("PartnerCenter:UserQueueShare must be over 0 and at most 1 (one user's share of PartnerCenter:QueueLimit), e.g. 0.5.");
        }
        else if (options.QueueLimit >= 1 && (decimal)options.UserQueueShare * options.QueueLimit < 1)
        {
            failures.Add("PartnerCenter:UserQueueShare times PartnerCenter:QueueLimit must be at least 1, or no user's call could ever wait.");
        }

        if (options.CatalogCountry is not { Length: 2 } country || !country.All(char.IsAsciiLetter))
        {
            failures.Add($"PartnerCenter:CatalogCountry must be a two-letter country code such as US (it is '{options.CatalogCountry}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(@"\A[A-Za-z0-9\-._~+/]+=*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Token68();
}
