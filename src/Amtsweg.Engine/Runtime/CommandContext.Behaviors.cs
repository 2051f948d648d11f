using System.Globalization;
using System.Text.Json.Nodes;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Zeebe;
using Amtsweg.Engine.Persistence;
using Amtsweg.Feel;

namespace Amtsweg.Engine.Runtime;

/// <summary>What each kind of flow node does when a token executes it.</summary>
internal sealed partial class CommandContext
{
    public void ExecuteElement(InstanceRuntime runtime, ExecutionEntity execution)
    {
        var node = runtime.RequiredNode(execution);
        switch (node)
        {
            case StartEvent or BoundaryEvent or ExclusiveGateway or ManualTask:
                Leave(runtime, execution);
                break;
            case EndEvent end:
                ExecuteEndEvent(runtime, execution, end);
                break;
            case IntermediateThrowEvent throwEvent:
                ExecuteThrowEvent(runtime, execution, throwEvent);
                break;
            case IntermediateCatchEvent catchEvent:
                ExecuteCatchEvent(runtime, execution, catchEvent);
                break;
            case UserTask userTask:
                CreateUserTask(runtime, execution, userTask);
                break;
            case ScriptTask { Zeebe.Script: { } script } scriptTask:
                ExecuteScript(runtime, execution, scriptTask, script);
                break;
            case BusinessRuleTask { Zeebe.CalledDecision: { } decision } rule:
                EvaluateDecision(runtime, execution, rule, decision);
                break;
            case ServiceTask or SendTask or ScriptTask or BusinessRuleTask when node.Zeebe.TaskDefinition is { } definition:
                CreateServiceJob(runtime, execution, node, definition);
                break;
            case ReceiveTask receive:
                Subscribe(runtime, execution, receive, receive.Message);
                break;
            case CallActivity call:
                StartCalledProcess(runtime, execution, call);
                break;
            case SubProcess { TriggeredByEvent: false } subProcess and not Transaction and not AdHocSubProcess:
                StartSubProcess(runtime, execution, subProcess);
                break;
            case ParallelGateway { Incoming.Length: > 1 } parallel:
                JoinParallel(runtime, execution, parallel);
                break;
            case InclusiveGateway { Incoming.Length: > 1 } inclusive:
                execution.IsWaiting = true;
                TryJoinInclusive(runtime, runtime.Parent(execution)!, inclusive);
                break;
            case ParallelGateway or InclusiveGateway:
                Leave(runtime, execution);
                break;
            case EventBasedGateway gateway:
                SubscribeEventBasedGateway(runtime, execution, gateway);
                break;
            case BpmnTask when node.GetType() == typeof(BpmnTask):
                Leave(runtime, execution);
                break;
            default:
                throw new IncidentException(IncidentTypes.UnsupportedElement, node.Id!, $"Die Prozess-Engine kann das Element '{ElementType(node)}' ({node.Id}) nicht ausführen.");
        }
    }

    private void Leave(InstanceRuntime runtime, ExecutionEntity execution) => Schedule(new LeaveElementOperation(runtime, execution));

    // ---- events ----
    private void ExecuteEndEvent(InstanceRuntime runtime, ExecutionEntity execution, EndEvent end)
    {
        switch (end.AllEventDefinitions.FirstOrDefault())
        {
            case null:
                Leave(runtime, execution);
                break;
            case TerminateEventDefinition:
                History(runtime, HistoryEventTypes.ElementCompleted, execution, end);
                var scope = runtime.Parent(execution)!;
                RemoveExecution(runtime, execution);
                foreach (var sibling in runtime.Children(scope).ToList())
                {
                    Cancel(runtime, sibling);
                }

                Schedule(new PropagateToParentOperation(runtime, scope));
                break;
            case ErrorEventDefinition error:
                History(runtime, HistoryEventTypes.ElementCompleted, execution, end, detail: error.Error?.ErrorCode);
                ThrowError(runtime, execution, error.Error?.ErrorCode, $"Error end event '{end.Id}'", includeThrower: false);
                break;
            case EscalationEventDefinition escalation:
                if (!ThrowEscalation(runtime, execution, escalation.Escalation?.EscalationCode))
                {
                    Leave(runtime, execution);
                }

                break;
            case SignalEventDefinition signal:
                BroadcastSignal(runtime, SignalName(end, signal));
                Leave(runtime, execution);
                break;
            case MessageEventDefinition when end.Zeebe.TaskDefinition is { } definition:
                CreateServiceJob(runtime, execution, end, definition);
                break;
            default:
                throw new IncidentException(IncidentTypes.UnsupportedElement, end.Id!, $"Die Prozess-Engine kann diese Art von Endereignis ({end.Id}) nicht ausführen; ein Nachrichten-Endereignis braucht einen Job-Typ.");
        }
    }

    private void ExecuteThrowEvent(InstanceRuntime runtime, ExecutionEntity execution, IntermediateThrowEvent throwEvent)
    {
        switch (throwEvent.AllEventDefinitions.FirstOrDefault())
        {
            case null:
                Leave(runtime, execution);
                break;
            case SignalEventDefinition signal:
                BroadcastSignal(runtime, SignalName(throwEvent, signal));
                Leave(runtime, execution);
                break;
            case EscalationEventDefinition escalation:
                if (!ThrowEscalation(runtime, execution, escalation.Escalation?.EscalationCode))
                {
                    Leave(runtime, execution);
                }

                break;
            case MessageEventDefinition when throwEvent.Zeebe.TaskDefinition is { } definition:
                CreateServiceJob(runtime, execution, throwEvent, definition);
                break;
            default:
                throw new IncidentException(IncidentTypes.UnsupportedElement, throwEvent.Id!, $"Die Prozess-Engine kann diese Art von auslösendem Zwischenereignis ({throwEvent.Id}) nicht ausführen.");
        }
    }

    private void ExecuteCatchEvent(InstanceRuntime runtime, ExecutionEntity execution, IntermediateCatchEvent catchEvent)
    {
        switch (catchEvent.AllEventDefinitions.FirstOrDefault())
        {
            case TimerEventDefinition timer:
                CreateTimerJob(runtime, execution, catchEvent, timer);
                execution.IsWaiting = true;
                break;
            case MessageEventDefinition message:
                Subscribe(runtime, execution, catchEvent, message.Message);
                break;
            case SignalEventDefinition signal:
                SubscribeSignal(runtime, execution, catchEvent, SignalName(catchEvent, signal));
                break;
            default:
                throw new IncidentException(IncidentTypes.UnsupportedElement, catchEvent.Id!, $"Die Prozess-Engine kann diese Art von eintretendem Zwischenereignis ({catchEvent.Id}) nicht ausführen.");
        }
    }

    private static string SignalName(FlowNode node, SignalEventDefinition signal) =>
        signal.Signal?.Name ?? signal.Signal?.Id ?? signal.SignalRef
        ?? throw new IncidentException(IncidentTypes.UnsupportedElement, node.Id!, $"Das Signalereignis '{node.Id}' nennt kein Signal.");

    // ---- waits: jobs and subscriptions ----
    private void CreateTimerJob(InstanceRuntime runtime, ExecutionEntity execution, FlowNode node, TimerEventDefinition timer)
    {
        var schedule = Timers.Schedule(timer, Now, Expressions, Scope(runtime, execution), node.Id!);
        var job = new JobEntity
        {
            Id = NewId(),
            TenantId = runtime.Entity.TenantId,
            Kind = JobKind.Timer,
            ProcessDefinitionId = runtime.Definition.Id,
            ProcessInstanceId = runtime.Id,
            ExecutionId = execution.Id,
            ElementId = node.Id!,
            DueAt = schedule.DueAt,
            Retries = Configuration.Options.DefaultJobRetries,
            RepeatCount = schedule.RepeatCount,
            RepeatInterval = schedule.RepeatInterval,
            CreatedAt = Now,
        };
        runtime.Jobs.Add(job);
        Db.Jobs.Add(job);
    }

    private void CreateServiceJob(InstanceRuntime runtime, ExecutionEntity execution, FlowNode node, ZeebeTaskDefinition definition)
    {
        var scope = Scope(runtime, execution);
        var type = definition.Type is null ? null : Text(Expressions.Evaluate(definition.Type, scope, node.Id!));
        if (string.IsNullOrWhiteSpace(type))
        {
            throw new IncidentException(IncidentTypes.ExpressionFailed, node.Id!, $"Der Job-Typ von '{node.Id}' ist leer.");
        }

        var retries = Configuration.Options.DefaultJobRetries;
        if (definition.Retries is { } retriesExpression)
        {
            var value = Text(Expressions.Evaluate(retriesExpression, scope, node.Id!));
            if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out retries) || retries < 1)
            {
                throw new IncidentException(IncidentTypes.ExpressionFailed, node.Id!, $"Die Zahl der Wiederholungen von '{node.Id}' muss eine positive ganze Zahl sein, war aber '{value}'.");
            }
        }

        var job = new JobEntity
        {
            Id = NewId(),
            TenantId = runtime.Entity.TenantId,
            Kind = JobKind.ServiceTask,
            ProcessDefinitionId = runtime.Definition.Id,
            ProcessInstanceId = runtime.Id,
            ExecutionId = execution.Id,
            ElementId = node.Id!,
            JobType = type,
            DueAt = Now,
            Retries = retries,
            CreatedAt = Now,
        };
        runtime.Jobs.Add(job);
        Db.Jobs.Add(job);
        execution.IsWaiting = true;
    }

    private void Subscribe(InstanceRuntime runtime, ExecutionEntity execution, FlowNode node, Message? message)
    {
        var (name, key) = MessageSubscriptionKey(runtime, execution, node, message);
        AddSubscription(runtime, execution, node, EventSubscriptionKind.Message, name, key);
        execution.IsWaiting = true;
    }

    private void SubscribeSignal(InstanceRuntime runtime, ExecutionEntity execution, FlowNode node, string signalName)
    {
        AddSubscription(runtime, execution, node, EventSubscriptionKind.Signal, signalName, null);
        execution.IsWaiting = true;
    }

    private (string Name, string? Key) MessageSubscriptionKey(InstanceRuntime runtime, ExecutionEntity execution, FlowNode node, Message? message)
    {
        var name = message?.Name ?? throw new IncidentException(IncidentTypes.UnsupportedElement, node.Id!, $"Das Element '{node.Id}' verweist auf keine Nachricht mit Namen.");
        var keyExpression = message.Zeebe.Subscription?.CorrelationKey
            ?? throw new IncidentException(IncidentTypes.ExpressionFailed, node.Id!, $"Die Nachricht '{name}' von '{node.Id}' hat keinen Korrelationsschlüssel (zeebe:subscription correlationKey).");
        var key = Expressions.Evaluate(keyExpression, Scope(runtime, execution), node.Id!);
        return key.IsNull
            ? throw new IncidentException(IncidentTypes.ExpressionFailed, node.Id!, $"Der Korrelationsschlüssel '{keyExpression.Raw}' von '{node.Id}' ergab null.")
            : (name, Text(key));
    }

    private void AddSubscription(InstanceRuntime runtime, ExecutionEntity execution, FlowNode node, EventSubscriptionKind kind, string name, string? key)
    {
        var subscription = new EventSubscriptionEntity
        {
            Id = NewId(),
            TenantId = runtime.Entity.TenantId,
            Kind = kind,
            EventName = name,
            CorrelationKey = key,
            ProcessDefinitionId = runtime.Definition.Id,
            ProcessInstanceId = runtime.Id,
            ExecutionId = execution.Id,
            ElementId = node.Id!,
            CreatedAt = Now,
        };
        runtime.Subscriptions.Add(subscription);
        Db.EventSubscriptions.Add(subscription);
    }

    private void SubscribeBoundaryEvents(InstanceRuntime runtime, ExecutionEntity execution, Activity activity)
    {
        foreach (var boundary in activity.BoundaryEvents)
        {
            switch (boundary.AllEventDefinitions.FirstOrDefault())
            {
                case TimerEventDefinition timer:
                    CreateTimerJob(runtime, execution, boundary, timer);
                    break;
                case MessageEventDefinition message:
                    var (name, key) = MessageSubscriptionKey(runtime, execution, boundary, message.Message);
                    AddSubscription(runtime, execution, boundary, EventSubscriptionKind.Message, name, key);
                    break;
                case SignalEventDefinition signal:
                    AddSubscription(runtime, execution, boundary, EventSubscriptionKind.Signal, SignalName(boundary, signal), null);
                    break;
                case ErrorEventDefinition or EscalationEventDefinition:
                    break;
                default:
                    throw new IncidentException(IncidentTypes.UnsupportedElement, boundary.Id!, $"Die Prozess-Engine kann diese Art von angeheftetem Ereignis ({boundary.Id}) nicht ausführen.");
            }
        }
    }

    private void SubscribeEventBasedGateway(InstanceRuntime runtime, ExecutionEntity execution, EventBasedGateway gateway)
    {
        foreach (var target in gateway.Outgoing.Select(f => f.Target))
        {
            switch (target)
            {
                case IntermediateCatchEvent catchEvent when catchEvent.GetEventDefinition<TimerEventDefinition>() is { } timer:
                    CreateTimerJob(runtime, execution, catchEvent, timer);
                    break;
                case IntermediateCatchEvent catchEvent when catchEvent.GetEventDefinition<MessageEventDefinition>() is { } message:
                    var (name, key) = MessageSubscriptionKey(runtime, execution, catchEvent, message.Message);
                    AddSubscription(runtime, execution, catchEvent, EventSubscriptionKind.Message, name, key);
                    break;
                case IntermediateCatchEvent catchEvent when catchEvent.GetEventDefinition<SignalEventDefinition>() is { } signal:
                    AddSubscription(runtime, execution, catchEvent, EventSubscriptionKind.Signal, SignalName(catchEvent, signal), null);
                    break;
                case ReceiveTask receive:
                    var (receiveName, receiveKey) = MessageSubscriptionKey(runtime, execution, receive, receive.Message);
                    AddSubscription(runtime, execution, receive, EventSubscriptionKind.Message, receiveName, receiveKey);
                    break;
                default:
                    throw new IncidentException(IncidentTypes.UnsupportedElement, gateway.Id!, $"Das ereignisbasierte Gateway '{gateway.Id}' führt zu '{target?.Id}', das kein Zeit-, Nachrichten- oder Signalereignis ist.");
            }
        }

        execution.IsWaiting = true;
    }

    /// <summary>
    /// An event arrived for a waiting execution (message, signal or timer): at the catching element itself, at an
    /// event-based gateway in front of it, or at a boundary event of the execution's activity.
    /// </summary>
    public void Trigger(InstanceRuntime runtime, ExecutionEntity execution, string elementId, IEnumerable<KeyValuePair<string, FeelValue>> variables)
    {
        var node = runtime.RequiredNode(execution);
        if (node.Id == elementId)
        {
            RemoveWaits(runtime, execution);
            execution.IsWaiting = false;
            SetResultVariables(runtime, execution, node, variables);
            Leave(runtime, execution);
            return;
        }

        var target = runtime.Model.FindElement<FlowNode>(elementId)
            ?? throw new InvalidOperationException($"The element '{elementId}' does not exist in process '{runtime.Process.Id}'.");
        if (node is EventBasedGateway gateway)
        {
            var flow = gateway.Outgoing.First(f => ReferenceEquals(f.Target, target));
            RemoveWaits(runtime, execution);
            execution.IsWaiting = false;
            History(runtime, HistoryEventTypes.ElementCompleted, execution, gateway);
            History(runtime, HistoryEventTypes.SequenceFlowTaken, execution, flow.Id, "sequenceFlow");
            execution.ElementId = target.Id!;
            execution.ArrivedVia = flow.Id;
            execution.EnteredAt = Now;
            History(runtime, HistoryEventTypes.ElementEntered, execution, target);
            SetResultVariables(runtime, execution, target, variables);
            Leave(runtime, execution);
            return;
        }

        if (target is BoundaryEvent boundary && boundary.AttachedTo?.Id == node.Id)
        {
            if (boundary.CancelActivity)
            {
                Interrupt(runtime, execution, boundary);
                Propagate(runtime, execution, variables);
            }
            else
            {
                var token = NewToken(runtime, runtime.Parent(execution)!, boundary.Id!);
                Propagate(runtime, token, variables);
                Schedule(new EnterElementOperation(runtime, token));
            }

            return;
        }

        throw new InvalidOperationException($"The execution at '{node.Id}' does not wait for '{elementId}'.");
    }

    /// <summary>Cancels what runs inside an activity's execution and moves the execution to an interrupting boundary event.</summary>
    private void Interrupt(InstanceRuntime runtime, ExecutionEntity execution, BoundaryEvent boundary)
    {
        CancelContents(runtime, execution);
        var node = runtime.RequiredNode(execution);
        History(runtime, HistoryEventTypes.ElementCanceled, execution, node.Id, execution.Kind == ExecutionKind.MultiInstanceBody ? MultiInstanceBodyType : ElementType(node));
        RemoveLocals(runtime, execution);
        RemoveWaits(runtime, execution);
        execution.Kind = ExecutionKind.Token;
        execution.LoopState = null;
        execution.LoopCounter = 0;
        execution.IsWaiting = false;
        execution.ElementId = boundary.Id!;
        execution.ArrivedVia = null;
        execution.EnteredAt = Now;
        Schedule(new EnterElementOperation(runtime, execution));
    }

    // ---- errors, escalations, signals ----
    public void ThrowError(InstanceRuntime runtime, ExecutionEntity thrower, string? code, string message, bool includeThrower)
    {
        var current = includeThrower ? thrower : runtime.Parent(thrower);
        var instance = runtime;
        while (true)
        {
            for (; current is not null; current = instance.Parent(current))
            {
                if (current.Kind == ExecutionKind.ProcessInstance || instance.IsInnerInstance(current) || instance.Node(current) is not Activity activity)
                {
                    continue;
                }

                var boundary = FindBoundary<ErrorEventDefinition>(activity, d => d.Error?.ErrorCode, code);
                if (boundary is not null)
                {
                    Interrupt(instance, current, boundary);
                    return;
                }
            }

            if (instance.Entity is { ParentProcessInstanceId: { } parentId, ParentExecutionId: { } parentExecutionId })
            {
                var parent = LoadInstance(parentId);
                CancelInstance(instance);
                instance = parent;
                current = parent.Find(parentExecutionId);
                continue;
            }

            throw new IncidentException(IncidentTypes.UnhandledError, thrower.ElementId, $"Der BPMN-Fehler '{code}' ({message}) wird von keinem angehefteten Fehlerereignis abgefangen.", runtime.Id);
        }
    }

    /// <summary>Throws an escalation; returns true when an interrupting boundary event caught it (the thrower is gone).</summary>
    private bool ThrowEscalation(InstanceRuntime runtime, ExecutionEntity thrower, string? code)
    {
        for (var current = runtime.Parent(thrower); current is not null; current = runtime.Parent(current))
        {
            if (current.Kind == ExecutionKind.ProcessInstance || runtime.IsInnerInstance(current) || runtime.Node(current) is not Activity activity)
            {
                continue;
            }

            var boundary = FindBoundary<EscalationEventDefinition>(activity, d => d.Escalation?.EscalationCode, code);
            if (boundary is null)
            {
                continue;
            }

            if (boundary.CancelActivity)
            {
                History(runtime, HistoryEventTypes.ElementCompleted, thrower, runtime.RequiredNode(thrower), detail: code);
                Interrupt(runtime, current, boundary);
                return true;
            }

            var token = NewToken(runtime, runtime.Parent(current)!, boundary.Id!);
            Schedule(new EnterElementOperation(runtime, token));
            return false;
        }

        return false;
    }

    private static BoundaryEvent? FindBoundary<TDefinition>(Activity activity, Func<TDefinition, string?> codeOf, string? code)
        where TDefinition : EventDefinition
    {
        BoundaryEvent? catchAll = null;
        foreach (var boundary in activity.BoundaryEvents)
        {
            if (boundary.GetEventDefinition<TDefinition>() is not { } definition)
            {
                continue;
            }

            var boundaryCode = codeOf(definition);
            if (boundaryCode is null)
            {
                catchAll ??= boundary;
            }
            else if (boundaryCode == code)
            {
                return boundary;
            }
        }

        return catchAll;
    }

    private void BroadcastSignal(InstanceRuntime runtime, string signalName)
    {
        var tenant = runtime.Entity.TenantId;
        var subscriptions = Db.EventSubscriptions
            .Where(s => s.TenantId == tenant && s.Kind == EventSubscriptionKind.Signal && s.EventName == signalName)
            .OrderBy(s => s.CreatedAt)
            .ToList();
        foreach (var subscription in subscriptions)
        {
            if (subscription.ProcessInstanceId is { } instanceId && subscription.ExecutionId is { } executionId)
            {
                var target = LoadInstance(instanceId);
                if (target.Find(executionId) is { } execution && target.Subscriptions.Exists(s => s.Id == subscription.Id))
                {
                    Trigger(target, execution, subscription.ElementId, []);
                }
            }
            else
            {
                var started = StartInstance(LoadDefinition(subscription.ProcessDefinitionId), null, subscription.ElementId, []);
                _ = started;
            }
        }
    }

    // ---- tasks ----
    private void CreateUserTask(InstanceRuntime runtime, ExecutionEntity execution, UserTask userTask)
    {
        var scope = Scope(runtime, execution);
        var id = userTask.Id!;
        var assignment = userTask.Zeebe.AssignmentDefinition;
        var schedule = userTask.Zeebe.TaskSchedule;
        var form = userTask.Zeebe.FormDefinition;
        var task = new UserTaskEntity
        {
            Id = NewId(),
            TenantId = runtime.Entity.TenantId,
            ProcessInstanceId = runtime.Id,
            ProcessDefinitionId = runtime.Definition.Id,
            ExecutionId = execution.Id,
            ElementId = id,
            Name = userTask.Name,
            Assignee = assignment?.Assignee is { } assignee ? NullIfEmpty(Text(Expressions.Evaluate(assignee, scope, id))) : null,
            CandidateGroups = assignment?.CandidateGroups is { } groups ? JoinList(Expressions.Evaluate(groups, scope, id)) : null,
            CandidateUsers = assignment?.CandidateUsers is { } users ? JoinList(Expressions.Evaluate(users, scope, id)) : null,
            DueDate = schedule?.DueDate is { } due ? Date(Expressions.Evaluate(due, scope, id), id, "Das Fälligkeitsdatum") : null,
            FollowUpDate = schedule?.FollowUpDate is { } followUp ? Date(Expressions.Evaluate(followUp, scope, id), id, "Das Wiedervorlagedatum") : null,
            FormId = form?.FormId ?? form?.FormKey ?? form?.ExternalReference,
            State = UserTaskState.Created,
            Revision = 1,
            CreatedAt = Now,
        };
        runtime.OpenTasks.Add(task);
        Db.UserTasks.Add(task);
        execution.IsWaiting = true;
        History(runtime, HistoryEventTypes.UserTaskCreated, execution, userTask, detail: task.Id.ToString());
    }

    private void ExecuteScript(InstanceRuntime runtime, ExecutionEntity execution, ScriptTask task, ZeebeScript script)
    {
        if (script.Expression is null)
        {
            throw new IncidentException(IncidentTypes.ExpressionFailed, task.Id!, $"Die Skriptaufgabe '{task.Id}' hat keinen Ausdruck.");
        }

        var value = Expressions.Evaluate(script.Expression, Scope(runtime, execution), task.Id!);
        if (!string.IsNullOrEmpty(script.ResultVariable))
        {
            SetResultVariables(runtime, execution, task, [new(script.ResultVariable, value)]);
        }

        Leave(runtime, execution);
    }

    private void EvaluateDecision(InstanceRuntime runtime, ExecutionEntity execution, BusinessRuleTask task, ZeebeCalledDecision called)
    {
        var id = task.Id!;
        var decisionId = called.DecisionId is { } expression ? Text(Expressions.Evaluate(expression, Scope(runtime, execution), id)) : null;
        if (string.IsNullOrEmpty(decisionId))
        {
            throw new IncidentException(IncidentTypes.CalledElementNotFound, id, $"Die Geschäftsregelaufgabe '{id}' nennt keine Entscheidung.");
        }

        var tenant = runtime.Entity.TenantId;
        var candidates = Db.DecisionDefinitions.Where(d => d.TenantId == tenant && d.DecisionId == decisionId);
        candidates = called.BindingType switch
        {
            ZeebeBindingType.Latest => candidates,
            ZeebeBindingType.Deployment => candidates.Where(d => d.DeploymentId == runtime.Definition.DeploymentId),
            ZeebeBindingType.VersionTag => throw new IncidentException(IncidentTypes.UnsupportedElement, id, $"Die Geschäftsregelaufgabe '{id}' bindet ihre Entscheidung über ein Versions-Tag; das unterstützt die Prozess-Engine noch nicht (verwenden Sie 'latest' oder 'deployment')."),
        };
        var definition = candidates.OrderByDescending(d => d.Version).FirstOrDefault()
            ?? throw new IncidentException(IncidentTypes.CalledElementNotFound, id, $"Keine bereitgestellte Entscheidung '{decisionId}' passt zur Bindung '{called.BindingType}' von '{id}'.");
        var result = Configuration.GetDecisionModel(definition).Evaluate(decisionId, Visible(runtime, execution));
        if (result.HasErrors)
        {
            throw new IncidentException(IncidentTypes.ExpressionFailed, id, $"Die Entscheidung '{decisionId}' ist fehlgeschlagen: {string.Join("; ", result.Messages.Where(m => m.Severity == Decisions.Evaluation.DmnMessageSeverity.Error).Select(m => m.TextGerman))}");
        }

        if (!string.IsNullOrEmpty(called.ResultVariable))
        {
            SetResultVariables(runtime, execution, task, [new(called.ResultVariable, result.Value)]);
        }

        Leave(runtime, execution);
    }

    // ---- gateways ----
    private void JoinParallel(InstanceRuntime runtime, ExecutionEntity execution, ParallelGateway gateway)
    {
        execution.IsWaiting = true;
        var scope = runtime.Parent(execution)!;
        var waiting = runtime.Children(scope).Where(e => e.IsWaiting && e.ElementId == gateway.Id).ToList();
        var chosen = new List<ExecutionEntity>();
        foreach (var flow in gateway.Incoming)
        {
            var token = flow.Id == execution.ArrivedVia ? execution : waiting.Find(e => e.ArrivedVia == flow.Id && !chosen.Contains(e));
            if (token is null)
            {
                return;
            }

            chosen.Add(token);
        }

        MergeAndLeave(runtime, execution, chosen);
    }

    private void TryJoinInclusive(InstanceRuntime runtime, ExecutionEntity scope, InclusiveGateway gateway)
    {
        var children = runtime.Children(scope).ToList();
        var waiting = children.Where(e => e.IsWaiting && e.ElementId == gateway.Id).ToList();
        if (waiting.Count == 0)
        {
            return;
        }

        var others = children.Where(e => !(e.IsWaiting && e.ElementId == gateway.Id));
        if (others.Any(e => runtime.Node(e) is { } node && CanReach(node, gateway)))
        {
            return;
        }

        // One token per incoming flow joins; tokens that arrived twice on the same flow wait for the next round.
        var chosen = waiting.GroupBy(e => e.ArrivedVia, StringComparer.Ordinal).Select(g => g.First()).ToList();
        MergeAndLeave(runtime, chosen[0], chosen);
    }

    private void MergeAndLeave(InstanceRuntime runtime, ExecutionEntity survivor, List<ExecutionEntity> joined)
    {
        foreach (var token in joined.Where(t => !ReferenceEquals(t, survivor)))
        {
            RemoveExecution(runtime, token);
        }

        survivor.IsWaiting = false;
        Leave(runtime, survivor);
    }

    /// <summary>True when a token at <paramref name="from"/> may still arrive at <paramref name="target"/> in the same scope.</summary>
    private static bool CanReach(FlowNode from, FlowNode target)
    {
        var seen = new HashSet<FlowNode>();
        var queue = new Queue<FlowNode>();
        queue.Enqueue(from);
        while (queue.TryDequeue(out var node))
        {
            if (!seen.Add(node))
            {
                continue;
            }

            var next = node.Outgoing.Select(f => f.Target);
            if (node is Activity activity)
            {
                next = next.Concat(activity.BoundaryEvents);
            }

            foreach (var successor in next)
            {
                if (ReferenceEquals(successor, target))
                {
                    return true;
                }

                if (successor is not null)
                {
                    queue.Enqueue(successor);
                }
            }
        }

        return false;
    }

    // ---- scopes: sub-process, call activity, multi-instance ----
    private void StartSubProcess(InstanceRuntime runtime, ExecutionEntity execution, SubProcess subProcess)
    {
        var start = subProcess.FlowNodes.OfType<StartEvent>().FirstOrDefault(s => s.IsNone)
            ?? throw new IncidentException(IncidentTypes.UnsupportedElement, subProcess.Id!, $"Der Teilprozess '{subProcess.Id}' hat kein einfaches Startereignis.");
        execution.IsWaiting = true;
        var token = NewToken(runtime, execution, start.Id!);
        Schedule(new EnterElementOperation(runtime, token));
    }

    private void StartCalledProcess(InstanceRuntime runtime, ExecutionEntity execution, CallActivity call)
    {
        var scope = Scope(runtime, execution);
        var processId = call.CalledProcessId is { } expression ? Text(Expressions.Evaluate(expression, scope, call.Id!)) : null;
        if (string.IsNullOrEmpty(processId))
        {
            throw new IncidentException(IncidentTypes.CalledElementNotFound, call.Id!, $"Die Aufrufaktivität '{call.Id}' nennt keinen Prozess.");
        }

        var binding = call.Zeebe.CalledElement?.BindingType ?? ZeebeBindingType.Latest;
        var tenant = runtime.Entity.TenantId;
        var candidates = Db.ProcessDefinitions.Where(d => d.TenantId == tenant && d.ProcessId == processId);
        candidates = binding switch
        {
            ZeebeBindingType.Latest => candidates,
            ZeebeBindingType.Deployment => candidates.Where(d => d.DeploymentId == runtime.Definition.DeploymentId),
            ZeebeBindingType.VersionTag => candidates.Where(d => d.VersionTag == call.Zeebe.CalledElement!.VersionTag),
        };
        var definitionId = candidates.OrderByDescending(d => d.Version).Select(d => (Guid?)d.Id).FirstOrDefault()
            ?? throw new IncidentException(IncidentTypes.CalledElementNotFound, call.Id!, $"Kein bereitgestellter Prozess '{processId}' passt zur Bindung '{binding}' der Aufrufaktivität '{call.Id}'.");
        var definition = LoadDefinition(definitionId);

        var propagateAll = call.Zeebe.CalledElement?.PropagateAllParentVariables ?? true;
        var variables = propagateAll ? Visible(runtime, execution) : Locals(runtime, execution);
        execution.IsWaiting = true;
        StartInstance(definition, runtime.Entity.BusinessKey, null, variables, runtime.Id, execution.Id);
    }

    private void CompleteCallActivity(InstanceRuntime parent, ExecutionEntity token, CallActivity call, Dictionary<string, FeelValue> childVariables)
    {
        if (!call.Zeebe.Outputs.IsEmpty)
        {
            // Output mappings read the child's variables and decide alone what reaches the caller.
            SetLocal(parent, token, childVariables);
        }
        else if (call.Zeebe.CalledElement?.PropagateAllChildVariables ?? true)
        {
            Propagate(parent, token, childVariables);
        }

        token.IsWaiting = false;
        Schedule(new LeaveElementOperation(parent, token));
    }

    /// <summary>Creates an instance and moves its first token to the given (or the none) start event.</summary>
    public InstanceRuntime StartInstance(
        ProcessDefinitionEntity definition,
        string? businessKey,
        string? startElementId,
        IEnumerable<KeyValuePair<string, FeelValue>> variables,
        Guid? parentInstanceId = null,
        Guid? parentExecutionId = null,
        Guid? instanceId = null)
    {
        var runtime = CreateInstance(definition, businessKey, parentInstanceId, parentExecutionId, instanceId);
        var start = FindStartEvent(runtime, startElementId);
        var root = runtime.Find(runtime.Id)!;
        SetLocal(runtime, root, variables);
        var token = NewToken(runtime, root, start.Id!);
        Schedule(new EnterElementOperation(runtime, token));
        return runtime;
    }

    public static StartEvent FindStartEvent(InstanceRuntime runtime, string? startElementId)
    {
        var starts = runtime.Process.FlowNodes.OfType<StartEvent>().ToList();
        return (startElementId is null ? starts.Find(s => s.IsNone) : starts.Find(s => s.Id == startElementId))
            ?? throw new InvalidEngineStateException(startElementId is null
                ? $"The process '{runtime.Process.Id}' has no none start event; start it by its message, signal or timer."
                : $"The process '{runtime.Process.Id}' has no start event '{startElementId}'.");
    }

    private void StartMultiInstance(InstanceRuntime runtime, ExecutionEntity body, Activity activity, MultiInstanceLoopCharacteristics loop)
    {
        body.Kind = ExecutionKind.MultiInstanceBody;
        SubscribeBoundaryEvents(runtime, body, activity);
        var zeebe = loop.Zeebe.LoopCharacteristics ?? activity.Zeebe.LoopCharacteristics;
        var scope = Scope(runtime, body);
        IReadOnlyList<FeelValue> items;
        if (zeebe?.InputCollection is { } collection)
        {
            var value = Expressions.Evaluate(collection, scope, activity.Id!);
            items = value is FeelList list ? list.Items
                : throw new IncidentException(IncidentTypes.ExpressionFailed, activity.Id!, $"Die Eingabesammlung '{collection.Raw}' von '{activity.Id}' muss eine Liste sein, war aber {value.ToFeelString()}.");
        }
        else if (loop.LoopCardinality is { } cardinality)
        {
            var value = Expressions.Evaluate(cardinality.Expression, scope, activity.Id!);
            items = int.TryParse(Text(value), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count >= 0
                ? [.. Enumerable.Range(1, count).Select(i => (FeelValue)i)]
                : throw new IncidentException(IncidentTypes.ExpressionFailed, activity.Id!, $"Die Anzahl der Durchläufe von '{activity.Id}' muss eine ganze Zahl sein, war aber {value.ToFeelString()}.");
        }
        else
        {
            throw new IncidentException(IncidentTypes.UnsupportedElement, activity.Id!, $"Die Mehrfachaktivität '{activity.Id}' hat weder eine Eingabesammlung noch eine Anzahl der Durchläufe.");
        }

        var state = new MultiInstanceState([.. items], new FeelValue[items.Count], 0, 0);
        if (items.Count == 0)
        {
            FinishMultiInstance(runtime, body, activity, state);
            return;
        }

        body.IsWaiting = true;
        var first = loop.IsSequential ? 1 : items.Count;
        for (var i = 0; i < first; i++)
        {
            StartInnerInstance(runtime, body, activity, zeebe, state, i);
        }

        state = state with { Started = first };
        body.LoopState = state.ToJson();
    }

    private void StartInnerInstance(InstanceRuntime runtime, ExecutionEntity body, Activity activity, ZeebeLoopCharacteristics? zeebe, MultiInstanceState state, int index)
    {
        var inner = NewToken(runtime, body, activity.Id!);
        inner.LoopCounter = index + 1;
        var locals = new List<KeyValuePair<string, FeelValue>> { new("loopCounter", index + 1) };
        if (!string.IsNullOrEmpty(zeebe?.InputElement))
        {
            locals.Add(new(zeebe.InputElement, state.Items[index]));
        }

        // As Camunda 8 does: the variable the output element reads is created local to each inner instance
        // (null), so that a result set inside one instance lands there and parallel instances cannot
        // overwrite each other's value before it is collected.
        if (OutputElementVariable(zeebe?.OutputElement) is { } output && output != zeebe?.InputElement)
        {
            locals.Add(new(output, FeelValue.Null));
        }

        SetLocal(runtime, inner, locals);
        Schedule(new EnterElementOperation(runtime, inner));
    }

    /// <summary>
    /// The variable an output element expression reads when it is just a variable or a path into one
    /// (<c>=result</c>, <c>=result.betrag</c>); null for any other expression, whose variables stay where they are.
    /// </summary>
    private static string? OutputElementVariable(BpmnExpression? outputElement)
    {
        if (outputElement is not { IsFeel: true })
        {
            return null;
        }

        var parts = outputElement.Text.Split('.');
        return parts.All(IsPlainName) ? parts[0] : null;

        static bool IsPlainName(string part) =>
            part is not ("null" or "true" or "false") && part.Length > 0 && (char.IsLetter(part[0]) || part[0] == '_') && part.All(c => char.IsLetterOrDigit(c) || c == '_');
    }

    private void CollectMultiInstanceOutput(InstanceRuntime runtime, ExecutionEntity inner, Activity activity)
    {
        var loop = (MultiInstanceLoopCharacteristics)activity.LoopCharacteristics!;
        var zeebe = loop.Zeebe.LoopCharacteristics ?? activity.Zeebe.LoopCharacteristics;
        if (zeebe?.OutputElement is not { } outputElement)
        {
            return;
        }

        var body = runtime.Parent(inner)!;
        var state = MultiInstanceState.FromJson(body.LoopState!);
        state.Outputs[inner.LoopCounter - 1] = Expressions.Evaluate(outputElement, Scope(runtime, inner), activity.Id!);
        body.LoopState = state.ToJson();
    }

    private void CompleteInnerInstance(InstanceRuntime runtime, ExecutionEntity inner, Activity activity)
    {
        var loop = (MultiInstanceLoopCharacteristics)activity.LoopCharacteristics!;
        var zeebe = loop.Zeebe.LoopCharacteristics ?? activity.Zeebe.LoopCharacteristics;
        var body = runtime.Parent(inner)!;
        RemoveExecution(runtime, inner);
        var state = MultiInstanceState.FromJson(body.LoopState!);
        state = state with { Completed = state.Completed + 1 };
        body.LoopState = state.ToJson();
        var active = runtime.Children(body).Count();

        if (loop.CompletionCondition is { } condition)
        {
            var scope = new FeelScope(Scope(runtime, body))
                .Set("numberOfInstances", state.Items.Length)
                .Set("numberOfCompletedInstances", state.Completed)
                .Set("numberOfActiveInstances", active)
                .Set("nrOfInstances", state.Items.Length)
                .Set("nrOfCompletedInstances", state.Completed)
                .Set("nrOfActiveInstances", active);
            if (Expressions.EvaluateCondition(condition.Expression, scope, activity.Id!))
            {
                foreach (var remaining in runtime.Children(body).ToList())
                {
                    Cancel(runtime, remaining);
                }

                FinishMultiInstance(runtime, body, activity, state);
                return;
            }
        }

        if (loop.IsSequential && state.Started < state.Items.Length)
        {
            StartInnerInstance(runtime, body, activity, zeebe, state, state.Started);
            body.LoopState = (state with { Started = state.Started + 1 }).ToJson();
            return;
        }

        if (active == 0)
        {
            FinishMultiInstance(runtime, body, activity, state);
        }
    }

    private void FinishMultiInstance(InstanceRuntime runtime, ExecutionEntity body, Activity activity, MultiInstanceState state)
    {
        var loop = (MultiInstanceLoopCharacteristics)activity.LoopCharacteristics!;
        var zeebe = loop.Zeebe.LoopCharacteristics ?? activity.Zeebe.LoopCharacteristics;
        if (!string.IsNullOrEmpty(zeebe?.OutputCollection))
        {
            Propagate(runtime, runtime.Parent(body)!, [new(zeebe.OutputCollection, FeelList.Create(state.Outputs.Select(v => v ?? FeelValue.Null)))]);
        }

        Schedule(new LeaveElementOperation(runtime, body));
    }

    // ---- value helpers ----
    private static string Text(FeelValue value) => value switch
    {
        FeelString s => s.Value,
        _ => value.ToFeelString(),
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 || value == "null" ? null : value;

    private static string? JoinList(FeelValue value)
    {
        IEnumerable<string> items = value switch
        {
            FeelList list => list.Items.Where(i => !i.IsNull).Select(Text),
            FeelString s => s.Value.Split(','),
            FeelNull => [],
            _ => [Text(value)],
        };
        var joined = string.Join(',', items.Select(i => i.Trim()).Where(i => i.Length > 0));
        return joined.Length == 0 ? null : joined;
    }

    private static DateTimeOffset? Date(FeelValue value, string elementId, string what) => value switch
    {
        FeelNull => null,
        FeelDateTime dateTime when dateTime.ToDateTimeOffset() is { } offset => offset.ToUniversalTime(),
        FeelDate date when date.ToDateOnly() is { } day => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        FeelString { Value: var text } when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) => parsed,
        _ => throw new IncidentException(IncidentTypes.ExpressionFailed, elementId, $"{what} von '{elementId}' muss ein Zeitpunkt nach ISO 8601 sein, war aber {value.ToFeelString()}."),
    };

    /// <summary>Bookkeeping of a multi-instance body, kept as JSON on the body execution.</summary>
    private sealed record MultiInstanceState(FeelValue[] Items, FeelValue?[] Outputs, int Started, int Completed)
    {
        public string ToJson() => new JsonObject
        {
            ["items"] = new JsonArray([.. Items.Select(FeelConvert.ToJson)]),
            ["outputs"] = new JsonArray([.. Outputs.Select(o => o is null ? null : FeelConvert.ToJson(o))]),
            ["started"] = Started,
            ["completed"] = Completed,
        }.ToJsonString();

        public static MultiInstanceState FromJson(string json)
        {
            var node = JsonNode.Parse(json)!.AsObject();
            var items = node["items"]!.AsArray().Select(FeelConvert.FromJson).ToArray();
            var outputs = node["outputs"]!.AsArray().Select(o => (FeelValue?)FeelConvert.FromJson(o)).ToArray();
            return new MultiInstanceState(items, outputs, node["started"]!.GetValue<int>(), node["completed"]!.GetValue<int>());
        }
    }
}
