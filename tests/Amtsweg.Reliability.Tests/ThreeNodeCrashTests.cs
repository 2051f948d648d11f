using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Amtsweg.Reliability.Tests.Support;
using Amtsweg.Testing;
using Npgsql;

namespace Amtsweg.Reliability.Tests;

/// <summary>
/// Three `amtsweg serve` processes on one PostgreSQL database under load, one of them killed with SIGKILL every few
/// seconds and started again (issue 11, scope 7).
/// </summary>
public sealed class ThreeNodeCrashTests(ITestOutputHelper output)
{
    private const int MinimumKills = 10;

    private static readonly TimeSpan KillInterval = TimeSpan.FromSeconds(4);

    /// <summary>The number of instances; <c>AMTSWEG_CRASH_INSTANCES</c> changes it for a longer or shorter run.</summary>
    private static readonly int InstanceCount =
        int.TryParse(Environment.GetEnvironmentVariable("AMTSWEG_CRASH_INSTANCES"), CultureInfo.InvariantCulture, out var count) ? count : 2000;

    [Fact(Timeout = 15 * 60 * 1000)]
    public async Task Nodes_CompleteEveryInstanceOnce_WhenKilledRepeatedlyUnderLoad()
    {
        var watch = Stopwatch.StartNew();
        await using var database = await TestDatabases.CreatePostgresAsync();
        var settings = new Dictionary<string, string>
        {
            ["Amtsweg__Database__Provider"] = "Postgres",
            ["ConnectionStrings__Amtsweg"] = database.ApplicationConnectionString + ";Maximum Pool Size=20",
            ["ConnectionStrings__AmtswegMigrations"] = database.OwnerConnectionString,
            ["Amtsweg__Demo__Enabled"] = "false",
            ["Amtsweg__JobExecutor__PollInterval"] = "00:00:00.2",
            ["Amtsweg__Engine__JobLockDuration"] = "00:00:10",
        };
        await using var node0 = ServerProcess.Create(settings);
        await using var node1 = ServerProcess.Create(settings);
        await using var node2 = ServerProcess.Create(settings);
        ServerProcess[] nodes = [node0, node1, node2];
        var migrated = await node0.RunCliAsync("db", "migrate");
        Assert.True(migrated.ExitCode == 0, migrated.Error + migrated.Output);

        await using var load = await CrashLoad.PrepareAsync(nodes, $"{nameof(ThreeNodeCrashTests)}.{nameof(Nodes_CompleteEveryInstanceOnce_WhenKilledRepeatedlyUnderLoad)}.bpmn");
        load.StartWorkers(workersPerNode: 2);
        using var stopStarting = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        var starting = load.StartInstancesAsync(InstanceCount, parallel: 6, stopStarting.Token);

        // Every few seconds one node that listens is killed; it starts again in the background while the load goes on.
        // Before a kill at least two nodes listen, so that one is always left to take the load.
        var kills = 0;
        var restarts = new Task[nodes.Length];
        Array.Fill(restarts, Task.CompletedTask);
        while (kills < MinimumKills || !starting.IsCompleted)
        {
            await Task.Delay(KillInterval);
            while (restarts.Count(r => r.IsCompleted) < 2)
            {
                await Task.WhenAny(restarts.Where(r => !r.IsCompleted));
            }

            var victim = Enumerable.Range(kills, nodes.Length).Select(i => i % nodes.Length).First(i => restarts[i].IsCompleted);
            await restarts[victim];
            await nodes[victim].KillAsync();
            kills++;
            restarts[victim] = nodes[victim].RestartAsync();
        }

        await Task.WhenAll(restarts);
        await starting;
        var loadTime = watch.Elapsed;
        var state = await WaitUntilFinishedAsync(database, load.Acknowledged.Count, TimeSpan.FromMinutes(4));
        var doubles = load.Ledger.DoubleExecutionsWithinLock();
        CrashReport.Write(output, $"PostgreSQL, 3 Knoten: {kills} Kills, {load.Acknowledged.Count} bestätigte Starts ({load.UnansweredStarts} ohne Antwort wiederholt), "
            + $"{state.Instances.Count} Instanzen in der Datenbank, {state.Unfinished} nicht abgeschlossen, {state.TimersFired} Timer gefeuert, "
            + $"{load.Ledger.Executions.Count} Handler-Aufrufe, {doubles.Count} doppelt innerhalb einer Sperre, {load.Ledger.JobsRunAgainAfterLockExpiry()} nach Sperrablauf wiederholt, "
            + $"{state.DuplicateHistory.Count} doppelte Verlaufsereignisse, {state.JobsLeft} Jobs übrig ({state.JobsLocked} gesperrt), {state.Incidents} Incidents, "
            + $"{load.UnexpectedErrors.Count} unerwartete Fehler; Last {loadTime:mm\\:ss}, gesamt {watch.Elapsed:mm\\:ss}");

        Assert.True(kills >= MinimumKills);
        Assert.Equal(InstanceCount, load.Acknowledged.Count);
        Assert.Empty(load.UnexpectedErrors);
        Assert.All(load.Acknowledged.Keys, key => Assert.Equal("Completed", state.Instances.GetValueOrDefault(key)));
        Assert.Equal(0, state.Unfinished);
        Assert.Empty(state.DuplicateHistory);
        Assert.Equal(2 * state.Instances.Count, state.TimersFired);
        Assert.Empty(doubles);
        Assert.Equal(0, state.JobsLeft);
        Assert.Equal(0, state.JobsLocked);
        Assert.Equal(0, state.Incidents);

        // Every instance's external job ran at least once (its effect reached the instance exactly once: see the history check).
        var worked = load.Ledger.Executions.Select(e => Guid.Parse(e.ProcessInstanceKey)).ToHashSet();
        Assert.Superset(state.Instances.Keys.ToHashSet(), worked);
        Assert.True(state.Instances.Keys.All(worked.Contains), "An instance completed without its external job having run.");
    }

    private static async Task<EngineState> WaitUntilFinishedAsync(PostgresTestDatabase database, int acknowledged, TimeSpan patience)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        while (true)
        {
            var state = await EngineState.ReadAsync(() => OpenAsync(database), CrashLoad.ProcessId);
            if ((state.Unfinished == 0 && state.Instances.Count >= acknowledged) || DateTimeOffset.UtcNow > deadline)
            {
                return state;
            }

            // Explicit wait for the remaining timers and jobs, checked once a second.
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static async Task<DbConnection> OpenAsync(PostgresTestDatabase database)
    {
        var connection = new NpgsqlConnection(database.AdminConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
