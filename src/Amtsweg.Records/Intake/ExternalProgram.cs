using System.Diagnostics;

namespace Amtsweg.Records.Intake;

/// <summary>The outcome of an external program.</summary>
internal sealed record ProgramResult(int ExitCode, string Output, string Error);

/// <summary>Runs the external tools of the intake (tesseract, pdftoppm, clamscan) with arguments passed one by one, never through a shell.</summary>
internal static class ExternalProgram
{
    /// <summary>The full path of <paramref name="program"/> (a path, or a name looked up on the PATH), or null when there is no such file.</summary>
    public static string? Find(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? Path.GetFullPath(program) : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
    }

    public static async Task<ProgramResult> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Not installed or not executable: the server's setup, so the item waits instead of being refused.
            throw IntakeErrors.ProgramMissingError(program);
        }

        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ProgramResult(process.ExitCode, await output.ConfigureAwait(false), await errors.ConfigureAwait(false));
    }
}
