using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn.Validation.Checks;

/// <summary>
/// Reports events and tasks whose trigger the engine cannot correlate: message events and receive tasks need a
/// message with a name, signal events a signal with a name, thrown errors an error code and thrown escalations an
/// escalation code. Catching errors and escalations without a reference is allowed (they catch all).
/// </summary>
internal sealed class EventDefinitionReferenceCheck : IBpmnCheck
{
    public void Check(BpmnValidationContext context)
    {
        foreach (var element in context.ExecutableElements)
        {
            switch (element)
            {
                case ReceiveTask receive when string.IsNullOrWhiteSpace(receive.Message?.Name):
                    Report(context, receive, "eine Nachricht mit Namen (messageRef)", "a message with a name (messageRef)");
                    break;
                case BpmnEvent bpmnEvent:
                    CheckEvent(context, bpmnEvent);
                    break;
                default:
                    break;
            }
        }
    }

    private static void CheckEvent(BpmnValidationContext context, BpmnEvent bpmnEvent)
    {
        var throwing = bpmnEvent is ThrowEvent;
        foreach (var definition in bpmnEvent.AllEventDefinitions)
        {
            switch (definition)
            {
                case MessageEventDefinition message when string.IsNullOrWhiteSpace(message.Message?.Name):
                    Report(context, bpmnEvent, "eine Nachricht mit Namen (messageRef)", "a message with a name (messageRef)");
                    break;
                case SignalEventDefinition signal when string.IsNullOrWhiteSpace(signal.Signal?.Name):
                    Report(context, bpmnEvent, "ein Signal mit Namen (signalRef)", "a signal with a name (signalRef)");
                    break;
                case ErrorEventDefinition error when throwing && string.IsNullOrWhiteSpace(error.Error?.ErrorCode):
                    Report(context, bpmnEvent, "einen Fehler mit Fehlercode (errorRef)", "an error with an error code (errorRef)");
                    break;
                case EscalationEventDefinition escalation when throwing && string.IsNullOrWhiteSpace(escalation.Escalation?.EscalationCode):
                    Report(context, bpmnEvent, "eine Eskalation mit Code (escalationRef)", "an escalation with a code (escalationRef)");
                    break;
                default:
                    break;
            }
        }
    }

    private static void Report(BpmnValidationContext context, FlowNode node, string neededGerman, string neededEnglish)
    {
        var label = BpmnValidationContext.Label(node);
        context.Report(
            BpmnProblemCodes.IncompleteEventDefinition,
            BpmnProblemSeverity.Error,
            node,
            $"{label} braucht {neededGerman}.",
            $"{label} needs {neededEnglish}.");
    }
}
