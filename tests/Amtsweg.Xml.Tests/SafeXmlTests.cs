using System.Text;
using System.Xml;
using Amtsweg.Xml;

namespace Amtsweg.Xml.Tests;

public class SafeXmlTests
{
    [Fact]
    public void ParseDocument_Throws_WhenDocumentHasDtd()
    {
        const string xml = """<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>""";

        Assert.Throws<XmlException>(() => SafeXml.ParseDocument(xml));
    }

    [Fact]
    public void ParseDocument_Throws_WhenEntityExpansionIsAttempted()
    {
        var xml = """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><r>&lol2;</r>""";

        Assert.Throws<XmlException>(() => SafeXml.ParseDocument(xml));
    }

    [Fact]
    public void ParseDocument_Throws_WhenDocumentExceedsCharacterLimit()
    {
        var xml = "<r>" + new string('a', 5000) + "</r>";

        Assert.Throws<XmlException>(() => SafeXml.ParseDocument(xml, new XmlLimits(1000, 10)));
    }

    [Fact]
    public void ParseDocument_Throws_WhenNestingExceedsDepthLimit()
    {
        var xml = new StringBuilder();
        for (var i = 0; i < 300; i++)
        {
            xml.Append("<a>");
        }

        for (var i = 0; i < 300; i++)
        {
            xml.Append("</a>");
        }

        var error = Assert.Throws<XmlException>(() => SafeXml.ParseDocument(xml.ToString()));
        Assert.Contains("256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseDocument_KeepsLineInformation_WhenDocumentIsValid()
    {
        var document = SafeXml.ParseDocument("<r>\n  <child name=\"x\"/>\n</r>");

        var child = (IXmlLineInfo)document.Root!.Elements().Single();
        Assert.Equal(2, child.LineNumber);
        Assert.Equal(4, child.LinePosition);
    }

    [Fact]
    public void Bug_LoadDocument_ReadsUmlauts_WhenFileIsWindows1252AsDeclared()
    {
        var bytes = Windows1252("""<?xml version="1.0" encoding="windows-1252"?><r name="Prüfung">Bescheid über Gebühren</r>""");

        var document = SafeXml.LoadDocument(new MemoryStream(bytes));

        Assert.Equal("Prüfung", document.Root!.Attribute("name")!.Value);
        Assert.Equal("Bescheid über Gebühren", document.Root.Value);
    }

    [Fact]
    public void Decode_ReadsAsWindows1252WithWarning_WhenUtf8IsDeclaredButBytesAreWindows1252()
    {
        var bytes = Windows1252("""<?xml version="1.0" encoding="UTF-8"?><r>Prüfung</r>""");

        var text = SafeXml.Decode(new MemoryStream(bytes));

        Assert.Equal("windows-1252", text.EncodingName);
        Assert.EndsWith("<r>Prüfung</r>", text.Text, StringComparison.Ordinal);
        Assert.NotNull(text.Warning);
        Assert.Contains("windows-1252", text.Warning.MessageGerman, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_FollowsByteOrderMark_WhenDeclarationNamesAnotherEncoding()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="ISO-8859-1"?><r>Prüfung</r>""")).ToArray();

        var text = SafeXml.Decode(new MemoryStream(bytes));

        Assert.Equal("utf-8", text.EncodingName);
        Assert.EndsWith("<r>Prüfung</r>", text.Text, StringComparison.Ordinal);
        Assert.NotNull(text.Warning);
    }

    [Fact]
    public void Decode_ReadsWithoutWarning_WhenBytesMatchDeclaration()
    {
        var bytes = Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="utf-8"?><r>Prüfung</r>""");

        var text = SafeXml.Decode(new MemoryStream(bytes));

        Assert.Equal("utf-8", text.EncodingName);
        Assert.Null(text.Warning);
    }

    [Fact]
    public void Decode_RefusesBeforeReadingEverything_WhenDocumentExceedsCharacterLimit()
    {
        var input = new MemoryStream(Encoding.UTF8.GetBytes("<r>" + new string('ä', 1_000_000) + "</r>"));

        var error = Assert.Throws<XmlException>(() => SafeXml.Decode(input, new XmlLimits(1000, 10)));

        Assert.Contains("exceeded", error.Message, StringComparison.Ordinal);
        Assert.True(input.Position < 200_000, $"Read {input.Position} bytes before refusing.");
    }

    [Fact]
    public void LoadDocument_Throws_WhenWindows1252DocumentHasDtd()
    {
        var bytes = Windows1252("""<?xml version="1.0" encoding="windows-1252"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>Prüfung &x;</r>""");

        Assert.Throws<XmlException>(() => SafeXml.LoadDocument(new MemoryStream(bytes)));
    }

    private static byte[] Windows1252(string text) =>
        CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text);
}
