using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Amtsweg.Testing;

namespace Amtsweg.Records.Tests.Archive;

/// <summary>
/// The xdomea 3.0.0 schemas from the shared standards folder (never copied into the repository), compiled once.
/// The resolver reads only files inside that folder. The folder lacks the XÖV base schema <c>xoev/xoev-code.xsd</c>
/// that the xdomea schemas import; in its place the resolver serves the XÖV type <c>Code</c> as the XÖV handbook
/// defines it (element <c>code</c>, optional <c>name</c>, optional attributes <c>listURI</c>, <c>listVersionID</c>).
/// </summary>
internal static class XdomeaSchemas
{
    public static string Folder => Path.Combine(TestPaths.Shared, "standards", "xdomea", "3.0.0");

    public static string Samples => Path.Combine(TestPaths.Shared, "standards", "xdomea", "samples");

    private static readonly Lazy<XmlSchemaSet> Set = new(Compile);

    /// <summary>The validation errors of a message; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(XDocument document)
    {
        var errors = new List<string>();
        document.Validate(Set.Value, (_, e) => errors.Add($"{e.Severity}: {e.Message} (Zeile {e.Exception?.LineNumber})"), addSchemaInfo: false);
        return errors;
    }

    private static XmlSchemaSet Compile()
    {
        var resolver = new LocalResolver(Folder);
        var set = new XmlSchemaSet { XmlResolver = resolver };
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = resolver };
        // xdomea.xsd includes every message of the standard (Aussonderung, AktenplanAustauschen, ...).
        var main = Path.Combine(Folder, "xdomea.xsd");
        using (var reader = XmlReader.Create(main, settings))
        {
            set.Add(null, reader);
        }

        set.Compile();
        return set;
    }

    private sealed class LocalResolver(string folder) : XmlResolver
    {
        private const string XoevCode = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://xoev.de/schemata/code/1_0" elementFormDefault="unqualified" attributeFormDefault="unqualified">
              <xs:complexType name="Code">
                <xs:sequence>
                  <xs:element name="code" type="xs:token"/>
                  <xs:element name="name" type="xs:normalizedString" minOccurs="0"/>
                </xs:sequence>
                <xs:attribute name="listURI" type="xs:anyURI" use="optional"/>
                <xs:attribute name="listVersionID" type="xs:normalizedString" use="optional"/>
              </xs:complexType>
            </xs:schema>
            """;

        private readonly string _root = Path.GetFullPath(Path.Combine(folder, ".."));

        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            if (!absoluteUri.IsFile)
            {
                throw new XmlException($"Only local schemas are read, not {absoluteUri}.");
            }

            var path = Path.GetFullPath(absoluteUri.LocalPath);
            if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new XmlException($"{path} is outside the xdomea folder.");
            }

            if (!File.Exists(path) && path.EndsWith(Path.Combine("xoev", "xoev-code.xsd"), StringComparison.Ordinal))
            {
                return new MemoryStream(Encoding.UTF8.GetBytes(XoevCode));
            }

            return File.OpenRead(path);
        }
    }
}
