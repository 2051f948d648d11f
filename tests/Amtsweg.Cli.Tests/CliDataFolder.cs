using Amtsweg.Data;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Commands;
using Amtsweg.Server;
using Amtsweg.Server.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Cli.Tests;

/// <summary>
/// A fresh data folder (SQLite, blobs) that `amtsweg` commands run on (<see cref="CliProcess"/>), as an administrator runs
/// them; records are seeded through the server's own services on the same folder.
/// </summary>
internal sealed class CliDataFolder : IDisposable
{
    public CliDataFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "amtsweg-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A file path inside the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) => CliProcess.RunAsync(Path, arguments);

    /// <summary>Runs the built program in a process of its own on the folder (<see cref="CliProcess.RunInOwnProcessAsync"/>).</summary>
    public Task<(int ExitCode, string Output, string Error)> RunInOwnProcessAsync(params string[] arguments) =>
        CliProcess.RunInOwnProcessAsync([.. arguments, "--data", Path]);

    /// <summary>Creates a municipality through the CLI.</summary>
    public async Task CreateTenantAsync(string ags, string name)
    {
        var created = await RunAsync("tenant", "create", "--ags", ags, "--name", name, "--test");
        Assert.True(created.ExitCode == 0, created.Error);
    }

    /// <summary>Runs e-file commands for the municipality <paramref name="ags"/> on this folder, in this process.</summary>
    public async Task<T> SeedAsync<T>(string ags, Func<RecordsCommandExecutor, Task<T>> seed)
    {
        await using var app = AmtswegApp.Build(AmtswegApp.CreateBuilder([], new Dictionary<string, string?> { ["Amtsweg:DataDirectory"] = Path }));
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().EnsureEmbeddedMigratedAsync(CancellationToken.None);
        var municipality = await scope.ServiceProvider.GetRequiredService<PlatformAdministration>().FindMunicipalityAsync(ags, CancellationToken.None)
            ?? throw new InvalidOperationException($"No municipality {ags}.");
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseTenant(municipality.Id);
        return await seed(scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>());
    }

    /// <summary>Calls the process engine for the municipality <paramref name="ags"/> on this folder, in this process.</summary>
    public async Task<T> EngineAsync<T>(string ags, Func<Engine.IProcessEngine, Task<T>> call)
    {
        await using var app = AmtswegApp.Build(AmtswegApp.CreateBuilder([], new Dictionary<string, string?> { ["Amtsweg:DataDirectory"] = Path }));
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().EnsureEmbeddedMigratedAsync(CancellationToken.None);
        var municipality = await scope.ServiceProvider.GetRequiredService<PlatformAdministration>().FindMunicipalityAsync(ags, CancellationToken.None)
            ?? throw new InvalidOperationException($"No municipality {ags}.");
        scope.ServiceProvider.GetRequiredService<TenantContext>().UseTenant(municipality.Id);
        return await call(scope.ServiceProvider.GetRequiredService<Engine.IProcessEngine>());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
