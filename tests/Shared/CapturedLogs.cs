using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Dashboard.Testing;

/// <summary>
/// A logger provider that keeps every event at every level: the formatted message, the structured properties and the
/// exception, i.e. everything a real sink could write.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLogEvent> _events = new();

    public IReadOnlyList<CapturedLogEvent> Events => [.. _events];

    /// <summary>The events of one category, e.g. <c>typeof(T).FullName</c>.</summary>
    public IReadOnlyList<CapturedLogEvent> From(string category) => [.. _events.Where(e => e.Category == category)];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _events);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLogEvent> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = new Dictionary<string, string?>();
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    properties[key] = Text(value);
                }
            }

            events.Enqueue(new CapturedLogEvent(category, logLevel, formatter(state, exception), properties, exception?.ToString()));
        }

        // A sink writes the items of a collection (header values arrive as string[]), not its type name.
        private static string? Text(object? value) => value switch
        {
            null => null,
            string text => text,
            System.Collections.IEnumerable items => string.Join(", ", items.Cast<object?>().Select(Text)),
            _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>One log event as a sink would see it.</summary>
public sealed record CapturedLogEvent(
    string Category,
    LogLevel Level,
    string Message,
    IReadOnlyDictionary<string, string?> Properties,
    string? Exception)
{
    /// <summary>Everything of the event a sink could write, as one text.</summary>
    public string AllText => string.Join('\n', [Message, .. Properties.Select(p => $"{p.Key}={p.Value}"), Exception ?? ""]);
}
