using Amtsweg.Data;
using Amtsweg.Data.Providers;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Records;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Persistence;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Casework.Tests;

public sealed class UnitOfWorkTests
{
    private static readonly string[] Modules = [RecordsServiceCollectionExtensions.Module, EngineServiceCollectionExtensions.Module];

    [Theory]
    [AllProviders]
    public async Task BeginAsync_CommitsTheEngineAndTheEFileTogether_WhenCommitted(DatabaseProvider provider)
    {
        await using var host = await CaseworkTestHost.StartAsync(provider);
        await host.DeployAsync("UnitOfWorkTests.Warten.bpmn");
        var vorgang = await host.CreateVorgangAsync();

        var instanceId = await StartAndLinkAsync(host, vorgang.Id, commit: true);

        var instance = await host.EngineAsync(e => e.GetProcessInstanceAsync(instanceId));
        Assert.Equal(vorgang.Aktenzeichen, instance.BusinessKey);
        Assert.True(await host.RecordsAsync(db => db.VorgangProcesses.AnyAsync(l => l.ProcessInstanceId == instanceId)));
    }

    [Theory]
    [AllProviders]
    public async Task BeginAsync_LeavesNeitherEngineNorEFileRows_WhenDisposedWithoutCommit(DatabaseProvider provider)
    {
        await using var host = await CaseworkTestHost.StartAsync(provider);
        await host.DeployAsync("UnitOfWorkTests.Warten.bpmn");
        var vorgang = await host.CreateVorgangAsync();

        var instanceId = await StartAndLinkAsync(host, vorgang.Id, commit: false);

        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => host.EngineAsync(e => e.GetProcessInstanceAsync(instanceId)));
        Assert.False(await host.RecordsAsync(db => db.VorgangProcesses.AnyAsync(l => l.ProcessInstanceId == instanceId)));
    }

    [Theory]
    [AllProviders]
    public async Task DisposeAsync_LetsEachModuleWorkOnItsOwnAgain_AfterTheSharedTransaction(DatabaseProvider provider)
    {
        await using var host = await CaseworkTestHost.StartAsync(provider);
        await host.DeployAsync("UnitOfWorkTests.Warten.bpmn");
        var vorgang = await host.CreateVorgangAsync();
        await using var scope = host.Scope();
        var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
        await using (await scope.ServiceProvider.GetRequiredService<UnitOfWork>().BeginAsync(Modules, CancellationToken.None))
        {
            await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "Warten" });
        }

        // Each context has its own connection again: a pooled context must not take the other's into its next scope.
        Assert.NotSame(
            scope.ServiceProvider.GetRequiredService<EngineDbContext>().Database.GetDbConnection(),
            scope.ServiceProvider.GetRequiredService<RecordsDbContext>().Database.GetDbConnection());

        // Same scope, same contexts: the engine commits its own command again, outside the rolled-back transaction.
        var instance = await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "Warten", BusinessKey = vorgang.Aktenzeichen });

        Assert.Equal(vorgang.Aktenzeichen, (await host.EngineAsync(e => e.GetProcessInstanceAsync(instance.Id))).BusinessKey);
    }

    private static async Task<Guid> StartAndLinkAsync(CaseworkTestHost host, Guid vorgangId, bool commit)
    {
        await using var scope = host.Scope();
        var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
        var executor = scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>();
        var vorgang = await host.RecordsAsync(db => db.Vorgaenge.SingleAsync(v => v.Id == vorgangId));
        await using var work = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().BeginAsync(Modules, CancellationToken.None);
        var instance = await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "Warten", BusinessKey = vorgang.Aktenzeichen });
        await executor.ExecuteAsync(new LinkProcessInstanceCommand(vorgangId, instance.Id, "Warten"), CaseworkTestHost.Actor, CancellationToken.None);
        if (commit)
        {
            await work.CommitAsync(CancellationToken.None);
        }

        return instance.Id;
    }
}
