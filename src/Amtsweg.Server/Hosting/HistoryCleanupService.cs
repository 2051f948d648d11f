using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Server.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Hosting;

/// <summary>When the server runs the history cleanup (section <c>Amtsweg:HistoryCleanup</c>; see README, configuration table).</summary>
public sealed class HistoryCleanupServiceOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Amtsweg:HistoryCleanup";

    /// <summary>Run the history cleanup in this server process (<c>Amtsweg:HistoryCleanup:Enabled</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The time of day (Europe/Berlin) of the first run of a day (<c>Amtsweg:HistoryCleanup:TimeOfDay</c>): at night, when nobody works.</summary>
    public TimeSpan TimeOfDay { get; set; } = new(2, 30, 0);

    /// <summary>The time between two runs (<c>Amtsweg:HistoryCleanup:Interval</c>); daily by default.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>Validates <see cref="HistoryCleanupServiceOptions"/> at start and names the wrong setting.</summary>
internal sealed class HistoryCleanupServiceOptionsValidator : IValidateOptions<HistoryCleanupServiceOptions>
{
    public ValidateOptionsResult Validate(string? name, HistoryCleanupServiceOptions options)
    {
        var failures = new List<string>();
        if (options.TimeOfDay < TimeSpan.Zero || options.TimeOfDay >= TimeSpan.FromDays(1))
        {
            failures.Add("Amtsweg:HistoryCleanup:TimeOfDay must be a time of day from 00:00:00 to 23:59:59.");
        }

        if (options.Interval < TimeSpan.FromMinutes(1) || options.Interval > TimeSpan.FromDays(31))
        {
            failures.Add("Amtsweg:HistoryCleanup:Interval must be between 00:01:00 and 31.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>
/// Runs the engine's <see cref="HistoryCleanup"/> for every municipality at <see cref="HistoryCleanupServiceOptions.TimeOfDay"/>
/// (Europe/Berlin) and then every <see cref="HistoryCleanupServiceOptions.Interval"/>, on the injected clock, and logs
/// what it deleted. Each municipality runs in its own tenant scope (query filter, and row-level security on
/// PostgreSQL), so a cleanup never reaches another municipality's rows; one municipality's failure is logged and the
/// others still run. Several server processes on one PostgreSQL database may all run it: the deletes are idempotent.
/// </summary>
internal sealed partial class HistoryCleanupService(
    IServiceProvider services,
    IOptions<HistoryCleanupServiceOptions> options,
    TimeProvider clock,
    ILogger<HistoryCleanupService> logger) : BackgroundService
{
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
                var now = clock.GetUtcNow();
                var next = NextRun(now, options.Value);
                await Task.Delay(next - now, clock, stoppingToken).ConfigureAwait(false);
                await RunAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server stops; a batch that was running rolled back, the next run takes it again.
        }
    }

    /// <summary>The first run after <paramref name="now"/>: the time of day in Berlin, then every interval after it.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset now, HistoryCleanupServiceOptions options)
    {
        var yesterday = BerlinTime.Date(now).AddDays(-1).ToDateTime(TimeOnly.FromTimeSpan(options.TimeOfDay));
        var next = new DateTimeOffset(yesterday, BerlinTime.Zone.GetUtcOffset(yesterday)).ToUniversalTime();
        while (next <= now)
        {
            next += options.Interval;
        }

        return next;
    }

    /// <summary>One run over all municipalities.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        List<(Guid Id, string Ags)> municipalities;
        try
        {
            await using var scope = services.CreatePlatformScope();
            municipalities = (await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Municipalities.AsNoTracking()
                    .OrderBy(m => m.Ags).Select(m => new { m.Id, m.Ags }).ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(m => (m.Id, m.Ags)).ToList();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogRunFailed(logger, error);
            return;
        }

        foreach (var (id, ags) in municipalities)
        {
            try
            {
                await using var scope = services.CreateTenantScope(id);
                var done = await scope.ServiceProvider.GetRequiredService<HistoryCleanup>().RunAsync(dryRun: false, cancellationToken).ConfigureAwait(false);
                LogCleaned(logger, ags, done.ProcessInstances, done.HistoryEvents, done.Variables, done.UserTasks, done.Incidents, done.Batches, done.Retained, done.Skipped);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The next run tries again; the other municipalities are not held up by one.
                LogMunicipalityFailed(logger, ags, error);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "History cleanup of municipality {Ags}: deleted {Instances} finished process instance(s) with {HistoryEvents} history events, {Variables} variables, {UserTasks} user tasks and {Incidents} resolved incidents in {Batches} transaction(s); kept {Retained} for the e-file and {Skipped} with a running or failed called instance")]
    private static partial void LogCleaned(ILogger logger, string ags, int instances, int historyEvents, int variables, int userTasks, int incidents, int batches, int retained, int skipped);

    [LoggerMessage(Level = LogLevel.Error, Message = "History cleanup of municipality {Ags} failed; the next run tries again")]
    private static partial void LogMunicipalityFailed(ILogger logger, string ags, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A run of the history cleanup failed; the next run tries again")]
    private static partial void LogRunFailed(ILogger logger, Exception error);
}

/// <summary>Registration of the history cleanup service.</summary>
internal static class HistoryCleanupServiceExtensions
{
    /// <summary>Adds the daily history cleanup with its options; it does nothing when <c>Amtsweg:HistoryCleanup:Enabled</c> is false.</summary>
    public static IServiceCollection AddAmtswegHistoryCleanup(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HistoryCleanupServiceOptions>().Bind(configuration.GetSection(HistoryCleanupServiceOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HistoryCleanupServiceOptions>, HistoryCleanupServiceOptionsValidator>();
        services.AddHostedService<HistoryCleanupService>();
        return services;
    }
}
