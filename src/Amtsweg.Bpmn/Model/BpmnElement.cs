using System.Collections.Immutable;
using System.Xml.Linq;
using Amtsweg.Bpmn.Xml;
using Amtsweg.Bpmn.Zeebe;

namespace Amtsweg.Bpmn.Model;

/// <summary>
/// Base of every element of the model: a typed view over one XML element that also keeps everything
/// the view does not interpret (attributes in their lexical form, unknown children, extensions),
/// so the writer can reproduce the document without loss. Instances are created only by
/// <see cref="Reading.BpmnReader"/> and never change afterwards.
/// </summary>
public abstract class BpmnElement
{
    private protected BpmnElement()
    {
    }

    /// <summary>The <c>id</c> attribute, or null.</summary>
    public string? Id { get; internal set; }

    /// <summary>The <c>name</c> attribute, or null.</summary>
    public string? Name { get; internal set; }

    /// <summary>The XML name the element was read from (for example <c>{BPMN}userTask</c>).</summary>
    public XName ElementName { get; internal set; } = XName.Get("element");

    /// <summary>Line of the start tag in the source (1-based; 0 when unknown).</summary>
    public int Line { get; internal set; }

    /// <summary>Column of the start tag in the source (1-based; 0 when unknown).</summary>
    public int Column { get; internal set; }

    /// <summary>All attributes as read, including namespace declarations and foreign attributes.</summary>
    public ImmutableArray<XmlAttributeData> Attributes { get; internal set; } = [];

    /// <summary>The children in document order: typed model elements and content kept verbatim.</summary>
    public ImmutableArray<BpmnContent> Content { get; internal set; } = [];

    /// <summary>The typed element this one is nested in; null for <see cref="BpmnDefinitions"/>.</summary>
    public BpmnElement? Parent { get; internal set; }

    /// <summary>The <c>documentation</c> children.</summary>
    public ImmutableArray<BpmnDocumentation> Documentation { get; internal set; } = [];

    /// <summary>The children of <c>extensionElements</c> (or <c>di:extension</c>), kept verbatim.</summary>
    public ImmutableArray<XmlElementData> ExtensionElements { get; internal set; } = [];

    /// <summary>Typed access to the Camunda 8 (Zeebe) extension elements of this element.</summary>
    public ZeebeExtensions Zeebe { get; internal set; } = ZeebeExtensions.Empty;

    /// <summary>The typed child elements in document order.</summary>
    public IEnumerable<BpmnElement> ChildElements => Content.Where(c => c.Element is not null).Select(c => c.Element!);

    /// <summary>Children kept verbatim because the model does not interpret them (unknown or foreign elements, text).</summary>
    public IEnumerable<XmlNodeData> UninterpretedContent => Content.Where(c => c.Raw is not null).Select(c => c.Raw!);

    /// <summary>Attributes in a namespace other than none (for example ADONIS, Signavio, Camunda); namespace declarations excluded.</summary>
    public IEnumerable<XmlAttributeData> ForeignAttributes =>
        Attributes.Where(a => a.Name.Namespace != XNamespace.None && !a.IsNamespaceDeclaration);

    /// <summary>The value of an attribute as written, or null when it is absent.</summary>
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

    /// <summary>This element and all typed elements nested in it, depth first, without recursion.</summary>
    public IEnumerable<BpmnElement> DescendantsAndSelf()
    {
        var stack = new Stack<BpmnElement>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            for (var i = current.Content.Length - 1; i >= 0; i--)
            {
                if (current.Content[i].Element is { } child)
                {
                    stack.Push(child);
                }
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => Id is null ? ElementName.LocalName : $"{ElementName.LocalName} '{Id}'";
}

/// <summary>One child of an element: either a typed element or XML kept verbatim.</summary>
public readonly record struct BpmnContent
{
    /// <summary>Wraps a typed element.</summary>
    public BpmnContent(BpmnElement element) => Element = element;

    /// <summary>Wraps verbatim XML.</summary>
    public BpmnContent(XmlNodeData raw) => Raw = raw;

    /// <summary>The typed element, or null.</summary>
    public BpmnElement? Element { get; }

    /// <summary>The verbatim XML, or null.</summary>
    public XmlNodeData? Raw { get; }
}

/// <summary>A <c>documentation</c> element.</summary>
/// <param name="Text">The text.</param>
/// <param name="TextFormat">The declared MIME type, <c>text/plain</c> when absent.</param>
public sealed record BpmnDocumentation(string Text, string TextFormat);
