using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn.Validation.Checks;

/// <summary>Reports executable processes and sub-processes (not ad-hoc ones) without a start event.</summary>
internal sealed class StartEventCheck : IBpmnCheck
{
    public void Check(BpmnValidationContext context)
    {
        foreach (var scope in context.ExecutableScopes)
        {
            if (scope is AdHocSubProcess || scope.FlowNodes.OfType<StartEvent>().Any())
            {
                continue;
            }

            var element = (BpmnElement)scope;
            var label = BpmnValidationContext.Label(element);
            context.Report(
                BpmnProblemCodes.MissingStartEvent,
                BpmnProblemSeverity.Error,
                element,
                $"{label} hat kein Startereignis und kann nicht gestartet werden.",
                $"{label} has no start event and cannot be started.");
        }
    }
}
