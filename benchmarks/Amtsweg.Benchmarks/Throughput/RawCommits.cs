using System.Diagnostics;
using Amtsweg.Data.Providers;
using Amtsweg.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Amtsweg.Benchmarks.Throughput;

/// <summary>
/// The disk's own limit: single-row INSERT commits, one after another on one connection, with the settings the
/// engine uses (SQLite: a file in WAL mode with <c>synchronous=FULL</c>; PostgreSQL: the benchmark's database).
/// </summary>
public static class RawCommits
{
    public static async Task<double> MeasureAsync(TestDataStore store, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Provider == DatabaseProvider.Sqlite ? await SqliteAsync(store.DataDirectory, duration) : await PostgresAsync(store.Postgres!.OwnerConnectionString, duration);
    }

    private static async Task<double> SqliteAsync(string directory, TimeSpan duration)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "raw-commits.db")};Pooling=False");
        await connection.OpenAsync();
        await ExecuteAsync(connection.CreateCommand(), "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE raw_commit (id INTEGER PRIMARY KEY, payload TEXT NOT NULL);");
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO raw_commit (payload) VALUES ($payload)";
        insert.Parameters.AddWithValue("$payload", "Antrag eingegangen");
        return await CountAsync(() => insert.ExecuteNonQueryAsync(), duration);
    }

    private static async Task<double> PostgresAsync(string connectionString, TimeSpan duration)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection.CreateCommand(), "CREATE TABLE raw_commit (id bigserial PRIMARY KEY, payload text NOT NULL)");
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO raw_commit (payload) VALUES ($1)";
        insert.Parameters.Add(new NpgsqlParameter { Value = "Antrag eingegangen" });
        return await CountAsync(() => insert.ExecuteNonQueryAsync(), duration);
    }

    private static async Task ExecuteAsync(System.Data.Common.DbCommand command, string sql)
    {
        await using (command)
        {
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<double> CountAsync(Func<Task<int>> commit, TimeSpan duration)
    {
        var commits = 0;
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < duration)
        {
            await commit();
            commits++;
        }

        return commits / stopwatch.Elapsed.TotalSeconds;
    }
}
