using System.Collections.Immutable;

namespace Amtsweg.Bpmn.Model;

/// <summary>An event: start, end, intermediate catch or throw, or boundary.</summary>
public abstract class BpmnEvent : FlowNode
{
    private protected BpmnEvent()
    {
    }

    /// <summary>The event definitions written inside the event, in document order.</summary>
    public ImmutableArray<EventDefinition> EventDefinitions { get; internal set; } = [];

    /// <summary>The <c>eventDefinitionRef</c> children as written (references to root-level event definitions).</summary>
    public ImmutableArray<string> EventDefinitionRefs { get; internal set; } = [];

    /// <summary>The inline event definitions followed by the resolved referenced ones: what triggers or is thrown.</summary>
    public ImmutableArray<EventDefinition> AllEventDefinitions { get; internal set; } = [];

    /// <summary>True when the event has no event definition (a "none" event).</summary>
    public bool IsNone => AllEventDefinitions.IsEmpty;

    /// <summary>The first event definition of a type, or null.</summary>
    public T? GetEventDefinition<T>()
        where T : EventDefinition => AllEventDefinitions.OfType<T>().FirstOrDefault();

    /// <summary>The <c>dataInputAssociation</c> children (throw events).</summary>
    public ImmutableArray<DataAssociation> DataInputAssociations { get; internal set; } = [];

    /// <summary>The <c>dataOutputAssociation</c> children (catch events).</summary>
    public ImmutableArray<DataAssociation> DataOutputAssociations { get; internal set; } = [];
}

/// <summary>An event that waits for a trigger: start, intermediate catch and boundary events.</summary>
public abstract class CatchEvent : BpmnEvent
{
    private protected CatchEvent()
    {
    }

    /// <summary>The <c>parallelMultiple</c> attribute.</summary>
    public bool ParallelMultiple { get; internal set; }
}

/// <summary>An event that throws a result: intermediate throw and end events.</summary>
public abstract class ThrowEvent : BpmnEvent
{
    private protected ThrowEvent()
    {
    }
}

/// <summary>A <c>startEvent</c>.</summary>
public sealed class StartEvent : CatchEvent
{
    internal StartEvent()
    {
    }

    /// <summary>The <c>isInterrupting</c> attribute (true by default; matters in event sub-processes).</summary>
    public bool IsInterrupting { get; internal set; } = true;
}

/// <summary>An <c>intermediateCatchEvent</c>.</summary>
public sealed class IntermediateCatchEvent : CatchEvent
{
    internal IntermediateCatchEvent()
    {
    }
}

/// <summary>A <c>boundaryEvent</c> attached to an activity.</summary>
public sealed class BoundaryEvent : CatchEvent
{
    internal BoundaryEvent()
    {
    }

    /// <summary>The <c>attachedToRef</c> attribute as written.</summary>
    public string AttachedToRef { get; internal set; } = string.Empty;

    /// <summary>The resolved activity, or null when the reference does not resolve.</summary>
    public Activity? AttachedTo { get; internal set; }

    /// <summary>The <c>cancelActivity</c> attribute (true by default): an interrupting boundary event.</summary>
    public bool CancelActivity { get; internal set; } = true;
}

/// <summary>An <c>intermediateThrowEvent</c>.</summary>
public sealed class IntermediateThrowEvent : ThrowEvent
{
    internal IntermediateThrowEvent()
    {
    }
}

/// <summary>An <c>endEvent</c>.</summary>
public sealed class EndEvent : ThrowEvent
{
    internal EndEvent()
    {
    }
}
