using System.Diagnostics;
using Amtsweg.Testing;

namespace Amtsweg.Cli.Tests;

/// <summary>The built <c>amtsweg</c> command, run as its own process as a user runs it.</summary>
internal static class CliProcess
{
    /// <summary>Runs <c>amtsweg</c> with the arguments on the data folder; returns exit code, standard output and standard error.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string dataDirectory, params string[] arguments) =>
        RunArgumentsAsync([.. arguments, "--data", dataDirectory]);

    /// <summary>
    /// Runs <c>amtsweg</c> with exactly these arguments, for commands that use no data folder and have a <c>--data</c>
    /// option of their own (<c>form render</c>, <c>form validate</c>).
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunArgumentsAsync(params string[] arguments)
    {
        var cli = TestPaths.Cli;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(cli);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The embedded default (SQLite in the data folder), whatever the test run is configured for.
        start.Environment.Remove("AMTSWEG_TEST_POSTGRES");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await error);
    }
}
