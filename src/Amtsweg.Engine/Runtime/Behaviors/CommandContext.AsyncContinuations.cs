using Amtsweg.Bpmn;
using Amtsweg.Bpmn.Model;
using Amtsweg.Engine.Persistence;

namespace Amtsweg.Engine.Runtime;

/// <summary>
/// Async continuations (Camunda 7's <c>camunda:asyncBefore</c> and <c>camunda:asyncAfter</c>, also the older
/// <c>camunda:async</c>): a transaction boundary before an element is entered or after it is left. The token waits
/// at the element with a job of kind <see cref="JobKind.AsyncContinuation"/>; the job executor moves it on in a new
/// transaction, with the job's retries and incident when it fails. On a multi-instance activity the boundary lies
/// before or after the whole activity, not around each inner instance.
/// </summary>
internal sealed partial class CommandContext
{
    public const string AsyncBefore = "async-before";
    public const string AsyncAfter = "async-after";

    /// <summary>Executions whose async-before job is running in this command: they enter their element without a new boundary.</summary>
    private readonly HashSet<Guid> _pastAsyncBefore = [];

    private static bool IsAsync(FlowNode node, string which) => which == AsyncBefore
        ? IsTrue(node.GetAttribute(BpmnNamespaces.Camunda7 + "asyncBefore")) || IsTrue(node.GetAttribute(BpmnNamespaces.Camunda7 + "async"))
        : IsTrue(node.GetAttribute(BpmnNamespaces.Camunda7 + "asyncAfter"));

    private static bool IsTrue(string? attribute) => string.Equals(attribute?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the token must wait for an async-before job here (and the job is created); false when it enters now.</summary>
    private bool WaitsBeforeEntering(InstanceRuntime runtime, ExecutionEntity execution, FlowNode node)
    {
        if (_pastAsyncBefore.Remove(execution.Id) || runtime.IsInnerInstance(execution) || !IsAsync(node, AsyncBefore))
        {
            return false;
        }

        CreateContinuationJob(runtime, execution, node, AsyncBefore);
        return true;
    }

    /// <summary>True when the token must wait for an async-after job before it takes the outgoing flows (and the job is created).</summary>
    private bool WaitsBeforeLeaving(InstanceRuntime runtime, ExecutionEntity execution, FlowNode node)
    {
        if (!IsAsync(node, AsyncAfter))
        {
            return false;
        }

        CreateContinuationJob(runtime, execution, node, AsyncAfter);
        return true;
    }

    private void CreateContinuationJob(InstanceRuntime runtime, ExecutionEntity execution, FlowNode node, string which)
    {
        var job = new JobEntity
        {
            Id = NewId(),
            TenantId = runtime.Entity.TenantId,
            Kind = JobKind.AsyncContinuation,
            ProcessDefinitionId = runtime.Definition.Id,
            ProcessInstanceId = runtime.Id,
            ExecutionId = execution.Id,
            ElementId = node.Id!,
            JobType = which,
            DueAt = Now,
            Retries = Configuration.Options.DefaultJobRetries,
            CreatedAt = Now,
        };
        runtime.Jobs.Add(job);
        Db.Jobs.Add(job);
        execution.IsWaiting = true;
    }

    /// <summary>Runs an async continuation job: the token enters its element, or takes the outgoing flows of the element it left.</summary>
    public void ContinueAsync(JobEntity job)
    {
        var runtime = LoadInstance(job.ProcessInstanceId!.Value);
        runtime.Jobs.Remove(job);
        Db.Jobs.Remove(job);
        var execution = runtime.Find(job.ExecutionId!.Value);
        if (execution is null || execution.ElementId != job.ElementId)
        {
            return;
        }

        execution.IsWaiting = false;
        if (job.JobType == AsyncBefore)
        {
            _pastAsyncBefore.Add(execution.Id);
            Schedule(new EnterElementOperation(runtime, execution));
        }
        else
        {
            TakeOutgoing(runtime, execution, runtime.RequiredNode(execution));
        }
    }
}
