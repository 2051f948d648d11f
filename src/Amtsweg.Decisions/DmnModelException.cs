using Amtsweg.Decisions.Model;

namespace Amtsweg.Decisions;

/// <summary>A DMN model cannot be read or compiled. Carries the id and position of the offending element.</summary>
public sealed class DmnModelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DmnModelException(string message, string? elementId = null, SourceLocation location = default, Exception? innerException = null)
        : base(Describe(message, elementId, location), innerException)
    {
        Reason = message;
        ReasonGerman = message;
        MessageGerman = DescribeGerman(message, elementId, location);
        ElementId = elementId;
        Location = location;
    }

    /// <summary>Creates the exception from a text in both languages.</summary>
    public DmnModelException(DmnText text, string? elementId = null, SourceLocation location = default, Exception? innerException = null)
        : this((text ?? throw new ArgumentNullException(nameof(text))).English, elementId, location, innerException)
    {
        Code = text.Code;
        ReasonGerman = text.German;
        MessageGerman = DescribeGerman(text.German, elementId, location);
    }

    /// <summary>Creates the exception with a message only.</summary>
    public DmnModelException()
        : this("Invalid DMN model.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public DmnModelException(string message)
        : this(message, elementId: null)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public DmnModelException(string message, Exception innerException)
        : this(message, null, default, innerException)
    {
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>A stable code (see <see cref="DmnText.Code"/>).</summary>
    public string Code { get; } = DmnText.PlainCode;

    /// <summary>What is wrong, in German, without the position.</summary>
    public string ReasonGerman { get; }

    /// <summary>The message in German with element and position, for clerks and designers.</summary>
    public string MessageGerman { get; }

    /// <summary>The id of the offending element, if known.</summary>
    public string? ElementId { get; }

    /// <summary>Where the offending element is.</summary>
    public SourceLocation Location { get; }

    private static string Describe(string message, string? elementId, SourceLocation location)
    {
        var where = new List<string>();
        if (elementId is not null)
        {
            where.Add($"element '{elementId}'");
        }

        if (location.Line > 0)
        {
            where.Add(location.ToString());
        }

        return where.Count == 0 ? message : $"{message} ({string.Join(", ", where)})";
    }

    private static string DescribeGerman(string message, string? elementId, SourceLocation location)
    {
        var where = new List<string>();
        if (elementId is not null)
        {
            where.Add($"Element '{elementId}'");
        }

        if (location.Line > 0)
        {
            where.Add($"Zeile {location.Line}, Spalte {location.Column}");
        }

        return where.Count == 0 ? message : $"{message} ({string.Join(", ", where)})";
    }
}
