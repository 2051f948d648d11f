using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn.Validation.Checks;

/// <summary>
/// Reports cycles of sequence flows (within one scope, including jumps from link throw to link catch events) on
/// which no node waits: a token on such a cycle may run for ever without the engine ever committing. Wait states
/// are user and receive tasks, job-based tasks, catching events (except links), event-based gateways, call
/// activities and sub-processes that contain a wait state. Cycles are found as strongly connected components
/// (Tarjan's algorithm, iterative, so large models do not exhaust the stack).
/// </summary>
internal sealed class CycleWithoutWaitStateCheck : IBpmnCheck
{
    public void Check(BpmnValidationContext context)
    {
        foreach (var scope in context.ExecutableScopes)
        {
            foreach (var component in StronglyConnectedComponents(scope))
            {
                if (component.Any(IsWaitState))
                {
                    continue;
                }

                var first = component.OrderBy(n => n.Line).ThenBy(n => n.Column).First();
                var members = string.Join(", ", component.OrderBy(n => n.Line).ThenBy(n => n.Column).Select(n => n.Id));
                context.Report(
                    BpmnProblemCodes.CycleWithoutWaitState,
                    BpmnProblemSeverity.Warning,
                    first,
                    $"Der Zyklus über {members} enthält keinen Wartezustand (z. B. Benutzeraufgabe, Empfangsaufgabe, Zwischenereignis) und kann endlos laufen.",
                    $"The cycle through {members} contains no wait state (e.g. user task, receive task, catching event) and may run for ever.");
            }
        }
    }

    internal static bool IsWaitState(FlowNode node) => node switch
    {
        UserTask or ReceiveTask or CallActivity or EventBasedGateway => true,
        ServiceTask or SendTask => true,
        ScriptTask script => script.Zeebe.Script is null,
        BusinessRuleTask rule => rule.Zeebe.CalledDecision is null,
        IntermediateCatchEvent catchEvent => catchEvent.GetEventDefinition<LinkEventDefinition>() is null,
        SubProcess subProcess => subProcess.DescendantsAndSelf().OfType<FlowNode>().Any(n => !ReferenceEquals(n, subProcess) && IsWaitState(n)),
        _ => false,
    };

    private static List<List<FlowNode>> StronglyConnectedComponents(IFlowElementScope scope)
    {
        var nodes = scope.FlowNodes.Where(n => n is not BoundaryEvent).ToList();
        var successors = Successors(scope, nodes);
        var index = new Dictionary<FlowNode, int>();
        var lowLink = new Dictionary<FlowNode, int>();
        var onStack = new HashSet<FlowNode>();
        var stack = new Stack<FlowNode>();
        var result = new List<List<FlowNode>>();
        var counter = 0;

        foreach (var root in nodes)
        {
            if (index.ContainsKey(root))
            {
                continue;
            }

            var work = new Stack<(FlowNode Node, int Next)>();
            work.Push((root, 0));
            index[root] = lowLink[root] = counter++;
            stack.Push(root);
            onStack.Add(root);
            while (work.Count > 0)
            {
                var (node, next) = work.Pop();
                var targets = successors[node];
                if (next < targets.Count)
                {
                    work.Push((node, next + 1));
                    var target = targets[next];
                    if (!index.ContainsKey(target))
                    {
                        index[target] = lowLink[target] = counter++;
                        stack.Push(target);
                        onStack.Add(target);
                        work.Push((target, 0));
                    }
                    else if (onStack.Contains(target))
                    {
                        lowLink[node] = Math.Min(lowLink[node], index[target]);
                    }

                    continue;
                }

                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    lowLink[parent] = Math.Min(lowLink[parent], lowLink[node]);
                }

                if (lowLink[node] != index[node])
                {
                    continue;
                }

                var component = new List<FlowNode>();
                FlowNode member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (!ReferenceEquals(member, node));

                if (component.Count > 1 || successors[node].Contains(node))
                {
                    result.Add(component);
                }
            }
        }

        return result;
    }

    private static Dictionary<FlowNode, List<FlowNode>> Successors(IFlowElementScope scope, List<FlowNode> nodes)
    {
        var inScope = nodes.ToHashSet();
        var successors = nodes.ToDictionary(n => n, n => n.Outgoing.Select(f => f.Target).OfType<FlowNode>().Where(inScope.Contains).ToList());
        var catchLinks = scope.FlowNodes.OfType<IntermediateCatchEvent>()
            .Select(e => (Event: e, Link: e.GetEventDefinition<LinkEventDefinition>()))
            .Where(e => e.Link is not null)
            .ToList();
        foreach (var throwEvent in scope.FlowNodes.OfType<IntermediateThrowEvent>())
        {
            var link = throwEvent.GetEventDefinition<LinkEventDefinition>();
            if (link is null)
            {
                continue;
            }

            successors[throwEvent].AddRange(catchLinks.Where(c => c.Link!.Name == link.Name && link.Name is not null).Select(c => (FlowNode)c.Event));
        }

        return successors;
    }
}
