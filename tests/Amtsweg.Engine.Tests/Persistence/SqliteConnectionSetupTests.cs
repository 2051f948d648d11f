using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Persistence;

/// <summary>
/// <see cref="SqlitePragmaInterceptor"/> sets up each physical SQLite connection once (issue 18): a pooled connection
/// that is opened again keeps its settings without the pragmas running again, and a new physical connection gets them.
/// SQLite only: the pragmas are SQLite's.
/// </summary>
public sealed class SqliteConnectionSetupTests
{
    [Fact]
    public async Task Reopen_KeepsSettingsWithoutRunningPragmasAgain_WhenPooledConnectionIsReused()
    {
        await using var host = await EngineHost.StartAsync(DatabaseProvider.Sqlite);
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EngineDbContext>();
        var connection = (SqliteConnection)db.Database.GetDbConnection();

        await db.Database.OpenConnectionAsync();
        var physical = connection.Handle;
        var first = await SettingsAsync(connection);

        // A value the set-up would overwrite: if the pragmas ran again on reopen, the busy timeout would be 10000 again.
        await ExecuteAsync(connection, "PRAGMA busy_timeout=4321");
        await db.Database.CloseConnectionAsync();
        await db.Database.OpenConnectionAsync();
        var reopened = await SettingsAsync(connection);

        Assert.Same(physical, connection.Handle);
        Assert.Equal(new Settings("wal", 2, 1, 10000), first);
        Assert.Equal(new Settings("wal", 2, 1, 4321), reopened);
    }

    [Fact]
    public async Task Open_SetsUpNewPhysicalConnection_WhenPoolHasNoIdleConnection()
    {
        await using var host = await EngineHost.StartAsync(DatabaseProvider.Sqlite);
        await using var firstScope = host.CreateScope();
        await using var secondScope = host.CreateScope();
        var first = firstScope.ServiceProvider.GetRequiredService<EngineDbContext>();
        var second = secondScope.ServiceProvider.GetRequiredService<EngineDbContext>();
        var firstConnection = (SqliteConnection)first.Database.GetDbConnection();
        var secondConnection = (SqliteConnection)second.Database.GetDbConnection();

        SqliteConnection.ClearPool(firstConnection);
        await first.Database.OpenConnectionAsync();
        await second.Database.OpenConnectionAsync();
        var firstSettings = await SettingsAsync(firstConnection);
        var secondSettings = await SettingsAsync(secondConnection);

        Assert.NotSame(firstConnection.Handle, secondConnection.Handle);
        Assert.Equal(new Settings("wal", 2, 1, 10000), firstSettings);
        Assert.Equal(new Settings("wal", 2, 1, 10000), secondSettings);
    }

    [Fact]
    public async Task Open_SetsUpPhysicalConnectionThatWasFirstOpenedOutsideEf_WhenEfReusesIt()
    {
        await using var host = await EngineHost.StartAsync(DatabaseProvider.Sqlite);
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EngineDbContext>();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        SqliteConnection.ClearPool(connection);

        // Opened without EF, so without the interceptor, and set to values the set-up must replace.
        object? physical;
        await using (var plain = new SqliteConnection(connection.ConnectionString))
        {
            await plain.OpenAsync();
            physical = plain.Handle;
            await ExecuteAsync(plain, "PRAGMA synchronous=OFF; PRAGMA busy_timeout=0; PRAGMA foreign_keys=OFF");
        }

        await db.Database.OpenConnectionAsync();

        Assert.Same(physical, connection.Handle);
        Assert.Equal(new Settings("wal", 2, 1, 10000), await SettingsAsync(connection));
    }

    private static async Task<Settings> SettingsAsync(SqliteConnection connection) => new(
        (string)(await ScalarAsync(connection, "PRAGMA journal_mode"))!,
        (long)(await ScalarAsync(connection, "PRAGMA synchronous"))!,
        (long)(await ScalarAsync(connection, "PRAGMA foreign_keys"))!,
        (long)(await ScalarAsync(connection, "PRAGMA busy_timeout"))!);

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>synchronous 2 is FULL; foreign_keys 1 is on.</summary>
    private sealed record Settings(string JournalMode, long Synchronous, long ForeignKeys, long BusyTimeoutMs);
}
