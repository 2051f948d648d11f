using Amtsweg.Bpmn.Model;
using Amtsweg.Engine.Persistence;
using Amtsweg.Feel;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Engine.Runtime;

/// <summary>
/// Service tasks (and job-worker message events) whose job type has an in-process handler run inside the command that
/// reaches them, as Camunda 7 runs a non-async delegate (ADR 0020): the agenda stays synchronous, the token waits at
/// the task and the call is queued; <see cref="RunAgendaAsync"/> makes the queued calls one by one and runs the agenda
/// after each. <c>camunda:asyncBefore</c> puts a job before the task (the handler then runs inside that job's command)
/// and a job type without a handler stays an external job.
/// </summary>
/// <remarks>
/// A failed call loses nothing that came before it: the command still commits, and the task waits with a service task
/// job that counts the call as its first attempt (one retry less, the error kept, due after the back-off; at zero
/// retries an incident). What the handler wrote through <see cref="ServiceTaskContext.BeginTransactionAsync"/> rolls
/// back to a savepoint taken when it asked for the transaction.
/// </remarks>
internal sealed partial class CommandContext
{
    private readonly Queue<InlineServiceCall> _inlineCalls = new();
    private int _savepoints;

    /// <summary>
    /// Outcomes of calls an earlier attempt of the same job made under the same lock, by token and element: a job
    /// command that ran into a concurrent change applies them again instead of calling the handlers a second time.
    /// </summary>
    public IReadOnlyDictionary<(Guid ExecutionId, string ElementId), Commands.JobHandlerOutcome>? ReplayedCalls { get; set; }

    /// <summary>Outcomes of this command's calls whose handler wrote nothing in the command's transaction (so a rollback lost nothing of them).</summary>
    public Dictionary<(Guid ExecutionId, string ElementId), Commands.JobHandlerOutcome> ReusableCalls { get; } = [];

    /// <summary>
    /// Runs the agenda, then the queued in-process service task calls one by one, each followed by the agenda again,
    /// until no call is left: the command's result shows the state after the handlers ran. The step limit counts
    /// across all rounds, so a loop of service tasks ends in its incident.
    /// </summary>
    public async Task RunAgendaAsync(CancellationToken cancellationToken)
    {
        RunAgenda();
        while (_inlineCalls.TryDequeue(out var call))
        {
            // The token may have left the task since (an interrupting event, a terminate end event of another branch).
            if (!call.Runtime.Contains(call.Execution) || !call.Execution.IsWaiting || call.Execution.ElementId != call.Node.Id)
            {
                continue;
            }

            await CallInlineAsync(call, cancellationToken).ConfigureAwait(false);
            RunAgenda();
        }
    }

    /// <summary>
    /// Turns calls that were queued but not made into service task jobs, so that no token waits without one. Every
    /// command ends with <see cref="RunAgendaAsync"/>; this is the executor's guard for one that does not.
    /// </summary>
    public void ParkPendingServiceCalls()
    {
        while (_inlineCalls.TryDequeue(out var call))
        {
            if (call.Runtime.Contains(call.Execution) && call.Execution.IsWaiting && call.Execution.ElementId == call.Node.Id)
            {
                AddServiceJob(call.Runtime, call.Execution, call.Node, call.JobType, call.Retries, call.JobId);
            }
        }
    }

    /// <summary>The context a handler sees, the same for a job and for a call inside a command.</summary>
    public async Task<ServiceTaskContext> ServiceTaskContextAsync(
        InstanceRuntime runtime,
        ExecutionEntity execution,
        FlowNode node,
        string jobType,
        int retriesLeft,
        Guid jobKey,
        Func<CancellationToken, Task<System.Data.Common.DbTransaction>> beginTransaction,
        CancellationToken cancellationToken) =>
        new(runtime.Id, node.Id!, jobType, retriesLeft, Commands.Snapshot.Json(Visible(runtime, execution)), TaskHeaders.Of(node))
        {
            JobKey = jobKey,
            Now = Configuration.Clock.GetUtcNow(),
            BeginTransactionAsync = beginTransaction,
            CallingProcessInstanceIds = await CallingInstancesAsync(runtime, cancellationToken).ConfigureAwait(false),
        };

    /// <summary>
    /// Calls a handler with the engine's handler timeout. A handler that does not answer in time is told to stop and
    /// abandoned; the attempt fails with a <see cref="TimeoutException"/> carrying a German message.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, object?>> CallHandlerAsync(IServiceTaskHandler handler, ServiceTaskContext taskContext, CancellationToken cancellationToken)
    {
        var timeout = Configuration.Options.HandlerTimeout;
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<IReadOnlyDictionary<string, object?>>? run = null;
        try
        {
            run = handler.ExecuteAsync(taskContext, abandon.Token);
            return await run.WaitAsync(timeout, Configuration.Clock, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException) when (run is { IsCompleted: false })
        {
            await abandon.CancelAsync().ConfigureAwait(false);
            throw new TimeoutException($"Der Handler für „{taskContext.JobType}“ hat nicht innerhalb von {timeout.TotalSeconds:0} Sekunden geantwortet.");
        }
    }

    /// <summary>The instances that called this one, nearest first; callers created in this command are not saved yet.</summary>
    private async Task<IReadOnlyList<Guid>> CallingInstancesAsync(InstanceRuntime runtime, CancellationToken cancellationToken)
    {
        var callers = new List<Guid>();
        var parentId = runtime.Entity.ParentProcessInstanceId;
        while (parentId is { } id)
        {
            callers.Add(id);
            parentId = _instances.TryGetValue(id, out var loaded)
                ? loaded.Entity.ParentProcessInstanceId
                : await Db.ProcessInstances.AsNoTracking().Where(i => i.Id == id).Select(i => i.ParentProcessInstanceId)
                    .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }

        return callers;
    }

    private async Task CallInlineAsync(InlineServiceCall call, CancellationToken cancellationToken)
    {
        var (runtime, execution, node, jobType, retries, jobId) = call;
        string? savepoint = null;
        var taskContext = await ServiceTaskContextAsync(
            runtime,
            execution,
            node,
            jobType,
            retries,
            jobId,
            async token =>
            {
                var transaction = await BeginTransactionAsync(token).ConfigureAwait(false);
                if (savepoint is null && Db.Database.CurrentTransaction is { } current)
                {
                    savepoint = $"amtsweg_service_call_{++_savepoints}";
                    await current.CreateSavepointAsync(savepoint, token).ConfigureAwait(false);
                }

                return transaction;
            },
            cancellationToken).ConfigureAwait(false);

        var key = (execution.Id, node.Id!);
        var outcome = ReplayedCalls?.GetValueOrDefault(key);
        try
        {
            outcome ??= new Commands.JobHandlerOutcome(await CallHandlerAsync(Handlers[jobType], taskContext, cancellationToken).ConfigureAwait(false), null);
        }
        catch (BpmnErrorException error)
        {
            // A business outcome, not a failure: what the handler wrote stays, and a boundary event may catch it.
            outcome = new Commands.JobHandlerOutcome(null, error);
        }
        catch (ServiceTaskIncidentException error)
        {
            await RollBackHandlerWritesAsync(savepoint, cancellationToken).ConfigureAwait(false);
            var job = AddServiceJob(runtime, execution, node, jobType, 0, jobId);
            job.LastError = Truncate(error.Message);
            RecordIncident(runtime.Id, runtime.Definition.Id, node.Id!, IncidentTypes.JobFailed, error.Message, job.Id);
            return;
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await RollBackHandlerWritesAsync(savepoint, cancellationToken).ConfigureAwait(false);
            ParkFailedCall(call, error.Message);
            return;
        }

        if (savepoint is null)
        {
            ReusableCalls[key] = outcome;
        }

        if (outcome.Error is { } bpmnError)
        {
            ThrowError(runtime, execution, bpmnError.ErrorCode, bpmnError.Message, includeThrower: true);
            return;
        }

        var result = outcome.Variables ?? new Dictionary<string, object?>();
        execution.IsWaiting = false;
        SetResultVariables(runtime, execution, node, result.Select(p => new KeyValuePair<string, FeelValue>(p.Key, FeelConvert.FromObject(p.Value))));
        Schedule(new LeaveElementOperation(runtime, execution));
    }

    /// <summary>The failed call was the job's first attempt: as <c>FailJobCommand</c> records a failed job run.</summary>
    private void ParkFailedCall(InlineServiceCall call, string error)
    {
        var job = AddServiceJob(call.Runtime, call.Execution, call.Node, call.JobType, Math.Max(0, call.Retries - 1), call.JobId);
        job.LastError = Truncate(error);
        job.DueAt = Now + RetryBackoff(job);
        History(call.Runtime, HistoryEventTypes.JobFailed, call.Execution, call.Node.Id, null, detail: $"{job.Retries} retries left: {job.LastError}");
        if (job.Retries == 0)
        {
            RecordIncident(call.Runtime.Id, call.Runtime.Definition.Id, call.Node.Id!, IncidentTypes.JobFailed, error, job.Id);
        }
    }

    private async Task RollBackHandlerWritesAsync(string? savepoint, CancellationToken cancellationToken)
    {
        if (savepoint is not null && Db.Database.CurrentTransaction is { } current)
        {
            await current.RollbackToSavepointAsync(savepoint, cancellationToken).ConfigureAwait(false);
        }
    }

    // JobId: the id the job gets when the call fails or is parked, handed to the handler as the job key beforehand, so
    // that the first attempt and every retry share one key (an idempotency key for the system the handler calls).
    private sealed record InlineServiceCall(InstanceRuntime Runtime, ExecutionEntity Execution, FlowNode Node, string JobType, int Retries, Guid JobId);
}
