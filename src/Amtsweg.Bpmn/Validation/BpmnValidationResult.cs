using System.Collections.Immutable;

namespace Amtsweg.Bpmn.Validation;

/// <summary>The problems <see cref="BpmnValidator"/> found, in document order.</summary>
public sealed record BpmnValidationResult(ImmutableArray<BpmnProblem> Problems)
{
    /// <summary>True when there is no problem of severity <see cref="BpmnProblemSeverity.Error"/>.</summary>
    public bool IsValid => Problems.All(p => p.Severity != BpmnProblemSeverity.Error);

    /// <summary>The errors.</summary>
    public IEnumerable<BpmnProblem> Errors => Problems.Where(p => p.Severity == BpmnProblemSeverity.Error);

    /// <summary>The warnings.</summary>
    public IEnumerable<BpmnProblem> Warnings => Problems.Where(p => p.Severity == BpmnProblemSeverity.Warning);
}
