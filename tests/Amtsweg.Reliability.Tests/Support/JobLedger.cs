using System.Collections.Concurrent;
using Amtsweg.Client;

namespace Amtsweg.Reliability.Tests.Support;

/// <summary>
/// The idempotency ledger of the test's job handler: one entry per handler call, with the lock it ran under (the
/// job's deadline as the activation returned it). A job may run again after its lock expired (its worker's node died
/// before the completion arrived); it must never be handed out again while a lock on it is still valid.
/// </summary>
public sealed class JobLedger
{
    private readonly ConcurrentQueue<Execution> _executions = new();

    /// <summary>One handler call.</summary>
    /// <param name="JobKey">The job.</param>
    /// <param name="ProcessInstanceKey">Its instance.</param>
    /// <param name="Worker">The worker that ran it.</param>
    /// <param name="LockDeadline">When the lock of this activation expires (ms since the epoch, server clock).</param>
    /// <param name="StartedAt">When the handler started (ms since the epoch, this machine's clock, the same as the server's).</param>
    public sealed record Execution(string JobKey, string ProcessInstanceKey, string Worker, long LockDeadline, long StartedAt);

    /// <summary>Every handler call so far.</summary>
    public IReadOnlyList<Execution> Executions => [.. _executions];

    /// <summary>Records that the handler runs <paramref name="job"/> now.</summary>
    public void Record(ActivatedJob job, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(clock);
        Record(new Execution(job.JobKey, job.ProcessInstanceKey, job.Worker, job.Deadline, clock.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    /// <summary>Records a handler call.</summary>
    public void Record(Execution execution) => _executions.Enqueue(execution);

    /// <summary>
    /// Pairs of calls of the same job where the later one started while the earlier one's lock was still valid: the
    /// job was executed twice within a lock.
    /// </summary>
    public IReadOnlyList<(Execution First, Execution Second)> DoubleExecutionsWithinLock()
    {
        var found = new List<(Execution, Execution)>();
        foreach (var calls in Executions.GroupBy(e => e.JobKey, StringComparer.Ordinal))
        {
            var ordered = calls.OrderBy(e => e.StartedAt).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].StartedAt < ordered[i - 1].LockDeadline)
                {
                    found.Add((ordered[i - 1], ordered[i]));
                }
            }
        }

        return found;
    }

    /// <summary>Jobs that ran more than once, each time under a new lock (after the previous one expired).</summary>
    public int JobsRunAgainAfterLockExpiry() =>
        Executions.GroupBy(e => e.JobKey, StringComparer.Ordinal).Count(g => g.Count() > 1) - DoubleExecutionsWithinLock().Select(d => d.First.JobKey).Distinct(StringComparer.Ordinal).Count();
}
