using Amtsweg.Data.Providers;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Intake;
using Amtsweg.Records.Model;
using Amtsweg.Records.Search;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Records.Tests.Intake;

public sealed class IntakeProcessingTests
{
    // Tesseract alone: the path of installations without OCRmyPDF.
    private static readonly Dictionary<string, string?> WithoutOcrMyPdf = new() { ["Amtsweg:Records:Intake:OcrMyPdfCommand"] = "off" };

    [Theory]
    [AllProviders]
    public async Task Scan_BecomesSearchablePdfA_WithOcrMyPdf_AndTheOriginalStaysVersion1(DatabaseProvider provider)
    {
        // Named explicitly, so a machine without OCRmyPDF fails here instead of quietly testing Tesseract alone.
        await using var host = await RecordsTestHost.StartAsync(provider, new Dictionary<string, string?> { ["Amtsweg:Records:Intake:OcrMyPdfCommand"] = "ocrmypdf" });
        var tenant = RecordsTestHost.NewTenant();
        var (_, _, vorgang) = await host.CreateVorgangAsync(tenant);
        var scan = IntakeFiles.ScanPng("Antrag auf Sondernutzung", "Marktplatz Musterstadt"); // no resolution in the file

        var received = await host.ReceiveAsync(tenant, scan, "sondernutzung.png", target: vorgang.Id);
        await host.ProcessPendingAsync();
        var item = await host.ItemAsync(tenant, received.Id);
        var versions = await host.QueryAsync(tenant, db => db.DokumentVersionen.AsNoTracking().Where(v => v.DokumentId == item.FiledDokumentId).OrderBy(v => v.Number).ToListAsync());
        var dokument = await host.QueryAsync(tenant, db => db.Dokumente.AsNoTracking().SingleAsync(d => d.Id == item.FiledDokumentId));
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(File.ReadAllBytes(host.Blobs.PathOf(versions[1].ContentHash)));
        var pdfText = string.Join(' ', pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.True(pdf.TryGetXmpMetadata(out var xmp), "the PDF has no XMP metadata");
        var pdfaPart = xmp.GetXDocument().Descendants()
            .SelectMany(e => e.Attributes().Where(a => a.Name == PdfaPart).Select(a => a.Value).Concat(e.Name == PdfaPart ? [e.Value] : []))
            .FirstOrDefault();
        var vermerk = Transfervermerk.Parse(item.Transfervermerk)!;
        var audit = await host.QueryAsync(tenant, db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == IntakeAuditActions.Filed));

        Assert.True(item.Status == IntakeStatus.Filed, item.Message);
        Assert.Contains("Sondernutzung", item.Text, StringComparison.Ordinal);
        Assert.Equal(2, dokument.CurrentVersion);
        Assert.Equal([(1, "image/png", "sondernutzung.png"), (2, "application/pdf", "sondernutzung (PDF-A).pdf")], versions.Select(v => (v.Number, v.MediaType, v.FileName)));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(scan)), versions[0].ContentHash);
        Assert.Equal(versions[0].ContentHash, vermerk.Sha256);
        Assert.Contains("Sondernutzung", pdfText, StringComparison.Ordinal);
        Assert.Equal("2", pdfaPart);
        Assert.Contains(vermerk.Pruefungen, c => c.Pruefung == "Texterkennung" && c.Ergebnis.StartsWith("OCRmyPDF", StringComparison.Ordinal));
        Assert.Contains(vermerk.Pruefungen, c => c.Pruefung == "Durchsuchbares PDF/A" && c.Ergebnis.Contains(versions[1].ContentHash, StringComparison.Ordinal));
        Assert.Contains(versions[0].ContentHash, audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_WhenOcrMyPdfFails_IsReadByTesseractAlone_AndTheOriginalIsFiled_WithTheReasonInTheTransfervermerk()
    {
        // A program that fails like OCRmyPDF on a file it refuses (exit code 1, nothing written).
        await using var host = await RecordsTestHost.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Amtsweg:Records:Intake:OcrMyPdfCommand"] = "/bin/false" });
        var tenant = RecordsTestHost.NewTenant();
        var (_, _, vorgang) = await host.CreateVorgangAsync(tenant);

        var received = await host.ReceiveAsync(tenant, IntakeFiles.ScanPng("Antrag auf Sondernutzung"), "antrag.png", target: vorgang.Id);
        await host.ProcessPendingAsync();
        var item = await host.ItemAsync(tenant, received.Id);
        var versions = await host.QueryAsync(tenant, db => db.DokumentVersionen.AsNoTracking().Where(v => v.DokumentId == item.FiledDokumentId).ToListAsync());
        var checks = Transfervermerk.Parse(item.Transfervermerk)!.Pruefungen;

        Assert.True(item.Status == IntakeStatus.Filed, item.Message);
        Assert.Contains("Sondernutzung", item.Text, StringComparison.Ordinal);
        Assert.Equal((received.ContentHash, "image/png"), (Assert.Single(versions).ContentHash, versions[0].MediaType));
        Assert.Contains(checks, c => c.Pruefung == "Durchsuchbares PDF/A" && c.Ergebnis.StartsWith("nicht erzeugt (OCRmyPDF endete mit Code 1", StringComparison.Ordinal));
        Assert.Contains(checks, c => c.Pruefung == "Texterkennung" && c.Ergebnis.StartsWith("tesseract", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(host.Blobs.Root, "tmp")));
    }

    private static readonly System.Xml.Linq.XName PdfaPart = System.Xml.Linq.XName.Get("part", "http://www.aiim.org/pdfa/ns/id/");

    [Theory]
    [AllProviders]
    public async Task Scan_IsRecognised_ProposesVorgang_AndFilingMakesItFindable(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider, WithoutOcrMyPdf);
        var tenant = RecordsTestHost.NewTenant();
        var (_, _, vorgang) = await host.CreateVorgangAsync(tenant);
        var scan = IntakeFiles.ScanPng("Stadtverwaltung Musterstadt", $"Ihr Zeichen: {vorgang.Aktenzeichen}", "Nachreichung zur Gewerbeanmeldung");

        var received = await host.ReceiveAsync(tenant, scan, "scan-0001.png");
        var processed = await host.ProcessPendingAsync();
        var waiting = await host.ItemAsync(tenant, received.Id);
        var versions = await host.ExecuteAsync(tenant, new FileIntakeItemCommand(received.Id, waiting.ProposedVorgangId!.Value));
        var filed = await host.ItemAsync(tenant, received.Id);
        await using var scope = host.ScopeFor(tenant);
        var hits = await scope.ServiceProvider.GetRequiredService<RecordsSearch>().SearchAsync(new SearchRequest("Nachreichung"), CancellationToken.None);
        var audit = await host.QueryAsync(tenant, db => db.AuditEntries.AsNoTracking().Where(a => a.Action == IntakeAuditActions.Filed).ToListAsync());

        Assert.Equal(IntakeStatus.Received, received.Status);
        Assert.Equal(1, processed);
        Assert.Equal(IntakeStatus.WaitingForFiling, waiting.Status);
        Assert.Equal(100, waiting.Progress);
        Assert.Equal(vorgang.Id, waiting.ProposedVorgangId);
        Assert.Equal(vorgang.Aktenzeichen, waiting.ProposedAktenzeichen);
        Assert.Contains("Gewerbeanmeldung", waiting.Text, StringComparison.Ordinal);
        var vermerk = Transfervermerk.Parse(waiting.Transfervermerk)!;
        Assert.Equal(IntakeTestSupport.Clerk, vermerk.ErfasstVon);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(scan)), vermerk.Sha256);
        Assert.Contains(vermerk.Pruefungen, c => c.Pruefung == "Texterkennung" && c.Ergebnis.Contains("tesseract", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(vermerk.Pruefungen, c => c is { Pruefung: "Virenprüfung", Ergebnis: "nicht eingerichtet" });
        var version = Assert.Single(versions);
        Assert.Equal(received.ContentHash, version.ContentHash);
        Assert.Equal("image/png", version.MediaType);
        Assert.Equal("Scan", version.DokumentType);
        Assert.Equal(IntakeStatus.Filed, filed.Status);
        Assert.Equal(version.DokumentId, filed.FiledDokumentId);
        Assert.Equal(version.DokumentId, Assert.Single(hits).Id);
        Assert.Contains(waiting.ContentHash, Assert.Single(audit).Details, StringComparison.Ordinal);
        Assert.Contains("Texterkennung", audit[0].Details, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task ImageOnlyPdf_IsRecognised_AndFiledIntoTargetVorgang(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider, WithoutOcrMyPdf);
        var tenant = RecordsTestHost.NewTenant();
        var (_, _, vorgang) = await host.CreateVorgangAsync(tenant);

        var received = await host.ReceiveAsync(tenant, IntakeFiles.ImageOnlyPdf("Bauantrag für eine Garage", "Grundstück Lindenweg 7"), "bauantrag.pdf", target: vorgang.Id, source: IntakeSource.Api);
        await host.ProcessPendingAsync();
        var item = await host.ItemAsync(tenant, received.Id);
        var documents = await host.QueryAsync(tenant, db => db.Dokumente.Where(d => d.VorgangId == vorgang.Id).CountAsync());

        Assert.Equal(IntakeStatus.Filed, item.Status);
        Assert.Equal(vorgang.Id, item.FiledVorgangId);
        Assert.Equal(IntakeTestSupport.Clerk, item.FiledBy);
        Assert.Contains("Bauantrag", item.Text, StringComparison.Ordinal);
        Assert.Contains(Transfervermerk.Parse(item.Transfervermerk)!.Pruefungen, c => c.Pruefung == "Texterkennung" && c.Ergebnis.Contains("1 Seiten", StringComparison.Ordinal));
        Assert.Equal("Schnittstelle (REST-API)", Transfervermerk.Parse(item.Transfervermerk)!.Quelle);
        Assert.Equal(1, documents);
    }

    [Theory]
    [AllProviders]
    public async Task TextPdfAndOfficeFile_UseTheirText_AndUnmatchedItemsWait(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        await host.CreateVorgangAsync(tenant);

        var pdf = await host.ReceiveAsync(tenant, MinimalPdf.Create("Widerspruch gegen den Gebührenbescheid", "Die Gebühren für die Sondernutzung sind zu hoch, es gibt kein Aktenzeichen."), "widerspruch.pdf");
        var docx = await host.ReceiveAsync(tenant, IntakeFiles.Docx(["Stellungnahme des Ortsbeirats", "Zur Straßenbenennung im Neubaugebiet"]), "stellungnahme.docx");
        await host.ProcessPendingAsync();
        var items = await host.ItemsAsync(tenant);

        var pdfItem = items.Single(i => i.Id == pdf.Id);
        var docxItem = items.Single(i => i.Id == docx.Id);
        Assert.All(items, i => Assert.Equal(IntakeStatus.WaitingForFiling, i.Status));
        Assert.All(items, i => Assert.Null(i.ProposedVorgangId));
        Assert.Contains("Sondernutzung", pdfItem.Text, StringComparison.Ordinal);
        Assert.Contains(Transfervermerk.Parse(pdfItem.Transfervermerk)!.Pruefungen, c => c.Pruefung == "Text" && c.Ergebnis.StartsWith("Textebene", StringComparison.Ordinal));
        Assert.Equal("Stellungnahme des Ortsbeirats\nZur Straßenbenennung im Neubaugebiet\n", docxItem.Text);
        Assert.Equal(IntakeType.Docx.ContentType, docxItem.ContentType);
    }

    [Theory]
    [AllProviders]
    public async Task Email_BodyAndEachAttachmentBecomeDokumente_WithSenderAndDate(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var (_, _, vorgang) = await host.CreateVorgangAsync(tenant);
        var mail = IntakeFiles.Email(
            $"Unterlagen zu {vorgang.Aktenzeichen}",
            "Sehr geehrte Damen und Herren,\nanbei die fehlenden Unterlagen.\nMit freundlichen Grüßen\nErika Müller",
            ("Meldebescheinigung.pdf", MinimalPdf.Create("Meldebescheinigung für Erika Müller")),
            ("Grundriss.docx", IntakeFiles.Docx(["Grundriss Erdgeschoss"])));

        var received = await host.ReceiveAsync(tenant, mail, "nachreichung.eml");
        await host.ProcessPendingAsync();
        var waiting = await host.ItemsAsync(tenant);
        var versions = await host.ExecuteAsync(tenant, new FileIntakeItemCommand(received.Id, vorgang.Id));
        var filed = await host.ItemsAsync(tenant);

        var parent = waiting.Single(i => i.Id == received.Id);
        Assert.Equal(3, waiting.Count);
        Assert.All(waiting, i => Assert.Equal(IntakeStatus.WaitingForFiling, i.Status));
        Assert.Equal(vorgang.Id, parent.ProposedVorgangId);
        Assert.Equal($"Unterlagen zu {vorgang.Aktenzeichen}", parent.Title);
        Assert.Equal("\"Erika Müller\" <erika.mueller@example.org>", parent.Sender);
        Assert.Equal(new DateTimeOffset(2026, 6, 10, 12, 5, 0, TimeSpan.Zero), parent.SentAt);
        Assert.Contains("anbei die fehlenden Unterlagen", parent.Text, StringComparison.Ordinal);
        Assert.Equal(["Grundriss.docx", "Meldebescheinigung.pdf"], waiting.Where(i => i.ParentId == parent.Id).Select(i => i.FileName).Order());
        Assert.All(waiting.Where(i => i.ParentId == parent.Id), i => Assert.Equal(parent.Sender, i.Sender));
        Assert.Equal(3, versions.Count);
        Assert.Equal(["E-Mail", "E-Mail-Anhang", "E-Mail-Anhang"], versions.Select(v => v.DokumentType).Order());
        var mailVersion = versions.Single(v => v.DokumentType == "E-Mail");
        Assert.Equal((2, "text/plain; charset=utf-8"), (mailVersion.Number, mailVersion.MediaType));
        var originalMail = await host.QueryAsync(tenant, db => db.DokumentVersionen.AsNoTracking().SingleAsync(v => v.DokumentId == mailVersion.DokumentId && v.Number == 1));
        Assert.Equal((received.ContentHash, "message/rfc822", "nachreichung.eml"), (originalMail.ContentHash, originalMail.MediaType, originalMail.FileName));
        Assert.Equal(new DateOnly(2026, 6, 10), versions[0].DokumentDate);
        Assert.All(filed, i => Assert.Equal(IntakeStatus.Filed, i.Status));
    }

    [Theory]
    [AllProviders]
    public async Task Filing_IsRefused_WhenFiledAlready_VorgangClosed_OrItemOfAnotherTenant(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var stranger = RecordsTestHost.NewTenant();
        var (_, akte, open) = await host.CreateVorgangAsync(tenant);
        var closed = await host.ExecuteAsync(tenant, new OpenVorgangCommand(akte.Id, "Erledigt"));
        await host.ExecuteAsync(tenant, new CloseVorgangCommand(closed.Id));
        var item = await host.ReceiveAsync(tenant, "Schreiben ohne Zeichen"u8.ToArray(), "brief.txt");
        var early = await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(tenant, new FileIntakeItemCommand(item.Id, open.Id)));
        await host.ProcessPendingAsync();

        var intoClosed = await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(tenant, new FileIntakeItemCommand(item.Id, closed.Id)));
        var foreign = await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(stranger, new FileIntakeItemCommand(item.Id, open.Id)));
        await host.ExecuteAsync(tenant, new FileIntakeItemCommand(item.Id, open.Id));
        var twice = await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(tenant, new FileIntakeItemCommand(item.Id, open.Id)));

        Assert.Equal(IntakeErrors.NotWaiting, early.Code);
        Assert.Equal(RecordsErrors.VorgangClosed, intoClosed.Code);
        Assert.Equal(RecordsErrors.NotFound, foreign.Code);
        Assert.Equal(IntakeErrors.NotWaiting, twice.Code);
        Assert.Contains("bereits abgelegt", twice.Message, StringComparison.Ordinal);
        Assert.Equal(1, await host.QueryAsync(tenant, db => db.Dokumente.CountAsync()));
        Assert.Empty(await host.ItemsAsync(stranger));
    }

    [Theory]
    [AllProviders]
    public async Task Worker_TakesUpItemOfCrashedProcessor_AfterClaimExpires(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var other = RecordsTestHost.NewTenant();
        var first = await host.ReceiveAsync(tenant, "Erstes Schreiben"u8.ToArray(), "eins.txt");
        var second = await host.ReceiveAsync(other, "Zweites Schreiben"u8.ToArray(), "zwei.txt");

        // A processor that claimed the first item and died.
        await host.QueryAsync(tenant, db => db.IntakeItems.Where(i => i.Id == first.Id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Status, IntakeStatus.Processing)
            .SetProperty(i => i.ClaimToken, Guid.CreateVersion7())
            .SetProperty(i => i.ClaimedUntil, host.Clock.GetUtcNow().AddMinutes(30))));
        var beforeExpiry = await host.ProcessPendingAsync();
        var stuck = await host.ItemAsync(tenant, first.Id);
        host.Clock.Advance(TimeSpan.FromMinutes(31));
        var afterExpiry = await host.ProcessPendingAsync();

        Assert.Equal(1, beforeExpiry);
        Assert.Equal(IntakeStatus.Processing, stuck.Status);
        Assert.Equal(1, afterExpiry);
        Assert.Equal(IntakeStatus.WaitingForFiling, (await host.ItemAsync(tenant, first.Id)).Status);
        Assert.Equal(IntakeStatus.WaitingForFiling, (await host.ItemAsync(other, second.Id)).Status);
    }

    [Fact]
    public async Task RunItem_ProcessesThatItemAndItsAttachments_AndLeavesOthersWaiting()
    {
        await using var host = await RecordsTestHost.StartAsync(DatabaseProvider.Sqlite);
        var tenant = RecordsTestHost.NewTenant();
        var other = await host.ReceiveAsync(tenant, "Anderer Brief"u8.ToArray(), "anderer.txt", source: IntakeSource.Import);
        var mail = await host.ReceiveAsync(tenant, IntakeFiles.Email("Antrag", "Siehe Anlage.", ("anlage.txt", "Anlage"u8.ToArray())), "antrag.eml", source: IntakeSource.Import);
        await using var scope = host.ScopeFor(tenant);
        var worker = scope.ServiceProvider.GetRequiredService<IntakeWorker>();

        var status = await worker.RunItemAsync(mail.Id, CancellationToken.None);
        var again = await worker.RunItemAsync(mail.Id, CancellationToken.None);
        var items = await host.ItemsAsync(tenant);

        Assert.Equal(IntakeStatus.WaitingForFiling, status);
        Assert.Null(again);
        Assert.Equal(IntakeStatus.WaitingForFiling, Assert.Single(items, i => i.ParentId == mail.Id).Status);
        Assert.Equal(IntakeStatus.Received, items.Single(i => i.Id == other.Id).Status);
    }
}
