using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Orders.Tests.Testing;

/// <summary>What a message shown to a user must not carry: stack text, the token, the address of Partner Center.</summary>
internal static partial class SafeMessages
{
    public static bool IsSafe(string message, Uri partnerCenter) =>
        !string.IsNullOrWhiteSpace(message)
        && !message.Contains('\n', StringComparison.Ordinal)
        && !StackFrame().IsMatch(message)
        && !message.Contains("Exception", StringComparison.Ordinal)
        && !message.Contains(OrderDesk.Token, StringComparison.Ordinal)
        && !message.Contains("Bearer", StringComparison.OrdinalIgnoreCase)
        && !message.Contains(partnerCenter.Host, StringComparison.OrdinalIgnoreCase)
        && !message.Contains(partnerCenter.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        && !message.Contains("://", StringComparison.Ordinal);

    [GeneratedRegex(@"\bat [\w.`<>]+\(", RegexOptions.CultureInvariant)]
    private static partial Regex StackFrame();
}
