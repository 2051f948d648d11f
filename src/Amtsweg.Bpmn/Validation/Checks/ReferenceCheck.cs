using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn.Validation.Checks;

/// <summary>Reports references the engine follows that do not resolve: flow ends, attached activities, default flows.</summary>
internal sealed class ReferenceCheck : IBpmnCheck
{
    public void Check(BpmnValidationContext context)
    {
        foreach (var element in context.ExecutableElements)
        {
            switch (element)
            {
                case SequenceFlow flow:
                    if (flow.Source is null)
                    {
                        Unresolved(context, flow, "sourceRef", flow.SourceRef);
                    }

                    if (flow.Target is null)
                    {
                        Unresolved(context, flow, "targetRef", flow.TargetRef);
                    }

                    break;
                case BoundaryEvent boundary when boundary.AttachedTo is null:
                    Unresolved(context, boundary, "attachedToRef", boundary.AttachedToRef);
                    break;
                case Activity activity:
                    CheckDefault(context, activity, activity.DefaultRef, activity.Default, activity.Outgoing);
                    break;
                case Gateway gateway:
                    CheckDefault(context, gateway, gateway.DefaultRef, gateway.Default, gateway.Outgoing);
                    break;
                default:
                    break;
            }
        }
    }

    private static void CheckDefault(BpmnValidationContext context, FlowNode node, string? defaultRef, SequenceFlow? resolved, IReadOnlyCollection<SequenceFlow> outgoing)
    {
        if (string.IsNullOrEmpty(defaultRef))
        {
            return;
        }

        if (resolved is null || !outgoing.Contains(resolved))
        {
            var label = BpmnValidationContext.Label(node);
            context.Report(
                BpmnProblemCodes.UnresolvedReference,
                BpmnProblemSeverity.Error,
                node,
                $"Der Standardfluss '{defaultRef}' von {label} ist kein ausgehender Sequenzfluss dieses Elements.",
                $"The default flow '{defaultRef}' of {label} is not an outgoing sequence flow of that element.");
        }
    }

    private static void Unresolved(BpmnValidationContext context, BpmnElement element, string attribute, string value)
    {
        var label = BpmnValidationContext.Label(element);
        context.Report(
            BpmnProblemCodes.UnresolvedReference,
            BpmnProblemSeverity.Error,
            element,
            $"{attribute}=\"{value}\" von {label} verweist auf kein passendes Element.",
            $"{attribute}=\"{value}\" of {label} does not refer to a suitable element.");
    }
}
