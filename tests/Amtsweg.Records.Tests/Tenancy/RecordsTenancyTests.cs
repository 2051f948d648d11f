using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Persistence;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Amtsweg.Records.Tests.Tenancy;

public sealed class RecordsTenancyTests
{
    [Theory]
    [AllProviders]
    public async Task EveryEntity_IsTenantOwnedAndFiltered(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        await using var scope = host.ScopeFor(RecordsTestHost.NewTenant());
        var model = scope.ServiceProvider.GetRequiredService<RecordsDbContext>().Model;

        var unfiltered = model.GetEntityTypes()
            .Where(t => !t.IsOwned() && (!typeof(ITenantOwned).IsAssignableFrom(t.ClrType) || t.FindAnnotation(TenantModel.FilteredAnnotation) is null))
            .Select(t => t.ClrType.Name)
            .ToList();

        Assert.Empty(unfiltered);
        Assert.True(model.GetEntityTypes().Count() >= 11);
    }

    [Theory]
    [AllProviders]
    public async Task ContextWithoutTenant_SeesNoRecords(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        await host.CreateVorgangAsync(tenant);
        await using var scope = host.ScopeFor(tenant);
        scope.ServiceProvider.GetRequiredService<TenantContext>().Clear();
        var db = scope.ServiceProvider.GetRequiredService<RecordsDbContext>();

        Assert.Equal(0, await db.Akten.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync());
        Assert.Equal(0, await db.SearchEntries.CountAsync());
    }

    [Fact]
    public async Task PostgresRowLevelSecurity_HidesRecords_FromRawSqlWithoutTenant()
    {
        Assert.True(TestDatabases.PostgresEnabled, "This test needs PostgreSQL: run it through ./test.sh (AMTSWEG_TEST_POSTGRES).");

        await using var host = await RecordsTestHost.StartAsync(DatabaseProvider.Postgres);
        var tenant = RecordsTestHost.NewTenant();
        await host.CreateVorgangAsync(tenant);
        await using var connection = new NpgsqlConnection(host.Store.Postgres!.ApplicationConnectionString);
        await connection.OpenAsync();

        foreach (var table in new[] { "Akten", "Vorgaenge", "AuditEntries", "AuditChainHeads", "SearchEntries", "AktenzeichenCounters" })
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            Assert.Equal(0L, await command.ExecuteScalarAsync());
        }
    }
}
