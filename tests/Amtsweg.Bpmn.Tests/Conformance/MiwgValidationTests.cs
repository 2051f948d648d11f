using Amtsweg.Bpmn.Reading;
using Amtsweg.Bpmn.Tests.Support;
using Amtsweg.Bpmn.Validation;

namespace Amtsweg.Bpmn.Tests.Conformance;

/// <summary>The validator copes with every tool's export: it reports, it does not crash.</summary>
public sealed class MiwgValidationTests
{
    public static TheoryData<string> AllFiles() => MiwgConformanceTests.AllFiles();

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void Validate_ReturnsPositionedBilingualProblems_ForEveryMiwgFile(string relativePath)
    {
        var definitions = BpmnReader.Read(Path.Combine(TestPaths.MiwgRoot, relativePath));

        var result = BpmnValidator.Validate(definitions, new BpmnValidationOptions { RequireUserTaskForm = true });

        Assert.All(result.Problems, p =>
        {
            Assert.Matches("^BPMN1[0-9]{2}$", p.Code);
            Assert.False(string.IsNullOrWhiteSpace(p.MessageGerman));
            Assert.False(string.IsNullOrWhiteSpace(p.MessageEnglish));
            Assert.True(p.Line > 0, p.ToString());
        });
    }

    [Fact]
    public void Validate_FindsProblemsInToolExports_WhenRunOverTheSuite()
    {
        var codes = TestPaths.AllMiwgFiles()
            .SelectMany(f => BpmnValidator.Validate(BpmnReader.Read(f)).Problems)
            .Select(p => p.Code)
            .ToHashSet();

        Assert.Contains(BpmnProblemCodes.ProcessNotExecutable, codes);
        Assert.Contains(BpmnProblemCodes.MissingJobType, codes);
    }
}
