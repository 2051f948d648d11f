using Amtsweg.Data;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Blobs;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Amtsweg.Records.Tests.Support;

/// <summary>
/// The e-file on one provider with its own migrated store, for one test. Intent methods act for a tenant the test
/// makes up (the e-file has no foreign key to the platform's municipalities).
/// </summary>
internal sealed class RecordsTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private RecordsTestHost(TestDataStore store, ServiceProvider services, FakeTimeProvider clock)
    {
        Store = store;
        _services = services;
        Clock = clock;
    }

    public TestDataStore Store { get; }

    public FakeTimeProvider Clock { get; }

    public DatabaseProvider Provider => Store.Provider;

    public BlobStore Blobs => _services.GetRequiredService<BlobStore>();

    public static async Task<RecordsTestHost> StartAsync(DatabaseProvider provider, IDictionary<string, string?>? settings = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 15, 9, 30, 0, TimeSpan.Zero));
        var store = await TestDataStore.CreateMigratedAsync(provider, "records", async template =>
        {
            await using var services = BuildServices(template.Settings, clock);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        });
        var all = new Dictionary<string, string?>(store.Settings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new RecordsTestHost(store, BuildServices(all, clock), clock);
    }

    /// <summary>The e-file's services as the server registers them, on the given settings.</summary>
    public static ServiceProvider BuildServices(IDictionary<string, string?> settings, TimeProvider clock)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddAmtswegData(configuration);
        services.AddAmtswegRecords(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public static Guid NewTenant() => Guid.CreateVersion7();

    /// <summary>A scope acting for <paramref name="tenantId"/>.</summary>
    public AsyncServiceScope ScopeFor(Guid tenantId) => _services.CreateTenantScope(tenantId);

    public async Task<T> ExecuteAsync<T>(Guid tenantId, RecordsCommand<T> command, string actor = "sachbearbeitung@test")
    {
        await using var scope = ScopeFor(tenantId);
        return await scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>().ExecuteAsync(command, actor, CancellationToken.None);
    }

    public async Task<T> QueryAsync<T>(Guid tenantId, Func<RecordsDbContext, Task<T>> query)
    {
        await using var scope = ScopeFor(tenantId);
        return await query(scope.ServiceProvider.GetRequiredService<RecordsDbContext>());
    }

    /// <summary>
    /// A context with the rights of whoever can reach the database directly (SQLite: the file; PostgreSQL: the
    /// superuser), for tests that play an attacker. Its tenant filter still acts for <paramref name="tenantId"/>.
    /// </summary>
    public RecordsDbContext CreatePrivilegedContext(Guid tenantId)
    {
        var tenant = new TenantContext();
        tenant.UseTenant(tenantId);
        return Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteRecordsDbContext(
                new DbContextOptionsBuilder<SqliteRecordsDbContext>().UseSqlite(_services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ApplicationConnectionString).Options)
            { Tenant = tenant },
            DatabaseProvider.Postgres => new PostgresRecordsDbContext(
                new DbContextOptionsBuilder<PostgresRecordsDbContext>().UseNpgsql(Store.Postgres!.AdminConnectionString).Options)
            { Tenant = tenant },
        };
    }

    /// <summary>Intent: an Aktenplan position, an Akte and an open Vorgang in it.</summary>
    public async Task<(AktenplanPosition Position, Akte Akte, Vorgang Vorgang)> CreateVorgangAsync(Guid tenantId, string code = "32.10")
    {
        var position = await ExecuteAsync(tenantId, new CreateAktenplanPositionCommand(code, "Gewerbeangelegenheiten", null, 10, DisposalRule.Archive));
        var akte = await ExecuteAsync(tenantId, new CreateAkteCommand(position.Id, "Gewerbe Müller, Hauptstraße 1"));
        var vorgang = await ExecuteAsync(tenantId, new OpenVorgangCommand(akte.Id, "Gewerbeanmeldung Bäckerei Müller"));
        return (position, akte, vorgang);
    }

    public static DokumentMetadata Metadata(string title = "Antrag auf Gewerbeanmeldung", string type = "Antrag") =>
        new(title, new DateOnly(2026, 6, 1), type, "Erika Müller", "Gemeinde Musterstadt", Confidentiality.Confidential, "antrag.pdf", "application/pdf");

    public static MemoryStream Content(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Store.DisposeAsync();
    }
}
