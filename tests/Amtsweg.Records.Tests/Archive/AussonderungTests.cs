using System.Text;
using System.Xml.Linq;
using Amtsweg.Data.Providers;
using Amtsweg.Records.Archive;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Retention;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Tests.Archive;

public sealed class AussonderungTests
{
    private static readonly XNamespace Ns = AussonderungScenario.Ns;

    [Theory]
    [AllProviders]
    public async Task Aussonderung_OffersAppraisesHandsOverAndDisposes_WithValidMessagesAndLoeschnachweise(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var s = await AussonderungScenario.CreateAsync(host);

        // 0501: every due Akte, metadata only, valid.
        var offer = Assert.Single(await s.ExportAsync());
        var (offerXml, offerFiles) = AussonderungScenario.OpenZip(offer);
        Assert.Equal($"{offer.ProcessId:D}_Aussonderung.Anbieteverzeichnis.0501.zip", Path.GetFileName(offer.Path));
        Assert.Empty(XdomeaSchemas.Validate(offerXml));
        Assert.Empty(offerFiles);
        Assert.Equal((3, 3, 0), (offer.Akten, offer.Vorgaenge, offer.Versions));
        Assert.Equal(offer.ProcessId.ToString("D"), offerXml.Root!.Element(Ns + "Kopf")!.Element(Ns + "ProzessID")!.Value);
        Assert.Equal("2036-06-27T09:35:00Z", offerXml.Root.Element(Ns + "Kopf")!.Element(Ns + "Erstellungszeitpunkt")!.Value);
        Assert.Equal("09999999", offerXml.Descendants(Ns + "Absender").Single().Descendants("code").Single().Value);
        var akten = offerXml.Root.Elements(Ns + "Schriftgutobjekt").Select(o => o.Element(Ns + "Akte")!).ToList();
        Assert.Equal(["02.30-0001/2026", "32.10-0001/2026", "66.20-0001/2026"], akten.Select(a => a.Element(Ns + "AllgemeineMetadaten")!.Element(Ns + "Kennzeichen")!.Value));
        Assert.Equal(["B", "A", "V"], akten.Select(a => a.Element(Ns + "ArchivspezifischeMetadaten")!.Descendants("code").Single().Value));
        Assert.Contains("Gewerbeanmeldung – Größe und Öffnungszeiten", offerXml.Descendants(Ns + "Betreff").Select(b => b.Value));
        Assert.Empty(offerXml.Descendants(Ns + "Dokument").Elements(Ns + "Version"));
        Assert.Empty(await s.ExportAsync()); // offered once, nothing to hand over yet

        await s.ImportAsync(AussonderungScenario.OfferReceipt(offer.ProcessId));

        // 0502: the Gewerbe Akte is archived except its empty Vorgang; the rest is destroyed.
        var appraisal = await s.ImportAsync(AussonderungScenario.Appraisal(offer.ProcessId, "09999999",
            (s.Gewerbe.Id, "A"), (s.Leer.Id, "V"), (s.Bauhof.Id, "V"), (s.OhneVorgang.Id, "V")));
        Assert.Contains("1 Vorgang/Vorgänge archivwürdig, 2 vernichtet", appraisal.Summary, StringComparison.Ordinal);
        Assert.Equal(RecordState.Disposed, await StateAsync(s, s.Streugut.Id));
        Assert.Equal(RecordState.Disposed, await StateAsync(s, s.Leer.Id));
        Assert.Equal(RecordState.Closed, await StateAsync(s, s.Anmeldung.Id));
        Assert.False(File.Exists(host.Blobs.PathOf(s.StreugutVersion.ContentHash)));
        Assert.Equal(0, await host.QueryAsync(s.Tenant, db => db.Wiedervorlagen.CountAsync()));
        Assert.Equal([(s.Gewerbe.Id, RecordState.Closed), (s.Bauhof.Id, RecordState.Disposed), (s.OhneVorgang.Id, RecordState.Disposed)],
            [(s.Gewerbe.Id, await AkteStateAsync(s, s.Gewerbe.Id)), (s.Bauhof.Id, await AkteStateAsync(s, s.Bauhof.Id)), (s.OhneVorgang.Id, await AkteStateAsync(s, s.OhneVorgang.Id))]);

        // 0503: the archived Vorgang with every version's content, valid.
        var transfer = Assert.Single(await s.ExportAsync());
        var (transferXml, primaries) = AussonderungScenario.OpenZip(transfer);
        Assert.Equal($"{offer.ProcessId:D}_Aussonderung.Aussonderung.0503.zip", Path.GetFileName(transfer.Path));
        Assert.Empty(XdomeaSchemas.Validate(transferXml));
        Assert.Equal((1, 1, 3), (transfer.Akten, transfer.Vorgaenge, transfer.Versions));
        var names = transferXml.Descendants(Ns + "Dateiname").Select(d => d.Value).ToList();
        Assert.Equal(names.Order(), primaries.Keys.Order());
        Assert.Equal("Antrag, zweite Fassung", Encoding.UTF8.GetString(primaries[names.Single(n => n.StartsWith(s.AnmeldungVersions[1].Id.ToString("D"), StringComparison.Ordinal))]));
        Assert.Equal(["1", "2", "1"], transferXml.Descendants(Ns + "Dokument").Elements(Ns + "Version").Select(v => v.Element(Ns + "Nummer")!.Value));
        Assert.Equal(["018", "018", "035"], transferXml.Descendants(Ns + "Format").Select(f => f.Element(Ns + "Name")!.Element("code")!.Value));
        Assert.DoesNotContain(transferXml.Descendants(Ns + "Vorgang"), v => v.Element(Ns + "Identifikation")!.Element(Ns + "ID")!.Value == s.Leer.Id.ToString("D"));
        Assert.Empty(await s.ExportAsync(due: false));

        // 0506: imported, so deleted here; tombstones, audit and the chain remain.
        var confirmed = await s.ImportAsync(AussonderungScenario.ImportConfirmation(offer.ProcessId, (s.Gewerbe.Id, true)));
        Assert.Contains("1 übernommen", confirmed.Summary, StringComparison.Ordinal);
        Assert.Equal(RecordState.Disposed, await StateAsync(s, s.Anmeldung.Id));
        Assert.All(s.AnmeldungVersions, v => Assert.False(File.Exists(host.Blobs.PathOf(v.ContentHash))));
        Assert.Equal(0, await host.QueryAsync(s.Tenant, db => db.DokumentVersionen.CountAsync()));
        Assert.Equal(0, await host.QueryAsync(s.Tenant, db => db.Vermerke.CountAsync()));
        Assert.Equal(0, await host.QueryAsync(s.Tenant, db => db.SearchEntries.CountAsync()));
        Assert.All(await host.QueryAsync(s.Tenant, db => db.Akten.ToListAsync()), a => Assert.Equal(RecordState.Disposed, a.State));
        var tombstones = await host.QueryAsync(s.Tenant, db => db.Loeschnachweise.ToListAsync());
        Assert.Equal(4 + 1 + 3 + 3, tombstones.Count); // versions, note, Vorgänge, Akten
        var kept = Assert.Single(tombstones, t => t.SubjectId == s.AnmeldungVersions[1].Id);
        Assert.Equal((DeletionReason.Archived, "Antrag", s.AnmeldungVersions[1].ContentHash, Fingerprint.Of(s.AnmeldungVersions[1]), offer.ProcessId.ToString("D"), 2),
            (kept.Reason, kept.Title, kept.ContentHash, kept.Fingerprint, kept.DecisionReference, kept.VersionNumber));
        Assert.Equal(DeletionReason.Destroyed, tombstones.Single(t => t.SubjectId == s.StreugutVersion.Id).Reason);
        Assert.Equal("32.10 Gewerbeangelegenheiten", tombstones.Single(t => t.SubjectId == s.Anmeldung.Id).Title);
        Assert.DoesNotContain(tombstones, t => t.Title.Contains("Müller", StringComparison.Ordinal));
        var verification = await s.VerifyAsync();
        Assert.True(verification.IsIntact, string.Join("; ", verification.Problems.Select(p => p.Message)));
        var actions = await host.QueryAsync(s.Tenant, db => db.AuditEntries.Select(e => e.Action).ToListAsync());
        Assert.Equal(4, actions.Count(a => a == AuditActions.DokumentVersionDeleted));
        Assert.Equal(3, actions.Count(a => a == AuditActions.AkteDisposed));
    }

    [Theory]
    [AllProviders]
    public async Task Import_RefusesBadAnswers_AndChangesNothing(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var s = await AussonderungScenario.CreateAsync(host);
        var offer = Assert.Single(await s.ExportAsync());
        var other = RecordsTestHost.NewTenant();
        await host.ExecuteAsync(other, new CreateAktenplanPositionCommand("10.00", "Allgemeines", null, 5, DisposalRule.Destroy));
        var malformed = Path.Combine(s.OutDirectory, "kaputt.xml");
        await File.WriteAllTextAsync(malformed, "<xdomea:Aussonderung.Bewertungsverzeichnis.0502 xmlns:xdomea=\"urn:xoev-de:xdomea:schema:3.0.0\"><xdomea:Kopf>");
        var dtd = Path.Combine(s.OutDirectory, "dtd.xml");
        await File.WriteAllTextAsync(dtd, "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>");
        var before = await SnapshotAsync(s);

        var unknown = await RefusedAsync(() => s.ImportAsync(AussonderungScenario.Appraisal(offer.ProcessId, "09999999", (s.Gewerbe.Id, "A"), (Guid.CreateVersion7(), "V"))));
        var wrongTenant = await RefusedAsync(() => s.ImportAsync(AussonderungScenario.Appraisal(offer.ProcessId, null, (s.Gewerbe.Id, "A")), tenant: other));
        var wrongReceiver = await RefusedAsync(() => s.ImportAsync(AussonderungScenario.Appraisal(offer.ProcessId, "01001000", (s.Gewerbe.Id, "A"))));
        var appraiseCode = await RefusedAsync(() => s.ImportAsync(AussonderungScenario.Appraisal(offer.ProcessId, "09999999", (s.Gewerbe.Id, "B"))));
        var incomplete = await RefusedAsync(() => s.ImportAsync(AussonderungScenario.Appraisal(offer.ProcessId, "09999999", (s.Gewerbe.Id, "A"))));
        var broken = await RefusedAsync(() => s.ImportFileAsync(malformed));
        var withDtd = await RefusedAsync(() => s.ImportFileAsync(dtd));
        var notYetHandedOver = await RefusedAsync(() => s.ImportAsync(AussonderungScenario.ImportConfirmation(offer.ProcessId, (s.Gewerbe.Id, true))));
        var missing = await RefusedAsync(() => s.ImportFileAsync(Path.Combine(s.OutDirectory, "gibt-es-nicht.xml")));

        Assert.Equal(before, await SnapshotAsync(s));
        Assert.Contains("nicht angeboten", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("gibt es für diese Gemeinde nicht", wrongTenant.Message, StringComparison.Ordinal);
        Assert.Contains("01001000", wrongReceiver.Message, StringComparison.Ordinal);
        Assert.Contains("keine Entscheidung des Archivs", appraiseCode.Message, StringComparison.Ordinal);
        Assert.Contains("keine Entscheidung", incomplete.Message, StringComparison.Ordinal);
        Assert.Contains("kein lesbares XML", broken.Message, StringComparison.Ordinal);
        Assert.Contains("kein lesbares XML", withDtd.Message, StringComparison.Ordinal);
        Assert.Contains("nicht übergeben", notYetHandedOver.Message, StringComparison.Ordinal);
        Assert.Contains("gibt es nicht", missing.Message, StringComparison.Ordinal);

        // The same answer twice: the second is refused and changes nothing.
        var answer = AussonderungScenario.Appraisal(offer.ProcessId, "09999999", (s.Gewerbe.Id, "A"), (s.Bauhof.Id, "V"), (s.OhneVorgang.Id, "V"));
        await s.ImportAsync(answer);
        await s.ImportAsync(AussonderungScenario.OfferReceipt(offer.ProcessId));
        var afterFirst = await SnapshotAsync(s);
        var twice = await RefusedAsync(() => s.ImportAsync(answer));
        var receiptTwice = await RefusedAsync(() => s.ImportAsync(AussonderungScenario.OfferReceipt(offer.ProcessId)));
        var transfer = Assert.Single(await s.ExportAsync());
        await s.ImportAsync(AussonderungScenario.ImportConfirmation(transfer.ProcessId, (s.Anmeldung.Id, true), (s.Leer.Id, false)));
        var afterConfirmation = await SnapshotAsync(s);
        var confirmationTwice = await RefusedAsync(() => s.ImportAsync(AussonderungScenario.ImportConfirmation(transfer.ProcessId, (s.Anmeldung.Id, true))));

        Assert.Contains("bereits eingelesen", twice.Message, StringComparison.Ordinal);
        Assert.Contains("bereits eingelesen", receiptTwice.Message, StringComparison.Ordinal);
        Assert.Contains("bereits ausgesondert", confirmationTwice.Message, StringComparison.Ordinal);
        Assert.Equal(afterConfirmation, await SnapshotAsync(s));
        Assert.NotEqual(afterFirst, afterConfirmation);

        // The Vorgang the archive could not import is handed over again; its Akte stays until it is.
        var again = Assert.Single(await s.ExportAsync(due: false));
        var (againXml, _) = AussonderungScenario.OpenZip(again);
        Assert.Empty(XdomeaSchemas.Validate(againXml));
        Assert.Equal(s.Leer.Id.ToString("D"), againXml.Descendants(Ns + "Vorgang").Single().Element(Ns + "Identifikation")!.Element(Ns + "ID")!.Value);
        Assert.Equal(RecordState.Closed, await AkteStateAsync(s, s.Gewerbe.Id));
        await s.ImportAsync(AussonderungScenario.ImportConfirmation(again.ProcessId, (s.Leer.Id, true)));
        Assert.Equal(RecordState.Disposed, await AkteStateAsync(s, s.Gewerbe.Id));
        Assert.True((await s.VerifyAsync()).IsIntact);
    }

    [Theory]
    [AllProviders]
    public async Task Disposal_IsRefused_UnderLegalHold_AndProceeds_AfterRelease(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var s = await AussonderungScenario.CreateAsync(host);
        var offer = Assert.Single(await s.ExportAsync());
        await host.ExecuteAsync(s.Tenant, new SetLegalHoldCommand(s.Bauhof.Id, "Schadensersatzklage wegen Glätteunfall"));
        var before = await SnapshotAsync(s);
        var answer = AussonderungScenario.Appraisal(offer.ProcessId, "09999999", (s.Gewerbe.Id, "V"), (s.Bauhof.Id, "V"), (s.OhneVorgang.Id, "V"));

        var held = await RefusedAsync(() => s.ImportAsync(answer));
        var unchanged = await SnapshotAsync(s);
        Assert.True(File.Exists(host.Blobs.PathOf(s.StreugutVersion.ContentHash)));
        await host.ExecuteAsync(s.Tenant, new ReleaseLegalHoldCommand(s.Bauhof.Id, "Klage zurückgenommen"));
        await s.ImportAsync(answer);

        Assert.Equal(RecordsErrors.LegalHold, held.Code);
        Assert.Contains("Aufbewahrungssperre", held.Message, StringComparison.Ordinal);
        Assert.Equal(before, unchanged);
        Assert.All(await host.QueryAsync(s.Tenant, db => db.Vorgaenge.ToListAsync()), v => Assert.Equal(RecordState.Disposed, v.State));
        Assert.False(File.Exists(host.Blobs.PathOf(s.StreugutVersion.ContentHash)));
        Assert.True((await s.VerifyAsync()).IsIntact);
        Assert.Empty(await s.ExportAsync()); // all destroyed: nothing to hand over, nothing due
    }

    [Theory]
    [AllProviders]
    public async Task Disposal_KeepsABlob_ThatAnotherVersionOrTenantStillUses(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var s = await AussonderungScenario.CreateAsync(host);
        var neighbour = RecordsTestHost.NewTenant();
        var (_, _, vorgang) = await host.CreateVorgangAsync(neighbour);
        // The neighbouring municipality filed the very same bytes as the Streugut delivery note.
        await host.ExecuteAsync(neighbour, new AddDokumentCommand(vorgang.Id, RecordsTestHost.Metadata(), RecordsTestHost.Content("Lieferschein")));
        var offer = Assert.Single(await s.ExportAsync());

        await s.ImportAsync(AussonderungScenario.Appraisal(offer.ProcessId, "09999999", (s.Gewerbe.Id, "V"), (s.Bauhof.Id, "V"), (s.OhneVorgang.Id, "V")));

        Assert.True(File.Exists(host.Blobs.PathOf(s.StreugutVersion.ContentHash)));
        Assert.All(s.AnmeldungVersions, v => Assert.False(File.Exists(host.Blobs.PathOf(v.ContentHash))));
        Assert.True((await s.VerifyAsync()).IsIntact);
    }

    [Theory]
    [AllProviders]
    public async Task Verify_ReportsADisposedVersion_WhoseLoeschnachweisIsMissingOrChanged(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var s = await AussonderungScenario.CreateAsync(host);
        var offer = Assert.Single(await s.ExportAsync());
        await s.ImportAsync(AussonderungScenario.Appraisal(offer.ProcessId, "09999999", (s.Gewerbe.Id, "V"), (s.Bauhof.Id, "V"), (s.OhneVorgang.Id, "V")));
        Assert.True((await s.VerifyAsync()).IsIntact);
        var changed = s.AnmeldungVersions[0].Id;
        var removed = s.AnmeldungVersions[1].Id;

        await using (var db = host.CreatePrivilegedContext(s.Tenant))
        {
            // An attacker with direct access to the database gets past the insert-only triggers.
            await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Sqlite
                ? "DROP TRIGGER \"Loeschnachweise_no_update\"; DROP TRIGGER \"Loeschnachweise_no_delete\";"
                : "ALTER TABLE \"Loeschnachweise\" DISABLE TRIGGER USER");
            await db.Loeschnachweise.Where(t => t.SubjectId == changed).ExecuteUpdateAsync(u => u.SetProperty(t => t.Fingerprint, new string('0', 64)));
            await db.Loeschnachweise.Where(t => t.SubjectId == removed).ExecuteDeleteAsync();
        }

        var verification = await s.VerifyAsync();

        Assert.False(verification.IsIntact);
        Assert.Equal(2, verification.Problems.Count);
        Assert.Contains(verification.Problems, p => p.Message.Contains(changed.ToString(), StringComparison.Ordinal) && p.Message.Contains("Löschnachweis", StringComparison.Ordinal));
        Assert.Contains(verification.Problems, p => p.Message.Contains(removed.ToString(), StringComparison.Ordinal));
    }

    private static async Task<RecordsException> RefusedAsync(Func<Task> action)
    {
        var error = await Assert.ThrowsAsync<RecordsException>(action);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }

    private static Task<RecordState> StateAsync(AussonderungScenario s, Guid vorgangId) =>
        s.Host.QueryAsync(s.Tenant, db => db.Vorgaenge.Where(v => v.Id == vorgangId).Select(v => v.State).SingleAsync());

    private static Task<RecordState> AkteStateAsync(AussonderungScenario s, Guid akteId) =>
        s.Host.QueryAsync(s.Tenant, db => db.Akten.Where(a => a.Id == akteId).Select(a => a.State).SingleAsync());

    /// <summary>Everything an import may change, as one comparable string.</summary>
    private static Task<string> SnapshotAsync(AussonderungScenario s) => s.Host.QueryAsync(s.Tenant, async db =>
    {
        var objects = await db.AussonderungObjekte.OrderBy(o => o.Id).Select(o => $"{o.ObjectId}:{o.Decision}:{o.TransferredAt}:{o.DisposedAt}").ToListAsync();
        var processes = await db.Aussonderungen.OrderBy(a => a.Id).Select(a => $"{a.Id}:{a.AppraisedAt}:{a.OfferReceiptAt}").ToListAsync();
        var states = await db.Vorgaenge.OrderBy(v => v.Id).Select(v => $"{v.Id}:{v.State}").ToListAsync();
        var akten = await db.Akten.OrderBy(a => a.Id).Select(a => $"{a.Id}:{a.State}").ToListAsync();
        var counts = $"{await db.DokumentVersionen.CountAsync()}/{await db.Loeschnachweise.CountAsync()}/{await db.AuditEntries.CountAsync()}/{await db.Vermerke.CountAsync()}";
        var blobs = Directory.Exists(s.Host.Blobs.Root) ? Directory.GetFiles(s.Host.Blobs.Root, "*", SearchOption.AllDirectories).Length : 0;
        return string.Join("|", objects.Concat(processes).Concat(states).Concat(akten).Append(counts).Append(blobs.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    });
}
