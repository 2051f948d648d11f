using System.Xml;
using System.Xml.Linq;

namespace Amtsweg.Xml;

/// <summary>
/// The one place where Amtsweg reads XML (BPMN, DMN, xdomea, XÖV). Every reader it makes refuses DTDs,
/// resolves nothing from outside, and stops at a size limit, so hostile documents (XXE, entity expansion,
/// huge or deeply nested files) fail fast with an <see cref="XmlException"/>.
/// </summary>
public static class SafeXml
{
    /// <summary>Creates hardened reader settings with the given limits.</summary>
    public static XmlReaderSettings CreateSettings(XmlLimits? limits = null)
    {
        var effective = limits ?? XmlLimits.Default;
        return new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = effective.MaxCharacters,
            MaxCharactersFromEntities = 0,
            IgnoreComments = false,
            IgnoreProcessingInstructions = false,
            CloseInput = false,
        };
    }

    /// <summary>Creates a hardened reader over a stream.</summary>
    public static XmlReader CreateReader(Stream input, XmlLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new DepthLimitingXmlReader(XmlReader.Create(input, CreateSettings(limits)), (limits ?? XmlLimits.Default).MaxDepth);
    }

    /// <summary>Creates a hardened reader over text.</summary>
    public static XmlReader CreateReader(TextReader input, XmlLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new DepthLimitingXmlReader(XmlReader.Create(input, CreateSettings(limits)), (limits ?? XmlLimits.Default).MaxDepth);
    }

    /// <summary>
    /// Loads a document with line information through a hardened reader.
    /// Throws <see cref="XmlException"/> for malformed or oversized input and for DTDs.
    /// </summary>
    public static XDocument LoadDocument(Stream input, XmlLimits? limits = null, LoadOptions options = LoadOptions.SetLineInfo)
    {
        using var reader = CreateReader(input, limits);
        return XDocument.Load(reader, options);
    }

    /// <summary>Loads a document from text through a hardened reader.</summary>
    public static XDocument ParseDocument(string xml, XmlLimits? limits = null, LoadOptions options = LoadOptions.SetLineInfo)
    {
        using var text = new StringReader(xml);
        using var reader = CreateReader(text, limits);
        return XDocument.Load(reader, options);
    }

    /// <summary>Loads a document from a file through a hardened reader.</summary>
    public static XDocument LoadFile(string path, XmlLimits? limits = null, LoadOptions options = LoadOptions.SetLineInfo)
    {
        using var stream = File.OpenRead(path);
        return LoadDocument(stream, limits, options);
    }
}

/// <summary>Limits applied by <see cref="SafeXml"/>.</summary>
/// <param name="MaxCharacters">Largest document accepted, in characters.</param>
/// <param name="MaxDepth">Deepest element nesting accepted.</param>
public sealed record XmlLimits(long MaxCharacters, int MaxDepth)
{
    /// <summary>32 million characters and 256 levels: far beyond any real model, far below harm.</summary>
    public static XmlLimits Default { get; } = new(32L * 1024 * 1024, 256);
}
