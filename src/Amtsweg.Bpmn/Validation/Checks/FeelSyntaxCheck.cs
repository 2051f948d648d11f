using Amtsweg.Bpmn.Model;
using Amtsweg.Feel;

namespace Amtsweg.Bpmn.Validation.Checks;

/// <summary>
/// Parses every FEEL expression (a value starting with <c>=</c>) of the executable processes with the
/// Amtsweg FEEL parser and reports those that do not parse: conditions, timer values, loop and completion
/// conditions, and the Zeebe mappings, job types, assignments, schedules, collections and scripts.
/// </summary>
internal sealed class FeelSyntaxCheck : IBpmnCheck
{
    public void Check(BpmnValidationContext context)
    {
        foreach (var element in context.ExecutableElements)
        {
            foreach (var (owner, where, expression, line, column) in Expressions(element))
            {
                if (expression is not { IsFeel: true })
                {
                    continue;
                }

                if (FeelParser.TryParseExpression(expression.Text, null, out _, out var error))
                {
                    continue;
                }

                var label = BpmnValidationContext.Label(owner);
                var reason = error?.Message ?? "syntax error";
                var grund = error?.MessageGerman ?? "Syntaxfehler";
                context.Report(
                    BpmnProblemCodes.FeelSyntaxError,
                    BpmnProblemSeverity.Error,
                    owner.Id,
                    line > 0 ? line : owner.Line,
                    line > 0 ? column : owner.Column,
                    $"Der FEEL-Ausdruck '{expression.Text}' in {where} von {label} ist syntaktisch falsch: {grund}",
                    $"The FEEL expression '{expression.Text}' in {where} of {label} has a syntax error: {reason}");
            }
        }
    }

    private static IEnumerable<(BpmnElement Owner, string Where, BpmnExpression? Expression, int Line, int Column)> Expressions(BpmnElement element)
    {
        var owner = element is EventDefinition or LoopCharacteristics ? element.Parent ?? element : element;
        foreach (var (where, formal) in FormalExpressions(element))
        {
            if (formal is not null)
            {
                yield return (owner, where, formal.Expression, formal.Line, formal.Column);
            }
        }

        var zeebe = element.Zeebe;
        if (ReferenceEquals(zeebe, Zeebe.ZeebeExtensions.Empty))
        {
            yield break;
        }

        yield return (owner, "zeebe:taskDefinition type", zeebe.TaskDefinition?.Type, 0, 0);
        yield return (owner, "zeebe:taskDefinition retries", zeebe.TaskDefinition?.Retries, 0, 0);
        foreach (var input in zeebe.Inputs)
        {
            yield return (owner, $"zeebe:input → {input.Target}", input.Source, 0, 0);
        }

        foreach (var output in zeebe.Outputs)
        {
            yield return (owner, $"zeebe:output → {output.Target}", output.Source, 0, 0);
        }

        yield return (owner, "zeebe:subscription correlationKey", zeebe.Subscription?.CorrelationKey, 0, 0);
        yield return (owner, "zeebe:calledElement processId", zeebe.CalledElement?.ProcessId, 0, 0);
        yield return (owner, "zeebe:calledDecision decisionId", zeebe.CalledDecision?.DecisionId, 0, 0);
        yield return (owner, "zeebe:assignmentDefinition assignee", zeebe.AssignmentDefinition?.Assignee, 0, 0);
        yield return (owner, "zeebe:assignmentDefinition candidateGroups", zeebe.AssignmentDefinition?.CandidateGroups, 0, 0);
        yield return (owner, "zeebe:assignmentDefinition candidateUsers", zeebe.AssignmentDefinition?.CandidateUsers, 0, 0);
        yield return (owner, "zeebe:taskSchedule dueDate", zeebe.TaskSchedule?.DueDate, 0, 0);
        yield return (owner, "zeebe:taskSchedule followUpDate", zeebe.TaskSchedule?.FollowUpDate, 0, 0);
        yield return (owner, "zeebe:loopCharacteristics inputCollection", zeebe.LoopCharacteristics?.InputCollection, 0, 0);
        yield return (owner, "zeebe:loopCharacteristics outputElement", zeebe.LoopCharacteristics?.OutputElement, 0, 0);
        yield return (owner, "zeebe:script expression", zeebe.Script?.Expression, 0, 0);
        yield return (owner, "zeebe:adHoc activeElementsCollection", zeebe.AdHoc?.ActiveElementsCollection, 0, 0);
        yield return (owner, "zeebe:adHoc outputElement", zeebe.AdHoc?.OutputElement, 0, 0);
    }

    private static IEnumerable<(string Where, BpmnFormalExpression? Expression)> FormalExpressions(BpmnElement element) => element switch
    {
        SequenceFlow flow => [("conditionExpression", flow.ConditionExpression)],
        ConditionalEventDefinition conditional => [("condition", conditional.Condition)],
        TimerEventDefinition timer => [("timeDate", timer.TimeDate), ("timeDuration", timer.TimeDuration), ("timeCycle", timer.TimeCycle)],
        MultiInstanceLoopCharacteristics loop => [("loopCardinality", loop.LoopCardinality), ("completionCondition", loop.CompletionCondition)],
        StandardLoopCharacteristics loop => [("loopCondition", loop.LoopCondition)],
        AdHocSubProcess adHoc => [("completionCondition", adHoc.CompletionCondition)],
        ComplexGateway complex => [("activationCondition", complex.ActivationCondition)],
        _ => [],
    };
}
