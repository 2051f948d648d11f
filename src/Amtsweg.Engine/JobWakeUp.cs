using System.Collections.Concurrent;

namespace Amtsweg.Engine;

/// <summary>
/// Tells the job executor and waiting workers of this server process that a commit created or freed a job that is
/// due now, so that they start at once instead of at their next poll (polling stays the fallback, and the only way a
/// job created on another server process is seen). Take the task before looking for work, then wait on it: a commit
/// in between completes the task taken, so no wake-up is missed. The wake-up names the tenants whose jobs fell due
/// (<see cref="TakeTenantsWithDueJobs"/>), so that the executor acquires for them directly instead of first asking the
/// database which tenants have due jobs.
/// </summary>
public sealed class JobWakeUp
{
    private readonly ConcurrentDictionary<Guid, byte> _tenants = new();
    private TaskCompletionSource _dueJobs = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _externalJobs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next commit that makes a job for the job executor due (timer, service task, continuation, signal).</summary>
    public Task DueJobs => Volatile.Read(ref _dueJobs).Task;

    /// <summary>Completes at the next commit that makes an external job available to workers.</summary>
    public Task ExternalJobs => Volatile.Read(ref _externalJobs).Task;

    /// <summary>
    /// The tenants whose jobs commits made due since the last call, each once; the set starts empty again. Take
    /// <see cref="DueJobs"/> before calling this, so that a commit after the call still wakes the waiter.
    /// </summary>
    public IReadOnlyList<Guid> TakeTenantsWithDueJobs()
    {
        var tenants = new List<Guid>();
        foreach (var tenantId in _tenants.Keys)
        {
            if (_tenants.TryRemove(tenantId, out _))
            {
                tenants.Add(tenantId);
            }
        }

        return tenants;
    }

    /// <summary>A commit made jobs of these tenants due: noted before the waiters are woken, so that they find the tenants.</summary>
    internal void JobsDue(IEnumerable<Guid> tenantIds)
    {
        foreach (var tenantId in tenantIds)
        {
            _tenants.TryAdd(tenantId, 0);
        }

        Interlocked.Exchange(ref _dueJobs, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    internal void ExternalJobsAvailable() => Interlocked.Exchange(ref _externalJobs, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
