using System.Text;
using System.Xml;
using System.Xml.Linq;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Xml;

namespace Amtsweg.Bpmn.Writing;

/// <summary>
/// Writes a model back to BPMN 2.0 XML. Every element is written from the model: typed elements with the
/// attributes and children they were read with, plus everything kept verbatim (unknown elements, foreign
/// attributes and namespaces, extension elements, diagram interchange), so a read-write cycle loses nothing.
/// </summary>
public static class BpmnWriter
{
    /// <summary>Writes the model as UTF-8 XML (indented, without byte order mark) to a stream.</summary>
    public static void Write(BpmnDefinitions definitions, Stream output)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(output);
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            NamespaceHandling = NamespaceHandling.OmitDuplicates,
            CloseOutput = false,
        };
        using var writer = XmlWriter.Create(output, settings);
        ToDocument(definitions).Save(writer);
    }

    /// <summary>Writes the model to a file.</summary>
    public static void Write(BpmnDefinitions definitions, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.Create(path);
        Write(definitions, stream);
    }

    /// <summary>Writes the model to a string.</summary>
    public static string WriteToString(BpmnDefinitions definitions)
    {
        using var stream = new MemoryStream();
        Write(definitions, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Builds the XML document of the model.</summary>
    public static XDocument ToDocument(BpmnDefinitions definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), ToElement(definitions));
    }

    // Recursion follows the model's nesting, which the reader's depth limit bounds.
    private static XElement ToElement(BpmnElement element)
    {
        var xml = new XElement(element.ElementName);
        XmlConversion.AddAttributes(xml, element.Attributes);
        foreach (var content in element.Content)
        {
            xml.Add(content.Element is { } child ? ToElement(child) : XmlConversion.ToNode(content.Raw!));
        }

        return xml;
    }
}
