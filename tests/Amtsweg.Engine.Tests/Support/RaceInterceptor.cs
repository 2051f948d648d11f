using Amtsweg.Engine.Runtime;

namespace Amtsweg.Engine.Tests.Support;

/// <summary>Runs another command after the first one's work is done in memory and before it is flushed (a provoked conflict).</summary>
public sealed class RaceInterceptor(string commandName) : ICommandInterceptor
{
    public Func<Task>? Interleave { get; set; }

    public bool Interleaved { get; private set; }

    public async Task<object?> InterceptAsync(string name, Func<Task<object?>> next, CancellationToken cancellationToken)
    {
        var result = await next();
        if (name == commandName && Interleave is { } interleave)
        {
            Interleave = null;
            await interleave();
            Interleaved = true;
        }

        return result;
    }
}
