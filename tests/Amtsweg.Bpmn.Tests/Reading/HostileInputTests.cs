using System.Text;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Reading;
using Amtsweg.Bpmn.Tests.Support;
using Amtsweg.Bpmn.Validation;

namespace Amtsweg.Bpmn.Tests.Reading;

/// <summary>Hostile or broken input ends in <see cref="BpmnModelException"/>, never in another exception, a hang or a stack overflow.</summary>
public sealed class HostileInputTests
{
    private const string Header = """<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="t"><bpmn:process id="P" isExecutable="true">""";
    private const string Footer = "</bpmn:process></bpmn:definitions>";

    [Fact]
    public void Read_ThrowsModelException_WhenDocumentDeclaresExternalEntity()
    {
        const string xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE definitions [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D"><process id="&xxe;" /></definitions>
            """;

        var ex = Assert.Throws<BpmnModelException>(() => BpmnReader.Parse(xxe));

        Assert.Equal("BPMN-XML", ex.Code);
        Assert.DoesNotContain("root:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ThrowsModelException_WhenDocumentExpandsEntities()
    {
        var entities = new StringBuilder("<!DOCTYPE definitions [<!ENTITY a0 \"lol\">");
        for (var i = 1; i <= 10; i++)
        {
            entities.Append(Encoding.ASCII.GetString(Encoding.ASCII.GetBytes($"<!ENTITY a{i} \"&a{i - 1};&a{i - 1};&a{i - 1};&a{i - 1};&a{i - 1};&a{i - 1};&a{i - 1};&a{i - 1};&a{i - 1};&a{i - 1};\">")));
        }

        entities.Append("]>");
        var bomb = $"<?xml version=\"1.0\"?>{entities}<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"&a10;\" />";

        var ex = Assert.Throws<BpmnModelException>(() => BpmnReader.Parse(bomb));

        Assert.Equal("BPMN-XML", ex.Code);
    }

    [Fact]
    public void Read_RejectsCleanlyWithoutReadingEverything_WhenModelIs50Megabytes()
    {
        using var input = new GeneratedStream(
            Header,
            i => $"<bpmn:task id=\"Task_{i}\" name=\"Aufgabe {i}\" /><bpmn:sequenceFlow id=\"Flow_{i}\" sourceRef=\"Task_{i}\" targetRef=\"Task_{i + 1}\" />",
            Footer,
            maxBodyBytes: 50L * 1024 * 1024);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var ex = Assert.Throws<BpmnModelException>(() => BpmnReader.Read(input));

        Assert.Equal("BPMN-XML", ex.Code);
        Assert.Contains("exceeded", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(input.BytesRead < 40L * 1024 * 1024, $"Read {input.BytesRead} bytes before refusing.");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.True(allocated < 2L * 1024 * 1024 * 1024, $"Allocated {allocated} bytes.");
    }

    [Fact]
    public void Read_ReadsAndValidates_WhenModelHasTwentyThousandTasksInOneChain()
    {
        const int count = 20_000;
        using var input = new GeneratedStream(
            Header + "<bpmn:startEvent id=\"Task_0\" />",
            i => i switch
            {
                < count - 1 => $"<bpmn:sequenceFlow id=\"Flow_{i}\" sourceRef=\"Task_{i}\" targetRef=\"Task_{i + 1}\" /><bpmn:manualTask id=\"Task_{i + 1}\" />",
                count - 1 => $"<bpmn:sequenceFlow id=\"Flow_{i}\" sourceRef=\"Task_{i}\" targetRef=\"End\" /><bpmn:endEvent id=\"End\" />",
                _ => null,
            },
            Footer);

        var definitions = BpmnReader.Read(input);
        var result = BpmnValidator.Validate(definitions);

        var report = BpmnFileReport.Create(definitions);
        Assert.Equal(count + 1, report.FlowNodes);
        Assert.Equal(count, report.SequenceFlows);
        Assert.Equal($"Task_{count - 1}", definitions.FindElement<EndEvent>("End")!.Incoming.Single().Source!.Id);
        Assert.DoesNotContain(result.Problems, p => p.Code == BpmnProblemCodes.CycleWithoutWaitState);
    }

    [Fact]
    public void Read_ThrowsModelException_WhenTenThousandSubProcessesAreNested()
    {
        var xml = new StringBuilder(Header);
        for (var i = 0; i < 10_000; i++)
        {
            xml.Append("<bpmn:subProcess id=\"S").Append(i).Append("\">");
        }

        for (var i = 0; i < 10_000; i++)
        {
            xml.Append("</bpmn:subProcess>");
        }

        xml.Append(Footer);

        var ex = Assert.Throws<BpmnModelException>(() => BpmnReader.Parse(xml.ToString()));

        Assert.Equal("BPMN-XML", ex.Code);
        Assert.Contains("nesting deeper than 256", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, ex.Line);
        Assert.True(ex.Column > 0);
    }

    [Fact]
    public void Read_ReadsEveryLevel_WhenSubProcessesAreNestedWithinTheLimit()
    {
        const int depth = 200;
        var xml = new StringBuilder(Header);
        for (var i = 0; i < depth; i++)
        {
            xml.Append("<bpmn:subProcess id=\"S").Append(i).Append("\"><bpmn:startEvent id=\"Start").Append(i).Append("\" />");
        }

        for (var i = 0; i < depth; i++)
        {
            xml.Append("</bpmn:subProcess>");
        }

        xml.Append(Footer);

        var definitions = BpmnReader.Parse(xml.ToString());

        var deepest = definitions.FindElement<SubProcess>($"S{depth - 1}")!;
        Assert.Equal($"S{depth - 2}", deepest.Parent!.Id);
        Assert.Equal(depth * 2, BpmnFileReport.Create(definitions).FlowNodes);
        Assert.Same(definitions.Processes[0], deepest.Process);
    }

    [Theory]
    [InlineData("", "BPMN-XML")]
    [InlineData("not xml at all", "BPMN-XML")]
    [InlineData("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"P\">", "BPMN-XML")]
    [InlineData("<definitions xmlns=\"http://www.omg.org/spec/DMN/20191111/MODEL/\" />", "BPMN-ROOT")]
    [InlineData("<definitions xmlns=\"http://schema.omg.org/spec/BPMN/2.0\" />", "BPMN-ROOT")]
    [InlineData("<process xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" />", "BPMN-ROOT")]
    public void Read_ThrowsModelExceptionWithGermanMessage_WhenInputIsNotBpmn(string xml, string code)
    {
        var ex = Assert.Throws<BpmnModelException>(() => BpmnReader.Parse(xml));

        Assert.Equal(code, ex.Code);
        Assert.False(string.IsNullOrWhiteSpace(ex.MessageGerman));
    }
}
