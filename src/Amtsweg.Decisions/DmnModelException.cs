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
        ElementId = elementId;
        Location = location;
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
}
