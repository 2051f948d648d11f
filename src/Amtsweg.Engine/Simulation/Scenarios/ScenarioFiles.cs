using System.Text;

namespace Amtsweg.Engine.Simulation.Scenarios;

/// <summary>A scenario file (or folder) that cannot be used: <see cref="Exception.Message"/> names the file and, for a file the reader refuses, the place in it.</summary>
public sealed class ScenarioFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScenarioFileException(string file, string problem)
        : base($"{file}: {problem}")
    {
        File = file;
    }

    /// <summary>Creates the exception.</summary>
    public ScenarioFileException()
        : this(string.Empty, "Die Szenario-Datei ist unbrauchbar.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ScenarioFileException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ScenarioFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
    }

    /// <summary>The file or folder as it was named.</summary>
    public string File { get; }
}

/// <summary>A scenario read from a file.</summary>
/// <param name="File">The file's path.</param>
/// <param name="Scenario">The scenario.</param>
public sealed record ScenarioFile(string File, Scenario Scenario);

/// <summary>
/// Reads scenario files for the tools that run them (<c>amtsweg bpmn test</c>, later <c>package test</c>): a file is read
/// as it is, a folder contributes its <c>*.json</c> files (not its subfolders) in name order. All files are read before
/// anything runs, so one bad file stops the run with its German error and the place in it.
/// </summary>
public static class ScenarioFiles
{
    /// <summary>Reads every scenario the paths name.</summary>
    /// <exception cref="ScenarioFileException">A path does not exist, a folder holds no scenario, a file cannot be read or is not a valid scenario.</exception>
    public static async Task<IReadOnlyList<ScenarioFile>> ReadAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var inFolder = Directory.GetFiles(path, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToList();
                if (inFolder.Count == 0)
                {
                    throw new ScenarioFileException(path, "Der Ordner enthält keine Szenario-Dateien (*.json).");
                }

                files.AddRange(inFolder);
            }
            else if (System.IO.File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new ScenarioFileException(path, "Die Datei oder der Ordner existiert nicht.");
            }
        }

        var scenarios = new List<ScenarioFile>();
        foreach (var file in files)
        {
            scenarios.Add(new ScenarioFile(file, Read(file, await ReadTextAsync(file, cancellationToken).ConfigureAwait(false))));
        }

        return scenarios;
    }

    /// <summary>Reads a scenario from a file's text; a refusal names the file and the place in it.</summary>
    /// <exception cref="ScenarioFileException">The text is not a valid scenario.</exception>
    public static Scenario Read(string file, string text)
    {
        try
        {
            return ScenarioReader.Read(text);
        }
        catch (ScenarioFormatException refused)
        {
            throw new ScenarioFileException(file, refused.Message);
        }
    }

    private static async Task<string> ReadTextAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            if (new FileInfo(file).Length > ScenarioReader.MaxLength * 4L)
            {
                throw new ScenarioFileException(file, $"Die Szenario-Datei ist größer als {ScenarioReader.MaxLength / 1000} KB.");
            }

            var bytes = await System.IO.File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new ScenarioFileException(file, "Die Datei ist nicht in UTF-8 kodiert.");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioFileException(file, "Die Datei lässt sich nicht lesen.");
        }
    }
}
