using System.Collections.Concurrent;
using Amtsweg.Engine.Runtime;

namespace Amtsweg.Engine.Tests.Support;

/// <summary>Counts the commands that ran, by name (for instance how often jobs were acquired).</summary>
public sealed class CommandCounter : ICommandInterceptor
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int Count(string commandName) => _counts.GetValueOrDefault(commandName);

    public async Task<object?> InterceptAsync(string commandName, Func<Task<object?>> next, CancellationToken cancellationToken)
    {
        var result = await next();
        _counts.AddOrUpdate(commandName, 1, (_, count) => count + 1);
        return result;
    }
}
