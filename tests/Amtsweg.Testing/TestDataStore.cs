using System.Collections.Concurrent;
using Amtsweg.Data.Providers;

namespace Amtsweg.Testing;

/// <summary>
/// Settings for one test's own store on one provider: a temporary data folder (SQLite file, blobs) and, for
/// PostgreSQL, a fresh database. Dispose to remove both.
/// </summary>
public sealed class TestDataStore : IAsyncDisposable
{
    private TestDataStore(DatabaseProvider provider, string dataDirectory, PostgresTestDatabase? postgres)
    {
        Provider = provider;
        DataDirectory = dataDirectory;
        Postgres = postgres;
    }

    /// <summary>The provider.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>The temporary data folder.</summary>
    public string DataDirectory { get; }

    /// <summary>The PostgreSQL database, when the provider is PostgreSQL.</summary>
    public PostgresTestDatabase? Postgres { get; }

    /// <summary>Configuration keys for the server or the CLI host.</summary>
    public Dictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Amtsweg:DataDirectory"] = DataDirectory,
                ["Amtsweg:Database:Provider"] = Provider.ToString(),
            };
            if (Postgres is not null)
            {
                settings["ConnectionStrings:Amtsweg"] = Postgres.ApplicationConnectionString;
                settings["ConnectionStrings:AmtswegMigrations"] = Postgres.OwnerConnectionString;
            }

            return settings;
        }
    }

    /// <summary>Creates an empty store.</summary>
    public static async Task<TestDataStore> CreateAsync(DatabaseProvider provider)
    {
        var directory = Directory.CreateTempSubdirectory("amtsweg-test-").FullName;
        var postgres = provider == DatabaseProvider.Postgres ? await TestDatabases.CreatePostgresAsync() : null;
        return new TestDataStore(provider, directory, postgres);
    }

    /// <summary>
    /// Creates a store that is already migrated: a copy of a template that <paramref name="migrate"/> migrated once per
    /// provider and <paramref name="modules"/> in this test process. Running the migrations of every module for every
    /// test was most of a test's setup; a copy is a file copy (SQLite) or <c>CREATE DATABASE ... TEMPLATE</c>
    /// (PostgreSQL, roles, grants and row-level security included). <paramref name="modules"/> names the set of
    /// modules <paramref name="migrate"/> migrates, so that hosts with other modules get templates of their own.
    /// </summary>
    public static async Task<TestDataStore> CreateMigratedAsync(DatabaseProvider provider, string modules, Func<TestDataStore, Task> migrate)
    {
        ArgumentNullException.ThrowIfNull(migrate);
        var template = await Templates.GetOrAdd((provider, modules), _ => new Lazy<Task<TestDataStore>>(() => CreateTemplateAsync(provider, migrate))).Value;
        var directory = Directory.CreateTempSubdirectory("amtsweg-test-").FullName;
        CopyDirectory(template.DataDirectory, directory);
        var postgres = provider == DatabaseProvider.Postgres ? await TestDatabases.CreatePostgresAsync(template.Postgres!.Name) : null;
        return new TestDataStore(provider, directory, postgres);
    }

    private static readonly ConcurrentDictionary<(DatabaseProvider, string), Lazy<Task<TestDataStore>>> Templates = new();

    private static async Task<TestDataStore> CreateTemplateAsync(DatabaseProvider provider, Func<TestDataStore, Task> migrate)
    {
        var template = await CreateAsync(provider);
        await migrate(template);

        // A copy needs the template closed: no open SQLite file, no session on the PostgreSQL database.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return template;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finished server is removed with the temp folder by the OS later.
        }
    }
}
