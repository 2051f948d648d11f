using System.Xml.Linq;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Reading;
using Amtsweg.Bpmn.Tests.Support;
using Amtsweg.Bpmn.Writing;
using Amtsweg.Bpmn.Xml;

namespace Amtsweg.Bpmn.Tests.Writing;

public sealed class BpmnWriterTests
{
    [Fact]
    public void Write_KeepsForeignAttributesElementsCommentsAndCData_WhenReadBack()
    {
        var path = TestPaths.Diagram(nameof(BpmnWriterTests), nameof(Write_KeepsForeignAttributesElementsCommentsAndCData_WhenReadBack));
        var original = BpmnReader.Read(path);

        var xml = BpmnWriter.WriteToString(original);
        var copy = BpmnReader.Parse(xml);

        XmlEquivalence.AssertEquivalent(XDocument.Load(path).Root!, XDocument.Parse(xml).Root!);
        Assert.Contains("<![CDATA[<not xml>]]>", xml, StringComparison.Ordinal);
        Assert.Contains("<!-- a comment kept in place -->", xml, StringComparison.Ordinal);
        Assert.Contains("xmlns:adonis=\"http://www.boc-group.com\"", xml, StringComparison.Ordinal);
        Assert.Contains("<bpmn:task id=\"T\"", xml, StringComparison.Ordinal);
        Assert.Equal("12.5", copy.FindElement("T")!.ForeignAttributes.Single().Value);
        Assert.Equal(original.FindProcess("P")!.ExtensionElements.Length, copy.FindProcess("P")!.ExtensionElements.Length);
    }

    [Fact]
    public void Write_KeepsZeebeExtensionsAndDiagram_WhenReadBack()
    {
        var path = TestPaths.Diagram(nameof(BpmnWriterTests), nameof(Write_KeepsZeebeExtensionsAndDiagram_WhenReadBack));
        var original = BpmnReader.Read(path);

        var copy = BpmnReader.Parse(BpmnWriter.WriteToString(original));

        Assert.Equal(original.FindElement("Send")!.Zeebe, copy.FindElement("Send")!.Zeebe);
        Assert.Equal("mail", copy.FindElement<ServiceTask>("Send")!.Zeebe.TaskDefinition!.Type!.Text);
        Assert.Equal(BpmnFileReport.Create(original), BpmnFileReport.Create(copy));
        Assert.Equal(
            original.Diagrams[0].Plane!.Edges.Single().Waypoints.ToArray(),
            copy.Diagrams[0].Plane!.Edges.Single().Waypoints.ToArray());
    }

    [Fact]
    public void Write_ProducesUtf8WithoutByteOrderMark_WhenWritingToStream()
    {
        var definitions = BpmnReader.Parse("""<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D"><process id="Prüfung" /></definitions>""");
        using var stream = new MemoryStream();

        BpmnWriter.Write(definitions, stream);

        var bytes = stream.ToArray();
        Assert.NotEqual(0xEF, bytes[0]);
        stream.Position = 0;
        Assert.Equal("Prüfung", BpmnReader.Read(stream).Processes.Single().Id);
    }

    [Fact]
    public void Parse_IgnoresDeclaredEncoding_WhenTextIsAlreadyDecoded()
    {
        const string xml = """<?xml version="1.0" encoding="ISO-8859-1"?><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D"><process id="P" name="Gebührenbescheid" /></definitions>""";

        var definitions = BpmnReader.Parse(xml);

        Assert.Equal("Gebührenbescheid", definitions.Processes.Single().Name);
        Assert.Equal("Gebührenbescheid", BpmnReader.Parse(BpmnWriter.WriteToString(definitions)).Processes.Single().Name);
    }

    [Fact]
    public void Write_KeepsDefaultNamespaceDocument_WhenNoPrefixIsUsed()
    {
        var definitions = BpmnReader.Parse("""<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D"><process id="P"><startEvent id="S" /></process></definitions>""");

        var xml = BpmnWriter.WriteToString(definitions);

        Assert.Contains("<startEvent id=\"S\" />", xml, StringComparison.Ordinal);
        Assert.IsType<StartEvent>(BpmnReader.Parse(xml).FindElement("S"));
    }

    [Fact]
    public void XmlEquivalence_Fails_WhenAnAttributeIsMissing()
    {
        var expected = XElement.Parse("<a x=\"1\"><b y=\"2\" /></a>");
        var actual = XElement.Parse("<a x=\"1\"><b /></a>");

        Assert.ThrowsAny<Exception>(() => XmlEquivalence.AssertEquivalent(expected, actual));
    }

    [Fact]
    public void Write_EmitsVerbatimContentInPlace_WhenElementMixesTypedAndUnknownChildren()
    {
        var definitions = BpmnReader.Parse("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:x="urn:x" id="D">
              <process id="P"><x:before /><task id="T" /><x:after /></process>
            </definitions>
            """);

        var process = XDocument.Parse(BpmnWriter.WriteToString(definitions)).Root!.Elements().Single();

        Assert.Equal(["before", "task", "after"], process.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(3, definitions.Processes[0].Content.Length);
        Assert.IsType<XmlElementData>(definitions.Processes[0].Content[0].Raw);
    }
}
