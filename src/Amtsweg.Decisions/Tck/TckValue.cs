namespace Amtsweg.Decisions.Tck;

/// <summary>A value as written in a TCK test suite (<c>valueType</c> of testCases.xsd), before conversion to FEEL.</summary>
public abstract record TckValue;

/// <summary>A simple value: text with an optional <c>xsi:type</c> (xsd:string, xsd:decimal, xsd:date, ...).</summary>
/// <param name="Text">The element text.</param>
/// <param name="XsdType">The local name of the <c>xsi:type</c> (for example <c>decimal</c>), or <see langword="null"/>.</param>
public sealed record TckSimpleValue(string Text, string? XsdType) : TckValue;

/// <summary>A nil value (<c>xsi:nil="true"</c>): FEEL null.</summary>
public sealed record TckNilValue : TckValue
{
    /// <summary>The one nil value.</summary>
    public static TckNilValue Instance { get; } = new();
}

/// <summary>A list of values.</summary>
/// <param name="Items">The items.</param>
public sealed record TckListValue(IReadOnlyList<TckValue> Items) : TckValue;

/// <summary>A context (structure) given by named components.</summary>
/// <param name="Components">The components in document order.</param>
public sealed record TckContextValue(IReadOnlyList<KeyValuePair<string, TckValue>> Components) : TckValue;
