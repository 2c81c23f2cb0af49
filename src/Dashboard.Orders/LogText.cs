namespace Dashboard.Orders;

/// <summary>
/// A value given by a user (an id as typed, a filter) made safe for a log line: control characters, line breaks among
/// them, become spaces, so that no value can forge a line of its own (OWASP Logging Cheat Sheet). Stored records keep
/// values as given; only logs get this.
/// </summary>
internal static class LogText
{
    public static string? Clean(string? value) =>
        value is null || !value.Any(char.IsControl) ? value : string.Create(value.Length, value, (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = char.IsControl(text[i]) ? ' ' : text[i];
            }
        });
}
