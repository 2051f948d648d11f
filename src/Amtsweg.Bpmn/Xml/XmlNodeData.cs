using System.Collections.Immutable;
using System.Xml.Linq;

namespace Amtsweg.Bpmn.Xml;

/// <summary>
/// An immutable copy of XML content that the typed model does not interpret (foreign extensions,
/// elements of other tools, text). Kept so that a model is written back without loss.
/// </summary>
public abstract record XmlNodeData;

/// <summary>An attribute as read, in its lexical form. Namespace declarations are attributes too.</summary>
/// <param name="Name">The expanded attribute name; <c>xmlns</c> declarations use <see cref="XNamespace.Xmlns"/>.</param>
/// <param name="Value">The value exactly as written.</param>
public readonly record struct XmlAttributeData(XName Name, string Value)
{
    /// <summary>True when the attribute declares a namespace prefix.</summary>
    public bool IsNamespaceDeclaration => Name.Namespace == XNamespace.Xmlns || (Name.Namespace == XNamespace.None && Name.LocalName == "xmlns");
}

/// <summary>An element kept as read, with its attributes and content in document order.</summary>
public sealed record XmlElementData(XName Name, ImmutableArray<XmlAttributeData> Attributes, ImmutableArray<XmlNodeData> Children, int Line, int Column) : XmlNodeData
{
    /// <summary>The value of an attribute, or null when it is absent.</summary>
    public string? GetAttribute(XName name)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.Name == name)
            {
                return attribute.Value;
            }
        }

        return null;
    }

    /// <summary>The child elements, without text and comments.</summary>
    public IEnumerable<XmlElementData> Elements() => Children.OfType<XmlElementData>();

    /// <summary>The child elements with the given name.</summary>
    public IEnumerable<XmlElementData> Elements(XName name) => Elements().Where(e => e.Name == name);

    /// <summary>The concatenated text content of this element (not of its descendants).</summary>
    public string Text => string.Concat(Children.OfType<XmlTextData>().Select(t => t.Text));
}

/// <summary>Character data; <paramref name="IsCData"/> keeps the CDATA form for writing.</summary>
public sealed record XmlTextData(string Text, bool IsCData) : XmlNodeData;

/// <summary>An XML comment.</summary>
public sealed record XmlCommentData(string Text) : XmlNodeData;

/// <summary>A processing instruction.</summary>
public sealed record XmlProcessingInstructionData(string Target, string Data) : XmlNodeData;
