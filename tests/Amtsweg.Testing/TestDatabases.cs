using Amtsweg.Data;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Npgsql;
using Xunit;

namespace Amtsweg.Testing;

/// <summary>
/// The database providers every data test runs on. PostgreSQL comes from <c>AMTSWEG_TEST_POSTGRES</c>, an admin
/// connection string that <c>./test.sh</c> sets for its throwaway cluster. Without it, PostgreSQL cases are left out
/// locally (with a notice on standard error) but included under <c>CI=true</c>, where they then fail.
/// </summary>
public static class TestDatabases
{
    /// <summary>The role that owns the tables and runs migrations.</summary>
    public const string OwnerRole = "amtsweg_owner";

    /// <summary>The role the server connects as: no ownership, no BYPASSRLS.</summary>
    public const string ApplicationRole = "amtsweg_app";

    private static readonly string? AdminConnectionString = Environment.GetEnvironmentVariable("AMTSWEG_TEST_POSTGRES");
    private static readonly SemaphoreSlim RoleLock = new(1, 1);
    private static bool _rolesReady;

    /// <summary>True when PostgreSQL tests must run.</summary>
    public static bool PostgresEnabled { get; } =
        AdminConnectionString is not null || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Theory data: SQLite, and PostgreSQL when enabled.</summary>
    public static TheoryData<DatabaseProvider> Providers
    {
        get
        {
            var data = new TheoryData<DatabaseProvider> { DatabaseProvider.Sqlite };
            if (PostgresEnabled)
            {
                data.Add(DatabaseProvider.Postgres);
            }
            else
            {
                Console.Error.WriteLine("AMTSWEG_TEST_POSTGRES is not set: PostgreSQL cases are left out (./test.sh sets it).");
            }

            return data;
        }
    }

    /// <summary>
    /// Creates a database owned by <see cref="OwnerRole"/>, empty or a copy of <paramref name="template"/> (a database
    /// made by this method that nobody is connected to); dispose to drop it.
    /// </summary>
    public static async Task<PostgresTestDatabase> CreatePostgresAsync(string? template = null)
    {
        var admin = AdminConnectionString
            ?? throw new InvalidOperationException("AMTSWEG_TEST_POSTGRES is not set, but CI=true requires PostgreSQL. Run the tests through ./test.sh.");
        await EnsureRolesAsync(admin);
        var name = "amtsweg_test_" + Guid.NewGuid().ToString("N");
        var database = new PostgresTestDatabase(admin, name);
        if (template is not null)
        {
            await ExecuteAsync(admin, $"CREATE DATABASE {name} TEMPLATE {template} OWNER {OwnerRole}");
            return database;
        }

        await ExecuteAsync(admin, $"CREATE DATABASE {name} OWNER {OwnerRole}");

        // The superuser's one step of the README's PostgreSQL setup: full-text matching may use its GIN index
        // under row-level security.
        await ExecuteAsync(database.AdminConnectionString, RowLevelSecuritySql.LeakproofFullTextMatch);
        return database;
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task EnsureRolesAsync(string admin)
    {
        await RoleLock.WaitAsync();
        try
        {
            if (_rolesReady)
            {
                return;
            }

            // Several test processes may race here; the advisory lock makes the check-and-create atomic.
            await ExecuteAsync(admin, $"""
                SELECT pg_advisory_lock(4711);
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{OwnerRole}') THEN CREATE ROLE {OwnerRole} LOGIN; END IF;
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ApplicationRole}') THEN CREATE ROLE {ApplicationRole} LOGIN NOSUPERUSER NOBYPASSRLS; END IF;
                END $$;
                SELECT pg_advisory_unlock(4711);
                """);
            _rolesReady = true;
        }
        finally
        {
            RoleLock.Release();
        }
    }
}

/// <summary>A throwaway PostgreSQL database with connection strings for the owner and the application role.</summary>
public sealed class PostgresTestDatabase(string admin, string name) : IAsyncDisposable
{
    /// <summary>The database name.</summary>
    public string Name => name;

    /// <summary>Connection as the table owner (for migrations).</summary>
    public string OwnerConnectionString => With(TestDatabases.OwnerRole);

    /// <summary>Connection as the server's role (no ownership, no BYPASSRLS).</summary>
    public string ApplicationConnectionString => With(TestDatabases.ApplicationRole);

    /// <summary>Connection as the cluster's superuser, on this database.</summary>
    public string AdminConnectionString => new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await TestDatabases.ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private string With(string role) =>
        new NpgsqlConnectionStringBuilder(admin) { Database = name, Username = role, Password = null }.ConnectionString;
}
