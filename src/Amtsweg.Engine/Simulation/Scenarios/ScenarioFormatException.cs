namespace Amtsweg.Engine.Simulation.Scenarios;

/// <summary>A scenario file that cannot be read: the German message names the place (<see cref="Path"/>) and what is wrong.</summary>
public sealed class ScenarioFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScenarioFormatException(string path, string message)
        : base(path.Length == 0 ? message : $"{path}: {message}")
    {
        Path = path;
        Problem = message;
    }

    /// <summary>Creates the exception.</summary>
    public ScenarioFormatException()
        : this(string.Empty, "Das Szenario ist ungültig.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ScenarioFormatException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ScenarioFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
        Problem = message;
    }

    /// <summary>Where in the file, as a JSON path (for example <c>steps[2].advanceClock</c>); empty for the file as a whole.</summary>
    public string Path { get; }

    /// <summary>What is wrong, without the place.</summary>
    public string Problem { get; }
}
