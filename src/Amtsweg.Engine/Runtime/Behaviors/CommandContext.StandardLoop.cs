using Amtsweg.Bpmn.Model;
using Amtsweg.Engine.Persistence;
using Amtsweg.Feel;

namespace Amtsweg.Engine.Runtime;

/// <summary>
/// Behaviour of standard loops (<c>standardLoopCharacteristics</c>). Each run of the activity is an iteration of its own:
/// the variable <c>loopCounter</c> (1, 2, 3, ...) is local to it, and its input mappings, output mappings and
/// compensation apply per iteration, as for the inner instances of a multi-instance activity. The token stays on the
/// activity between iterations, so its boundary events cover the whole loop. The loop condition is evaluated after an
/// iteration with that iteration's variables (its <c>loopCounter</c> is then the number of iterations taken); a
/// test-before loop evaluates it once more before the first iteration, with <c>loopCounter</c> 0. <c>loopMaximum</c>
/// caps the number of iterations.
/// </summary>
internal sealed partial class CommandContext
{
    private const string LoopCounterVariable = "loopCounter";

    /// <summary>A token entered a looping activity: runs the first iteration, or skips the activity when a test-before loop's condition is false.</summary>
    private void StartStandardLoop(InstanceRuntime runtime, ExecutionEntity execution, Activity activity, StandardLoopCharacteristics loop)
    {
        execution.LoopCounter = 0;
        if (loop.TestBefore && !StandardLoopContinues(runtime, execution, activity, loop, new FeelScope(Scope(runtime, execution)).Set(LoopCounterVariable, 0)))
        {
            // The activity never runs: no input or output mappings, nothing to compensate.
            History(runtime, HistoryEventTypes.ElementCompleted, execution, activity, detail: "loop 0");
            if (!WaitsBeforeLeaving(runtime, execution, activity))
            {
                TakeOutgoing(runtime, execution, activity);
            }

            return;
        }

        SetLocal(runtime, execution, [new(LoopCounterVariable, 1)]);
        ApplyInputs(runtime, execution, activity);
        SubscribeBoundaryEvents(runtime, execution, activity);
        Schedule(new ExecuteElementOperation(runtime, execution));
    }

    /// <summary>
    /// An iteration completed (its output mappings applied, its compensation recorded): starts the next one and returns
    /// true while the loop condition holds and the maximum is not reached; false when the activity is left.
    /// </summary>
    private bool RepeatsStandardLoop(InstanceRuntime runtime, ExecutionEntity execution, Activity activity, StandardLoopCharacteristics loop)
    {
        execution.LoopCounter++;
        if (!StandardLoopContinues(runtime, execution, activity, loop, Scope(runtime, execution)))
        {
            return false;
        }

        History(runtime, HistoryEventTypes.ElementCompleted, execution, activity, detail: $"loop {execution.LoopCounter}");
        RemoveLocals(runtime, execution);
        RemoveIterationWaits(runtime, execution, activity);
        History(runtime, HistoryEventTypes.ElementEntered, execution, activity, detail: $"loop {execution.LoopCounter + 1}");
        SetLocal(runtime, execution, [new(LoopCounterVariable, execution.LoopCounter + 1)]);
        ApplyInputs(runtime, execution, activity);
        Schedule(new ExecuteElementOperation(runtime, execution));
        return true;
    }

    private bool StandardLoopContinues(InstanceRuntime runtime, ExecutionEntity execution, FlowNode node, StandardLoopCharacteristics loop, FeelScope scope)
    {
        if (loop.LoopMaximum is { } maximum && execution.LoopCounter >= maximum)
        {
            return false;
        }

        return loop.LoopCondition is { } condition
            && Expressions.EvaluateCondition(condition.Expression, scope, node.Id!);
    }

    /// <summary>Removes what the finished iteration waited for (a looping sub-process's event sub-process starts); the boundary events stay for the whole loop.</summary>
    private void RemoveIterationWaits(InstanceRuntime runtime, ExecutionEntity execution, Activity activity)
    {
        var boundaries = activity.BoundaryEvents.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var job in runtime.Jobs.Where(j => j.ExecutionId == execution.Id && !boundaries.Contains(j.ElementId)).ToList())
        {
            runtime.Jobs.Remove(job);
            Db.Jobs.Remove(job);
        }

        foreach (var subscription in runtime.Subscriptions.Where(s => s.ExecutionId == execution.Id && !boundaries.Contains(s.ElementId)).ToList())
        {
            runtime.Subscriptions.Remove(subscription);
            Db.EventSubscriptions.Remove(subscription);
        }
    }
}
