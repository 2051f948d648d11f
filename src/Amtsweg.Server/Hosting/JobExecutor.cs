using Amtsweg.Data.Tenancy;
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

    /// <summary>How many due jobs of one tenant one round acquires at most (<c>Amtsweg:JobExecutor:BatchSize</c>).</summary>
    public int BatchSize { get; set; } = 20;
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>
/// Runs due timers and service tasks in the background, tenant by tenant, as Camunda 7's job executor does. Each round
/// finds the tenants with due jobs (platform scope, tenant ids only) and lets the engine of each tenant acquire and run
/// a batch under this executor's lock owner. On PostgreSQL several server processes share the work through
/// <c>FOR UPDATE SKIP LOCKED</c>; on SQLite there is one server process. A full batch starts the next round at once;
/// otherwise the executor waits until a commit in this process makes a job due (<see cref="JobWakeUp"/>), or for the
/// poll interval on the injected clock (jobs of other server processes, timers that fall due).
/// </summary>
internal sealed partial class JobExecutor(
    IServiceProvider services,
    IOptions<JobExecutorOptions> options,
    TimeProvider clock,
    JobWakeUp wakeUp,
    ILogger<JobExecutor> logger) : BackgroundService
{
    private readonly string _lockOwner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.CreateVersion7()}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        try
        {
            while (true)
            {
                // Taken before the round: a commit during the round completes it, so no wake-up is missed.
                var due = wakeUp.DueJobs;
                while (await RunRoundAsync(stoppingToken).ConfigureAwait(false))
                {
                }

                await Task.WhenAny(due, Task.Delay(options.Value.PollInterval, clock, stoppingToken)).ConfigureAwait(false);
                stoppingToken.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server stops; a job that was running rolled back and its lock expires.
        }
    }

    /// <summary>One round over the tenants with due jobs; true when some tenant filled its batch (more may be due).</summary>
    private async Task<bool> RunRoundAsync(CancellationToken cancellationToken)
    {
        var batch = options.Value.BatchSize;
        var more = false;
        try
        {
            foreach (var tenantId in await TenantsWithDueJobsAsync(cancellationToken).ConfigureAwait(false))
            {
                await using var scope = services.CreateTenantScope(tenantId);
                var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
                var summary = await engine.ExecuteDueJobsAsync(new JobAcquisition(_lockOwner, batch), cancellationToken).ConfigureAwait(false);
                if (summary.Failed > 0)
                {
                    LogJobsFailed(logger, summary.Failed, tenantId);
                }

                more |= summary.Executed + summary.Failed >= batch;
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The database may be briefly unreachable; the next round tries again instead of stopping the server.
            LogRoundFailed(logger, error);
            return false;
        }

        return more;
    }

    private async Task<IReadOnlyList<Guid>> TenantsWithDueJobsAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreatePlatformScope();
        return await scope.ServiceProvider.GetRequiredService<IProcessEngine>().GetTenantsWithDueJobsAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} job(s) of tenant {TenantId} failed; they are retried or became incidents")]
    private static partial void LogJobsFailed(ILogger logger, int count, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of the job executor failed")]
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
