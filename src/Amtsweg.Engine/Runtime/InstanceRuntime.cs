using Amtsweg.Bpmn.Model;
using Amtsweg.Engine.Persistence;

namespace Amtsweg.Engine.Runtime;

/// <summary>
/// One process instance as a command sees it: the tracked rows of its token tree, variables, open user tasks,
/// event subscriptions and jobs, and its parsed model. Loaded once per command; changes are flushed at the end.
/// </summary>
internal sealed class InstanceRuntime(
    ProcessInstanceEntity entity,
    ProcessDefinitionEntity definition,
    BpmnDefinitions model,
    BpmnProcess process)
{
    public ProcessInstanceEntity Entity { get; } = entity;

    public ProcessDefinitionEntity Definition { get; } = definition;

    public BpmnDefinitions Model { get; } = model;

    public BpmnProcess Process { get; } = process;

    public List<ExecutionEntity> Executions { get; } = [];

    public List<VariableEntity> Variables { get; } = [];

    public List<UserTaskEntity> OpenTasks { get; } = [];

    public List<EventSubscriptionEntity> Subscriptions { get; } = [];

    public List<JobEntity> Jobs { get; } = [];

    public Guid Id => Entity.Id;

    public bool Contains(ExecutionEntity execution) => Executions.Contains(execution);

    public ExecutionEntity? Find(Guid executionId)
    {
        // A loop rather than List.Find: this runs for every step of every token, and the predicate would be a new closure each time.
        foreach (var execution in Executions)
        {
            if (execution.Id == executionId)
            {
                return execution;
            }
        }

        return null;
    }

    public ExecutionEntity? Parent(ExecutionEntity execution) =>
        execution.ParentId is { } parentId ? Find(parentId) : null;

    public IEnumerable<ExecutionEntity> Children(ExecutionEntity execution) =>
        Executions.Where(e => e.ParentId == execution.Id);

    /// <summary>The flow node of a token, or null for the root scope (for an ad-hoc activation, the ad-hoc sub-process).</summary>
    public FlowNode? Node(ExecutionEntity execution) =>
        execution.Kind == ExecutionKind.ProcessInstance ? null : Model.FindElement<FlowNode>(execution.ElementId);

    public FlowNode RequiredNode(ExecutionEntity execution) =>
        Node(execution) ?? throw new IncidentException(IncidentTypes.UnsupportedElement, execution.ElementId, $"Das Element '{execution.ElementId}' ist kein Schritt des Prozesses '{Process.Id}'.", Id);

    /// <summary>True for an instance of a multi-instance activity (a child of the body at the same element).</summary>
    public bool IsInnerInstance(ExecutionEntity execution) =>
        Parent(execution) is { Kind: ExecutionKind.MultiInstanceBody } body && body.ElementId == execution.ElementId;

    public long NextSequence() => Entity.NextSequence++;
}
