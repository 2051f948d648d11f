using System.Collections.Immutable;
using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn.Zeebe;

/// <summary>
/// Typed access to the Camunda 8 (Zeebe, <c>http://camunda.org/schema/zeebe/1.0</c>) extension elements of one
/// BPMN element. A member is null when the element does not carry that extension. The XML itself stays in
/// <see cref="BpmnElement.ExtensionElements"/>; this is a read-only interpretation of it.
/// </summary>
public sealed record ZeebeExtensions
{
    /// <summary>No Zeebe extensions.</summary>
    public static ZeebeExtensions Empty { get; } = new();

    /// <summary><c>zeebe:taskDefinition</c> of service, send, script and business rule tasks.</summary>
    public ZeebeTaskDefinition? TaskDefinition { get; init; }

    /// <summary><c>zeebe:ioMapping</c> inputs.</summary>
    public ImmutableArray<ZeebeMapping> Inputs { get; init; } = [];

    /// <summary><c>zeebe:ioMapping</c> outputs.</summary>
    public ImmutableArray<ZeebeMapping> Outputs { get; init; } = [];

    /// <summary>True when a <c>zeebe:ioMapping</c> element is present.</summary>
    public bool HasIoMapping { get; init; }

    /// <summary><c>zeebe:taskHeaders</c>.</summary>
    public ImmutableArray<ZeebeHeader> TaskHeaders { get; init; } = [];

    /// <summary><c>zeebe:subscription</c> of a message.</summary>
    public ZeebeSubscription? Subscription { get; init; }

    /// <summary><c>zeebe:calledElement</c> of a call activity.</summary>
    public ZeebeCalledElement? CalledElement { get; init; }

    /// <summary><c>zeebe:calledDecision</c> of a business rule task.</summary>
    public ZeebeCalledDecision? CalledDecision { get; init; }

    /// <summary><c>zeebe:formDefinition</c> of a user task or start event.</summary>
    public ZeebeFormDefinition? FormDefinition { get; init; }

    /// <summary>True when the <c>zeebe:userTask</c> marker is present (a Camunda user task rather than a job-worker user task).</summary>
    public bool IsZeebeUserTask { get; init; }

    /// <summary><c>zeebe:userTaskForm</c> elements (embedded form JSON, referenced by <c>formKey</c>) of a process.</summary>
    public ImmutableArray<ZeebeUserTaskForm> UserTaskForms { get; init; } = [];

    /// <summary><c>zeebe:assignmentDefinition</c> of a user task.</summary>
    public ZeebeAssignmentDefinition? AssignmentDefinition { get; init; }

    /// <summary><c>zeebe:taskSchedule</c> of a user task.</summary>
    public ZeebeTaskSchedule? TaskSchedule { get; init; }

    /// <summary><c>zeebe:loopCharacteristics</c> inside a multi-instance loop.</summary>
    public ZeebeLoopCharacteristics? LoopCharacteristics { get; init; }

    /// <summary><c>zeebe:script</c> of a script task.</summary>
    public ZeebeScript? Script { get; init; }

    /// <summary><c>zeebe:versionTag</c> value of a process.</summary>
    public string? VersionTag { get; init; }

    /// <summary><c>zeebe:properties</c>.</summary>
    public ImmutableArray<ZeebeProperty> Properties { get; init; } = [];

    /// <summary><c>zeebe:adHoc</c> of an ad-hoc sub-process.</summary>
    public ZeebeAdHoc? AdHoc { get; init; }

    /// <summary>Value equality, comparing the lists element by element.</summary>
    public bool Equals(ZeebeExtensions? other) =>
        other is not null
        && TaskDefinition == other.TaskDefinition
        && Inputs.SequenceEqual(other.Inputs)
        && Outputs.SequenceEqual(other.Outputs)
        && HasIoMapping == other.HasIoMapping
        && TaskHeaders.SequenceEqual(other.TaskHeaders)
        && Subscription == other.Subscription
        && CalledElement == other.CalledElement
        && CalledDecision == other.CalledDecision
        && FormDefinition == other.FormDefinition
        && IsZeebeUserTask == other.IsZeebeUserTask
        && UserTaskForms.SequenceEqual(other.UserTaskForms)
        && AssignmentDefinition == other.AssignmentDefinition
        && TaskSchedule == other.TaskSchedule
        && LoopCharacteristics == other.LoopCharacteristics
        && Script == other.Script
        && VersionTag == other.VersionTag
        && Properties.SequenceEqual(other.Properties)
        && AdHoc == other.AdHoc;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(TaskDefinition, Inputs.Length, Outputs.Length, CalledElement, FormDefinition, Script, VersionTag);
}

/// <summary><c>zeebe:taskDefinition</c>: the job type workers subscribe to and the retries.</summary>
public sealed record ZeebeTaskDefinition(BpmnExpression? Type, BpmnExpression? Retries);

/// <summary>A <c>zeebe:input</c> or <c>zeebe:output</c> mapping.</summary>
/// <param name="Source">The source expression (usually FEEL); null when absent.</param>
/// <param name="Target">The target variable name.</param>
public sealed record ZeebeMapping(BpmnExpression? Source, string Target);

/// <summary>A <c>zeebe:header</c>.</summary>
public sealed record ZeebeHeader(string Key, string Value);

/// <summary><c>zeebe:subscription</c> of a message.</summary>
public sealed record ZeebeSubscription(BpmnExpression? CorrelationKey);

/// <summary>How a called process or decision is bound at run time.</summary>
public enum ZeebeBindingType
{
    /// <summary>The latest deployed version (the default).</summary>
    Latest,

    /// <summary>The version deployed together with the caller.</summary>
    Deployment,

    /// <summary>The version with the given version tag.</summary>
    VersionTag,
}

/// <summary><c>zeebe:calledElement</c> of a call activity.</summary>
public sealed record ZeebeCalledElement(
    BpmnExpression? ProcessId,
    bool PropagateAllChildVariables,
    bool PropagateAllParentVariables,
    ZeebeBindingType BindingType,
    string? VersionTag);

/// <summary><c>zeebe:calledDecision</c> of a business rule task.</summary>
public sealed record ZeebeCalledDecision(
    BpmnExpression? DecisionId,
    string? ResultVariable,
    ZeebeBindingType BindingType,
    string? VersionTag);

/// <summary><c>zeebe:formDefinition</c>: a linked form (<c>formId</c>), an embedded or custom form (<c>formKey</c>) or an external reference.</summary>
public sealed record ZeebeFormDefinition(string? FormKey, string? FormId, string? ExternalReference, ZeebeBindingType BindingType, string? VersionTag);

/// <summary><c>zeebe:userTaskForm</c>: a form JSON embedded in the process.</summary>
public sealed record ZeebeUserTaskForm(string? Id, string Body);

/// <summary><c>zeebe:assignmentDefinition</c>.</summary>
public sealed record ZeebeAssignmentDefinition(BpmnExpression? Assignee, BpmnExpression? CandidateGroups, BpmnExpression? CandidateUsers);

/// <summary><c>zeebe:taskSchedule</c>.</summary>
public sealed record ZeebeTaskSchedule(BpmnExpression? DueDate, BpmnExpression? FollowUpDate);

/// <summary><c>zeebe:loopCharacteristics</c> of a multi-instance activity.</summary>
public sealed record ZeebeLoopCharacteristics(BpmnExpression? InputCollection, string? InputElement, string? OutputCollection, BpmnExpression? OutputElement);

/// <summary><c>zeebe:script</c>: a FEEL expression evaluated in place of a job.</summary>
public sealed record ZeebeScript(BpmnExpression? Expression, string? ResultVariable);

/// <summary>A <c>zeebe:property</c>.</summary>
public sealed record ZeebeProperty(string Name, string? Value);

/// <summary>
/// <c>zeebe:adHoc</c> of an ad-hoc sub-process (Camunda 8.7+): the FEEL expression naming the inner elements that are
/// activated when the sub-process is entered, and the collection of the inner elements' results (Camunda 8.8).
/// </summary>
public sealed record ZeebeAdHoc(BpmnExpression? ActiveElementsCollection, string? OutputCollection = null, BpmnExpression? OutputElement = null);
