using Amtsweg.Data.Providers;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Tests.Commands;

public sealed class VorgangLifecycleTests
{
    [Theory]
    [AllProviders]
    public async Task CreateAkte_GivesAktenzeichenFromPattern_WhenPositionExists(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();

        var (position, akte, vorgang) = await host.CreateVorgangAsync(tenant, "32.10");
        var second = await host.ExecuteAsync(tenant, new CreateAkteCommand(position.Id, "Gewerbe Schmidt"));
        var secondVorgang = await host.ExecuteAsync(tenant, new OpenVorgangCommand(akte.Id, "Ummeldung"));

        Assert.Equal("32.10-0001/2026", akte.Aktenzeichen);
        Assert.Equal("32.10-0002/2026", second.Aktenzeichen);
        Assert.Equal("32.10-0001/2026-1", vorgang.Aktenzeichen);
        Assert.Equal("32.10-0001/2026-2", secondVorgang.Aktenzeichen);
    }

    [Theory]
    [AllProviders]
    public async Task CreateAkte_UsesConfiguredPattern_AndRestartsNumbersPerYear(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider, new Dictionary<string, string?> { ["Amtsweg:Records:AktenzeichenPattern"] = "{Jahr}/{Position}/{Nummer:000}" });
        var tenant = RecordsTestHost.NewTenant();
        var position = await host.ExecuteAsync(tenant, new CreateAktenplanPositionCommand("022", "Standesamt", null, 30, DisposalRule.Appraise));

        var first = await host.ExecuteAsync(tenant, new CreateAkteCommand(position.Id, "Eheschließungen"));
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero)); // already 2027 in Berlin
        var nextYear = await host.ExecuteAsync(tenant, new CreateAkteCommand(position.Id, "Eheschließungen"));

        Assert.Equal("2026/022/001", first.Aktenzeichen);
        Assert.Equal("2027/022/001", nextYear.Aktenzeichen);
    }

    [Theory]
    [AllProviders]
    public async Task AddDokument_IsRefused_WhenVorgangIsClosed(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var (_, _, vorgang) = await host.CreateVorgangAsync(tenant);
        var version = await host.ExecuteAsync(tenant, new AddDokumentCommand(vorgang.Id, RecordsTestHost.Metadata(), RecordsTestHost.Content("Antrag")));
        await host.ExecuteAsync(tenant, new CloseVorgangCommand(vorgang.Id));

        var addDocument = await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(tenant, new AddDokumentCommand(vorgang.Id, RecordsTestHost.Metadata(), RecordsTestHost.Content("Nachtrag"))));
        var addVersion = await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(tenant, new AddDokumentVersionCommand(version.DokumentId, RecordsTestHost.Metadata(), RecordsTestHost.Content("v2"))));
        var note = await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(tenant, new AddVermerkCommand(vorgang.Id, "Telefonat")));
        var wiedervorlage = await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(tenant, new SetWiedervorlageCommand(vorgang.Id, new DateOnly(2026, 7, 1), "Frist")));
        var closeAgain = await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(tenant, new CloseVorgangCommand(vorgang.Id)));

        Assert.All([addDocument, addVersion, note, wiedervorlage, closeAgain], e => Assert.Equal(RecordsErrors.VorgangClosed, e.Code));
        Assert.Contains("zdA", addDocument.Message, StringComparison.Ordinal);
        Assert.Equal(1, await host.QueryAsync(tenant, db => db.Dokumente.CountAsync()));
    }

    [Theory]
    [AllProviders]
    public async Task ReopenVorgang_AllowsChangesAgain_AndIsAuditedWithReason(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var (_, _, vorgang) = await host.CreateVorgangAsync(tenant);
        var notClosed = await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(tenant, new ReopenVorgangCommand(vorgang.Id, "Widerspruch")));
        await host.ExecuteAsync(tenant, new CloseVorgangCommand(vorgang.Id));
        var noReason = await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(tenant, new ReopenVorgangCommand(vorgang.Id, " ")));

        var reopened = await host.ExecuteAsync(tenant, new ReopenVorgangCommand(vorgang.Id, "Widerspruch eingegangen"));
        await host.ExecuteAsync(tenant, new AddVermerkCommand(vorgang.Id, "Widerspruch vom 20.06."));

        Assert.Equal(RecordsErrors.VorgangNotClosed, notClosed.Code);
        Assert.Equal(RecordsErrors.Invalid, noReason.Code);
        Assert.Equal(RecordState.Open, reopened.State);
        var actions = await host.QueryAsync(tenant, db => db.AuditEntries.Where(e => e.SubjectId == vorgang.Id).OrderBy(e => e.Sequence).Select(e => new { e.Action, e.Details }).ToListAsync());
        Assert.Equal([AuditActions.VorgangOpened, AuditActions.VorgangClosed, AuditActions.VorgangReopened], actions.Select(a => a.Action));
        Assert.Equal("Widerspruch eingegangen", AuditHash.ReadDetail(actions[2].Details, "reason"));
    }

    [Theory]
    [AllProviders]
    public async Task AddDokumentVersion_KeepsEarlierVersionsUnchanged(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var (_, _, vorgang) = await host.CreateVorgangAsync(tenant);
        var first = await host.ExecuteAsync(tenant, new AddDokumentCommand(vorgang.Id, RecordsTestHost.Metadata("Bescheid Entwurf", "Bescheid"), RecordsTestHost.Content("Entwurf")));

        var second = await host.ExecuteAsync(tenant, new AddDokumentVersionCommand(first.DokumentId, RecordsTestHost.Metadata("Bescheid", "Bescheid"), RecordsTestHost.Content("Endfassung")));

        Assert.Equal(2, second.Number);
        var versions = await host.QueryAsync(tenant, db => db.DokumentVersionen.Where(v => v.DokumentId == first.DokumentId).OrderBy(v => v.Number).ToListAsync());
        Assert.Equal(["Bescheid Entwurf", "Bescheid"], versions.Select(v => v.Title));
        Assert.Equal(first.ContentHash, versions[0].ContentHash);
        Assert.Equal(2, (await host.QueryAsync(tenant, db => db.Dokumente.SingleAsync())).CurrentVersion);
        await using var content = await host.ExecuteAsync(tenant, new ReadDokumentContentCommand(first.Id));
        using var reader = new StreamReader(content.Stream);
        Assert.Equal("Entwurf", await reader.ReadToEndAsync());
    }

    [Theory]
    [AllProviders]
    public async Task DocumentVersion_CannotBeUpdated_ThroughTheContext(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var (_, _, vorgang) = await host.CreateVorgangAsync(tenant);
        await host.ExecuteAsync(tenant, new AddDokumentCommand(vorgang.Id, RecordsTestHost.Metadata(), RecordsTestHost.Content("Antrag")));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.QueryAsync(tenant, async db =>
        {
            var version = await db.DokumentVersionen.SingleAsync();
            version.Title = "Geändert";
            return await db.SaveChangesAsync();
        }));

        Assert.Contains("insert-only", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Commands_TreatForeignTenantsRecordsAsMissing(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var owner = RecordsTestHost.NewTenant();
        var stranger = RecordsTestHost.NewTenant();
        var (position, akte, vorgang) = await host.CreateVorgangAsync(owner);
        var version = await host.ExecuteAsync(owner, new AddDokumentCommand(vorgang.Id, RecordsTestHost.Metadata(), RecordsTestHost.Content("Antrag")));

        var errors = new[]
        {
            await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(stranger, new CreateAkteCommand(position.Id, "Fremd"))),
            await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(stranger, new OpenVorgangCommand(akte.Id, "Fremd"))),
            await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(stranger, new CloseVorgangCommand(vorgang.Id))),
            await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(stranger, new AddVermerkCommand(vorgang.Id, "x"))),
            await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(stranger, new ReadDokumentContentCommand(version.Id))),
        };

        Assert.All(errors, e => Assert.Equal(RecordsErrors.NotFound, e.Code));
        Assert.Equal(0, await host.QueryAsync(stranger, db => db.Vorgaenge.CountAsync()));
        Assert.Equal(RecordState.Open, (await host.QueryAsync(owner, db => db.Vorgaenge.SingleAsync())).State);
        Assert.Equal(0L, await host.QueryAsync(stranger, db => db.AuditEntries.LongCountAsync()));
    }

    [Theory]
    [AllProviders]
    public async Task CloseAkte_IsRefused_WhileAVorgangIsOpen(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var (_, akte, vorgang) = await host.CreateVorgangAsync(tenant);

        var refused = await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(tenant, new CloseAkteCommand(akte.Id)));
        await host.ExecuteAsync(tenant, new CloseVorgangCommand(vorgang.Id));
        var closed = await host.ExecuteAsync(tenant, new CloseAkteCommand(akte.Id));
        var reopen = await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(tenant, new ReopenVorgangCommand(vorgang.Id, "Nachfrage")));

        Assert.Equal(RecordsErrors.AkteHasOpenVorgaenge, refused.Code);
        Assert.Equal(RecordState.Closed, closed.State);
        Assert.Equal(host.Clock.GetUtcNow(), closed.ClosedAt);
        Assert.Equal(RecordsErrors.AkteClosed, reopen.Code);
    }
}
