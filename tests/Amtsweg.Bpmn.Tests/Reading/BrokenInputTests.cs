using System.Text;
using Amtsweg.Bpmn.Reading;
using Amtsweg.Bpmn.Tests.Support;
using Amtsweg.Bpmn.Validation;
using Amtsweg.Bpmn.Writing;

namespace Amtsweg.Bpmn.Tests.Reading;

/// <summary>
/// Truncated, corrupted or semantically broken files either read (and then validate and write without error)
/// or fail with <see cref="BpmnModelException"/>; no other exception escapes.
/// </summary>
public sealed class BrokenInputTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Read_FailsOnlyWithModelException_WhenReferenceModelIsTruncatedOrCorrupted(int seed)
    {
        var files = TestPaths.ReferenceFiles().ToList();
        var random = new Random(seed);
        var bytes = File.ReadAllBytes(files[random.Next(files.Count)]);
        var broken = seed % 2 == 0 ? bytes[..random.Next(bytes.Length)] : Corrupt(bytes, random);

        try
        {
            var definitions = BpmnReader.Read(new MemoryStream(broken));
            BpmnValidator.Validate(definitions);
            BpmnWriter.WriteToString(definitions);
        }
        catch (BpmnModelException ex)
        {
            Assert.False(string.IsNullOrWhiteSpace(ex.MessageGerman));
        }
    }

    [Theory]
    [InlineData("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\u0001</definitions>")]
    [InlineData("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"P\"><?pi data?></process></definitions><trailing/>")]
    public void Read_ThrowsModelException_WhenXmlIsMalformed(string xml)
    {
        Assert.Throws<BpmnModelException>(() => BpmnReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml))));
    }

    [Fact]
    public void Read_ReadsAndValidates_WhenReferencesAttributesAndNumbersAreNonsense()
    {
        const string xml = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC">
              <process isExecutable="maybe">
                <task id="T" startQuantity="many" default="T" />
                <sequenceFlow />
                <sequenceFlow id="T" sourceRef=":" targetRef="a:b:c" />
                <boundaryEvent id="B"><timerEventDefinition><timeDuration /></timerEventDefinition></boundaryEvent>
                <subProcess id="S"><laneSet><lane><flowNodeRef /></lane></laneSet></subProcess>
                <callActivity id="C" calledElement="" />
                <intermediateThrowEvent id="L"><linkEventDefinition /></intermediateThrowEvent>
              </process>
              <bpmndi:BPMNDiagram><bpmndi:BPMNPlane><bpmndi:BPMNShape bpmnElement="nothing"><dc:Bounds x="a" /></bpmndi:BPMNShape></bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
            </definitions>
            """;

        var definitions = BpmnReader.Parse(xml);
        var result = BpmnValidator.Validate(definitions);

        Assert.Contains("T", definitions.DuplicateIds);
        Assert.Null(definitions.Processes[0].IsExecutable);
        Assert.Contains(result.Problems, p => p.Code == BpmnProblemCodes.UnresolvedReference && p.ElementId == "B");
        Assert.Contains(result.Problems, p => p.Code == BpmnProblemCodes.InvalidTimerExpression && p.ElementId == "B");
        Assert.Contains(result.Problems, p => p.Code == BpmnProblemCodes.MissingCalledElement && p.ElementId == "C");
        Assert.Contains(result.Problems, p => p.Code == BpmnProblemCodes.DuplicateId && p.ElementId == "T");
        Assert.NotEmpty(BpmnWriter.WriteToString(definitions));
    }

    private static byte[] Corrupt(byte[] bytes, Random random)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = 0; i < 20; i++)
        {
            copy[random.Next(copy.Length)] = i % 4 == 0 ? (byte)random.Next(256) : (byte)"<>/=\"' &;:x0"[random.Next(12)];
        }

        return copy;
    }
}
