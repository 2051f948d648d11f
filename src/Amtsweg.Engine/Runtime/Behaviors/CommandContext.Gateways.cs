using System.Globalization;
using System.Text.Json.Nodes;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Zeebe;
using Amtsweg.Engine.Persistence;
using Amtsweg.Feel;

namespace Amtsweg.Engine.Runtime;

/// <summary>Behaviour of joining gateways: parallel and inclusive joins.</summary>
internal sealed partial class CommandContext
{
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

        // Every token waiting here joins, also several that arrived on the same flow (two branches merged by an
        // exclusive gateway before the join, a repeating non-interrupting boundary event): as in Camunda, the join
        // fires once. Left waiting, they made it fire a second time when some later token of the scope ended.
        MergeAndLeave(runtime, waiting[0], waiting);
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

            if (node is IntermediateThrowEvent { AllEventDefinitions: [LinkEventDefinition link] } linkThrow)
            {
                // A link throw goes on at its catch like an invisible sequence flow; without this the join fired
                // before the token coming through the link, and again when it arrived.
                next = next.Concat(LinkCatches(linkThrow.Scope, LinkName(linkThrow, link)));
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

    // ---- complex gateway ----

    /// <summary>
    /// Marks the execution that holds a complex gateway in BPMN 2.0's "waiting for reset" state; after the marker, the
    /// incoming flows that had a token when it activated or have brought one since (comma-separated flow ids).
    /// </summary>
    private const string ComplexResetMarker = "complex-reset:";

    /// <summary>The name under which the activation condition sees the number of incoming flows holding a token (BPMN 2.0's <c>activationCount</c>).</summary>
    public const string ActivationCountVariable = "activationCount";

    /// <summary>
    /// A token arrives at a joining complex gateway (BPMN 2.0, 10.5.5; Camunda 8 does not execute the complex gateway,
    /// Camunda 7 had none). Waiting for start: the tokens wait until <c>activationCondition</c> holds, evaluated on each
    /// arrival with <c>activationCount</c> (the number of incoming flows holding a token) besides the process
    /// variables; then one token per such flow is consumed and the gateway fires once, splitting like an inclusive
    /// gateway (conditions, default flow). Waiting for reset: it then waits for the tokens that can still arrive on the
    /// other incoming flows, consumes them without firing again, and resets once every incoming flow has brought its
    /// token or none can arrive any more. A token arriving on a flow that already brought one in this round waits
    /// for the next round. Without <c>activationCondition</c> the gateway joins like an inclusive gateway.
    /// </summary>
    private void JoinComplex(InstanceRuntime runtime, ExecutionEntity execution, ComplexGateway gateway)
    {
        execution.IsWaiting = true;
        var scope = runtime.Parent(execution)!;
        if (ComplexResetGuard(runtime, scope, gateway) is { } guard)
        {
            var arrived = ComplexArrivedFlows(guard);
            if (execution.ArrivedVia is { } flow && !arrived.Contains(flow))
            {
                History(runtime, HistoryEventTypes.ElementCompleted, execution, gateway, detail: "reset");
                arrived.Add(flow);
                guard.LoopState = ComplexResetMarker + string.Join(',', arrived);
                RemoveExecution(runtime, execution);
                TryResetComplex(runtime, scope, gateway, guard);
            }

            return;
        }

        TryActivateComplex(runtime, scope, gateway);
    }

    /// <summary>Re-checks the complex gateways of a scope after one of its tokens ended: a join may fire, a reset may complete.</summary>
    private void RecheckComplexGateways(InstanceRuntime runtime, ExecutionEntity scope)
    {
        var gateways = runtime.Children(scope)
            .Where(e => e.IsWaiting && runtime.Node(e) is ComplexGateway { Incoming.Length: > 1 })
            .Select(e => (ComplexGateway)runtime.Node(e)!)
            .Distinct()
            .ToList();
        foreach (var gateway in gateways)
        {
            if (ComplexResetGuard(runtime, scope, gateway) is { } guard)
            {
                TryResetComplex(runtime, scope, gateway, guard);
            }
            else
            {
                TryActivateComplex(runtime, scope, gateway);
            }
        }
    }

    private void TryActivateComplex(InstanceRuntime runtime, ExecutionEntity scope, ComplexGateway gateway)
    {
        var waiting = runtime.Children(scope).Where(e => e.IsWaiting && e.ElementId == gateway.Id && e.LoopState is null).ToList();
        if (waiting.Count == 0)
        {
            return;
        }

        // One token per incoming flow counts and is consumed; tokens that arrived twice on the same flow wait for the next round.
        var chosen = waiting.GroupBy(e => e.ArrivedVia, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var arrived = chosen.Select(e => e.ArrivedVia!).ToHashSet(StringComparer.Ordinal);
        if (gateway.ActivationCondition is not { } condition)
        {
            if (!ComplexMayStillReceive(runtime, scope, gateway, [.. gateway.Incoming]))
            {
                MergeAndLeave(runtime, chosen[0], chosen);
            }

            return;
        }

        var feel = new FeelScope(Scope(runtime, chosen[0]));
        feel.Set(ActivationCountVariable, FeelNumber.From(chosen.Count));
        if (!Expressions.EvaluateCondition(condition.Expression, feel, gateway.Id!))
        {
            if (!ComplexMayStillReceive(runtime, scope, gateway, [.. gateway.Incoming.Where(f => !arrived.Contains(f.Id!))]))
            {
                throw new IncidentException(
                    IncidentTypes.NoFlowTaken,
                    gateway.Id!,
                    $"Die Aktivierungsbedingung '{condition.Text.Trim()}' des komplexen Gateways '{gateway.Id}' ist mit {chosen.Count} angekommenen Token nicht erfüllt, und es kann kein weiteres Token mehr ankommen.");
            }

            return;
        }

        var remaining = gateway.Incoming.Where(f => !arrived.Contains(f.Id!)).ToList();
        if (remaining.Count > 0 && ComplexMayStillReceive(runtime, scope, gateway, remaining))
        {
            var guard = NewToken(runtime, scope, gateway.Id!);
            guard.IsWaiting = true;
            guard.LoopState = ComplexResetMarker + string.Join(',', arrived);
        }

        MergeAndLeave(runtime, chosen[0], chosen);
    }

    /// <summary>Waiting for reset ends when every incoming flow has brought its token or none can arrive any more; tokens of the next round are then evaluated.</summary>
    private void TryResetComplex(InstanceRuntime runtime, ExecutionEntity scope, ComplexGateway gateway, ExecutionEntity guard)
    {
        var arrived = ComplexArrivedFlows(guard);
        var remaining = gateway.Incoming.Where(f => !arrived.Contains(f.Id!)).ToList();
        if (remaining.Count > 0 && ComplexMayStillReceive(runtime, scope, gateway, remaining))
        {
            return;
        }

        RemoveExecution(runtime, guard);
        TryActivateComplex(runtime, scope, gateway);
        if (!runtime.Children(scope).Any())
        {
            Schedule(new PropagateToParentOperation(runtime, scope));
        }
    }

    private static ExecutionEntity? ComplexResetGuard(InstanceRuntime runtime, ExecutionEntity scope, ComplexGateway gateway) =>
        runtime.Children(scope).FirstOrDefault(e => e.ElementId == gateway.Id && e.LoopState?.StartsWith(ComplexResetMarker, StringComparison.Ordinal) == true);

    private static HashSet<string> ComplexArrivedFlows(ExecutionEntity guard) =>
        guard.LoopState![ComplexResetMarker.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>True when a token of the scope that is not at the gateway may still arrive on one of the given incoming flows.</summary>
    private static bool ComplexMayStillReceive(InstanceRuntime runtime, ExecutionEntity scope, ComplexGateway gateway, List<SequenceFlow> flows) =>
        runtime.Children(scope)
            .Where(e => e.ElementId != gateway.Id)
            .Select(runtime.Node)
            .OfType<FlowNode>()
            .Any(node => flows.Exists(f => f.Source is { } source && (ReferenceEquals(node, source) || CanReach(node, source))));
}
