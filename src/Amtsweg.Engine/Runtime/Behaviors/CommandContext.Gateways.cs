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
}
