using System.Xml.Linq;
using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn.Validation.Checks;

/// <summary>
/// When <see cref="BpmnValidationOptions.RequireUserTaskForm"/> is set, reports user tasks without a form:
/// neither <c>zeebe:formDefinition</c> nor a Camunda 7 <c>camunda:formKey</c>/<c>camunda:formRef</c>.
/// </summary>
internal sealed class UserTaskFormCheck : IBpmnCheck
{

    public void Check(BpmnValidationContext context)
    {
        if (!context.Options.RequireUserTaskForm)
        {
            return;
        }

        foreach (var task in context.ExecutableElements.OfType<UserTask>())
        {
            var form = task.Zeebe.FormDefinition;
            var hasForm = !string.IsNullOrWhiteSpace(form?.FormId)
                || !string.IsNullOrWhiteSpace(form?.FormKey)
                || !string.IsNullOrWhiteSpace(form?.ExternalReference)
                || !string.IsNullOrWhiteSpace(task.GetAttribute(BpmnNamespaces.Camunda7 + "formKey"))
                || !string.IsNullOrWhiteSpace(task.GetAttribute(BpmnNamespaces.Camunda7 + "formRef"));
            if (hasForm)
            {
                continue;
            }

            var label = BpmnValidationContext.Label(task);
            context.Report(
                BpmnProblemCodes.MissingUserTaskForm,
                BpmnProblemSeverity.Error,
                task,
                $"Die Benutzeraufgabe {label} hat kein Formular.",
                $"The user task {label} has no form.");
        }
    }
}
