namespace Amtsweg.Bpmn;

/// <summary>
/// The one exception the BPMN reader throws for input it cannot accept: malformed or hostile XML,
/// documents over the size or nesting limits, and documents that are not BPMN 2.0.
/// It carries the position and a German message for users next to the English <see cref="Exception.Message"/>.
/// </summary>
public sealed class BpmnModelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BpmnModelException(string code, string messageEnglish, string messageGerman, int line = 0, int column = 0, Exception? innerException = null)
        : base(line > 0 ? $"{code} at line {line}, column {column}: {messageEnglish}" : $"{code}: {messageEnglish}", innerException)
    {
        Code = code;
        MessageGerman = messageGerman;
        Line = line;
        Column = column;
    }

    /// <summary>Creates the exception with only an English message (for serialization frameworks and tooling).</summary>
    public BpmnModelException(string message)
        : this("BPMN-READ", message, message)
    {
    }

    /// <summary>Creates the exception wrapping a cause.</summary>
    public BpmnModelException(string message, Exception innerException)
        : this("BPMN-READ", message, message, 0, 0, innerException)
    {
    }

    /// <summary>Creates the exception without details.</summary>
    public BpmnModelException()
        : this("BPMN-READ", "The BPMN document cannot be read.", "Das BPMN-Dokument kann nicht gelesen werden.")
    {
    }

    /// <summary>A stable code: <c>BPMN-XML</c> (not well-formed or refused by the hardened reader), <c>BPMN-ROOT</c> (not BPMN 2.0), <c>BPMN-ENCODING</c> (bytes that no allowed encoding reads), <c>BPMN-READ</c>.</summary>
    public string Code { get; }

    /// <summary>The message in German, for users.</summary>
    public string MessageGerman { get; }

    /// <summary>Line of the problem (1-based), 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>Column of the problem (1-based), 0 when unknown.</summary>
    public int Column { get; }
}
