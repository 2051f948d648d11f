using System.Text;
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
    static SafeXml()
    {
        // BPMN and DMN files from common modelling tools come in windows-1252 or ISO-8859-1; .NET knows only
        // the Unicode encodings and Latin-1 until the code pages are registered. Once, before any XML is read.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

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
    /// Loads a document with line information through a hardened reader, its bytes decoded by the rule of
    /// <see cref="Decode"/> (an encoding warning is dropped here; readers that report it call <see cref="Decode"/>).
    /// Throws <see cref="XmlException"/> for malformed, undecodable or oversized input and for DTDs.
    /// </summary>
    public static XDocument LoadDocument(Stream input, XmlLimits? limits = null, LoadOptions options = LoadOptions.SetLineInfo) =>
        ParseDocument(Decode(input, limits).Text, limits, options);

    /// <summary>
    /// Reads the bytes of an XML document and decodes them to text by one rule, so that files of common modelling
    /// tools can be read whatever they declare:
    /// <list type="number">
    /// <item>A byte order mark (UTF-8, UTF-16, UTF-32) decides; a declaration naming another encoding gets a warning.</item>
    /// <item>Otherwise UTF-16 recognised by its first characters <c>&lt;?</c>, else the encoding of the XML declaration,
    /// else UTF-8 (XML 1.0, 4.3.3). Code-page encodings such as windows-1252 and ISO-8859-1 are known.</item>
    /// <item>When the bytes are not valid in that encoding (decoding is strict), or the declared name is unknown, they are
    /// read as UTF-8 or, failing that, windows-1252, with a warning: Windows tools often write their ANSI code page and
    /// declare UTF-8 or nothing. A declaration without byte order mark is not second-guessed when the bytes fit it.</item>
    /// <item>Refused with <see cref="XmlEncodingException"/>: bytes that fit none of these, and UTF-16 or UTF-32
    /// (by byte order mark or declaration) whose bytes do not fit.</item>
    /// </list>
    /// The bytes are decoded while they are read, so a document beyond <see cref="XmlLimits.MaxCharacters"/> is refused
    /// without reading the rest.
    /// </summary>
    /// <exception cref="XmlException">The input is larger than the limits allow, or cannot be decoded.</exception>
    public static XmlText Decode(Stream input, XmlLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return XmlTextDecoder.Decode(input, (limits ?? XmlLimits.Default).MaxCharacters);
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
