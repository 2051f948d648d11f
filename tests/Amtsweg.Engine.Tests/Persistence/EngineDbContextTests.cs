using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Persistence;

public sealed class EngineDbContextTests
{
    [Theory]
    [AllProviders]
    public async Task Model_FiltersEveryEntityByTenant_WhenMigrated(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EngineDbContext>();

        var entityTypes = db.Model.GetEntityTypes().ToList();

        Assert.Equal(13, entityTypes.Count);
        Assert.All(entityTypes, t =>
        {
            Assert.True(typeof(ITenantOwned).IsAssignableFrom(t.ClrType), $"{t.ClrType.Name} is not tenant-owned");
            Assert.NotNull(t.FindAnnotation(TenantModel.FilteredAnnotation));
        });
    }

    [Theory]
    [AllProviders]
    public async Task Migrations_MatchTheModel_WhenApplied(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EngineDbContext>();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes without a migration for " + provider);
    }

    [Theory]
    [AllProviders]
    public async Task GetProcessInstance_FailsAsNotFound_WhenInstanceBelongsToAnotherTenant(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(EngineDbContextTests));
        var instance = await host.StartAsync("tenancy");

        await using var foreign = host.CreateScope(Guid.CreateVersion7());
        var foreignEngine = foreign.ServiceProvider.GetRequiredService<IProcessEngine>();

        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => foreignEngine.GetProcessInstanceAsync(instance.Id));
        Assert.Empty(await foreignEngine.QueryUserTasksAsync(new UserTaskQuery()));
        Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery()));
    }
}
