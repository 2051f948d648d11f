using Amtsweg.Engine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Hosting;

/// <summary>Settings of the job executor (section <c>Amtsweg:JobExecutor</c>; see README, configuration table).</summary>
public sealed class JobExecutorOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Amtsweg:JobExecutor";

    /// <summary>Run due timers and service tasks in this server process (<c>Amtsweg:JobExecutor:Enabled</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often to look for due jobs when there was nothing to do (<c>Amtsweg:JobExecutor:PollInterval</c>).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many due jobs of one tenant one acquisition locks at most (<c>Amtsweg:JobExecutor:BatchSize</c>).</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// How many jobs of different instances run at the same time (<c>Amtsweg:JobExecutor:Parallelism</c>); jobs of one
    /// instance never run at once. Defaults to the number of processors: a job mostly waits for its commit or its
    /// handler, and on SQLite the engine's writes take turns anyway.
    /// </summary>
    public int Parallelism { get; set; } = Environment.ProcessorCount;
}

/// <summary>Validates <see cref="JobExecutorOptions"/> at start and names the wrong setting.</summary>
internal sealed class JobExecutorOptionsValidator : IValidateOptions<JobExecutorOptions>
{
    public ValidateOptionsResult Validate(string? name, JobExecutorOptions options)
    {
        var failures = new List<string>();
        if (options.PollInterval < TimeSpan.FromMilliseconds(100) || options.PollInterval > TimeSpan.FromHours(1))
        {
            failures.Add("Amtsweg:JobExecutor:PollInterval must be between 00:00:00.1 and 01:00:00.");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            failures.Add("Amtsweg:JobExecutor:BatchSize must be between 1 and 1000.");
        }

        if (options.Parallelism is < 1 or > 64)
        {
            failures.Add("Amtsweg:JobExecutor:Parallelism must be between 1 and 64.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>
/// Runs due timers and service tasks in the background with the engine's <see cref="ParallelJobExecutor"/>: one
/// dispatcher acquires due jobs tenant by tenant under this server process's lock owner and feeds
/// <c>Amtsweg:JobExecutor:Parallelism</c> lanes, each running the jobs of one instance after another (with the
/// continuations their commands lock) in its own tenant scope. On PostgreSQL several server processes share the work
/// through <c>FOR UPDATE SKIP LOCKED</c>; on SQLite there is one server process. A commit in this process that makes a
/// job due wakes the dispatcher at once (<see cref="JobWakeUp"/>, naming the tenant); the poll interval on the injected
/// clock finds jobs of other server processes and timers that fall due.
/// </summary>
internal sealed partial class JobExecutor(
    IServiceProvider services,
    IOptions<JobExecutorOptions> options,
    TimeProvider clock,
    JobWakeUp wakeUp,
    ILogger<JobExecutor> logger) : BackgroundService
{
    private readonly string _lockOwner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.CreateVersion7()}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return Task.CompletedTask;
        }

        var settings = new ParallelJobExecutorSettings(_lockOwner, options.Value.Parallelism, options.Value.BatchSize, options.Value.PollInterval)
        {
            JobsFailed = (tenantId, count) => LogJobsFailed(logger, count, tenantId),
            Failed = error => LogRoundFailed(logger, error),
        };
        return new ParallelJobExecutor(services, wakeUp, clock, settings).RunAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} job(s) of tenant {TenantId} failed; they are retried or became incidents")]
    private static partial void LogJobsFailed(ILogger logger, int count, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The job executor failed to acquire or run jobs; it tries again")]
    private static partial void LogRoundFailed(ILogger logger, Exception error);
}

/// <summary>Registration of the job executor.</summary>
internal static class JobExecutorExtensions
{
    /// <summary>Adds the job executor with its options; it does nothing when <c>Amtsweg:JobExecutor:Enabled</c> is false.</summary>
    public static IServiceCollection AddAmtswegJobExecutor(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobExecutorOptions>().Bind(configuration.GetSection(JobExecutorOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobExecutorOptions>, JobExecutorOptionsValidator>();
        services.AddHostedService<JobExecutor>();
        return services;
    }
}
