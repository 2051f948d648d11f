using System.Data.Common;
using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Persistence;

/// <summary>
/// A command that owns its transaction saves without EF Core's automatic savepoint (a failure rolls the whole
/// transaction back, so the savepoint only cost statements); a command that joins a caller's transaction keeps it, so
/// that a failed save leaves the caller's transaction usable.
/// </summary>
public sealed class CommandTransactionTests
{
    [Theory]
    [AllProviders]
    public async Task Start_SetsNoSavepoint_WhenCommandOwnsItsTransaction(DatabaseProvider provider)
    {
        var savepoints = new SavepointCounter();
        await using var host = await EngineHost.StartAsync(provider, services => Count(services, savepoints));
        await host.DeployAsync(typeof(CommandTransactionTests));

        var before = savepoints.Created;
        var instance = await host.StartAsync("savepoint");

        Assert.Equal(before, savepoints.Created);
        Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id }));
    }

    [Theory]
    [AllProviders]
    public async Task Start_KeepsSavepoint_WhenCommandJoinsCallersTransaction(DatabaseProvider provider)
    {
        var savepoints = new SavepointCounter();
        await using var host = await EngineHost.StartAsync(provider, services => Count(services, savepoints));
        await host.DeployAsync(typeof(CommandTransactionTests));
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EngineDbContext>();
        var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "savepoint" });
            await transaction.CommitAsync();
        }

        Assert.True(savepoints.Created > 0);
        Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery()));
    }

    private static void Count(IServiceCollection services, SavepointCounter savepoints)
    {
        services.ConfigureDbContext<SqliteEngineDbContext>((_, options) => options.AddInterceptors(savepoints));
        services.ConfigureDbContext<PostgresEngineDbContext>((_, options) => options.AddInterceptors(savepoints));
    }

    private sealed class SavepointCounter : DbTransactionInterceptor
    {
        private int _created;

        public int Created => _created;

        public override ValueTask<InterceptionResult> CreatingSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _created);
            return base.CreatingSavepointAsync(transaction, eventData, result, cancellationToken);
        }

        public override InterceptionResult CreatingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
        {
            Interlocked.Increment(ref _created);
            return base.CreatingSavepoint(transaction, eventData, result);
        }
    }
}
