using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Tests.Support;
using Amtsweg.Bpmn.Validation;

namespace Amtsweg.Bpmn.Tests.Validation;

public sealed class BpmnValidatorTests
{
    [Fact]
    public void Validate_ReportsNoProblem_WhenProcessIsExecutable()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions, new BpmnValidationOptions { RequireUserTaskForm = true });

        Assert.Empty(result.Problems);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Validate_ReportsProcessNotExecutable_WhenIsExecutableIsFalse()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions);

        var problem = Assert.Single(result.Problems);
        AssertProblem(problem, BpmnProblemCodes.ProcessNotExecutable, "Process_1", line: 3);
        Assert.Equal(BpmnProblemSeverity.Error, problem.Severity);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Validate_ReportsUnsupportedElement_WhenTransactionIsUsed()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions);

        AssertProblem(Assert.Single(result.Problems, p => p.Code == BpmnProblemCodes.UnsupportedElement), BpmnProblemCodes.UnsupportedElement, "Tx", line: 6);
    }

    [Fact]
    public void Validate_ReportsChoreographyTask_WhenDefinitionsHoldChoreography()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions);

        var problem = Assert.Single(result.Problems);
        AssertProblem(problem, BpmnProblemCodes.UnsupportedElement, "Submit", line: 8);
        Assert.Equal("Das Element 'choreographyTask' (Submit) wird von der Prozess-Engine nicht ausgeführt.", problem.MessageGerman);
    }

    [Fact]
    public void Validate_NamesEvent_WhenUnsupportedEventDefinitionHasNoId()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions);

        var problem = Assert.Single(result.Problems, p => p.Code == BpmnProblemCodes.UnsupportedElement);
        AssertProblem(problem, BpmnProblemCodes.UnsupportedElement, "Canceled", line: 9);
        Assert.Equal("Das Element 'cancelEventDefinition' (Canceled) wird von der Prozess-Engine nicht ausgeführt.", problem.MessageGerman);
    }

    [Fact]
    public void Validate_ReportsGatewayFlowWithoutCondition_WhenDivergingGatewayHasNoConditionOrDefault()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions);

        var problem = Assert.Single(result.Problems);
        AssertProblem(problem, BpmnProblemCodes.GatewayFlowWithoutCondition, "Decide", line: 6);
        Assert.Contains("No", problem.MessageEnglish, StringComparison.Ordinal);
        Assert.DoesNotContain("Yes", problem.MessageEnglish, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AcceptsUnconditionedFlow_WhenItIsTheDefault()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions);

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Validate_ReportsMissingIncomingFlow_WhenTaskIsNotConnected()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions);

        AssertProblem(Assert.Single(result.Problems), BpmnProblemCodes.MissingIncomingFlow, "Orphan", line: 6);
    }

    [Fact]
    public void Validate_ReportsMissingOutgoingFlow_WhenStartEventLeadsNowhere()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions);

        AssertProblem(Assert.Single(result.Problems), BpmnProblemCodes.MissingOutgoingFlow, "Start", line: 4);
    }

    [Fact]
    public void Validate_ReportsMissingUserTaskForm_WhenFormsAreRequired()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions, new BpmnValidationOptions { RequireUserTaskForm = true });

        AssertProblem(Assert.Single(result.Problems), BpmnProblemCodes.MissingUserTaskForm, "Review", line: 6);
    }

    [Fact]
    public void Validate_IgnoresMissingUserTaskForm_WhenFormsAreNotRequired()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions, new BpmnValidationOptions { RequireUserTaskForm = false });

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Validate_ReportsInvalidTimerExpression_WhenValueDoesNotFitItsKind()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions);

        Assert.All(result.Problems, p => Assert.Equal(BpmnProblemCodes.InvalidTimerExpression, p.Code));
        Assert.Equal(["Start", "WaitDuration", "WaitDate", "WaitEmpty"], result.Problems.Select(p => p.ElementId));
        AssertProblem(result.Problems[0], BpmnProblemCodes.InvalidTimerExpression, "Start", line: 5);
        Assert.Contains("every ten minutes", result.Problems[0].MessageGerman, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AcceptsTimerExpressions_WhenIsoCronOrFeel()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions);

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Validate_ReportsUnknownCalledProcess_WhenResolverDoesNotKnowIt()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions, new BpmnValidationOptions { IsKnownProcess = id => id == "other" });

        var problem = Assert.Single(result.Problems);
        AssertProblem(problem, BpmnProblemCodes.UnknownCalledProcess, "Call", line: 6);
        Assert.Contains("fee-calculation", problem.MessageGerman, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AcceptsCalledProcess_WhenResolverKnowsIt()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions, new BpmnValidationOptions { IsKnownProcess = id => id == "fee-calculation" });

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Validate_ReportsMissingCalledElement_WhenCallActivityNamesNoProcess()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions);

        AssertProblem(Assert.Single(result.Problems), BpmnProblemCodes.MissingCalledElement, "Call", line: 6);
    }

    [Fact]
    public void Validate_ReportsCycleWithoutWaitState_WhenLoopOnlyComputes()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions);

        var problem = Assert.Single(result.Problems);
        AssertProblem(problem, BpmnProblemCodes.CycleWithoutWaitState, "Join", line: 6);
        Assert.Equal(BpmnProblemSeverity.Warning, problem.Severity);
        Assert.Contains("Join, Count, Split", problem.MessageEnglish, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AcceptsCycle_WhenLoopContainsUserTask()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions);

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Validate_ReportsUnresolvedReference_WhenFlowTargetDoesNotExist()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions);

        Assert.Contains(result.Problems, p => p.Code == BpmnProblemCodes.UnresolvedReference && p.ElementId == "F1" && p.Line == 5);
        Assert.Contains(result.Problems, p => p.Code == BpmnProblemCodes.MissingIncomingFlow && p.ElementId == "End");
    }

    [Fact]
    public void Validate_ReportsMissingStartEvent_WhenProcessHasNone()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions);

        Assert.Contains(result.Problems, p => p.Code == BpmnProblemCodes.MissingStartEvent && p.ElementId == "Process_1" && p.Line == 3);
    }

    [Fact]
    public void Validate_ReportsDuplicateId_WhenTwoElementsShareAnId()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions);

        AssertProblem(Assert.Single(result.Problems, p => p.Code == BpmnProblemCodes.DuplicateId), BpmnProblemCodes.DuplicateId, "End", line: 6);
    }

    [Fact]
    public void Validate_ReportsMissingJobType_WhenServiceTaskHasNoTaskDefinition()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions);

        AssertProblem(Assert.Single(result.Problems), BpmnProblemCodes.MissingJobType, "Send", line: 6);
        Assert.Empty(BpmnValidator.Validate(definitions, new BpmnValidationOptions { RequireJobType = false }).Problems);
    }

    [Fact]
    public void Validate_ReportsFeelSyntaxError_WhenConditionOrMappingDoesNotParse()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions);

        Assert.All(result.Problems, p => Assert.Equal(BpmnProblemCodes.FeelSyntaxError, p.Code));
        Assert.Equal(["Broken", "Notify"], result.Problems.Select(p => p.ElementId));
        AssertProblem(result.Problems[0], BpmnProblemCodes.FeelSyntaxError, "Broken", line: 8);
        AssertProblem(result.Problems[1], BpmnProblemCodes.FeelSyntaxError, "Notify", line: 13);
        Assert.Contains("if x then", result.Problems[1].MessageEnglish, StringComparison.Ordinal);
        Assert.Contains("subject", result.Problems[1].MessageGerman, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsIncompleteEventDefinition_WhenMessageSignalOrErrorIsMissing()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions);

        Assert.All(result.Problems, p => Assert.Equal(BpmnProblemCodes.IncompleteEventDefinition, p.Code));
        Assert.Equal(["WaitMessage", "WaitSignal", "Receive", "Fail"], result.Problems.Select(p => p.ElementId));
        AssertProblem(result.Problems[0], BpmnProblemCodes.IncompleteEventDefinition, "WaitMessage", line: 6);
    }

    [Fact]
    public void Validate_ReportsCrossesScope_WhenFlowLeavesSubProcess()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions);

        var problems = result.Problems.Where(p => p.Code == BpmnProblemCodes.CrossesScope).ToList();
        Assert.Equal(["Escape", "Misplaced"], problems.Select(p => p.ElementId));
        AssertProblem(problems[0], BpmnProblemCodes.CrossesScope, "Escape", line: 8);
    }

    [Fact]
    public void Validate_ReportsConditionNotFeel_WhenConditionIsJuel()
    {
        var definitions = TestDiagrams.Read<BpmnValidatorTests>();

        var result = BpmnValidator.Validate(definitions);

        var problem = Assert.Single(result.Problems);
        AssertProblem(problem, BpmnProblemCodes.ConditionNotFeel, "Yes", line: 8);
        Assert.Contains("${approved}", problem.MessageEnglish, StringComparison.Ordinal);
    }

    private static void AssertProblem(BpmnProblem problem, string code, string elementId, int line)
    {
        Assert.Equal(code, problem.Code);
        Assert.Equal(elementId, problem.ElementId);
        Assert.Equal(line, problem.Line);
        Assert.True(problem.Column > 0);
        Assert.False(string.IsNullOrWhiteSpace(problem.MessageGerman));
        Assert.False(string.IsNullOrWhiteSpace(problem.MessageEnglish));
        Assert.NotEqual(problem.MessageGerman, problem.MessageEnglish);
    }
}
