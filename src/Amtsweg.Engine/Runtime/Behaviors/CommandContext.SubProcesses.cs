using System.Globalization;
using System.Text.Json.Nodes;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Zeebe;
using Amtsweg.Engine.Persistence;
using Amtsweg.Feel;

namespace Amtsweg.Engine.Runtime;

/// <summary>Behaviour of scopes: embedded sub-processes, call activities and the start of an instance.</summary>
internal sealed partial class CommandContext
{
    private void StartSubProcess(InstanceRuntime runtime, ExecutionEntity execution, SubProcess subProcess)
    {
        var start = subProcess.FlowNodes.OfType<StartEvent>().FirstOrDefault(s => s.IsNone)
            ?? throw new IncidentException(IncidentTypes.UnsupportedElement, subProcess.Id!, $"Der Teilprozess '{subProcess.Id}' hat kein einfaches Startereignis.");
        execution.IsWaiting = true;
        SubscribeEventSubProcesses(runtime, execution, subProcess);
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
        SetLocal(runtime, root, WithStartVariables(definition, variables));
        SubscribeEventSubProcesses(runtime, root, runtime.Process);
        var token = NewToken(runtime, root, start.Id!);
        Schedule(new EnterElementOperation(runtime, token));
        return runtime;
    }

    /// <summary>
    /// <paramref name="variables"/> with the host's variables for every new instance of the process
    /// (<see cref="IProcessStartVariables"/>) added: a variable the starter passes wins, and where both are contexts they
    /// are merged key by key, the starter's keys winning. Applying it twice changes nothing.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, FeelValue>> WithStartVariables(ProcessDefinitionEntity definition, IEnumerable<KeyValuePair<string, FeelValue>> variables)
    {
        var list = variables.ToList();
        if (Configuration.StartVariables is not { } provider)
        {
            return list;
        }

        foreach (var (name, value) in provider.For(definition.TenantId, definition.ProcessId))
        {
            var given = list.FindIndex(p => p.Key == name);
            if (given < 0)
            {
                list.Add(new(name, FeelConvert.FromJson(value)));
            }
            else if (value is JsonObject host && FeelConvert.ToJson(list[given].Value) is JsonObject own)
            {
                var merged = (JsonObject)host.DeepClone();
                foreach (var (key, ownValue) in own)
                {
                    merged[key] = ownValue?.DeepClone();
                }

                list[given] = new(name, FeelConvert.FromJson(merged));
            }
        }

        return list;
    }

    public static StartEvent FindStartEvent(InstanceRuntime runtime, string? startElementId)
    {
        var starts = runtime.Process.FlowNodes.OfType<StartEvent>().ToList();
        return (startElementId is null ? starts.Find(s => s.IsNone) : starts.Find(s => s.Id == startElementId))
            ?? throw new InvalidEngineStateException(startElementId is null
                ? $"The process '{runtime.Process.Id}' has no none start event; start it by its message, signal or timer."
                : $"The process '{runtime.Process.Id}' has no start event '{startElementId}'.");
    }
}
