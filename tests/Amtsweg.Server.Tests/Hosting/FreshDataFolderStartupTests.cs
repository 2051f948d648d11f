using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Amtsweg.Server.Tests.Hosting;

/// <summary>
/// The first start of <c>./amtsweg serve</c> on a data folder that does not exist yet. Only the embedded
/// default (SQLite in the data folder) has a data folder to create, so this runs on SQLite alone.
/// </summary>
public sealed class FreshDataFolderStartupTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "amtsweg-fresh-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Bug_StartOnNewDataFolder_LogsNoErrors_BeforeTheMigrationsRan()
    {
        var builder = AmtswegApp.CreateBuilder([], new Dictionary<string, string?>
        {
            ["Amtsweg:DataDirectory"] = Path.Combine(_root, "data"),
            ["urls"] = "http://127.0.0.1:0",
        });
        var logs = new CapturingLoggerProvider();
        builder.Logging.AddProvider(logs);
        await using var app = AmtswegApp.Build(builder);

        await app.StartAsync(CancellationToken.None);
        await app.StopAsync(CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(_root, "data", "amtsweg.db")));
        Assert.Empty(logs.Entries.Where(entry => entry.Level >= LogLevel.Error).Select(entry => $"{entry.Category}: {entry.Message}"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                provider.Entries.Enqueue((category, logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception.GetType().Name)));
        }
    }
}
