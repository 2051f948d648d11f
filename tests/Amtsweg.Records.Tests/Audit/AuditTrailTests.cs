using System.Data.Common;
using Amtsweg.Data.Providers;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Records.Tests.Audit;

public sealed class AuditTrailTests
{
    [Theory]
    [AllProviders]
    public async Task Commands_WriteOneChainedEntryPerChangeAndRead(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var (position, _, vorgang) = await host.CreateVorgangAsync(tenant);
        var version = await host.ExecuteAsync(tenant, new AddDokumentCommand(vorgang.Id, RecordsTestHost.Metadata(), RecordsTestHost.Content("Antrag")));
        await host.ExecuteAsync(tenant, new AddDokumentVersionCommand(version.DokumentId, RecordsTestHost.Metadata(), RecordsTestHost.Content("Antrag, korrigiert")));
        await (await host.ExecuteAsync(tenant, new ReadDokumentContentCommand(version.Id))).DisposeAsync();
        await host.ExecuteAsync(tenant, new AddVermerkCommand(vorgang.Id, "Rückruf erledigt"));
        await host.ExecuteAsync(tenant, new SetWiedervorlageCommand(vorgang.Id, new DateOnly(2026, 7, 1), "Unterlagen nachgefordert"));
        await host.ExecuteAsync(tenant, new ChangeRetentionCommand(position.Id, 30, Records.Model.DisposalRule.Appraise, "Neue Aufbewahrungsrichtlinie"));
        await host.ExecuteAsync(tenant, new CloseVorgangCommand(vorgang.Id));
        await host.ExecuteAsync(tenant, new ReopenVorgangCommand(vorgang.Id, "Widerspruch"));

        var entries = await host.QueryAsync(tenant, db => db.AuditEntries.OrderBy(e => e.Sequence).ToListAsync());
        await using var scope = host.ScopeFor(tenant);
        var verification = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);

        Assert.Equal(
            [
                AuditActions.PositionCreated, AuditActions.AkteCreated, AuditActions.VorgangOpened,
                AuditActions.DokumentAdded, AuditActions.DokumentVersionAdded, AuditActions.DokumentVersionAdded,
                AuditActions.DokumentContentRead, AuditActions.VermerkAdded, AuditActions.WiedervorlageSet,
                AuditActions.RetentionChanged, AuditActions.VorgangClosed, AuditActions.VorgangReopened,
            ],
            entries.Select(e => e.Action));
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(AuditHash.Genesis, entries[0].PreviousHash);
        Assert.All(entries.Skip(1), (e, i) => Assert.Equal(entries[i].Hash, e.PreviousHash));
        Assert.All(entries, e => Assert.Equal("sachbearbeitung@test", e.Actor));
        Assert.True(verification.IsIntact, string.Join(Environment.NewLine, verification.Problems));
        Assert.Equal(entries.Count, verification.EntriesChecked);
        Assert.Equal(2, verification.VersionsChecked);
    }

    [Theory]
    [AllProviders]
    public async Task AuditTable_RefusesUpdateAndDelete_EvenThroughSql(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        await host.CreateVorgangAsync(tenant);

        var update = await Assert.ThrowsAnyAsync<DbException>(() => host.QueryAsync(tenant, db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Actor\" = 'Mallory'")));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => host.QueryAsync(tenant, db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\"")));

        Assert.Contains("nur fortschreibbar", update.Message, StringComparison.Ordinal);
        Assert.Contains("nur fortschreibbar", delete.Message, StringComparison.Ordinal);
        Assert.Equal(3, await host.QueryAsync(tenant, db => db.AuditEntries.CountAsync(e => e.Actor != "Mallory")));
    }

    [Theory]
    [AllProviders]
    public async Task Chains_AreKeptPerTenant_WhenTenantsWorkInParallel(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenants = Enumerable.Range(0, 3).Select(_ => RecordsTestHost.NewTenant()).ToList();
        var vorgaenge = new List<Guid>();
        foreach (var tenant in tenants)
        {
            vorgaenge.Add((await host.CreateVorgangAsync(tenant)).Vorgang.Id);
        }

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() =>
            host.ExecuteAsync(tenants[i % 3], new AddVermerkCommand(vorgaenge[i % 3], $"Vermerk {i}")))));

        foreach (var tenant in tenants)
        {
            await using var scope = host.ScopeFor(tenant);
            var verification = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
            Assert.True(verification.IsIntact, string.Join(Environment.NewLine, verification.Problems));
            Assert.Equal(3 + 4, verification.EntriesChecked);
        }
    }
}
