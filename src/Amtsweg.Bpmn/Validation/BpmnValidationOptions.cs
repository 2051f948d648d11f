using System.Collections.Immutable;

namespace Amtsweg.Bpmn.Validation;

/// <summary>Options of <see cref="BpmnValidator"/>.</summary>
public sealed record BpmnValidationOptions
{
    /// <summary>The default options.</summary>
    public static BpmnValidationOptions Default { get; } = new();

    /// <summary>When true, every user task must have a form (<c>zeebe:formDefinition</c> or a linked <c>zeebe:userTaskForm</c>).</summary>
    public bool RequireUserTaskForm { get; init; }

    /// <summary>
    /// Tells whether a process id is known outside the validated file (for example deployed). Processes of the
    /// file itself are always known. When null, only the file's processes count.
    /// </summary>
    public Func<string, bool>? IsKnownProcess { get; init; }

    /// <summary>When true, service, send and script tasks need a job type or a Zeebe script (Camunda 8 dialect).</summary>
    public bool RequireJobType { get; init; } = true;

    /// <summary>
    /// Element local names (BPMN namespace) that the engine does not execute. The default lists what the
    /// engine does not support: transactions, cancel events and choreographies.
    /// </summary>
    public ImmutableHashSet<string> UnsupportedElements { get; init; } =
    [
        "transaction", "cancelEventDefinition",
        "choreographyTask", "subChoreography", "callChoreography", "implicitThrowEvent",
    ];
}
