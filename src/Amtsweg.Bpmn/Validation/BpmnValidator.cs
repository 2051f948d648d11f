using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Validation.Checks;

namespace Amtsweg.Bpmn.Validation;

/// <summary>
/// Checks whether a model can be executed by the engine and reports each finding with element id, position,
/// a stable code (<see cref="BpmnProblemCodes"/>) and messages in German and English. Processes with
/// <c>isExecutable="false"</c> are reported and otherwise skipped.
/// </summary>
public static class BpmnValidator
{
    private static readonly IBpmnCheck[] Checks =
    [
        new ExecutableProcessCheck(),
        new DuplicateIdCheck(),
        new ReferenceCheck(),
        new UnsupportedElementCheck(),
        new StartEventCheck(),
        new FlowConnectionCheck(),
        new GatewayConditionCheck(),
        new UserTaskFormCheck(),
        new TimerExpressionCheck(),
        new CalledProcessCheck(),
        new JobTypeCheck(),
        new CycleWithoutWaitStateCheck(),
        new FeelSyntaxCheck(),
        new EventDefinitionReferenceCheck(),
        new ScopeBoundaryCheck(),
        new ConditionLanguageCheck(),
    ];

    /// <summary>Validates a model.</summary>
    public static BpmnValidationResult Validate(BpmnDefinitions definitions, BpmnValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var context = new BpmnValidationContext(definitions, options ?? BpmnValidationOptions.Default);
        foreach (var check in Checks)
        {
            check.Check(context);
        }

        return new BpmnValidationResult([.. definitions.ReadWarnings.Concat(context.Problems).OrderBy(p => p.Line).ThenBy(p => p.Column).ThenBy(p => p.Code, StringComparer.Ordinal)]);
    }
}
