using System.Collections.Immutable;

namespace Amtsweg.Bpmn.Model;

/// <summary>A <c>collaboration</c>: pools (participants) and the message flows between them.</summary>
public sealed class Collaboration : BpmnRootElement
{
    internal Collaboration()
    {
    }

    /// <summary>The <c>isClosed</c> attribute.</summary>
    public bool IsClosed { get; internal set; }

    /// <summary>The participants (pools).</summary>
    public ImmutableArray<Participant> Participants { get; internal set; } = [];

    /// <summary>The message flows.</summary>
    public ImmutableArray<MessageFlow> MessageFlows { get; internal set; } = [];

    /// <summary>Text annotations, associations and groups of the collaboration.</summary>
    public ImmutableArray<Artifact> Artifacts { get; internal set; } = [];
}

/// <summary>A <c>participant</c> (pool), optionally backed by a process.</summary>
public sealed class Participant : BpmnElement
{
    internal Participant()
    {
    }

    /// <summary>The <c>processRef</c> attribute, or null for a black-box pool.</summary>
    public string? ProcessRef { get; internal set; }

    /// <summary>The resolved process, or null.</summary>
    public BpmnProcess? Process { get; internal set; }
}

/// <summary>A <c>messageFlow</c> between participants or their flow nodes.</summary>
public sealed class MessageFlow : BpmnElement
{
    internal MessageFlow()
    {
    }

    /// <summary>The <c>sourceRef</c> attribute as written.</summary>
    public string SourceRef { get; internal set; } = string.Empty;

    /// <summary>The <c>targetRef</c> attribute as written.</summary>
    public string TargetRef { get; internal set; } = string.Empty;

    /// <summary>The resolved source (a participant or a flow node), or null.</summary>
    public BpmnElement? Source { get; internal set; }

    /// <summary>The resolved target (a participant or a flow node), or null.</summary>
    public BpmnElement? Target { get; internal set; }

    /// <summary>The <c>messageRef</c> attribute, or null.</summary>
    public string? MessageRef { get; internal set; }

    /// <summary>The resolved message, or null.</summary>
    public Message? Message { get; internal set; }
}

/// <summary>A <c>laneSet</c> (or a lane's <c>childLaneSet</c>).</summary>
public sealed class LaneSet : BpmnElement
{
    internal LaneSet()
    {
    }

    /// <summary>The lanes.</summary>
    public ImmutableArray<Lane> Lanes { get; internal set; } = [];
}

/// <summary>A <c>lane</c>, possibly with nested lanes.</summary>
public sealed class Lane : BpmnElement
{
    internal Lane()
    {
    }

    /// <summary>The <c>flowNodeRef</c> children as written.</summary>
    public ImmutableArray<string> FlowNodeRefs { get; internal set; } = [];

    /// <summary>The resolved flow nodes.</summary>
    public ImmutableArray<FlowNode> FlowNodes { get; internal set; } = [];

    /// <summary>The nested lanes, or null.</summary>
    public LaneSet? ChildLaneSet { get; internal set; }

    /// <summary>The <c>partitionElementRef</c> attribute, or null.</summary>
    public string? PartitionElementRef { get; internal set; }
}
