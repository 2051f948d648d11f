using System.Data.Common;
using Amtsweg.Data.Tenancy;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Amtsweg.Data.Providers;

/// <summary>
/// Sets the SQLite pragmas on every connection: WAL for concurrent readers, <c>synchronous=FULL</c> so that
/// a committed case or audit row survives a power cut, foreign keys, and a busy timeout instead of instant failure.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>
/// Hands the tenant of the unit of work to PostgreSQL on every opened connection, where the row-level
/// security policies read it (ADR 0004). Without it a connection sees no tenant rows at all.
/// </summary>
public sealed class PostgresTenantInterceptor(TenantContext tenant) : DbConnectionInterceptor
{
    /// <summary>Session setting that holds the tenant id.</summary>
    public const string TenantSetting = "amtsweg.tenant_id";

    /// <summary>Session setting that is 'on' for platform work across tenants.</summary>
    public const string PlatformSetting = "amtsweg.platform_scope";

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = CreateCommand(connection);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = CreateCommand(connection);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private NpgsqlCommand CreateCommand(DbConnection connection)
    {
        var npgsql = (NpgsqlConnection)connection;
        var command = npgsql.CreateCommand();
        command.CommandText = $"SELECT set_config('{TenantSetting}', @tenant, false), set_config('{PlatformSetting}', @platform, false)";
        command.Parameters.AddWithValue("tenant", tenant.TenantId?.ToString() ?? "");
        command.Parameters.AddWithValue("platform", tenant.IsPlatformScope ? "on" : "off");
        return command;
    }
}
