using Amtsweg.Bpmn.Model;
using Amtsweg.Engine.Persistence;
using Amtsweg.Feel;

namespace Amtsweg.Engine.Runtime;

/// <summary>The atomic operations: how tokens move between flow nodes.</summary>
internal sealed partial class CommandContext
{
    public void TakeSequenceFlow(InstanceRuntime runtime, ExecutionEntity execution, SequenceFlow flow)
    {
        var target = flow.Target ?? throw new IncidentException(IncidentTypes.UnsupportedElement, flow.Id ?? "", $"Der Sequenzfluss '{flow.Id}' hat kein Ziel.");
        History(runtime, HistoryEventTypes.SequenceFlowTaken, execution, flow.Id, "sequenceFlow");
        execution.ElementId = target.Id!;
        execution.ArrivedVia = flow.Id;
        execution.EnteredAt = Now;
        execution.IsWaiting = false;
        execution.LoopCounter = 0;
        Schedule(new EnterElementOperation(runtime, execution));
    }

    public void EnterElement(InstanceRuntime runtime, ExecutionEntity execution)
    {
        var node = runtime.RequiredNode(execution);
        if (WaitsBeforeEntering(runtime, execution, node))
        {
            return;
        }

        if (node is Activity { LoopCharacteristics: MultiInstanceLoopCharacteristics loop } activity
            && execution.Kind == ExecutionKind.Token
            && !runtime.IsInnerInstance(execution))
        {
            History(runtime, HistoryEventTypes.ElementEntered, execution, activity.Id, MultiInstanceBodyType);
            StartMultiInstance(runtime, execution, activity, loop);
            return;
        }

        History(runtime, HistoryEventTypes.ElementEntered, execution, node);
        if (node is Activity { LoopCharacteristics: StandardLoopCharacteristics standard } looping)
        {
            StartStandardLoop(runtime, execution, looping, standard);
            return;
        }

        ApplyInputs(runtime, execution, node);
        if (node is Activity host && !runtime.IsInnerInstance(execution))
        {
            SubscribeBoundaryEvents(runtime, execution, host);
        }

        Schedule(new ExecuteElementOperation(runtime, execution));
    }

    public void LeaveElement(InstanceRuntime runtime, ExecutionEntity execution)
    {
        var node = runtime.RequiredNode(execution);
        execution.IsWaiting = false;
        if (execution.Kind == ExecutionKind.MultiInstanceBody)
        {
            History(runtime, HistoryEventTypes.ElementCompleted, execution, node.Id, MultiInstanceBodyType);
            execution.Kind = ExecutionKind.Token;
            execution.LoopState = null;
            RemoveLocals(runtime, execution);
            RemoveWaits(runtime, execution);
            if (!WaitsBeforeLeaving(runtime, execution, node))
            {
                TakeOutgoing(runtime, execution, node);
            }

            return;
        }

        PropagateAdHocOutputCollection(runtime, execution, node);
        ApplyOutputs(runtime, execution, node);
        var inner = runtime.IsInnerInstance(execution);
        if (inner)
        {
            CollectMultiInstanceOutput(runtime, execution, (Activity)node);
        }

        RecordCompensation(runtime, execution, node);

        // After each iteration the condition decides about the next one: for a test-before loop this is the check
        // before that run (the first was checked when the element was entered), for a test-after loop the check after this one.
        if (node is Activity { LoopCharacteristics: StandardLoopCharacteristics standard } looping && RepeatsStandardLoop(runtime, execution, looping, standard))
        {
            return;
        }

        RemoveLocals(runtime, execution);
        RemoveWaits(runtime, execution);
        History(runtime, HistoryEventTypes.ElementCompleted, execution, node);
        if (inner)
        {
            CompleteInnerInstance(runtime, execution, (Activity)node);
            return;
        }

        if (!WaitsBeforeLeaving(runtime, execution, node))
        {
            TakeOutgoing(runtime, execution, node);
        }
    }

    public void EndExecution(InstanceRuntime runtime, ExecutionEntity execution)
    {
        var scope = runtime.Parent(execution);
        RemoveExecution(runtime, execution);
        if (scope is null || EndAdHocPath(runtime, scope, execution))
        {
            return;
        }

        if (!runtime.Children(scope).Any())
        {
            Schedule(new PropagateToParentOperation(runtime, scope));
        }
        else
        {
            RecheckInclusiveJoins(runtime, scope);
            RecheckComplexGateways(runtime, scope);
        }
    }

    public void PropagateToParent(InstanceRuntime runtime, ExecutionEntity scope)
    {
        switch (scope.Kind)
        {
            case ExecutionKind.ProcessInstance:
                CompleteInstance(runtime);
                break;
            case ExecutionKind.Token:
                Schedule(new LeaveElementOperation(runtime, scope));
                break;
            case ExecutionKind.MultiInstanceBody:
                Schedule(new LeaveElementOperation(runtime, scope));
                break;
            case ExecutionKind.AdHocInnerInstance:
                CompleteAdHocActivation(runtime, scope);
                break;
        }
    }

    /// <summary>Chooses the outgoing flows of a node (conditions, default flow) and moves tokens along them.</summary>
    private void TakeOutgoing(InstanceRuntime runtime, ExecutionEntity execution, FlowNode node)
    {
        if (node.Outgoing.IsEmpty)
        {
            Schedule(new EndExecutionOperation(runtime, execution));
            return;
        }

        var selected = SelectFlows(runtime, execution, node);
        for (var i = 0; i < selected.Count; i++)
        {
            var token = i == 0 ? execution : NewToken(runtime, runtime.Parent(execution)!, node.Id!);
            Schedule(new TakeSequenceFlowOperation(runtime, token, selected[i]));
        }
    }

    private List<SequenceFlow> SelectFlows(InstanceRuntime runtime, ExecutionEntity execution, FlowNode node)
    {
        if (node is ParallelGateway)
        {
            return [.. node.Outgoing];
        }

        var defaultFlow = node switch
        {
            Gateway gateway => gateway.Default,
            Activity activity => activity.Default,
            _ => null,
        };
        var candidates = node.Outgoing.Where(f => !ReferenceEquals(f, defaultFlow)).ToList();
        FeelScope? scope = null;
        var selected = new List<SequenceFlow>();
        foreach (var flow in candidates)
        {
            var taken = true;
            if (flow.ConditionExpression is { } condition)
            {
                scope ??= Scope(runtime, execution);
                taken = Expressions.EvaluateCondition(condition.Expression, scope, flow.Id ?? node.Id!);
            }

            if (!taken)
            {
                continue;
            }

            selected.Add(flow);
            if (node is ExclusiveGateway)
            {
                break;
            }
        }

        if (selected.Count == 0 && defaultFlow is not null)
        {
            selected.Add(defaultFlow);
        }

        return selected.Count > 0
            ? selected
            : throw new IncidentException(IncidentTypes.NoFlowTaken, node.Id!, $"Keine Bedingung der ausgehenden Sequenzflüsse von '{node.Id}' ist wahr, und es gibt keinen Standardfluss.");
    }

    private void ApplyInputs(InstanceRuntime runtime, ExecutionEntity execution, FlowNode node)
    {
        if (node.Zeebe.Inputs.IsEmpty)
        {
            return;
        }

        foreach (var input in node.Zeebe.Inputs)
        {
            // Later inputs may read earlier ones, so each is written before the next is evaluated.
            var value = input.Source is null ? FeelValue.Null : Expressions.Evaluate(input.Source, Scope(runtime, execution), node.Id!);
            SetLocal(runtime, execution, [new(input.Target, value)]);
        }
    }

    private void ApplyOutputs(InstanceRuntime runtime, ExecutionEntity execution, FlowNode node)
    {
        if (node.Zeebe.Outputs.IsEmpty)
        {
            return;
        }

        var scope = Scope(runtime, execution);
        var values = node.Zeebe.Outputs
            .Select(output => new KeyValuePair<string, FeelValue>(output.Target, output.Source is null ? FeelValue.Null : Expressions.Evaluate(output.Source, scope, node.Id!)))
            .ToList();
        Propagate(runtime, runtime.Parent(execution) ?? execution, values);
    }

    /// <summary>
    /// Sets the variables a task completion, message or job result brings: local to the element when it has
    /// output mappings (which then decide what leaves it), otherwise propagated.
    /// </summary>
    public void SetResultVariables(InstanceRuntime runtime, ExecutionEntity execution, FlowNode node, IEnumerable<KeyValuePair<string, FeelValue>> values)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            return;
        }

        if (node.Zeebe.Outputs.IsEmpty)
        {
            Propagate(runtime, execution, list);
        }
        else
        {
            SetLocal(runtime, execution, list);
        }
    }

    /// <summary>Removes an execution with its locals, jobs and subscriptions (no history: the caller records why).</summary>
    public void RemoveExecution(InstanceRuntime runtime, ExecutionEntity execution)
    {
        RemoveLocals(runtime, execution);
        RemoveWaits(runtime, execution);
        runtime.Executions.Remove(execution);
        Db.Executions.Remove(execution);
    }

    /// <summary>Removes the jobs and event subscriptions an execution waits for (only those of one element when it is given).</summary>
    public void RemoveWaits(InstanceRuntime runtime, ExecutionEntity execution, string? elementId = null)
    {
        // Loops rather than LINQ: this runs whenever a token leaves an element, mostly with nothing to remove.
        for (var i = runtime.Jobs.Count - 1; i >= 0; i--)
        {
            var job = runtime.Jobs[i];
            if (job.ExecutionId == execution.Id && (elementId is null || job.ElementId == elementId))
            {
                runtime.Jobs.RemoveAt(i);
                Db.Jobs.Remove(job);
            }
        }

        // Collected first: removing a subscription can remove nested compensation subscriptions from the same list.
        List<EventSubscriptionEntity>? removed = null;
        foreach (var subscription in runtime.Subscriptions)
        {
            if (subscription.ExecutionId == execution.Id && (elementId is null || subscription.ElementId == elementId))
            {
                (removed ??= []).Add(subscription);
            }
        }

        if (removed is null)
        {
            return;
        }

        foreach (var subscription in removed)
        {
            runtime.Subscriptions.Remove(subscription);
            Db.EventSubscriptions.Remove(subscription);
            RemoveNestedCompensation(runtime, subscription);
        }
    }

    /// <summary>Cancels an execution and everything below it: tasks, waits, called instances; records the cancellation.</summary>
    public void Cancel(InstanceRuntime runtime, ExecutionEntity execution)
    {
        CancelContents(runtime, execution);

        // An ad-hoc activation is bookkeeping, not a step of the diagram: its history is that of the elements in it.
        if (execution.Kind is ExecutionKind.Token or ExecutionKind.MultiInstanceBody && runtime.Node(execution) is { } node)
        {
            History(runtime, HistoryEventTypes.ElementCanceled, execution, node.Id, execution.Kind == ExecutionKind.MultiInstanceBody ? MultiInstanceBodyType : ElementType(node));
        }

        if (execution.Kind != ExecutionKind.ProcessInstance)
        {
            RemoveExecution(runtime, execution);
        }
    }

    /// <summary>Cancels what runs inside an execution (child tokens, its user task, its called instance) but keeps the execution.</summary>
    public void CancelContents(InstanceRuntime runtime, ExecutionEntity execution)
    {
        foreach (var child in runtime.Children(execution).ToList())
        {
            Cancel(runtime, child);
        }

        foreach (var task in runtime.OpenTasks.Where(t => t.ExecutionId == execution.Id).ToList())
        {
            task.State = UserTaskState.Canceled;
            task.EndedAt = Now;
            task.Revision++;
            runtime.OpenTasks.Remove(task);
        }

        if (runtime.Node(execution) is CallActivity)
        {
            // The called instance may have been started by this very command and not be saved yet.
            var called = Db.ProcessInstances.Where(i => i.ParentExecutionId == execution.Id && i.State == ProcessInstanceState.Active).Select(i => i.Id).ToList()
                .Concat(_instances.Values.Where(i => i.Entity.ParentExecutionId == execution.Id).Select(i => i.Id))
                .Distinct()
                .ToList();
            foreach (var calledId in called)
            {
                CancelInstance(LoadInstance(calledId));
            }
        }
    }

    public void CancelInstance(InstanceRuntime runtime)
    {
        if (runtime.Entity.State != ProcessInstanceState.Active)
        {
            return;
        }

        var root = runtime.Find(runtime.Id);
        if (root is not null)
        {
            Cancel(runtime, root);
            runtime.Executions.Remove(root);
            Db.Executions.Remove(root);
            RemoveWaits(runtime, root);
        }

        runtime.Entity.State = ProcessInstanceState.Canceled;
        runtime.Entity.EndedAt = Now;
        History(runtime, HistoryEventTypes.ProcessInstanceCanceled, null, runtime.Process.Id, "process");
        foreach (var incident in Db.Incidents.Where(i => i.ProcessInstanceId == runtime.Id && i.ResolvedAt == null))
        {
            incident.ResolvedAt = Now;
        }
    }

    private void CompleteInstance(InstanceRuntime runtime)
    {
        var root = runtime.Find(runtime.Id)!;
        runtime.Entity.State = ProcessInstanceState.Completed;
        runtime.Entity.EndedAt = Now;
        History(runtime, HistoryEventTypes.ProcessInstanceCompleted, root, runtime.Process.Id, "process");

        // The root variables stay readable after the end; the token tree goes.
        runtime.Executions.Remove(root);
        Db.Executions.Remove(root);
        RemoveWaits(runtime, root);

        if (runtime.Entity is { ParentProcessInstanceId: { } parentId, ParentExecutionId: { } parentExecutionId })
        {
            var parent = LoadInstance(parentId);
            var token = parent.Find(parentExecutionId);
            if (token is not null && parent.Node(token) is CallActivity call)
            {
                CompleteCallActivity(parent, token, call, Locals(runtime, root));
            }
        }
    }

    private void RecheckInclusiveJoins(InstanceRuntime runtime, ExecutionEntity scope)
    {
        var joins = runtime.Children(scope)
            .Where(e => e.IsWaiting && runtime.Node(e) is InclusiveGateway { Incoming.Length: > 1 })
            .Select(e => e.ElementId)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var join in joins)
        {
            TryJoinInclusive(runtime, scope, (InclusiveGateway)runtime.Model.FindElement<FlowNode>(join)!);
        }
    }

    private const string MultiInstanceBodyType = "multiInstanceBody";
}
