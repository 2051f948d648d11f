using System.Data.Common;

namespace Amtsweg.Reliability.Tests.Support;

/// <summary>
/// What the engine's tables hold after a crash test, read directly with plain SQL (the test checks the database,
/// not what a server process claims). The identifiers are the EF Core names, the same on SQLite and PostgreSQL.
/// </summary>
public sealed record EngineState(
    IReadOnlyDictionary<Guid, string> Instances,
    IReadOnlyList<string> DuplicateHistory,
    int TimersFired,
    int JobsLeft,
    int JobsLocked,
    int Incidents)
{
    /// <summary>Instances that are not completed.</summary>
    public int Unfinished => Instances.Values.Count(s => s != "Completed");

    /// <summary>Reads the state through <paramref name="open"/> (a new open connection per call).</summary>
    public static async Task<EngineState> ReadAsync(Func<Task<DbConnection>> open, string processId)
    {
        ArgumentNullException.ThrowIfNull(open);
        await using var connection = await open();
        var instances = new Dictionary<Guid, string>();
        await using (var reader = await QueryAsync(connection, """SELECT "Id", "State" FROM "EngineProcessInstances" WHERE "ProcessId" = @p""", processId))
        {
            while (await reader.ReadAsync())
            {
                instances[Guid.Parse(reader.GetValue(0).ToString()!)] = reader.GetString(1);
            }
        }

        // Each instance passes every element once: any event that happened twice in one instance is a double execution.
        var duplicates = new List<string>();
        await using (var reader = await QueryAsync(connection, """
            SELECT "ProcessInstanceId", "Type", COALESCE("ElementId", ''), COUNT(*) FROM "EngineHistoryEvents"
            WHERE "Type" IN ('process-instance-started', 'process-instance-completed', 'element-entered', 'element-completed', 'timer-fired')
            GROUP BY "ProcessInstanceId", "Type", COALESCE("ElementId", '') HAVING COUNT(*) > 1
            """, processId))
        {
            while (await reader.ReadAsync())
            {
                duplicates.Add($"{reader.GetValue(0)} {reader.GetString(1)} {reader.GetString(2)} ×{reader.GetValue(3)}");
            }
        }

        return new EngineState(
            instances,
            duplicates,
            await CountAsync(connection, """SELECT COUNT(*) FROM "EngineHistoryEvents" WHERE "Type" = 'timer-fired'"""),
            await CountAsync(connection, """SELECT COUNT(*) FROM "EngineJobs" WHERE "ProcessInstanceId" IS NOT NULL"""),
            await CountAsync(connection, """SELECT COUNT(*) FROM "EngineJobs" WHERE "LockOwner" IS NOT NULL"""),
            await CountAsync(connection, """SELECT COUNT(*) FROM "EngineIncidents" """));
    }

    private static async Task<DbDataReader> QueryAsync(DbConnection connection, string sql, string processId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "p";
        parameter.Value = processId;
        command.Parameters.Add(parameter);
        return await command.ExecuteReaderAsync();
    }

    private static async Task<int> CountAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
