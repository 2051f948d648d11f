using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Amtsweg.Engine.Tests.Persistence;

/// <summary>
/// The tenant setting that row-level security reads (<see cref="PostgresTenantInterceptor"/>) must never outlive the
/// unit of work on a pooled connection. Issue 18 asked whether it could be set less often; whatever is tried must keep
/// this test green. PostgreSQL only: SQLite has no row-level security.
/// </summary>
public sealed class PostgresTenantSettingTests
{
    [Fact]
    public async Task PooledConnection_ShowsOnlyNextTenantsRows_WhenReusedForAnotherTenant()
    {
        Assert.True(TestDatabases.PostgresEnabled, "This test needs PostgreSQL: run it through ./test.sh (AMTSWEG_TEST_POSTGRES).");
        await using var host = await EngineHost.StartAsync(DatabaseProvider.Postgres);
        var otherTenant = Guid.CreateVersion7();
        var own = await StartAsync(host, host.TenantId);
        var other = await StartAsync(host, otherTenant);

        var (ownBackend, seenByOwn) = await VisibleInstancesAsync(host, host.TenantId);
        var (otherBackend, seenByOther) = await VisibleInstancesAsync(host, otherTenant);

        Assert.Equal(ownBackend, otherBackend);
        Assert.Equal(own, Assert.Single(seenByOwn));
        Assert.Equal(other, Assert.Single(seenByOther));
    }

    private static async Task<Guid> StartAsync(EngineHost host, Guid tenantId)
    {
        await using var scope = host.CreateScope(tenantId);
        var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
        await engine.DeployAsync(new DeploymentRequest(nameof(PostgresTenantSettingTests), [Diagrams.Resource(typeof(PostgresTenantSettingTests), nameof(PooledConnection_ShowsOnlyNextTenantsRows_WhenReusedForAnotherTenant))]));
        return (await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "pooled" })).Id;
    }

    /// <summary>The instance ids row-level security lets a unit of work see through hand-written SQL (no EF filter), and the backend it ran on.</summary>
    private static async Task<(int Backend, List<Guid> Instances)> VisibleInstancesAsync(EngineHost host, Guid tenantId)
    {
        await using var scope = host.CreateScope(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<EngineDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            var backend = ((NpgsqlConnection)db.Database.GetDbConnection()).ProcessID;
            var instances = await db.Database.SqlQueryRaw<Guid>("""SELECT "Id" AS "Value" FROM "EngineProcessInstances" """).ToListAsync();
            return (backend, instances);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
