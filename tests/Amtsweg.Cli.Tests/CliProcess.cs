using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Amtsweg.Testing;

namespace Amtsweg.Cli.Tests;

/// <summary>
/// The <c>amtsweg</c> command. <see cref="RunAsync"/> and <see cref="RunArgumentsAsync"/> run it in the test process:
/// the same root command, parser and command bodies as the program (<see cref="AmtswegCommand"/>), with standard output
/// and error of its own, so that a call costs no process start and no building of every model again (a command in its
/// own process took 2 to 4 s under load, most of it that). <see cref="RunInOwnProcessAsync"/> runs the built program as a
/// user runs it, for what only a process shows: a command that writes bytes to the process's standard output
/// (<c>aktenplan export</c> without <c>--out</c>) and what a terminal sees of a command's log lines.
/// </summary>
internal static class CliProcess
{
    /// <summary>Runs <c>amtsweg</c> with the arguments on the data folder; returns exit code, standard output and standard error.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string dataDirectory, params string[] arguments) =>
        RunArgumentsAsync([.. arguments, "--data", dataDirectory]);

    /// <summary>
    /// Runs <c>amtsweg</c> with exactly these arguments, for commands that use no data folder and have a <c>--data</c>
    /// option of their own (<c>form render</c>, <c>form validate</c>).
    /// </summary>
    public static Task<(int ExitCode, string Output, string Error)> RunArgumentsAsync(params string[] arguments) =>
        InProcessCommand.RunAsync(arguments).WaitAsync(TimeSpan.FromMinutes(2));

    /// <summary>Runs the built <c>amtsweg</c> program in a process of its own with exactly these arguments.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunInOwnProcessAsync(params string[] arguments)
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

    /// <summary>
    /// The command in this process. <see cref="Console.Out"/> and <see cref="Console.Error"/> are replaced once by writers
    /// that pass each write on to the writers of the call it belongs to (an <see cref="AsyncLocal{T}"/> that flows into
    /// the command's tasks and into the console logger's thread, which the command's host starts), so that calls of
    /// tests running side by side keep their output apart; writes outside a call go to the real console.
    /// </summary>
    private static class InProcessCommand
    {
        private static readonly AsyncLocal<(TextWriter Output, TextWriter Error)?> Call = new();
        private static readonly Lock ParseLock = new();
        private static readonly Lazy<RootCommand> Root = new(() =>
        {
            Console.SetOut(new CallWriter(Console.Out, () => Call.Value?.Output));
            Console.SetError(new CallWriter(Console.Error, () => Call.Value?.Error));
            return AmtswegCommand.Create();
        });

        public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] arguments)
        {
            var output = new StringBuilder();
            var error = new StringBuilder();
            var outputWriter = TextWriter.Synchronized(new StringWriter(output));
            var errorWriter = TextWriter.Synchronized(new StringWriter(error));
            Call.Value = (outputWriter, errorWriter);
            ParseResult parsed;

            // One command tree serves every call; its options are shared objects, so parsing takes turns.
            lock (ParseLock)
            {
                parsed = Root.Value.Parse(arguments);
            }

            var exitCode = await Task.Run(() => parsed.InvokeAsync(AmtswegCommand.Invocation()));

            // A synchronized writer locks itself while it writes.
            lock (outputWriter)
            {
                lock (errorWriter)
                {
                    return (exitCode, output.ToString(), error.ToString());
                }
            }
        }
    }

    /// <summary>A console writer that writes to the current call's writer, or to the real console outside a call.</summary>
    private sealed class CallWriter(TextWriter console, Func<TextWriter?> call) : TextWriter
    {
        private TextWriter Target => call() ?? console;

        public override Encoding Encoding => console.Encoding;

        public override void Write(char value) => Target.Write(value);

        public override void Write(string? value) => Target.Write(value);

        public override void Write(char[] buffer, int index, int count) => Target.Write(buffer, index, count);

        public override void WriteLine() => Target.WriteLine();

        public override void WriteLine(string? value) => Target.WriteLine(value);

        public override Task WriteAsync(char value) => Target.WriteAsync(value);

        public override Task WriteAsync(string? value) => Target.WriteAsync(value);

        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) => Target.WriteAsync(buffer, cancellationToken);

        public override Task WriteLineAsync() => Target.WriteLineAsync();

        public override Task WriteLineAsync(string? value) => Target.WriteLineAsync(value);

        public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) => Target.WriteLineAsync(buffer, cancellationToken);

        public override void Flush() => Target.Flush();

        public override Task FlushAsync() => Target.FlushAsync();
    }
}
