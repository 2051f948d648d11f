namespace Amtsweg.Bpmn.Validation.Checks;

/// <summary>Reports ids used by more than one element; references would resolve to the first one only.</summary>
internal sealed class DuplicateIdCheck : IBpmnCheck
{
    public void Check(BpmnValidationContext context)
    {
        foreach (var id in context.Definitions.DuplicateIds)
        {
            var first = context.Definitions.FindElement(id);
            context.Report(
                BpmnProblemCodes.DuplicateId,
                BpmnProblemSeverity.Error,
                id,
                first?.Line ?? 0,
                first?.Column ?? 0,
                $"Die ID '{id}' wird von mehreren Elementen verwendet.",
                $"The id '{id}' is used by more than one element.");
        }
    }
}
