using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Amtsweg.Server.Tests;

/// <summary>One captured log entry: category, level, the formatted message and the structured values.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, string?> Values, Exception? Exception = null);

/// <summary>Collects what the server logs, so that tests can check audit entries (and what they leave out).</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    /// <summary>The entries so far, oldest first.</summary>
    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value?.ToString(), StringComparer.Ordinal)
                : new Dictionary<string, string?>(StringComparer.Ordinal);
            entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), values, exception));
        }
    }
}
