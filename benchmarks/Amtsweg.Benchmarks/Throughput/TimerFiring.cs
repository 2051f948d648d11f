using System.Diagnostics;
using System.Globalization;
using Amtsweg.Data;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Benchmarks.Throughput;

/// <summary>
/// Timer firing at scale (issue "Engine throughput": 10,000 timers due in the same second fire within 10 seconds):
/// <c>engine --provider sqlite|postgres --variant timers [--timers N] [--clients N] [--parallelism N] [--batch N]</c>.
/// Starts N instances that each wait on a timer due at the same second (a date one day ahead), moves the engine's clock
/// to that second, and measures how long the engine's <see cref="ParallelJobExecutor"/> (server defaults unless given)
/// takes until every timer has fired and every instance completed. Prints <c>timers=</c> and <c>timers_fired_seconds=</c>.
/// </summary>
public static class TimerFiring
{
    /// <summary>Whether the arguments of the <c>engine</c> command ask for this variant.</summary>
    public static bool IsRequested(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var variant = Array.IndexOf(args, "--variant");
        return variant >= 0 && variant + 1 < args.Length && args[variant + 1] == "timers";
    }

    public static async Task<int> MainAsync(string[] args)
    {
        if (Parse(args) is not { } options)
        {
            await Console.Error.WriteLineAsync(
                "Aufruf: engine --provider sqlite|postgres --variant timers [--timers N] [--clients N] [--parallelism N] [--batch N]\n"
                + "  timers: N Instanzen warten auf einen Timer, der in derselben Sekunde fällig wird; gemessen wird, bis alle gefeuert haben.");
            return 2;
        }

        Print("provider", options.Provider.ToString().ToLowerInvariant());
        Print("variant", "timers");
        Print("parallelism", options.Parallelism);
        Print("batch", options.Batch);
        Print("load_average_before", LoadAverage());

        await using var store = await TestDataStore.CreateAsync(options.Provider);
        var clock = new ShiftedClock();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(store.Settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAmtswegData(configuration);
        services.AddSingleton<TimeProvider>(clock);
        services.AddAmtswegEngine();
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }

        var tenant = Guid.CreateVersion7();
        await using (var scope = provider.CreateTenantScope(tenant))
        {
            var xml = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Models", "timer-warten.bpmn"));
            await scope.ServiceProvider.GetRequiredService<IProcessEngine>().DeployAsync(new DeploymentRequest("benchmark", [new DeploymentResource("timer-warten.bpmn", xml)]));
        }

        var now = clock.GetUtcNow();
        var due = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero).AddDays(1);
        var seeding = Stopwatch.StartNew();
        await SeedAsync(provider, tenant, options, due.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        Print("seeding_seconds", seeding.Elapsed.TotalSeconds);

        // The engine's clock jumps to the second every timer is due in; polling and lanes run on real time.
        clock.Offset = due - DateTimeOffset.UtcNow;
        var settings = new ParallelJobExecutorSettings($"benchmark/{Environment.ProcessId}", options.Parallelism, options.Batch, TimeSpan.FromSeconds(5))
        {
            Failed = error => Console.Error.WriteLine(error),
        };
        var executor = new ParallelJobExecutor(provider, provider.GetRequiredService<JobWakeUp>(), clock, settings);
        using var stop = new CancellationTokenSource();
        var firing = Stopwatch.StartNew();
        var run = Task.Run(() => executor.RunAsync(stop.Token));
        while (executor.Executed + executor.Failed < options.Timers)
        {
            if (firing.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"Only {executor.Executed} of {options.Timers} timers fired within ten minutes.");
            }

            await Task.Delay(5);
        }

        var seconds = firing.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await run;

        await using (var scope = provider.CreateTenantScope(tenant))
        {
            var db = scope.ServiceProvider.GetRequiredService<EngineDbContext>();
            var completed = await db.ProcessInstances.CountAsync(i => i.State == ProcessInstanceState.Completed);
            var jobsLeft = await db.Jobs.CountAsync();
            if (completed != options.Timers || jobsLeft != 0 || executor.Failed != 0)
            {
                throw new InvalidOperationException($"Not every timer fired once: {completed} of {options.Timers} instances completed, {jobsLeft} jobs left, {executor.Failed} failed.");
            }
        }

        Print("timers", options.Timers);
        Print("timers_fired_seconds", seconds);
        Print("timers_per_second", options.Timers / seconds);
        Print("load_average_after", LoadAverage());
        return 0;
    }

    private static async Task SeedAsync(IServiceProvider services, Guid tenant, TimerOptions options, string due)
    {
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= options.Timers)
            {
                await using var scope = services.CreateTenantScope(tenant);
                await scope.ServiceProvider.GetRequiredService<IProcessEngine>().StartProcessInstanceAsync(new StartProcessInstanceRequest
                {
                    ProcessId = "TimerWarten",
                    Variables = new Dictionary<string, object?> { ["Faellig"] = due },
                });
            }
        })));
    }

    private static TimerOptions? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

            values[args[i][2..]] = args[i + 1];
        }

        DatabaseProvider? provider = values.GetValueOrDefault("provider") switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" => DatabaseProvider.Postgres,
            _ => null,
        };
        return args.Length % 2 != 0 || provider is null || values.Keys.Except(["provider", "variant", "timers", "clients", "parallelism", "batch"]).Any()
            || !Positive(values, "timers", 10_000, out var timers)
            || !Positive(values, "clients", 4, out var clients)
            || !Positive(values, "parallelism", Environment.ProcessorCount, out var parallelism)
            || !Positive(values, "batch", 20, out var batch)
            ? null
            : new TimerOptions(provider.Value, timers, clients, parallelism, batch);
    }

    private static bool Positive(Dictionary<string, string> values, string name, int fallback, out int number)
    {
        number = fallback;
        return !values.TryGetValue(name, out var text) || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static void Print(string name, object value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}={(value is double d ? d.ToString("0.###", CultureInfo.InvariantCulture) : value)}"));

    private sealed record TimerOptions(DatabaseProvider Provider, int Timers, int Clients, int Parallelism, int Batch);

    /// <summary>The system clock moved by an offset: the engine sees the timers' second while timers and delays run on real time.</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
    }
}
