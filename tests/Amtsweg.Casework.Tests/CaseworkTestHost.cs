using Amtsweg.Data;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Documents;
using Amtsweg.Engine;
using Amtsweg.Records;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Amtsweg.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Amtsweg.Casework.Tests;

/// <summary>
/// The engine, the e-file and the composition on one provider with its own migrated store, registered as the server
/// registers them, with a fake clock and one made-up tenant.
/// </summary>
internal sealed class CaseworkTestHost : IAsyncDisposable
{
    public const string Actor = "sachbearbeitung@test";

    private readonly TestDataStore _store;
    private readonly ServiceProvider _services;

    private CaseworkTestHost(TestDataStore store, ServiceProvider services, FakeTimeProvider clock, TestLetterheads letterheads, TestLetterTemplates templates)
    {
        Templates = templates;
        _store = store;
        _services = services;
        Clock = clock;
        Letterheads = letterheads;
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>The municipality's own letter templates as the letter task reads them (the server keeps them in its platform database).</summary>
    public TestLetterTemplates Templates { get; }

    /// <summary>The municipality's letterhead as the letter task reads it (the server keeps it in its platform database).</summary>
    public TestLetterheads Letterheads { get; }

    public Guid TenantId { get; } = Guid.CreateVersion7();

    public static async Task<CaseworkTestHost> StartAsync(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 15, 9, 30, 0, TimeSpan.Zero));
        var letterheads = new TestLetterheads();
        var templates = new TestLetterTemplates();
        var store = await TestDataStore.CreateMigratedAsync(provider, "casework", async template =>
        {
            await using var services = BuildServices(template, clock, letterheads, templates);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        });
        return new CaseworkTestHost(store, BuildServices(store, clock, letterheads, templates), clock, letterheads, templates);
    }

    private static ServiceProvider BuildServices(TestDataStore store, TimeProvider clock, TestLetterheads letterheads, TestLetterTemplates templates)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(store.Settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddAmtswegData(configuration);
        services.AddAmtswegRecords(configuration);
        services.AddAmtswegEngine();
        services.AddAmtswegCasework();
        services.AddSingleton<ILetterheadSource>(letterheads);
        services.AddSingleton<ILetterTemplateSource>(templates);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>A unit of work acting for the host's tenant.</summary>
    public AsyncServiceScope Scope() => _services.CreateTenantScope(TenantId);

    public async Task DeployAsync(params string[] diagrams)
    {
        await using var scope = Scope();
        var resources = diagrams.Select(d => new DeploymentResource(d, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", d)))).ToList();
        await scope.ServiceProvider.GetRequiredService<IProcessEngine>().DeployAsync(new DeploymentRequest("test", resources, Actor));
    }

    /// <summary>Intent: an Aktenplan position, an Akte and an open Vorgang in it.</summary>
    public async Task<Vorgang> CreateVorgangAsync()
    {
        await using var scope = Scope();
        var executor = scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>();
        var position = await executor.ExecuteAsync(new CreateAktenplanPositionCommand("32.10", "Gewerbeangelegenheiten", null, 10, DisposalRule.Archive), Actor, CancellationToken.None);
        var akte = await executor.ExecuteAsync(new CreateAkteCommand(position.Id, "Gewerbe Müller"), Actor, CancellationToken.None);
        return await executor.ExecuteAsync(new OpenVorgangCommand(akte.Id, "Gewerbeanmeldung Müller"), Actor, CancellationToken.None);
    }

    /// <summary>Starts the process in the Vorgang through the composition, as the server does.</summary>
    public async Task<FiledInstance> StartInAsync(string processId, Guid vorgangId, IReadOnlyDictionary<string, object?>? variables = null)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<ProcessFiling>().StartAsync(processId, new VorgangTarget(VorgangId: vorgangId), variables, Actor, CancellationToken.None);
    }

    /// <summary>The content of a document version, as filed.</summary>
    public async Task<byte[]> ContentAsync(Guid versionId)
    {
        await using var scope = Scope();
        await using var content = await scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>().ExecuteAsync(new ReadDokumentContentCommand(versionId), Actor, CancellationToken.None);
        using var bytes = new MemoryStream();
        await content.Stream.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    /// <summary>Runs an e-file command for the host's tenant.</summary>
    public async Task<T> ExecuteAsync<T>(RecordsCommand<T> command)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>().ExecuteAsync(command, Actor, CancellationToken.None);
    }

    public async Task<T> EngineAsync<T>(Func<IProcessEngine, Task<T>> call)
    {
        await using var scope = Scope();
        return await call(scope.ServiceProvider.GetRequiredService<IProcessEngine>());
    }

    public async Task<T> RecordsAsync<T>(Func<RecordsDbContext, Task<T>> query)
    {
        await using var scope = Scope();
        return await query(scope.ServiceProvider.GetRequiredService<RecordsDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _store.DisposeAsync();
    }
}

/// <summary>The one municipality's letterhead, set by a test; none until then.</summary>
internal sealed class TestLetterheads : ILetterheadSource
{
    public Letterhead? Letterhead { get; set; }

    public Task<Letterhead?> FindAsync(CancellationToken cancellationToken) => Task.FromResult(Letterhead);
}

/// <summary>The one municipality's own letter templates, set by a test, before the shipped ones it has not replaced.</summary>
internal sealed class TestLetterTemplates : ILetterTemplateSource
{
    public List<LetterTemplate> Own { get; } = [];

    public Task<IReadOnlyList<LetterTemplate>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LetterTemplate>>([.. Own, .. LetterTemplate.Defaults.Where(d => Own.All(o => o.Key != d.Key))]);
}
