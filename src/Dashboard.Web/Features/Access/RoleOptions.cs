using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Access;

/// <summary>The Entra ID app roles that grant <see cref="AccessPolicies"/> (section <c>Authorization</c>).</summary>
public sealed class RoleOptions
{
    public const string Section = "Authorization";

    /// <summary>The app role of readers. Default <c>Orders.Read</c>.</summary>
    public string ReadRole { get; set; } = "Orders.Read";

    /// <summary>The app role of operators, who may also cancel. Default <c>Orders.Cancel</c>; it includes reading.</summary>
    public string CancelRole { get; set; } = "Orders.Cancel";
}

/// <summary>Both role names must be set; the messages name the keys.</summary>
internal sealed class RoleOptionsValidator : IValidateOptions<RoleOptions>
{
    public ValidateOptionsResult Validate(string? name, RoleOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ReadRole))
        {
            failures.Add("Authorization:ReadRole must name the app role of readers (default Orders.Read).");
        }

        if (string.IsNullOrWhiteSpace(options.CancelRole))
        {
            failures.Add("Authorization:CancelRole must name the app role of operators (default Orders.Cancel).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
