using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn.Validation.Checks;

/// <summary>
/// Reports sequence flows whose source or target lies in another scope than the flow itself (a token cannot
/// leave or enter a sub-process along a sequence flow), and boundary events that are not in the scope of the
/// activity they are attached to.
/// </summary>
internal sealed class ScopeBoundaryCheck : IBpmnCheck
{
    public void Check(BpmnValidationContext context)
    {
        foreach (var element in context.ExecutableElements)
        {
            switch (element)
            {
                case SequenceFlow flow when (flow.Source is not null && flow.Source.Scope != flow.Scope) || (flow.Target is not null && flow.Target.Scope != flow.Scope):
                    var label = BpmnValidationContext.Label(flow);
                    context.Report(
                        BpmnProblemCodes.CrossesScope,
                        BpmnProblemSeverity.Error,
                        flow,
                        $"Der Sequenzfluss {label} verbindet Elemente verschiedener (Unter-)Prozesse; Sequenzflüsse dürfen die Grenze eines Unterprozesses nicht überqueren.",
                        $"The sequence flow {label} connects elements of different (sub-)processes; sequence flows must not cross a sub-process boundary.");
                    break;
                case BoundaryEvent { AttachedTo: { } activity } boundary when activity.Scope != boundary.Scope:
                    var boundaryLabel = BpmnValidationContext.Label(boundary);
                    context.Report(
                        BpmnProblemCodes.CrossesScope,
                        BpmnProblemSeverity.Error,
                        boundary,
                        $"Das Randereignis {boundaryLabel} liegt nicht im selben (Unter-)Prozess wie die Aktivität '{activity.Id}', an die es angeheftet ist.",
                        $"The boundary event {boundaryLabel} is not in the same (sub-)process as the activity '{activity.Id}' it is attached to.");
                    break;
                default:
                    break;
            }
        }
    }
}
