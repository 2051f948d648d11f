using System.Xml.Linq;
using Amtsweg.Bpmn.Diagram;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Reading;
using Amtsweg.Bpmn.Tests.Support;
using Amtsweg.Bpmn.Writing;

namespace Amtsweg.Bpmn.Tests.Conformance;

/// <summary>The BPMN MIWG test suite (shared folder): every tool's export reads, the reference models round-trip.</summary>
public sealed class MiwgConformanceTests
{
    public static TheoryData<string> AllFiles() => [.. TestPaths.AllMiwgFiles().Select(f => Path.GetRelativePath(TestPaths.MiwgRoot, f))];

    public static TheoryData<string> ReferenceFiles() => [.. TestPaths.ReferenceFiles().Select(Path.GetFileName).OfType<string>()];

    [Fact]
    public void SuiteFolder_ContainsReferenceAndToolExports()
    {
        Assert.True(TestPaths.ReferenceFiles().Count() >= 20, $"Expected the MIWG reference models under {TestPaths.MiwgReference}.");
        Assert.True(Directory.GetDirectories(TestPaths.MiwgRoot).Length >= 5);
    }

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void Read_ReturnsModelWithProcessOrCollaboration_ForEveryMiwgFile(string relativePath)
    {
        var path = Path.Combine(TestPaths.MiwgRoot, relativePath);

        var definitions = ReadOrExplain(path);

        Assert.NotEmpty(definitions.Processes);
        var expected = XDocument.Load(path).Descendants(BpmnNamespaces.Model + "sequenceFlow").Count();
        Assert.Equal(expected, BpmnFileReport.Create(definitions).SequenceFlows);
    }

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void WriteThenRead_KeepsEveryElementAttributeAndText_ForEveryMiwgFile(string relativePath)
    {
        var path = Path.Combine(TestPaths.MiwgRoot, relativePath);
        var original = XDocument.Load(path);

        var written = XDocument.Parse(BpmnWriter.WriteToString(BpmnReader.Read(path)));

        XmlEquivalence.AssertEquivalent(original.Root!, written.Root!);
    }

    [Theory]
    [MemberData(nameof(ReferenceFiles))]
    public void RoundTrip_KeepsFlowNodesSequenceFlowsAndDiagram_ForReferenceModel(string fileName)
    {
        var first = BpmnReader.Read(Path.Combine(TestPaths.MiwgReference, fileName));

        var second = BpmnReader.Parse(BpmnWriter.WriteToString(first));

        Assert.Equal(BpmnFileReport.Create(first), BpmnFileReport.Create(second));
        Assert.Equal(Ids<FlowNode>(first), Ids<FlowNode>(second));
        Assert.Equal(Ids<SequenceFlow>(first), Ids<SequenceFlow>(second));
        Assert.Equal(
            first.DescendantsAndSelf().OfType<BpmnShape>().Select(s => (s.Id, s.BpmnElementRef, s.Bounds)),
            second.DescendantsAndSelf().OfType<BpmnShape>().Select(s => (s.Id, s.BpmnElementRef, s.Bounds)));
        Assert.Equal(
            first.DescendantsAndSelf().OfType<BpmnEdge>().Select(e => (e.Id, e.BpmnElementRef, string.Join(' ', e.Waypoints))),
            second.DescendantsAndSelf().OfType<BpmnEdge>().Select(e => (e.Id, e.BpmnElementRef, string.Join(' ', e.Waypoints))));
        Assert.Equal(
            first.DescendantsAndSelf().OfType<SequenceFlow>().Select(f => (f.Source?.Id, f.Target?.Id)),
            second.DescendantsAndSelf().OfType<SequenceFlow>().Select(f => (f.Source?.Id, f.Target?.Id)));
    }

    [Theory]
    [MemberData(nameof(ReferenceFiles))]
    public void Report_CountsEveryShapeEdgeAndFlowNodeOfTheXml_ForReferenceModel(string fileName)
    {
        var path = Path.Combine(TestPaths.MiwgReference, fileName);
        var xml = XDocument.Load(path);

        var report = BpmnFileReport.Create(BpmnReader.Read(path));

        Assert.Equal(xml.Descendants(BpmnNamespaces.BpmnDi + "BPMNShape").Count(), report.DiShapes);
        Assert.Equal(xml.Descendants(BpmnNamespaces.BpmnDi + "BPMNEdge").Count(), report.DiEdges);
        Assert.Equal(xml.Descendants(BpmnNamespaces.Model + "process").Count(), report.Processes);
        Assert.Equal(xml.Descendants(BpmnNamespaces.Model + "messageFlow").Count(), report.MessageFlows);
        Assert.Equal(xml.Descendants().Count(e => e.Name.Namespace == BpmnNamespaces.Model && FlowNodeNames.Contains(e.Name.LocalName)), report.FlowNodes);
    }

    private static readonly HashSet<string> FlowNodeNames =
    [
        "task", "userTask", "manualTask", "serviceTask", "sendTask", "receiveTask", "scriptTask", "businessRuleTask",
        "callActivity", "subProcess", "transaction", "adHocSubProcess",
        "exclusiveGateway", "inclusiveGateway", "parallelGateway", "eventBasedGateway", "complexGateway",
        "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent",
    ];

    private static List<string?> Ids<T>(BpmnDefinitions definitions)
        where T : BpmnElement => [.. definitions.DescendantsAndSelf().OfType<T>().Select(e => e.Id)];

    private static BpmnDefinitions ReadOrExplain(string path)
    {
        try
        {
            return BpmnReader.Read(path);
        }
        catch (BpmnModelException ex)
        {
            Assert.Fail($"{path} was refused: {ex.Message}");
            throw;
        }
    }
}
