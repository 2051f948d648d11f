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
}
