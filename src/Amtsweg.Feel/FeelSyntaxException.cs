namespace Amtsweg.Feel;

/// <summary>FEEL text that cannot be parsed; carries the 1-based line and column of the problem.</summary>
public sealed class FeelSyntaxException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FeelSyntaxException(string reason, int line, int column)
        : this(FeelMessage.FromHost(reason), line, column)
    {
    }

    /// <summary>Creates the exception from a message in both languages.</summary>
    public FeelSyntaxException(FeelMessage reason, int line, int column)
        : base($"{(reason ?? throw new ArgumentNullException(nameof(reason))).English} (line {line}, column {column})")
    {
        Reason = reason.English;
        ReasonGerman = reason.German;
        Code = reason.Code;
        Line = line;
        Column = column;
    }

    /// <summary>Creates the exception (for serializers and analyzers; prefer the positioned constructor).</summary>
    public FeelSyntaxException()
        : this("Syntax error.", 1, 1)
    {
    }

    /// <summary>Creates the exception (for serializers and analyzers; prefer the positioned constructor).</summary>
    public FeelSyntaxException(string message)
        : this(message, 1, 1)
    {
    }

    /// <summary>Creates the exception (for serializers and analyzers; prefer the positioned constructor).</summary>
    public FeelSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
        ReasonGerman = message;
        Line = 1;
        Column = 1;
    }

    /// <summary>The problem without the position.</summary>
    public string Reason { get; } = string.Empty;

    /// <summary>The problem without the position, in German.</summary>
    public string ReasonGerman { get; } = string.Empty;

    /// <summary>A stable code (see <see cref="FeelMessage.Code"/>).</summary>
    public string Code { get; } = FeelMessage.HostCode;

    /// <summary>The message in German, with the position.</summary>
    public string MessageGerman => $"{ReasonGerman} (Zeile {Line}, Spalte {Column})";

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column (in UTF-16 code units).</summary>
    public int Column { get; }
}
