using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn.Validation.Checks;

/// <summary>
/// Reports processes marked <c>isExecutable="false"</c>: an error when the file has no executable process at all,
/// a warning when another process of the file is executable (typical for collaborations with partner pools).
/// </summary>
internal sealed class ExecutableProcessCheck : IBpmnCheck
{
    public void Check(BpmnValidationContext context)
    {
        var severity = context.ExecutableProcesses.IsEmpty ? BpmnProblemSeverity.Error : BpmnProblemSeverity.Warning;
        foreach (var process in context.Definitions.Processes.Where(p => p.IsExecutable == false))
        {
            var label = BpmnValidationContext.Label(process);
            context.Report(
                BpmnProblemCodes.ProcessNotExecutable,
                severity,
                process,
                $"Der Prozess {label} ist als nicht ausführbar markiert (isExecutable=\"false\") und wird nicht ausgeführt.",
                $"Process {label} is marked as not executable (isExecutable=\"false\") and will not be executed.");
        }
    }
}
