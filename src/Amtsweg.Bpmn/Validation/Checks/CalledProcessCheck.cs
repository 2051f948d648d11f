using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn.Validation.Checks;

/// <summary>
/// Reports call activities that name no process, or a static process id that is neither a process of the file
/// nor known to <see cref="BpmnValidationOptions.IsKnownProcess"/>. A FEEL process id is decided at run time.
/// </summary>
internal sealed class CalledProcessCheck : IBpmnCheck
{
    public void Check(BpmnValidationContext context)
    {
        foreach (var call in context.ExecutableElements.OfType<CallActivity>())
        {
            var label = BpmnValidationContext.Label(call);
            var processId = call.CalledProcessId;
            if (processId is null || processId.Text.Length == 0)
            {
                context.Report(
                    BpmnProblemCodes.MissingCalledElement,
                    BpmnProblemSeverity.Error,
                    call,
                    $"Die Aufrufaktivität {label} gibt keinen aufzurufenden Prozess an.",
                    $"The call activity {label} does not name a process to call.");
                continue;
            }

            if (processId.IsFeel || IsKnown(context, processId.Text))
            {
                continue;
            }

            context.Report(
                BpmnProblemCodes.UnknownCalledProcess,
                BpmnProblemSeverity.Error,
                call,
                $"Die Aufrufaktivität {label} ruft den unbekannten Prozess '{processId.Text}' auf.",
                $"The call activity {label} calls the unknown process '{processId.Text}'.");
        }
    }

    private static bool IsKnown(BpmnValidationContext context, string processId) =>
        context.Definitions.FindProcess(processId) is not null || context.Options.IsKnownProcess?.Invoke(processId) == true;
}
