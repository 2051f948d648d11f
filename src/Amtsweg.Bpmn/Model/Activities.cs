using System.Collections.Immutable;

namespace Amtsweg.Bpmn.Model;

/// <summary>Work done in a process: a task, a sub-process or a call activity.</summary>
public abstract class Activity : FlowNode
{
    private protected Activity()
    {
    }

    /// <summary>The <c>isForCompensation</c> attribute.</summary>
    public bool IsForCompensation { get; internal set; }

    /// <summary>The <c>startQuantity</c> attribute (1 by default).</summary>
    public int StartQuantity { get; internal set; } = 1;

    /// <summary>The <c>completionQuantity</c> attribute (1 by default).</summary>
    public int CompletionQuantity { get; internal set; } = 1;

    /// <summary>The <c>default</c> attribute as written, or null.</summary>
    public string? DefaultRef { get; internal set; }

    /// <summary>The resolved default flow, or null.</summary>
    public SequenceFlow? Default { get; internal set; }

    /// <summary>Standard or multi-instance loop characteristics, or null.</summary>
    public LoopCharacteristics? LoopCharacteristics { get; internal set; }

    /// <summary>Boundary events attached to this activity.</summary>
    public ImmutableArray<BoundaryEvent> BoundaryEvents { get; internal set; } = [];

    /// <summary>The <c>dataInputAssociation</c> children.</summary>
    public ImmutableArray<DataAssociation> DataInputAssociations { get; internal set; } = [];

    /// <summary>The <c>dataOutputAssociation</c> children.</summary>
    public ImmutableArray<DataAssociation> DataOutputAssociations { get; internal set; } = [];
}

/// <summary>A plain <c>task</c>; the specific task types derive from it.</summary>
public class BpmnTask : Activity
{
    internal BpmnTask()
    {
    }

    /// <summary>The <c>implementation</c> attribute of service, send, receive, user and business rule tasks, or null.</summary>
    public string? Implementation { get; internal set; }
}

/// <summary>A <c>userTask</c>. Form, assignment and schedule of the Zeebe dialect are in <see cref="BpmnElement.Zeebe"/>.</summary>
public sealed class UserTask : BpmnTask
{
    internal UserTask()
    {
    }
}

/// <summary>A <c>manualTask</c>.</summary>
public sealed class ManualTask : BpmnTask
{
    internal ManualTask()
    {
    }
}

/// <summary>A <c>serviceTask</c>.</summary>
public sealed class ServiceTask : BpmnTask
{
    internal ServiceTask()
    {
    }

    /// <summary>The <c>operationRef</c> attribute, or null.</summary>
    public string? OperationRef { get; internal set; }
}

/// <summary>A <c>sendTask</c>.</summary>
public sealed class SendTask : BpmnTask
{
    internal SendTask()
    {
    }

    /// <summary>The <c>messageRef</c> attribute, or null.</summary>
    public string? MessageRef { get; internal set; }

    /// <summary>The resolved message, or null.</summary>
    public Message? Message { get; internal set; }

    /// <summary>The <c>operationRef</c> attribute, or null.</summary>
    public string? OperationRef { get; internal set; }
}

/// <summary>A <c>receiveTask</c>.</summary>
public sealed class ReceiveTask : BpmnTask
{
    internal ReceiveTask()
    {
    }

    /// <summary>The <c>messageRef</c> attribute, or null.</summary>
    public string? MessageRef { get; internal set; }

    /// <summary>The resolved message, or null.</summary>
    public Message? Message { get; internal set; }

    /// <summary>The <c>instantiate</c> attribute.</summary>
    public bool Instantiate { get; internal set; }

    /// <summary>The <c>operationRef</c> attribute, or null.</summary>
    public string? OperationRef { get; internal set; }
}

/// <summary>A <c>scriptTask</c>.</summary>
public sealed class ScriptTask : BpmnTask
{
    internal ScriptTask()
    {
    }

    /// <summary>The <c>scriptFormat</c> attribute, or null.</summary>
    public string? ScriptFormat { get; internal set; }

    /// <summary>The text of the <c>script</c> child, or null.</summary>
    public string? Script { get; internal set; }
}

/// <summary>A <c>businessRuleTask</c>. The Zeebe decision call is in <see cref="BpmnElement.Zeebe"/>.</summary>
public sealed class BusinessRuleTask : BpmnTask
{
    internal BusinessRuleTask()
    {
    }
}

/// <summary>A <c>callActivity</c> that starts another process.</summary>
public sealed class CallActivity : Activity
{
    internal CallActivity()
    {
    }

    /// <summary>The BPMN <c>calledElement</c> attribute, or null (Zeebe keeps its own in <see cref="BpmnElement.Zeebe"/>).</summary>
    public string? CalledElement { get; internal set; }

    /// <summary>The process id this activity calls: Zeebe's <c>processId</c> when present, otherwise <see cref="CalledElement"/>.</summary>
    public BpmnExpression? CalledProcessId =>
        Zeebe.CalledElement?.ProcessId ?? (CalledElement is null ? null : BpmnExpression.Parse(CalledElement));
}
