using Amtsweg.Testing;

namespace Amtsweg.Reliability.Tests.Support;

/// <summary>Writes a crash test's figures to the test output and to <c>artifacts/test-results/reliability.txt</c>.</summary>
public static class CrashReport
{
    private static readonly Lock FileLock = new();

    /// <summary>Writes one line.</summary>
    public static void Write(ITestOutputHelper output, string line)
    {
        ArgumentNullException.ThrowIfNull(output);
        var stamped = $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z {line}";
        output.WriteLine(stamped);
        lock (FileLock)
        {
            File.AppendAllText(Path.Combine(TestPaths.Artifacts, "reliability.txt"), stamped + Environment.NewLine);
        }
    }
}
