using Amtsweg.Bpmn.Model;
using Amtsweg.Engine.Persistence;

namespace Amtsweg.Engine.Runtime;

/// <summary>
/// One small named step of token movement (Camunda 7's PVM atomic operations). The agenda runs them one after
/// another inside the command's transaction until every token waits or has ended.
/// </summary>
internal abstract class AtomicOperation(InstanceRuntime instance, ExecutionEntity execution)
{
    public InstanceRuntime Instance { get; } = instance;

    public ExecutionEntity Execution { get; } = execution;

    public abstract string Name { get; }

    public abstract void Execute(CommandContext context);

    public override string ToString() => $"{Name} {Execution.ElementId}";
}

/// <summary>Moves a token along a sequence flow to its target and enters it.</summary>
internal sealed class TakeSequenceFlowOperation(InstanceRuntime instance, ExecutionEntity execution, SequenceFlow flow)
    : AtomicOperation(instance, execution)
{
    public SequenceFlow Flow { get; } = flow;

    public override string Name => "take-sequence-flow";

    public override void Execute(CommandContext context) => context.TakeSequenceFlow(Instance, Execution, Flow);
}

/// <summary>A token arrives at a flow node: history, input mappings, multi-instance body, boundary events.</summary>
internal sealed class EnterElementOperation(InstanceRuntime instance, ExecutionEntity execution)
    : AtomicOperation(instance, execution)
{
    public override string Name => "enter-element";

    public override void Execute(CommandContext context) => context.EnterElement(Instance, Execution);
}

/// <summary>The behaviour of the flow node: wait (task, message, timer, job) or go on at once.</summary>
internal sealed class ExecuteElementOperation(InstanceRuntime instance, ExecutionEntity execution)
    : AtomicOperation(instance, execution)
{
    public override string Name => "execute-element";

    public override void Execute(CommandContext context) => context.ExecuteElement(Instance, Execution);
}

/// <summary>A flow node completes: output mappings, history, then the outgoing flows are chosen and taken.</summary>
internal sealed class LeaveElementOperation(InstanceRuntime instance, ExecutionEntity execution)
    : AtomicOperation(instance, execution)
{
    public override string Name => "leave-element";

    public override void Execute(CommandContext context) => context.LeaveElement(Instance, Execution);
}

/// <summary>A token without outgoing flow ends; when its scope has no tokens left, the scope completes.</summary>
internal sealed class EndExecutionOperation(InstanceRuntime instance, ExecutionEntity execution)
    : AtomicOperation(instance, execution)
{
    public override string Name => "end-execution";

    public override void Execute(CommandContext context) => context.EndExecution(Instance, Execution);
}

/// <summary>A scope (sub-process or process instance) has no tokens left and completes towards its parent.</summary>
internal sealed class PropagateToParentOperation(InstanceRuntime instance, ExecutionEntity scope)
    : AtomicOperation(instance, scope)
{
    public override string Name => "propagate-to-parent";

    public override void Execute(CommandContext context) => context.PropagateToParent(Instance, Execution);
}

/// <summary>A buffered message reaches a subscription that opened after it was published (Camunda 8's message time to live).</summary>
internal sealed class DeliverBufferedMessageOperation(InstanceRuntime instance, ExecutionEntity execution, EventSubscriptionEntity subscription, MessageEntity message)
    : AtomicOperation(instance, execution)
{
    public override string Name => "deliver-buffered-message";

    public override void Execute(CommandContext context) => context.DeliverBufferedMessage(Instance, Execution, subscription, message);
}
