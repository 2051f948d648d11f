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

    /// <summary>Creates the store.</summary>
    public static async Task<TestDataStore> CreateAsync(DatabaseProvider provider)
    {
        var directory = Directory.CreateTempSubdirectory("amtsweg-test-").FullName;
        var postgres = provider == DatabaseProvider.Postgres ? await TestDatabases.CreatePostgresAsync() : null;
        return new TestDataStore(provider, directory, postgres);
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
