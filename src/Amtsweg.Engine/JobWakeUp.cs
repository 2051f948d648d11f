namespace Amtsweg.Engine;

/// <summary>
/// Tells the job executor and waiting workers of this server process that a commit created or freed a job that is
/// due now, so that they start at once instead of at their next poll (polling stays the fallback, and the only way a
/// job created on another server process is seen). Take the task before looking for work, then wait on it: a commit
/// in between completes the task taken, so no wake-up is missed.
/// </summary>
public sealed class JobWakeUp
{
    private TaskCompletionSource _dueJobs = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _externalJobs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next commit that makes a job for the job executor due (timer, service task, continuation, signal).</summary>
    public Task DueJobs => Volatile.Read(ref _dueJobs).Task;

    /// <summary>Completes at the next commit that makes an external job available to workers.</summary>
    public Task ExternalJobs => Volatile.Read(ref _externalJobs).Task;

    internal void JobsDue() => Interlocked.Exchange(ref _dueJobs, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    internal void ExternalJobsAvailable() => Interlocked.Exchange(ref _externalJobs, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
