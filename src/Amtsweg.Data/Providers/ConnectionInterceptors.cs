using System.Data.Common;
using System.Runtime.CompilerServices;
using Amtsweg.Data.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using SQLitePCL;

namespace Amtsweg.Data.Providers;

/// <summary>
/// Sets up each physical SQLite connection once: a busy timeout instead of instant failure, WAL for concurrent readers
/// (stored in the file, set here so that every database file gets it whoever creates it), <c>synchronous=FULL</c> so
/// that a committed case or audit row survives a power cut, and foreign keys.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite pools its connections: a logical open usually gets back a physical connection whose pragmas
/// still hold. Running them again on every open made 28 of the 96 statements of an engine instance (issue 18). The
/// connection string keyword <c>Foreign Keys=True</c> is no way out: Microsoft.Data.Sqlite runs its pragma on every
/// logical open too (measured with <c>sqlite3_trace</c>).
/// </remarks>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    // The busy timeout first, so that the switch to WAL waits for a concurrent connection instead of failing.
    private const string Pragmas = "PRAGMA busy_timeout=10000; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";

    // Keyed by the sqlite3 handle, which lives exactly as long as the physical connection: a reopened pooled
    // connection finds its entry, a new one (after pruning or ClearPool) has a new handle and none, and the entry goes
    // with its handle. Static because the pool is process-wide while there may be several service providers.
    private static readonly ConditionalWeakTable<sqlite3, object> SetUpHandles = [];
    private static readonly object SetUpMarker = new();

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsSetUp(connection, out var sqlite))
        {
            using var command = sqlite.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            MarkSetUp(sqlite);
        }
    }

    /// <inheritdoc />
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsSetUp(connection, out var sqlite))
        {
            var command = sqlite.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = Pragmas;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            MarkSetUp(sqlite);
        }
    }

    private static bool NeedsSetUp(DbConnection connection, out SqliteConnection sqlite)
    {
        ArgumentNullException.ThrowIfNull(connection);
        sqlite = (SqliteConnection)connection;
        return sqlite.Handle is not { } handle || !SetUpHandles.TryGetValue(handle, out _);
    }

    // Marked only after the pragmas ran: when they fail, the next open of the same physical connection tries again.
    private static void MarkSetUp(SqliteConnection sqlite)
    {
        if (sqlite.Handle is { } handle)
        {
            SetUpHandles.AddOrUpdate(handle, SetUpMarker);
        }
    }
}

/// <summary>
/// Hands the tenant of the unit of work to PostgreSQL on every opened connection, where the row-level
/// security policies read it (ADR 0004). Without it a connection sees no tenant rows at all. The tenant is the one of
/// the context that opens the connection (<see cref="ITenantScopedContext"/>), so one instance serves every scope.
/// </summary>
public sealed class PostgresTenantInterceptor : DbConnectionInterceptor
{
    /// <summary>Session setting that holds the tenant id.</summary>
    public const string TenantSetting = "amtsweg.tenant_id";

    /// <summary>Session setting that is 'on' for platform work across tenants.</summary>
    public const string PlatformSetting = "amtsweg.platform_scope";

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = CreateCommand(connection, eventData);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = CreateCommand(connection, eventData);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static NpgsqlCommand CreateCommand(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        var tenant = eventData.Context as ITenantScopedContext
            ?? throw new InvalidOperationException("A connection was opened without a context that says which tenant it acts for.");
        var npgsql = (NpgsqlConnection)connection;
        var command = npgsql.CreateCommand();
        command.CommandText = $"SELECT set_config('{TenantSetting}', @tenant, false), set_config('{PlatformSetting}', @platform, false)";
        command.Parameters.AddWithValue("tenant", tenant.CurrentTenantId?.ToString() ?? "");
        command.Parameters.AddWithValue("platform", tenant.IsPlatformScope ? "on" : "off");
        return command;
    }
}
