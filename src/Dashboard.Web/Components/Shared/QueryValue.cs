namespace Dashboard.Web.Components.Shared;

/// <summary>Reads a page's address leniently: a value that cannot be used is null, and the page shows its default.</summary>
internal static class QueryValue
{
    /// <summary>
    /// The member of <typeparamref name="T"/> named <paramref name="value"/>, in any case. A name only: Enum.TryParse
    /// also takes numbers and lists ("Completed,Pending" reads as their bitwise OR, another value).
    /// </summary>
    public static T? Named<T>(string? value)
        where T : struct, Enum =>
        Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase)) is { } name ? Enum.Parse<T>(name) : null;
}
