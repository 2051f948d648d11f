using System.Data.Common;
using System.Diagnostics;
using Amtsweg.Reliability.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Data.Sqlite;

namespace Amtsweg.Reliability.Tests;

/// <summary>The single `amtsweg serve` process on its embedded SQLite database, killed with SIGKILL 20 times under load (issue 11, scope 7).</summary>
public sealed class SqliteCrashTests(ITestOutputHelper output)
{
    private const int Kills = 20;

    [Fact(Timeout = 15 * 60 * 1000)]
    public async Task Server_KeepsDatabaseIntactAndAcknowledgedInstances_WhenKilledTwentyTimes()
    {
        var watch = Stopwatch.StartNew();
        await using var server = ServerProcess.Create(new Dictionary<string, string>
        {
            ["Amtsweg__Demo__Enabled"] = "false",
            ["Amtsweg__JobExecutor__PollInterval"] = "00:00:00.2",
            ["Amtsweg__Engine__JobLockDuration"] = "00:00:10",
        });
        var databaseFile = Path.Combine(server.DataDirectory, "amtsweg.db");
        await using var load = await CrashLoad.PrepareAsync([server], $"{nameof(SqliteCrashTests)}.{nameof(Server_KeepsDatabaseIntactAndAcknowledgedInstances_WhenKilledTwentyTimes)}.bpmn");
        load.StartWorkers(workersPerNode: 2);
        using var stopStarting = new CancellationTokenSource();
        var starting = load.StartInstancesAsync(int.MaxValue, parallel: 4, stopStarting.Token);

        var integrityAfterKills = new List<string>();
        for (var kill = 1; kill <= Kills; kill++)
        {
            // Under load: the process runs a second and a half after it listens, then dies without any shutdown.
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            await server.KillAsync();
            if (kill % 5 == 0)
            {
                integrityAfterKills.Add(await IntegrityCheckAsync(databaseFile));
            }

            await server.RestartAsync();
        }

        await stopStarting.CancelAsync();
        await starting;
        var loadTime = watch.Elapsed;
        var state = await WaitUntilFinishedAsync(databaseFile, load.Acknowledged.Count, TimeSpan.FromMinutes(3));
        await server.KillAsync();
        var integrity = await IntegrityCheckAsync(databaseFile);
        var doubles = load.Ledger.DoubleExecutionsWithinLock();
        CrashReport.Write(output, $"SQLite, 1 Prozess: {Kills} Kills, {load.Acknowledged.Count} bestätigte Starts ({load.UnansweredStarts} ohne Antwort wiederholt), "
            + $"{state.Instances.Count} Instanzen in der Datenbank, {state.Unfinished} nicht abgeschlossen, {state.TimersFired} Timer gefeuert, integrity_check {integrity} (nach Kills: {string.Join(", ", integrityAfterKills)}), "
            + $"{load.Ledger.Executions.Count} Handler-Aufrufe, {doubles.Count} doppelt innerhalb einer Sperre, {state.DuplicateHistory.Count} doppelte Verlaufsereignisse, "
            + $"{state.JobsLeft} Jobs übrig ({state.JobsLocked} gesperrt), {load.UnexpectedErrors.Count} unerwartete Fehler; Last {loadTime:mm\\:ss}, gesamt {watch.Elapsed:mm\\:ss}");

        Assert.Equal("ok", integrity);
        Assert.All(integrityAfterKills, result => Assert.Equal("ok", result));
        Assert.NotEmpty(load.Acknowledged);
        Assert.Empty(load.UnexpectedErrors);
        Assert.All(load.Acknowledged.Keys, key => Assert.Equal("Completed", state.Instances.GetValueOrDefault(key)));
        Assert.Equal(0, state.Unfinished);
        Assert.Empty(state.DuplicateHistory);
        Assert.Equal(2 * state.Instances.Count, state.TimersFired);
        Assert.Empty(doubles);
        Assert.Equal(0, state.JobsLeft);
        Assert.Equal(0, state.JobsLocked);
    }

    private static async Task<EngineState> WaitUntilFinishedAsync(string databaseFile, int acknowledged, TimeSpan patience)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        while (true)
        {
            var state = await EngineState.ReadAsync(() => OpenAsync(databaseFile), CrashLoad.ProcessId);
            if ((state.Unfinished == 0 && state.Instances.Count >= acknowledged) || DateTimeOffset.UtcNow > deadline)
            {
                return state;
            }

            // Explicit wait for the remaining timers and jobs, checked once a second.
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static async Task<string> IntegrityCheckAsync(string databaseFile)
    {
        await using var connection = await OpenAsync(databaseFile);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<DbConnection> OpenAsync(string databaseFile)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
