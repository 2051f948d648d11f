using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn.Validation.Checks;

/// <summary>
/// When <see cref="BpmnValidationOptions.RequireJobType"/> is set, reports service, send, script and business rule
/// tasks that give the engine nothing to run: no job type (<c>zeebe:taskDefinition</c>), and for script tasks no
/// <c>zeebe:script</c>, for business rule tasks no <c>zeebe:calledDecision</c>. Message intermediate throw events and
/// message end events send their message through a job worker, as in Camunda 8, and need a job type too.
/// </summary>
internal sealed class JobTypeCheck : IBpmnCheck
{
    public void Check(BpmnValidationContext context)
    {
        if (!context.Options.RequireJobType)
        {
            return;
        }

        foreach (var task in context.ExecutableElements.OfType<FlowNode>().Where(n => n is BpmnTask || n is ThrowEvent t && t.GetEventDefinition<MessageEventDefinition>() is not null))
        {
            var zeebe = task.Zeebe;
            var hasJobType = !string.IsNullOrWhiteSpace(zeebe.TaskDefinition?.Type?.Text);
            var runnable = task switch
            {
                ServiceTask or SendTask or ThrowEvent => hasJobType,
                ScriptTask => hasJobType || zeebe.Script?.Expression is not null,
                BusinessRuleTask => hasJobType || zeebe.CalledDecision?.DecisionId is not null,
                _ => true,
            };
            if (runnable)
            {
                continue;
            }

            var label = BpmnValidationContext.Label(task);
            context.Report(
                BpmnProblemCodes.MissingJobType,
                BpmnProblemSeverity.Error,
                task,
                $"{label} hat keinen Job-Typ (zeebe:taskDefinition type) und keine andere Ausführung.",
                $"{label} has no job type (zeebe:taskDefinition type) and no other implementation.");
        }
    }
}
