using System.Globalization;
using System.Text.Json.Nodes;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Zeebe;
using Amtsweg.Engine.Persistence;
using Amtsweg.Feel;

namespace Amtsweg.Engine.Runtime;

/// <summary>What each kind of flow node does when a token executes it: the dispatch to the element families in this folder.</summary>
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
            case BpmnEvent { AllEventDefinitions: [CompensateEventDefinition compensate] } and (IntermediateThrowEvent or EndEvent):
                ThrowCompensation(runtime, execution, compensate);
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
                StartServiceTask(runtime, execution, node, definition);
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
            case AdHocSubProcess { TriggeredByEvent: false } adHoc:
                StartAdHocSubProcess(runtime, execution, adHoc);
                break;
            case SubProcess { TriggeredByEvent: true } eventSubProcess:
                StartEventSubProcess(runtime, execution, eventSubProcess);
                break;
            case ParallelGateway { Incoming.Length: > 1 } parallel:
                JoinParallel(runtime, execution, parallel);
                break;
            case InclusiveGateway { Incoming.Length: > 1 } inclusive:
                execution.IsWaiting = true;
                TryJoinInclusive(runtime, runtime.Parent(execution)!, inclusive);
                break;
            case ComplexGateway { Incoming.Length: > 1 } complex:
                JoinComplex(runtime, execution, complex);
                break;
            case ParallelGateway or InclusiveGateway or ComplexGateway:
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
}
