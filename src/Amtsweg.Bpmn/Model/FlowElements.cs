using System.Collections.Immutable;

namespace Amtsweg.Bpmn.Model;

/// <summary>An element that lives in a scope: flow nodes, sequence flows and data objects.</summary>
public abstract class FlowElement : BpmnElement
{
    private protected FlowElement()
    {
    }

    /// <summary>The process or sub-process this element is directly in.</summary>
    public IFlowElementScope Scope { get; internal set; } = null!;

    /// <summary>The process this element belongs to, through any nesting of sub-processes.</summary>
    public BpmnProcess? Process
    {
        get
        {
            for (var current = Parent; current is not null; current = current.Parent)
            {
                if (current is BpmnProcess process)
                {
                    return process;
                }
            }

            return null;
        }
    }
}

/// <summary>A node that sequence flows connect: an activity, a gateway or an event.</summary>
public abstract class FlowNode : FlowElement
{
    private protected FlowNode()
    {
    }

    /// <summary>Sequence flows whose <c>targetRef</c> is this node (from <c>sourceRef</c>/<c>targetRef</c>, not from the optional <c>incoming</c> children).</summary>
    public ImmutableArray<SequenceFlow> Incoming { get; internal set; } = [];

    /// <summary>Sequence flows whose <c>sourceRef</c> is this node.</summary>
    public ImmutableArray<SequenceFlow> Outgoing { get; internal set; } = [];

    /// <summary>The lanes that list this node.</summary>
    public ImmutableArray<Lane> Lanes { get; internal set; } = [];
}

/// <summary>A <c>sequenceFlow</c> between two flow nodes of the same scope.</summary>
public sealed class SequenceFlow : FlowElement
{
    internal SequenceFlow()
    {
    }

    /// <summary>The <c>sourceRef</c> attribute as written.</summary>
    public string SourceRef { get; internal set; } = string.Empty;

    /// <summary>The <c>targetRef</c> attribute as written.</summary>
    public string TargetRef { get; internal set; } = string.Empty;

    /// <summary>The resolved source; null when the reference does not resolve.</summary>
    public FlowNode? Source { get; internal set; }

    /// <summary>The resolved target; null when the reference does not resolve.</summary>
    public FlowNode? Target { get; internal set; }

    /// <summary>The <c>conditionExpression</c>, or null.</summary>
    public BpmnFormalExpression? ConditionExpression { get; internal set; }

    /// <summary>The <c>isImmediate</c> attribute, or null.</summary>
    public bool? IsImmediate { get; internal set; }

    /// <summary>True when the source's <c>default</c> attribute names this flow.</summary>
    public bool IsDefault => Source switch
    {
        Activity activity => ReferenceEquals(activity.Default, this),
        Gateway gateway => ReferenceEquals(gateway.Default, this),
        _ => false,
    };
}
