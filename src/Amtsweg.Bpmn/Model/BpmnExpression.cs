namespace Amtsweg.Bpmn.Model;

/// <summary>
/// An expression value in the Camunda convention: a value that starts with <c>=</c> is FEEL,
/// anything else is a literal (a static string).
/// </summary>
public sealed record BpmnExpression
{
    private BpmnExpression(string raw, bool isFeel, string text)
    {
        Raw = raw;
        IsFeel = isFeel;
        Text = text;
    }

    /// <summary>The value as written, including a leading <c>=</c>.</summary>
    public string Raw { get; }

    /// <summary>True when the value is a FEEL expression (starts with <c>=</c>).</summary>
    public bool IsFeel { get; }

    /// <summary>The FEEL expression without the leading <c>=</c>, or the literal value.</summary>
    public string Text { get; }

    /// <summary>Interprets a value: <c>"= a + 1"</c> is FEEL <c>a + 1</c>, <c>"abc"</c> is the literal <c>abc</c>.</summary>
    public static BpmnExpression Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.TrimStart();
        return trimmed.StartsWith('=')
            ? new BpmnExpression(value, isFeel: true, trimmed[1..].Trim())
            : new BpmnExpression(value, isFeel: false, value);
    }

    /// <summary>Parses a value that may be absent.</summary>
    public static BpmnExpression? ParseOptional(string? value) => value is null ? null : Parse(value);

    /// <inheritdoc />
    public override string ToString() => Raw;
}

/// <summary>
/// A BPMN expression element (<c>conditionExpression</c>, <c>timeDate</c>, <c>loopCardinality</c>, ...):
/// its body text, language and position.
/// </summary>
/// <param name="Text">The body text as written (not trimmed).</param>
/// <param name="Language">The <c>language</c> attribute, or null (the definitions' expression language applies).</param>
/// <param name="XsiType">The <c>xsi:type</c> attribute, for example <c>bpmn:tFormalExpression</c>, or null.</param>
/// <param name="Id">The <c>id</c> attribute, or null.</param>
/// <param name="Line">Line of the element.</param>
/// <param name="Column">Column of the element.</param>
public sealed record BpmnFormalExpression(string Text, string? Language, string? XsiType, string? Id, int Line, int Column)
{
    /// <summary>The body interpreted in the Camunda convention (a leading <c>=</c> means FEEL).</summary>
    public BpmnExpression Expression => BpmnExpression.Parse(Text.Trim());
}
