namespace Amtsweg.Engine;

/// <summary>Settings of the engine (section <c>Amtsweg:Engine</c> when bound from configuration).</summary>
public sealed class ProcessEngineOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Amtsweg:Engine";

    /// <summary>
    /// Atomic operations one transaction may run before the engine stops it with an incident. A process that loops
    /// without a wait state hits this limit instead of hanging the server.
    /// </summary>
    public int MaxStepsPerTransaction { get; set; } = 10_000;

    /// <summary>Retries of a service task job when its <c>zeebe:taskDefinition</c> names none.</summary>
    public int DefaultJobRetries { get; set; } = 3;

    /// <summary>
    /// Delay before a failed job is tried again (with <see cref="DefaultJobRetries"/> Camunda's <c>R3/PT10S</c>); an
    /// element overrides it with the task header <c>retryBackoff</c> (ISO 8601 duration, e.g. <c>PT5M</c>).
    /// </summary>
    public TimeSpan JobRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an in-process service task handler may run; one that has not returned by then is abandoned and the
    /// attempt counts as failed (its retries and back-off apply). Keep it well below <see cref="JobLockDuration"/>.
    /// </summary>
    public TimeSpan HandlerTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an acquired job stays locked for its job executor.</summary>
    public TimeSpan JobLockDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many due jobs one call of <see cref="IProcessEngine.ExecuteDueJobsAsync(CancellationToken)"/> acquires at most.</summary>
    public int MaxJobsPerAcquisition { get; set; } = 100;

    /// <summary>The largest value of one process variable, as stored JSON (UTF-16 characters).</summary>
    public int MaxVariableBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>The largest sum of all variables of one process instance, as stored JSON.</summary>
    public long MaxInstanceVariableBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>
    /// How long the history of a finished instance is kept when its process sets no <c>historyTimeToLive</c>: days as
    /// an integer or an ISO 8601 period of days (<c>P180D</c>); empty keeps it for ever. Instances filed in the e-file
    /// are kept beyond it as long as the e-file needs them (see <see cref="HistoryCleanup"/>).
    /// </summary>
    public string? DefaultHistoryTimeToLive { get; set; } = "P180D";

    /// <summary>How many finished instances (with the instances they called) one transaction of the history cleanup deletes.</summary>
    public int HistoryCleanupBatchSize { get; set; } = 200;
}
