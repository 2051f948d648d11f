using System.Xml;
using System.Xml.Linq;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Validation;
using Amtsweg.Xml;

namespace Amtsweg.Bpmn.Reading;

/// <summary>Options of <see cref="BpmnReader"/>.</summary>
public sealed record BpmnReaderOptions
{
    /// <summary>The default options: the limits of <see cref="XmlLimits.Default"/>.</summary>
    public static BpmnReaderOptions Default { get; } = new();

    /// <summary>Size and nesting limits passed to <see cref="SafeXml"/>.</summary>
    public XmlLimits Limits { get; init; } = XmlLimits.Default;
}

/// <summary>
/// Reads BPMN 2.0 XML (any tool's export, including the Camunda 8 dialect) into an immutable
/// <see cref="BpmnDefinitions"/> model through the hardened <see cref="SafeXml"/> reader.
/// Elements may reference each other in any order; what the model does not interpret is kept for writing.
/// </summary>
public static class BpmnReader
{
    /// <summary>Reads a model from a stream.</summary>
    /// <exception cref="BpmnModelException">The input is not well-formed, exceeds a limit, or is not BPMN 2.0.</exception>
    public static BpmnDefinitions Read(Stream input, BpmnReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var limits = (options ?? BpmnReaderOptions.Default).Limits;

        // The bytes are decoded by SafeXml's one rule; a file not read as it declares is read with a warning.
        var text = Load(() => SafeXml.Decode(input, limits));
        var definitions = Read(Load(() => SafeXml.ParseDocument(text.Text, limits)));
        if (text.Warning is { } warning)
        {
            definitions.ReadWarnings = [new BpmnProblem(
                BpmnProblemCodes.EncodingNotAsDeclared, BpmnProblemSeverity.Warning, null, 1, 1, warning.MessageGerman, warning.MessageEnglish)];
        }

        return definitions;
    }

    /// <summary>Reads a model from a file.</summary>
    /// <exception cref="BpmnModelException">The input is not well-formed, exceeds a limit, or is not BPMN 2.0.</exception>
    public static BpmnDefinitions Read(string path, BpmnReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        return Read(stream, options);
    }

    /// <summary>Reads a model from XML text.</summary>
    /// <exception cref="BpmnModelException">The input is not well-formed, exceeds a limit, or is not BPMN 2.0.</exception>
    public static BpmnDefinitions Parse(string xml, BpmnReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var limits = (options ?? BpmnReaderOptions.Default).Limits;

        // Text is already decoded: an encoding named in its XML declaration does not apply.
        return Read(Load(() => SafeXml.ParseDocument(xml, limits)));
    }

    private static T Load<T>(Func<T> load)
    {
        try
        {
            return load();
        }
        catch (XmlEncodingException ex)
        {
            throw new BpmnModelException("BPMN-ENCODING", ex.Message, ex.MessageGerman, innerException: ex);
        }
        catch (XmlException ex)
        {
            throw new BpmnModelException(
                "BPMN-XML",
                $"The document is not well-formed or was refused by the hardened XML reader: {ex.Message}",
                $"Das Dokument ist kein wohlgeformtes XML oder wurde vom gesicherten XML-Leser abgelehnt: {ex.Message}",
                ex.LineNumber,
                ex.LinePosition,
                ex);
        }
    }

    private static BpmnDefinitions Read(XDocument document)
    {
        var root = document.Root;
        if (root is null || root.Name != BpmnNamespaces.Model + "definitions")
        {
            var found = root?.Name.ToString() ?? "nothing";
            var (line, column) = root is null ? (0, 0) : Xml.XmlConversion.Position(root);
            throw new BpmnModelException(
                "BPMN-ROOT",
                $"Not a BPMN 2.0 document: the root element must be 'definitions' in namespace '{BpmnNamespaces.Model}', found '{found}'.",
                $"Kein BPMN-2.0-Dokument: Das Wurzelelement muss 'definitions' im Namensraum '{BpmnNamespaces.Model}' sein, gefunden wurde '{found}'.",
                line,
                column);
        }

        var builder = new ModelBuilder();
        var definitions = builder.Build(root);
        ReferenceResolver.Resolve(definitions, builder.ElementsById);
        return definitions;
    }
}
