using System.Globalization;
using System.Text.Json.Nodes;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Zeebe;
using Amtsweg.Engine.Persistence;
using Amtsweg.Feel;

namespace Amtsweg.Engine.Runtime;

/// <summary>Behaviour of wait states: timer and service jobs, message and signal subscriptions, boundary events and the event-based gateway.</summary>
internal sealed partial class CommandContext
{
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

    private void StartServiceTask(InstanceRuntime runtime, ExecutionEntity execution, FlowNode node, ZeebeTaskDefinition definition)
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

        execution.IsWaiting = true;
        if (Handlers.ContainsKey(type))
        {
            // Camunda 7 runs a non-async delegate inside the command: the call is queued and made by RunAgendaAsync.
            _inlineCalls.Enqueue(new InlineServiceCall(runtime, execution, node, type, retries, NewId()));
            return;
        }

        AddServiceJob(runtime, execution, node, type, retries);
    }

    private JobEntity AddServiceJob(InstanceRuntime runtime, ExecutionEntity execution, FlowNode node, string type, int retries, Guid? id = null)
    {
        var job = new JobEntity
        {
            Id = id ?? NewId(),
            TenantId = runtime.Entity.TenantId,
            Kind = Handlers.ContainsKey(type) ? JobKind.ServiceTask : JobKind.ExternalTask,
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
        return job;
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
        if (kind == EventSubscriptionKind.Message)
        {
            TakeBufferedMessage(runtime, execution, subscription);
        }
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
                case CompensateEventDefinition:
                    // Not a wait: the activity records its compensation subscription when it completes.
                    break;
                case ConditionalEventDefinition:
                    SubscribeCondition(runtime, execution, boundary);
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
}
