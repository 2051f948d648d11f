using System.Collections.Immutable;
using System.Xml;
using System.Xml.Linq;

namespace Amtsweg.Bpmn.Xml;

/// <summary>Copies between <see cref="XNode"/> trees and the immutable <see cref="XmlNodeData"/> form.</summary>
internal static class XmlConversion
{
    // Recursion is bounded: SafeXml refuses documents nested deeper than its depth limit.
    public static XmlNodeData? ToData(XNode node) => node switch
    {
        XElement element => ToData(element),
        XCData cdata => new XmlTextData(cdata.Value, IsCData: true),
        XText text => new XmlTextData(text.Value, IsCData: false),
        XComment comment => new XmlCommentData(comment.Value),
        XProcessingInstruction pi => new XmlProcessingInstructionData(pi.Target, pi.Data),
        _ => null,
    };

    public static XmlElementData ToData(XElement element)
    {
        var children = ImmutableArray.CreateBuilder<XmlNodeData>();
        foreach (var node in element.Nodes())
        {
            var data = ToData(node);
            if (data is not null)
            {
                children.Add(data);
            }
        }

        var (line, column) = Position(element);
        return new XmlElementData(element.Name, Attributes(element), children.ToImmutable(), line, column);
    }

    public static ImmutableArray<XmlAttributeData> Attributes(XElement element)
    {
        var builder = ImmutableArray.CreateBuilder<XmlAttributeData>();
        foreach (var attribute in element.Attributes())
        {
            builder.Add(new XmlAttributeData(attribute.Name, attribute.Value));
        }

        return builder.ToImmutable();
    }

    public static (int Line, int Column) Position(XObject node)
    {
        var info = (IXmlLineInfo)node;
        return info.HasLineInfo() ? (info.LineNumber, info.LinePosition) : (0, 0);
    }

    public static XNode ToNode(XmlNodeData data) => data switch
    {
        XmlElementData element => ToElement(element),
        XmlTextData { IsCData: true } text => new XCData(text.Text),
        XmlTextData text => new XText(text.Text),
        XmlCommentData comment => new XComment(comment.Text),
        XmlProcessingInstructionData pi => new XProcessingInstruction(pi.Target, pi.Data),
        _ => throw new ArgumentOutOfRangeException(nameof(data), data.GetType().Name, "Unknown XML node kind."),
    };

    public static XElement ToElement(XmlElementData data)
    {
        var element = new XElement(data.Name);
        AddAttributes(element, data.Attributes);
        foreach (var child in data.Children)
        {
            element.Add(ToNode(child));
        }

        return element;
    }

    public static void AddAttributes(XElement element, ImmutableArray<XmlAttributeData> attributes)
    {
        foreach (var attribute in attributes)
        {
            element.SetAttributeValue(attribute.Name, attribute.Value);
        }
    }
}
