using System.Collections.Immutable;

namespace Amtsweg.Bpmn.Model;

/// <summary>
/// A <c>subProcess</c> (a scope of its own). With <see cref="TriggeredByEvent"/> it is an event sub-process.
/// </summary>
public class SubProcess : Activity, IFlowElementScope
{
    internal SubProcess()
    {
    }

    /// <summary>The <c>triggeredByEvent</c> attribute: true for an event sub-process.</summary>
    public bool TriggeredByEvent { get; internal set; }

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
}

/// <summary>A <c>transaction</c> sub-process.</summary>
public sealed class Transaction : SubProcess
{
    internal Transaction()
    {
    }

    /// <summary>The <c>method</c> attribute (<c>##Compensate</c> by default).</summary>
    public string Method { get; internal set; } = "##Compensate";
}

/// <summary>An <c>adHocSubProcess</c>.</summary>
public sealed class AdHocSubProcess : SubProcess
{
    internal AdHocSubProcess()
    {
    }

    /// <summary>The <c>ordering</c> attribute (<c>Parallel</c> by default, or <c>Sequential</c>).</summary>
    public string Ordering { get; internal set; } = "Parallel";

    /// <summary>The <c>cancelRemainingInstances</c> attribute (true by default).</summary>
    public bool CancelRemainingInstances { get; internal set; } = true;

    /// <summary>The <c>completionCondition</c>, or null.</summary>
    public BpmnFormalExpression? CompletionCondition { get; internal set; }
}
