using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;

namespace Amtsweg.Engine;

/// <summary>
/// The caller does not hold the lock of an external job: it never activated it, its lock expired, or another
/// worker holds it now. Nothing was changed.
/// </summary>
public sealed class ExternalJobLockException : ProcessEngineException
{
    /// <summary>Creates the exception.</summary>
    public ExternalJobLockException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ExternalJobLockException()
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public ExternalJobLockException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// <see cref="IExternalJobs"/> over the command executor, for the tenant of the <see cref="EngineDbContext"/> it
/// was created with (scoped in DI like <see cref="ProcessEngine"/>).
/// </summary>
public sealed class ExternalJobs : IExternalJobs
{
    private readonly Commands.CommandExecutor _executor;

    /// <summary>Creates the facade.</summary>
    public ExternalJobs(EngineDbContext db, ProcessEngineConfiguration configuration, IEnumerable<IServiceTaskHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        _executor = new Commands.CommandExecutor(db, configuration, handlers.ToDictionary(h => h.JobType, StringComparer.Ordinal));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ActivatedExternalJob>> ActivateAsync(ExternalJobActivation request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _executor.ExecuteAsync(new Commands.ActivateExternalJobsCommand(request), cancellationToken);
    }

    /// <inheritdoc />
    public Task CompleteAsync(Guid jobId, string lockOwner, IReadOnlyDictionary<string, object?>? variables, CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new Commands.CompleteExternalJobCommand(jobId, lockOwner, variables) { UserId = lockOwner }, cancellationToken);

    /// <inheritdoc />
    public Task<IncidentInfo?> FailAsync(ExternalJobFailure failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return _executor.ExecuteAsync(new Commands.FailExternalJobCommand(failure) { UserId = failure.LockOwner }, cancellationToken);
    }

    /// <inheritdoc />
    public Task ThrowErrorAsync(Guid jobId, string lockOwner, string errorCode, string? errorMessage, CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new Commands.ThrowExternalJobErrorCommand(jobId, lockOwner, errorCode, errorMessage) { UserId = lockOwner }, cancellationToken);

    /// <inheritdoc />
    public Task UpdateAsync(Guid jobId, int? retries, TimeSpan? timeout, CancellationToken cancellationToken = default) =>
        _executor.ExecuteAsync(new Commands.UpdateExternalJobCommand(jobId, retries, timeout), cancellationToken);
}
