using System.Collections.Immutable;

namespace Amtsweg.Bpmn.Model;

/// <summary>
/// A scope that contains flow elements: a <see cref="BpmnProcess"/> or a <see cref="SubProcess"/>
/// (including event sub-processes, transactions and ad-hoc sub-processes).
/// </summary>
public interface IFlowElementScope
{
    /// <summary>The scope's id.</summary>
    string? Id { get; }

    /// <summary>All flow elements directly in this scope, in document order.</summary>
    ImmutableArray<FlowElement> FlowElements { get; }

    /// <summary>The flow nodes (activities, gateways, events) directly in this scope.</summary>
    ImmutableArray<FlowNode> FlowNodes { get; }

    /// <summary>The sequence flows directly in this scope.</summary>
    ImmutableArray<SequenceFlow> SequenceFlows { get; }

    /// <summary>Text annotations, associations and groups directly in this scope.</summary>
    ImmutableArray<Artifact> Artifacts { get; }

    /// <summary>The lane sets of this scope.</summary>
    ImmutableArray<LaneSet> LaneSets { get; }
}

/// <summary>A <c>process</c>: the top-level scope that the engine deploys and starts.</summary>
public sealed class BpmnProcess : BpmnRootElement, IFlowElementScope
{
    internal BpmnProcess()
    {
    }

    /// <summary>The <c>isExecutable</c> attribute as written; null when absent.</summary>
    public bool? IsExecutable { get; internal set; }

    /// <summary>The <c>processType</c> attribute (<c>None</c>, <c>Public</c>, <c>Private</c>).</summary>
    public string ProcessType { get; internal set; } = "None";

    /// <summary>The <c>isClosed</c> attribute.</summary>
    public bool IsClosed { get; internal set; }

    /// <inheritdoc />
    public ImmutableArray<FlowElement> FlowElements { get; internal set; } = [];

    /// <inheritdoc />
    public ImmutableArray<FlowNode> FlowNodes { get; internal set; } = [];

    /// <inheritdoc />
    public ImmutableArray<SequenceFlow> SequenceFlows { get; internal set; } = [];

    /// <inheritdoc />
    public ImmutableArray<Artifact> Artifacts { get; internal set; } = [];

    /// <inheritdoc />
    public ImmutableArray<LaneSet> LaneSets { get; internal set; } = [];

    /// <summary>All flow nodes of this process including those nested in sub-processes.</summary>
    public IEnumerable<FlowNode> AllFlowNodes => DescendantsAndSelf().OfType<FlowNode>();

    /// <summary>All sequence flows of this process including those nested in sub-processes.</summary>
    public IEnumerable<SequenceFlow> AllSequenceFlows => DescendantsAndSelf().OfType<SequenceFlow>();
}
