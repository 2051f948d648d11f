using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Intake;
using Amtsweg.Records.Model;
using Amtsweg.Records.Privacy;
using Amtsweg.Records.Search;
using Amtsweg.Records.Tests.Intake;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Records.Tests.Privacy;

public sealed class PrivacyTests
{
    private static readonly DataSubject Erika = new("Erika Müller", "erika.mueller@example.org", "Hauptstraße 1, 99999 Musterstadt", new DateOnly(1980, 4, 2));

    [Theory]
    [AllProviders]
    public async Task Export_ContainsExactlyThePersonsData_AndNothingOfAnotherPersonOrTenant(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var other = RecordsTestHost.NewTenant();
        var file = await SeedAsync(host, tenant);
        await SeedAsync(host, other);

        var (zip, data) = await ExportAsync(host, tenant, Erika);

        var found = data.Dokumente.ToDictionary(d => d.Versions[^1].FileName, d => string.Join(", ", d.FoundIn));
        Assert.Equal(3, found.Count);
        Assert.Equal("Absender, Volltext", found["antrag-mueller.txt"]);
        Assert.Equal("Volltext", found["vermerk-im-text.txt"]);
        Assert.Equal("Empfänger", found["bescheid-an-mueller.txt"]);
        Assert.Equal(["Antragstellerin"], data.Beteiligte.Select(b => b.Role));
        Assert.Single(data.Vermerke);
        Assert.All(data.Vorgaenge, v => Assert.Equal(file.Vorgang.Id, v.Vorgang.Id));
        var entries = zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(6, entries.Count);
        Assert.Contains("auskunft.json", entries);
        Assert.Contains("uebersicht.csv", entries);
        var json = Read(zip, "auskunft.json");
        var csv = Read(zip, "uebersicht.csv");
        Assert.Contains("Erika Müller", json, StringComparison.Ordinal);
        Assert.Contains("Streit mit Erika Müller", json, StringComparison.Ordinal);
        Assert.Contains("Antragstellerin: Erika Müller", csv, StringComparison.Ordinal);
        foreach (var foreign in new[] { "Hans Schmidt", "Erika Müllerin", "Nachbar", "hans@example.org", "1975-01-01" })
        {
            Assert.DoesNotContain(foreign, json, StringComparison.Ordinal);
            Assert.DoesNotContain(foreign, csv, StringComparison.Ordinal);
        }

        Assert.Equal("Antrag von Erika Müller (Version 2)", Read(zip, entries.Single(e => e.EndsWith("v2-antrag-mueller.txt", StringComparison.Ordinal))));
        var audit = await host.QueryAsync(tenant, db => db.AuditEntries.Where(e => e.Action == AuditActions.PersonalDataExported).ToListAsync());
        Assert.DoesNotContain("Müller", Assert.Single(audit).Details, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Bug_ExportAndErasure_MissedTheWaitingPosteingangItemNamingThePerson(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var text = "Widerspruch von Erika Müller gegen den Gebührenbescheid";
        var item = await host.ReceiveAsync(tenant, Encoding.UTF8.GetBytes(text), "widerspruch.txt");
        var unrelated = await host.ReceiveAsync(tenant, Encoding.UTF8.GetBytes("Einladung zur Ratssitzung"), "einladung.txt");
        await host.ProcessPendingAsync();

        var (zip, data) = await ExportAsync(host, tenant, Erika);
        var result = await EraseAsync(host, tenant, Erika);

        Assert.Equal([item.Id], data.PosteingangItems.Select(i => i.Id));
        Assert.Equal(text, Read(zip, zip.Entries.Single(e => e.FullName.StartsWith("posteingang/", StringComparison.Ordinal)).FullName));
        Assert.Contains(text, Read(zip, "auskunft.json"), StringComparison.Ordinal);
        Assert.Contains("Posteingang", Read(zip, "uebersicht.csv"), StringComparison.Ordinal);
        Assert.Equal(1, result.PosteingangItems);
        Assert.Equal([unrelated.Id], (await host.ItemsAsync(tenant)).Select(i => i.Id));
        Assert.False(File.Exists(host.Blobs.PathOf(item.ContentHash)), "Content no one else uses is deleted.");
        Assert.Equal(1, await host.QueryAsync(tenant, db => db.AuditEntries.CountAsync(e => e.Action == IntakeAuditActions.Erased && !e.Details.Contains("Müller"))));
        var again = await Assert.ThrowsAsync<RecordsException>(() => ExportAsync(host, tenant, Erika));
        Assert.Equal(RecordsErrors.PersonNotFound, again.Code);
    }

    [Theory]
    [AllProviders]
    public async Task ExportAndErasure_CoverTheDokumentFiledFromAPosteingangItem_InAVorgangNotOtherwiseAboutThePerson(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var (_, akte, vorgang) = await host.CreateVorgangAsync(tenant);
        var text = "Widerspruch von Erika Müller gegen den Gebührenbescheid";
        var item = await host.ReceiveAsync(tenant, Encoding.UTF8.GetBytes(text), "widerspruch.txt");
        await host.ProcessPendingAsync();
        var filed = Assert.Single(await host.ExecuteAsync(tenant, new FileIntakeItemCommand(item.Id, vorgang.Id)));

        var (zip, data) = await ExportAsync(host, tenant, Erika);

        var dokument = Assert.Single(data.Dokumente);
        Assert.Equal(filed.DokumentId, dokument.DokumentId);
        Assert.Contains("Posteingang", dokument.FoundIn);
        Assert.Equal([vorgang.Id], data.Vorgaenge.Select(v => v.Vorgang.Id));
        Assert.Equal([item.Id], data.PosteingangItems.Select(i => i.Id));
        Assert.Equal(text, Read(zip, zip.Entries.Single(e => e.FullName.StartsWith("dokumente/", StringComparison.Ordinal)).FullName));

        await host.ExecuteAsync(tenant, new CloseVorgangCommand(vorgang.Id));
        await host.ExecuteAsync(tenant, new CloseAkteCommand(akte.Id));
        host.Clock.Advance(TimeSpan.FromDays((10 * 366) + 1));
        var result = await EraseAsync(host, tenant, Erika);

        Assert.Equal((1, 1, 1), (result.Dokumente, result.Versions, result.PosteingangItems));
        Assert.Equal(0, await host.QueryAsync(tenant, db => db.DokumentVersionen.CountAsync(v => v.DokumentId == filed.DokumentId)));
        Assert.Empty(await host.ItemsAsync(tenant));
        Assert.Empty(await SearchAsync(host, tenant, "Gebührenbescheid", includeRestricted: true));
        var nothing = await Assert.ThrowsAsync<RecordsException>(() => ExportAsync(host, tenant, Erika));
        Assert.Equal(RecordsErrors.PersonNotFound, nothing.Code);
    }

    [Theory]
    [AllProviders]
    public async Task Bug_ExportAndErasure_MissedADokumentNamingThePersonOnlyInItsFileName(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var (_, akte, vorgang) = await host.CreateVorgangAsync(tenant);
        var added = await host.ExecuteAsync(tenant, new AddDokumentCommand(vorgang.Id, Metadata("Ausweiskopie", "Bürgerbüro", null, "ausweis-erika-mueller.txt"), RecordsTestHost.Content("Kopie des Personalausweises")));

        var (_, data) = await ExportAsync(host, tenant, Erika);
        await host.ExecuteAsync(tenant, new CloseVorgangCommand(vorgang.Id));
        await host.ExecuteAsync(tenant, new CloseAkteCommand(akte.Id));
        host.Clock.Advance(TimeSpan.FromDays((10 * 366) + 1));
        var result = await EraseAsync(host, tenant, Erika);

        var dokument = Assert.Single(data.Dokumente);
        Assert.Equal(added.DokumentId, dokument.DokumentId);
        Assert.Equal(["Dateiname"], dokument.FoundIn);
        Assert.Equal((1, 1), (result.Dokumente, result.Versions));
        Assert.Empty(await host.QueryAsync(tenant, db => db.DokumentVersionen.Where(v => v.FileName.Contains("mueller")).ToListAsync()));
    }

    [Theory]
    [AllProviders]
    public async Task ExportEraseAndRestrict_AnswerAPersonNotFound_TheSameWay(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        await SeedAsync(host, tenant);
        var nobody = new DataSubject("Otto Normal");

        var export = await Assert.ThrowsAsync<RecordsException>(() => ExportAsync(host, tenant, nobody));
        var erase = await Assert.ThrowsAsync<RecordsException>(() => EraseAsync(host, tenant, nobody));
        var restrict = await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(tenant, new RestrictPersonalDataCommand(nobody, "DS-1")));

        Assert.Equal((RecordsErrors.PersonNotFound, erase.Message), (export.Code, export.Message));
        Assert.Equal((RecordsErrors.PersonNotFound, erase.Message), (restrict.Code, restrict.Message));
        Assert.Equal(RecordsErrors.PersonNotFound, erase.Code);
    }

    [Theory]
    [AllProviders]
    public async Task Bug_ExportOverview_WroteSpreadsheetFormulasVerbatim(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var file = await host.CreateVorgangAsync(tenant);
        await host.ExecuteAsync(tenant, new AddBeteiligterCommand(file.Vorgang.Id, "@Antragstellerin", Erika));
        await host.ExecuteAsync(tenant, new AddDokumentCommand(file.Vorgang.Id, Metadata("=HYPERLINK(\"http://angreifer.example\";\"Auskunft\")", "Erika Müller", null, "a.txt"), RecordsTestHost.Content("x")));
        await host.ExecuteAsync(tenant, new AddVermerkCommand(file.Vorgang.Id, "-Erika Müller rief an"));

        var (zip, _) = await ExportAsync(host, tenant, Erika);

        var fields = Read(zip, "uebersicht.csv").Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .SelectMany(line => line.Split(';')).Select(f => f.TrimStart('"')).ToList();
        Assert.DoesNotContain(fields, f => f.Length > 0 && f[0] is '=' or '+' or '-' or '@' or '\t' or '\r');
        Assert.Contains("'=HYPERLINK(", Read(zip, "uebersicht.csv"), StringComparison.Ordinal);
        Assert.Contains("'@Antragstellerin: Erika Müller", fields);
        Assert.Contains("'-Erika Müller rief an", fields);
    }

    [Theory]
    [AllProviders]
    public async Task Erase_IsRefusedInGerman_WhileARetentionPeriodRuns_AndChangesNothing(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var file = await SeedAsync(host, tenant);
        await host.ExecuteAsync(tenant, new CloseVorgangCommand(file.Vorgang.Id));
        await host.ExecuteAsync(tenant, new CloseAkteCommand(file.Akte.Id));
        var auditBefore = await host.QueryAsync(tenant, db => db.AuditEntries.CountAsync());

        var open = await Assert.ThrowsAsync<RecordsException>(() => EraseAsync(host, tenant, Erika));

        Assert.Equal(RecordsErrors.RetentionForbidsErasure, open.Code);
        Assert.Contains("Die Aufbewahrungsfrist der Akte", open.Message, StringComparison.Ordinal);
        Assert.Contains("läuft bis 14.06.2036", open.Message, StringComparison.Ordinal);
        Assert.Contains("Es wurde nichts gelöscht", open.Message, StringComparison.Ordinal);
        Assert.Equal(auditBefore, await host.QueryAsync(tenant, db => db.AuditEntries.CountAsync()));
        Assert.Equal(3, (await SearchAsync(host, tenant, "Müller")).Count(h => h.Kind == nameof(Dokument)));
    }

    [Theory]
    [AllProviders]
    public async Task Restrict_HidesThePersonsRecordsFromClerks_ButNotFromTheDataProtectionRole(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var file = await SeedAsync(host, tenant);
        var other = await host.ExecuteAsync(tenant, new AddDokumentCommand(file.Vorgang.Id, Metadata("Stellungnahme Bauamt", null, null, "bauamt.txt"), RecordsTestHost.Content("Keine Bedenken gegen die Bäckerei.")));

        var result = await host.ExecuteAsync(tenant, new RestrictPersonalDataCommand(Erika, "DS-2026-7: Löschung verlangt, Aufbewahrungsfrist läuft"), "administration@test");
        var again = await host.ExecuteAsync(tenant, new RestrictPersonalDataCommand(Erika, "DS-2026-7"), "administration@test");

        // Three documents, her Vorgang, and (Entries) her Beteiligter row and the note naming her.
        Assert.Equal(new RestrictionResult(3, 1, 0) { Entries = 2 }, result);
        Assert.Equal(new RestrictionResult(0, 0, 6), again);
        Assert.Empty(await SearchAsync(host, tenant, "Müller"));
        Assert.Equal(["Einwendung", "Stellungnahme Bauamt"], (await SearchAsync(host, tenant, "Bäckerei")).Select(h => h.Title).Order());
        Assert.Equal(4, (await SearchAsync(host, tenant, "Müller", includeRestricted: true)).Count);
        var versionId = (await host.QueryAsync(tenant, db => db.DokumentVersionen.Where(v => v.FileName == "antrag-mueller.txt").OrderBy(v => v.Number).ToListAsync()))[0].Id;
        var refused = await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(tenant, new ReadDokumentContentCommand(versionId)));
        Assert.Equal(RecordsErrors.Restricted, refused.Code);
        await using (var content = await host.ExecuteAsync(tenant, new ReadDokumentContentCommand(versionId, IncludeRestricted: true)))
        {
            Assert.Equal("Antrag von Erika Müller", await new StreamReader(content.Stream).ReadToEndAsync());
        }

        await using var unrelated = await host.ExecuteAsync(tenant, new ReadDokumentContentCommand(other.Id));
        Assert.Equal(6, await host.QueryAsync(tenant, db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.Restricted)));
    }

    [Theory]
    [AllProviders]
    public async Task LiftRestriction_MakesThePersonsRecordsVisibleAgain_ButKeepsThoseRestrictedForAnotherPerson(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        await SeedAsync(host, tenant);
        var hans = new DataSubject("Hans Schmidt");
        await host.ExecuteAsync(tenant, new RestrictPersonalDataCommand(Erika, "DS-2026-7"), "administration@test");
        await host.ExecuteAsync(tenant, new RestrictPersonalDataCommand(hans, "DS-2026-9"), "administration@test");
        Assert.Empty(await SearchAsync(host, tenant, "Müller"));

        var lifted = await host.ExecuteAsync(tenant, new LiftRestrictionCommand(Erika, "DS-2026-7: Richtigkeit geklärt"), "administration@test");
        var auditBefore = await host.QueryAsync(tenant, db => db.AuditEntries.CountAsync());
        var again = await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(tenant, new LiftRestrictionCommand(Erika, "DS-2026-7"), "administration@test"));
        var auditAfter = await host.QueryAsync(tenant, db => db.AuditEntries.CountAsync());

        // The Vorgang stays restricted for Hans Schmidt, who takes part in it; Erika Müller's documents are back.
        Assert.Equal(new LiftRestrictionResult(3, 1, 1), lifted);
        Assert.Equal(["Aktenvermerk Ortstermin", "Antrag", "Bescheid"], (await SearchAsync(host, tenant, "Müller")).Select(h => h.Title).Order(StringComparer.Ordinal));
        Assert.Empty(await SearchAsync(host, tenant, "Schmidt"));
        var versionId = (await host.QueryAsync(tenant, db => db.DokumentVersionen.Where(v => v.FileName == "antrag-mueller.txt").OrderBy(v => v.Number).ToListAsync()))[0].Id;
        await using (var content = await host.ExecuteAsync(tenant, new ReadDokumentContentCommand(versionId)))
        {
            Assert.Equal("Antrag von Erika Müller", await new StreamReader(content.Stream).ReadToEndAsync());
        }

        Assert.Equal(6, await host.QueryAsync(tenant, db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.RestrictionLifted)));
        var summary = await host.QueryAsync(tenant, db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.PersonalDataRestrictionLifted));
        Assert.DoesNotContain("Müller", summary.Details, StringComparison.Ordinal);
        Assert.Equal(RecordsErrors.PersonNotFound, again.Code);
        Assert.Contains("keine Verarbeitung eingeschränkt", again.Message, StringComparison.Ordinal);
        Assert.Equal(auditBefore, auditAfter);
        // Hans Schmidt's stay: his document and Vorgang, his Beteiligter row and the note naming him.
        Assert.Equal(4, await host.QueryAsync(tenant, db => db.Restrictions.CountAsync()));
    }

    [Theory]
    [AllProviders]
    public async Task Erase_LeavesLoeschnachweiseWithoutPersonalData_AfterTheRetentionPeriod_AndTheChainStaysIntact(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var stranger = RecordsTestHost.NewTenant();
        var file = await SeedAsync(host, tenant);
        await SeedAsync(host, stranger);
        await host.ExecuteAsync(tenant, new AddDokumentCommand(file.Vorgang.Id, Metadata("Nachtrag", "Erika Müller", null, "nachtrag.txt"), RecordsTestHost.Content("Nur hier: Erika Müller")));
        await host.ExecuteAsync(tenant, new CloseVorgangCommand(file.Vorgang.Id));
        await host.ExecuteAsync(tenant, new CloseAkteCommand(file.Akte.Id));
        host.Clock.Advance(TimeSpan.FromDays((10 * 366) + 1));

        var result = await EraseAsync(host, tenant, Erika);

        Assert.Equal((4, 5, 1, 1, 1), (result.Dokumente, result.Versions, result.Beteiligte, result.Vermerke, result.Titles));
        var nothing = await Assert.ThrowsAsync<RecordsException>(() => ExportAsync(host, tenant, Erika));
        Assert.Equal(RecordsErrors.PersonNotFound, nothing.Code);
        var versions = await host.QueryAsync(tenant, db => db.DokumentVersionen.Select(v => v.FileName).ToListAsync());
        var tombstones = await host.QueryAsync(tenant, db => db.Loeschnachweise.AsNoTracking().ToListAsync());
        Assert.Equal(["einwendung-schmidt.txt"], versions);
        Assert.Equal(5, tombstones.Count(t => t.SubjectType == LoeschnachweisSubjects.DokumentVersion));
        Assert.Equal(1, tombstones.Count(t => t.SubjectType == LoeschnachweisSubjects.Vermerk));
        Assert.All(tombstones, t => Assert.Equal((DeletionReason.Erased, "Art. 17 Abs. 1 DSGVO", "DS-2026-8"), (t.Reason, t.LegalBasis, t.DecisionReference)));
        Assert.All(tombstones, t => Assert.DoesNotContain("Müller", t.Title, StringComparison.Ordinal));
        var remaining = await host.QueryAsync(tenant, db => db.Beteiligte.Select(b => b.Name).ToListAsync());
        Assert.Equal(["Erika Müllerin", "Hans Schmidt"], remaining.Order());
        Assert.DoesNotContain("Müller,", (await host.QueryAsync(tenant, db => db.Akten.SingleAsync())).Title, StringComparison.Ordinal);
        Assert.Empty(await SearchAsync(host, tenant, "Müller", includeRestricted: true));
        Assert.False(File.Exists(host.Blobs.PathOf(Hash("Nur hier: Erika Müller"))), "Content no one else uses is deleted.");
        Assert.True(File.Exists(host.Blobs.PathOf(Hash("Antrag von Erika Müller"))), "The other tenant's identical content stays.");
        await using var scope = host.ScopeFor(tenant);
        var verification = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
        Assert.True(verification.IsIntact, verification.FirstProblem?.Message);
        Assert.Equal(3, (await ExportAsync(host, stranger, Erika)).Data.Dokumente.Count);
    }

    [Theory]
    [AllProviders]
    public async Task Requests_AreRefused_ForASingleWordName_OrAPersonWithNoData(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        await SeedAsync(host, tenant);

        var single = await Assert.ThrowsAsync<RecordsException>(() => EraseAsync(host, tenant, new DataSubject("Müller")));
        var nobody = await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(tenant, new RestrictPersonalDataCommand(new DataSubject("Otto Normal"), "DS-1")));

        Assert.Equal(RecordsErrors.Invalid, single.Code);
        Assert.Contains("Vor- und Nachnamen", single.Message, StringComparison.Ordinal);
        Assert.Equal(RecordsErrors.PersonNotFound, nobody.Code);
    }

    // One Vorgang about Erika Müller: Beteiligte (she, a namesake with another birth date, a neighbour), a document
    // she sent (two versions), one naming her in its text, one addressed to her, one of the neighbour, a note about
    // her and one about the neighbour.
    private static async Task<(Akte Akte, Vorgang Vorgang)> SeedAsync(RecordsTestHost host, Guid tenant)
    {
        var position = await host.ExecuteAsync(tenant, new CreateAktenplanPositionCommand("32.10", "Gewerbeangelegenheiten", null, 10, DisposalRule.Destroy));
        var akte = await host.ExecuteAsync(tenant, new CreateAkteCommand(position.Id, "Gewerbe Müller, Erika"));
        var vorgang = await host.ExecuteAsync(tenant, new OpenVorgangCommand(akte.Id, "Gewerbeanmeldung Bäckerei"));
        await host.ExecuteAsync(tenant, new AddBeteiligterCommand(vorgang.Id, "Antragstellerin", Erika));
        await host.ExecuteAsync(tenant, new AddBeteiligterCommand(vorgang.Id, "Nachbar", new DataSubject("Hans Schmidt", "hans@example.org", null, new DateOnly(1975, 1, 1))));
        await host.ExecuteAsync(tenant, new AddBeteiligterCommand(vorgang.Id, "Zeugin", new DataSubject("Erika Müllerin")));
        var antrag = await host.ExecuteAsync(tenant, new AddDokumentCommand(vorgang.Id, Metadata("Antrag", "Erika Müller", null, "antrag-mueller.txt"), RecordsTestHost.Content("Antrag von Erika Müller")));
        await host.ExecuteAsync(tenant, new AddDokumentVersionCommand(antrag.DokumentId, Metadata("Antrag", "Erika Müller", null, "antrag-mueller.txt"), RecordsTestHost.Content("Antrag von Erika Müller (Version 2)")));
        await host.ExecuteAsync(tenant, new AddDokumentCommand(vorgang.Id, Metadata("Aktenvermerk Ortstermin", "Ordnungsamt", null, "vermerk-im-text.txt"), RecordsTestHost.Content("Beim Ortstermin erklärte MÜLLER, ERIKA, die Öfen seien neu.")));
        await host.ExecuteAsync(tenant, new AddDokumentCommand(vorgang.Id, Metadata("Bescheid", null, "Frau Erika Müller, Hauptstraße 1", "bescheid-an-mueller.txt"), RecordsTestHost.Content("Die Gewerbeanmeldung wird bestätigt.")));
        await host.ExecuteAsync(tenant, new AddDokumentCommand(vorgang.Id, Metadata("Einwendung", "Hans Schmidt", null, "einwendung-schmidt.txt"), RecordsTestHost.Content("Einwendung von Hans Schmidt gegen den Lärm der Bäckerei.")));
        await host.ExecuteAsync(tenant, new AddVermerkCommand(vorgang.Id, "Telefonat: Streit mit Erika Müller über die Lieferzeiten."));
        await host.ExecuteAsync(tenant, new AddVermerkCommand(vorgang.Id, "Hans Schmidt ruft täglich an."));
        return (akte, vorgang);
    }

    private static DokumentMetadata Metadata(string title, string? sender, string? recipient, string fileName) =>
        new(title, new DateOnly(2026, 6, 1), "Schreiben", sender, recipient, Confidentiality.Confidential, fileName, "text/plain");

    private static async Task<(ZipArchive Zip, PersonalData Data)> ExportAsync(RecordsTestHost host, Guid tenant, DataSubject person)
    {
        await using var scope = host.ScopeFor(tenant);
        var buffer = new MemoryStream();
        var data = await scope.ServiceProvider.GetRequiredService<PrivacyService>().ExportAsync(person, "DS-2026-7", "administration@test", buffer, CancellationToken.None);
        buffer.Position = 0;
        return (new ZipArchive(buffer, ZipArchiveMode.Read), data);
    }

    private static async Task<ErasureResult> EraseAsync(RecordsTestHost host, Guid tenant, DataSubject person)
    {
        await using var scope = host.ScopeFor(tenant);
        return await scope.ServiceProvider.GetRequiredService<PrivacyService>().EraseAsync(person, "DS-2026-8", "administration@test", CancellationToken.None);
    }

    private static async Task<IReadOnlyList<SearchHit>> SearchAsync(RecordsTestHost host, Guid tenant, string text, bool includeRestricted = false)
    {
        await using var scope = host.ScopeFor(tenant);
        return await scope.ServiceProvider.GetRequiredService<RecordsSearch>().SearchAsync(new SearchRequest(text, IncludeRestricted: includeRestricted), CancellationToken.None);
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string Hash(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
