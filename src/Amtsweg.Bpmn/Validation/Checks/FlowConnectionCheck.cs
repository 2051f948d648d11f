using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn.Validation.Checks;

/// <summary>
/// Reports flow nodes without the incoming or outgoing sequence flow they need. Exempt from incoming: start and
/// boundary events, link catch events, event sub-processes, compensation handlers and anything in an ad-hoc
/// sub-process. Outgoing is needed by start, boundary and intermediate events (not link throws) and gateways;
/// an activity without outgoing flow ends its path, as BPMN allows.
/// </summary>
internal sealed class FlowConnectionCheck : IBpmnCheck
{
    public void Check(BpmnValidationContext context)
    {
        foreach (var scope in context.ExecutableScopes.Where(s => s is not AdHocSubProcess))
        {
            foreach (var node in scope.FlowNodes)
            {
                if (node.Incoming.IsEmpty && NeedsIncoming(node))
                {
                    var label = BpmnValidationContext.Label(node);
                    context.Report(
                        BpmnProblemCodes.MissingIncomingFlow,
                        BpmnProblemSeverity.Error,
                        node,
                        $"{label} hat keinen eingehenden Sequenzfluss und wird nie erreicht.",
                        $"{label} has no incoming sequence flow and is never reached.");
                }

                if (node.Outgoing.IsEmpty && NeedsOutgoing(node))
                {
                    var label = BpmnValidationContext.Label(node);
                    context.Report(
                        BpmnProblemCodes.MissingOutgoingFlow,
                        BpmnProblemSeverity.Error,
                        node,
                        $"{label} hat keinen ausgehenden Sequenzfluss.",
                        $"{label} has no outgoing sequence flow.");
                }
            }
        }
    }

    private static bool NeedsIncoming(FlowNode node) => node switch
    {
        StartEvent or BoundaryEvent => false,
        IntermediateCatchEvent catchEvent => catchEvent.GetEventDefinition<LinkEventDefinition>() is null,
        SubProcess { TriggeredByEvent: true } => false,
        Activity { IsForCompensation: true } => false,
        _ => true,
    };

    private static bool NeedsOutgoing(FlowNode node) => node switch
    {
        StartEvent or IntermediateCatchEvent or Gateway => true,
        BoundaryEvent boundary => boundary.GetEventDefinition<CompensateEventDefinition>() is null,
        IntermediateThrowEvent throwEvent => throwEvent.GetEventDefinition<LinkEventDefinition>() is null,
        _ => false,
    };
}
