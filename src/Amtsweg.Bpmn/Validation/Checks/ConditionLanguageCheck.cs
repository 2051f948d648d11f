using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn.Validation.Checks;

/// <summary>
/// Reports conditions that are not FEEL. In the Camunda convention only a value starting with <c>=</c> is an
/// expression; anything else is a literal string, which the engine cannot evaluate to true or false. Typical
/// cases are models from Camunda 7 (<c>${approved}</c>) or from tools that write plain text into conditions.
/// </summary>
internal sealed class ConditionLanguageCheck : IBpmnCheck
{
    public void Check(BpmnValidationContext context)
    {
        foreach (var element in context.ExecutableElements)
        {
            var (owner, where, condition) = element switch
            {
                SequenceFlow flow => ((BpmnElement)flow, "conditionExpression", flow.ConditionExpression),
                ConditionalEventDefinition conditional => (conditional.Parent ?? conditional, "condition", conditional.Condition),
                MultiInstanceLoopCharacteristics loop => (loop.Parent ?? loop, "completionCondition", loop.CompletionCondition),
                AdHocSubProcess adHoc => (adHoc, "completionCondition", adHoc.CompletionCondition),
                _ => (element, string.Empty, null),
            };
            if (condition is null || string.IsNullOrWhiteSpace(condition.Text) || condition.Expression.IsFeel)
            {
                continue;
            }

            var label = BpmnValidationContext.Label(owner);
            var text = condition.Text.Trim();
            context.Report(
                BpmnProblemCodes.ConditionNotFeel,
                BpmnProblemSeverity.Error,
                owner.Id,
                condition.Line,
                condition.Column,
                $"Die Bedingung '{text}' in {where} von {label} ist kein FEEL-Ausdruck; Bedingungen beginnen mit '=' (z. B. '= genehmigt').",
                $"The condition '{text}' in {where} of {label} is not a FEEL expression; conditions start with '=' (e.g. '= approved').");
        }
    }
}
