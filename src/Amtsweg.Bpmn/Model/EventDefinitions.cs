using System.Collections.Immutable;

namespace Amtsweg.Bpmn.Model;

/// <summary>What triggers or is thrown by an event. May appear inside an event or as a root element.</summary>
public abstract class EventDefinition : BpmnRootElement
{
    private protected EventDefinition()
    {
    }
}

/// <summary>A <c>messageEventDefinition</c>.</summary>
public sealed class MessageEventDefinition : EventDefinition
{
    internal MessageEventDefinition()
    {
    }

    /// <summary>The <c>messageRef</c> attribute, or null.</summary>
    public string? MessageRef { get; internal set; }

    /// <summary>The resolved message, or null.</summary>
    public Message? Message { get; internal set; }

    /// <summary>The <c>operationRef</c> child, or null.</summary>
    public string? OperationRef { get; internal set; }
}

/// <summary>A <c>timerEventDefinition</c> with one of date, cycle or duration.</summary>
public sealed class TimerEventDefinition : EventDefinition
{
    internal TimerEventDefinition()
    {
    }

    /// <summary>The <c>timeDate</c> (an ISO 8601 date-time or FEEL), or null.</summary>
    public BpmnFormalExpression? TimeDate { get; internal set; }

    /// <summary>The <c>timeCycle</c> (an ISO 8601 repeating interval such as <c>R3/PT10M</c>, a cron expression or FEEL), or null.</summary>
    public BpmnFormalExpression? TimeCycle { get; internal set; }

    /// <summary>The <c>timeDuration</c> (an ISO 8601 duration or FEEL), or null.</summary>
    public BpmnFormalExpression? TimeDuration { get; internal set; }
}

/// <summary>An <c>errorEventDefinition</c>.</summary>
public sealed class ErrorEventDefinition : EventDefinition
{
    internal ErrorEventDefinition()
    {
    }

    /// <summary>The <c>errorRef</c> attribute, or null (catch all errors).</summary>
    public string? ErrorRef { get; internal set; }

    /// <summary>The resolved error, or null.</summary>
    public Error? Error { get; internal set; }
}

/// <summary>An <c>escalationEventDefinition</c>.</summary>
public sealed class EscalationEventDefinition : EventDefinition
{
    internal EscalationEventDefinition()
    {
    }

    /// <summary>The <c>escalationRef</c> attribute, or null.</summary>
    public string? EscalationRef { get; internal set; }

    /// <summary>The resolved escalation, or null.</summary>
    public Escalation? Escalation { get; internal set; }
}

/// <summary>A <c>signalEventDefinition</c>.</summary>
public sealed class SignalEventDefinition : EventDefinition
{
    internal SignalEventDefinition()
    {
    }

    /// <summary>The <c>signalRef</c> attribute, or null.</summary>
    public string? SignalRef { get; internal set; }

    /// <summary>The resolved signal, or null.</summary>
    public Signal? Signal { get; internal set; }
}

/// <summary>A <c>conditionalEventDefinition</c>.</summary>
public sealed class ConditionalEventDefinition : EventDefinition
{
    internal ConditionalEventDefinition()
    {
    }

    /// <summary>The <c>condition</c>, or null.</summary>
    public BpmnFormalExpression? Condition { get; internal set; }
}

/// <summary>A <c>linkEventDefinition</c>: a throw link jumps to the catch link of the same name in the same scope.</summary>
public sealed class LinkEventDefinition : EventDefinition
{
    internal LinkEventDefinition()
    {
    }

    /// <summary>The <c>source</c> children as written.</summary>
    public ImmutableArray<string> Sources { get; internal set; } = [];

    /// <summary>The <c>target</c> child as written, or null.</summary>
    public string? Target { get; internal set; }
}

/// <summary>A <c>compensateEventDefinition</c>.</summary>
public sealed class CompensateEventDefinition : EventDefinition
{
    internal CompensateEventDefinition()
    {
    }

    /// <summary>The <c>activityRef</c> attribute, or null (compensate the whole scope).</summary>
    public string? ActivityRef { get; internal set; }

    /// <summary>The resolved activity, or null.</summary>
    public Activity? Activity { get; internal set; }

    /// <summary>The <c>waitForCompletion</c> attribute (true by default).</summary>
    public bool WaitForCompletion { get; internal set; } = true;
}

/// <summary>A <c>cancelEventDefinition</c> (transactions).</summary>
public sealed class CancelEventDefinition : EventDefinition
{
    internal CancelEventDefinition()
    {
    }
}

/// <summary>A <c>terminateEventDefinition</c>.</summary>
public sealed class TerminateEventDefinition : EventDefinition
{
    internal TerminateEventDefinition()
    {
    }
}
