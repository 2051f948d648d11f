using System.IO.Compression;
using System.Xml.Linq;
using Amtsweg.Records.Archive;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Records.Tests.Archive;

/// <summary>
/// A tenant with Akten in every shape the Aussonderung meets, closed and due: an archivable Akte with two Vorgänge
/// (documents with several versions and umlauts, and an empty Vorgang), an Akte to destroy, and an Akte without
/// Vorgänge. Intent methods export, answer as the archive would and import.
/// </summary>
internal sealed class AussonderungScenario
{
    public static readonly XNamespace Ns = "urn:xoev-de:xdomea:schema:3.0.0";
    public static readonly XdomeaParty Municipality = new("Gemeinde Musterstadt", "09999999");
    public static readonly XdomeaParty Archive = new("Kreisarchiv Musterkreis", null);

    private AussonderungScenario(RecordsTestHost host, Guid tenant, string outDirectory)
    {
        Host = host;
        Tenant = tenant;
        OutDirectory = outDirectory;
    }

    public RecordsTestHost Host { get; }

    public Guid Tenant { get; }

    public string OutDirectory { get; }

    public Akte Gewerbe { get; private set; } = null!;

    public Vorgang Anmeldung { get; private set; } = null!;

    public Vorgang Leer { get; private set; } = null!;

    public Akte Bauhof { get; private set; } = null!;

    public Vorgang Streugut { get; private set; } = null!;

    public Akte OhneVorgang { get; private set; } = null!;

    public List<DokumentVersion> AnmeldungVersions { get; } = [];

    public DokumentVersion StreugutVersion { get; private set; } = null!;

    public static async Task<AussonderungScenario> CreateAsync(RecordsTestHost host, Guid? tenantId = null)
    {
        var tenant = tenantId ?? RecordsTestHost.NewTenant();
        var scenario = new AussonderungScenario(host, tenant, Path.Combine(host.Store.DataDirectory, "xdomea-" + tenant.ToString("N")));
        await scenario.FileAsync();
        return scenario;
    }

    private async Task FileAsync()
    {
        var gewerbe = await Host.ExecuteAsync(Tenant, new CreateAktenplanPositionCommand("32.10", "Gewerbeangelegenheiten", null, 10, DisposalRule.Archive));
        var bauhof = await Host.ExecuteAsync(Tenant, new CreateAktenplanPositionCommand("66.20", "Straßenunterhaltung", null, 5, DisposalRule.Destroy));
        var sitzungen = await Host.ExecuteAsync(Tenant, new CreateAktenplanPositionCommand("02.30", "Sitzungen des Gemeinderats", null, 5, DisposalRule.Appraise));
        Gewerbe = await Host.ExecuteAsync(Tenant, new CreateAkteCommand(gewerbe.Id, "Gewerbe Bäckerei Müller, Hauptstraße 1"));
        Anmeldung = await Host.ExecuteAsync(Tenant, new OpenVorgangCommand(Gewerbe.Id, "Gewerbeanmeldung – Größe und Öffnungszeiten"));
        Leer = await Host.ExecuteAsync(Tenant, new OpenVorgangCommand(Gewerbe.Id, "Ummeldung (ohne Unterlagen)"));
        var antrag = await Host.ExecuteAsync(Tenant, new AddDokumentCommand(Anmeldung.Id, RecordsTestHost.Metadata("Antrag auf Gewerbeanmeldung für Bäckerei Müller"), RecordsTestHost.Content("Antrag, erste Fassung")));
        AnmeldungVersions.Add(antrag);
        AnmeldungVersions.Add(await Host.ExecuteAsync(Tenant, new AddDokumentVersionCommand(antrag.DokumentId, RecordsTestHost.Metadata("Antrag auf Gewerbeanmeldung (berichtigt: Öffnungszeiten)") with { FileName = "antrag v2 (ä).pdf" }, RecordsTestHost.Content("Antrag, zweite Fassung"))));
        Host.Clock.Advance(TimeSpan.FromMinutes(5)); // documents are listed in the order they were filed
        AnmeldungVersions.Add(await Host.ExecuteAsync(Tenant, new AddDokumentCommand(Anmeldung.Id,
            RecordsTestHost.Metadata("Bescheid über die Gewerbeanmeldung", "Bescheid") with { FileName = "bescheid.docx", MediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
            RecordsTestHost.Content("Bescheid"))));
        await Host.ExecuteAsync(Tenant, new AddVermerkCommand(Anmeldung.Id, "Rückruf von Frau Müller am Dienstag"));

        Bauhof = await Host.ExecuteAsync(Tenant, new CreateAkteCommand(bauhof.Id, "Winterdienst 2026"));
        Streugut = await Host.ExecuteAsync(Tenant, new OpenVorgangCommand(Bauhof.Id, "Streugutbestellung"));
        StreugutVersion = await Host.ExecuteAsync(Tenant, new AddDokumentCommand(Streugut.Id,
            RecordsTestHost.Metadata("Lieferschein Streusalz", "Schreiben") with { FileName = "lieferschein.png", MediaType = "image/png" }, RecordsTestHost.Content("Lieferschein")));
        await Host.ExecuteAsync(Tenant, new SetWiedervorlageCommand(Streugut.Id, new DateOnly(2026, 11, 1), "Nachbestellen"));
        OhneVorgang = await Host.ExecuteAsync(Tenant, new CreateAkteCommand(sitzungen.Id, "Sitzungen 2026 (nicht angelegt)"));

        foreach (var vorgang in new[] { Anmeldung, Leer, Streugut })
        {
            await Host.ExecuteAsync(Tenant, new CloseVorgangCommand(vorgang.Id));
        }

        foreach (var akte in new[] { Gewerbe, Bauhof, OhneVorgang })
        {
            await Host.ExecuteAsync(Tenant, new CloseAkteCommand(akte.Id));
        }

        Host.Clock.Advance(TimeSpan.FromDays(366 * 10 + 5));
    }

    public async Task<IReadOnlyList<XdomeaExport>> ExportAsync(bool due = true)
    {
        await using var scope = Host.ScopeFor(Tenant);
        return await scope.ServiceProvider.GetRequiredService<AussonderungService>().ExportAsync(Municipality, Archive, OutDirectory, due, "archivar@test", CancellationToken.None);
    }

    public async Task<XdomeaImport> ImportAsync(XDocument answer, Guid? tenant = null, string? ags = "09999999")
    {
        var path = Path.Combine(OutDirectory, Guid.NewGuid().ToString("N") + "_" + answer.Root!.Name.LocalName + ".xml");
        Directory.CreateDirectory(OutDirectory);
        answer.Save(path);
        return await ImportFileAsync(path, tenant, ags);
    }

    public async Task<XdomeaImport> ImportFileAsync(string path, Guid? tenant = null, string? ags = "09999999")
    {
        await using var scope = Host.ScopeFor(tenant ?? Tenant);
        return await scope.ServiceProvider.GetRequiredService<AussonderungService>().ImportAsync(path, ags, "archivar@test", CancellationToken.None);
    }

    public async Task<AuditVerification> VerifyAsync()
    {
        await using var scope = Host.ScopeFor(Tenant);
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
    }

    /// <summary>The message and the other entries of an exported zip.</summary>
    public static (XDocument Message, Dictionary<string, byte[]> Files) OpenZip(XdomeaExport export)
    {
        using var zip = ZipFile.OpenRead(export.Path);
        var files = new Dictionary<string, byte[]>();
        XDocument? message = null;
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            if (entry.Name == $"{export.ProcessId:D}_{export.Message}.xml")
            {
                message = XDocument.Load(new MemoryStream(buffer.ToArray()));
            }
            else
            {
                files[entry.Name] = buffer.ToArray();
            }
        }

        return (message ?? throw new InvalidOperationException("The zip holds no message named as the standard requires."), files);
    }

    /// <summary>A Bewertungsverzeichnis (0502) as the archive sends it.</summary>
    public static XDocument Appraisal(Guid processId, string? receiverAgs, params (Guid Id, string Code)[] decisions) =>
        Answer("Aussonderung.Bewertungsverzeichnis.0502", "0502", processId, receiverAgs, [new XElement(Ns + "Empfangsbestaetigung", false)],
            decisions.Select(d => new XElement(Ns + "BewertetesObjekt",
                new XElement(Ns + "ID", d.Id),
                new XElement(Ns + "Aussonderungsart",
                    new XElement(Ns + "Aussonderungsart", new XAttribute("listURI", "urn:xoev-de:xdomea:codeliste:aussonderungsart"), new XAttribute("listVersionID", "1.0"), new XElement("code", d.Code))))));

    /// <summary>An AussonderungImportBestaetigen (0506).</summary>
    public static XDocument ImportConfirmation(Guid processId, params (Guid Id, bool Success)[] objects) =>
        Answer("Aussonderung.AussonderungImportBestaetigen.0506", "0506", processId, "09999999", [],
            objects.Select(o => new XElement(Ns + "AusgesondertesSGO",
                new XElement(Ns + "IDSGO", o.Id),
                new XElement(Ns + "Erfolgreich", o.Success),
                o.Success ? new XElement(Ns + "Archivkennung", "KrA Mu 12/" + o.Id.ToString("N")[..6]) : new XElement(Ns + "Fehlermeldung", "Primärdatei nicht lesbar"))));

    /// <summary>An AnbietungEmpfangBestaetigen (0504).</summary>
    public static XDocument OfferReceipt(Guid processId) =>
        Answer("Aussonderung.AnbietungEmpfangBestaetigen.0504", "0504", processId, "09999999", [], []);

    private static XDocument Answer(string name, string type, Guid processId, string? receiverAgs, XElement[] headTail, IEnumerable<XElement> body)
    {
        var document = new XDocument(new XElement(Ns + name,
            new XAttribute(XNamespace.Xmlns + "xdomea", Ns),
            new XElement(Ns + "Kopf",
                new XElement(Ns + "ProzessID", processId),
                new XElement(Ns + "Nachrichtentyp", new XElement("code", type)),
                new XElement(Ns + "Erstellungszeitpunkt", "2036-07-01T10:00:00Z"),
                new XElement(Ns + "Absender", new XElement(Ns + "Institution", new XElement(Ns + "Name", Archive.Name))),
                new XElement(Ns + "Empfaenger",
                    receiverAgs is null ? null : new XElement(Ns + "Behoerdenkennung", new XElement(Ns + "Behoerdenschluessel", new XElement("code", receiverAgs))),
                    new XElement(Ns + "Institution", new XElement(Ns + "Name", Municipality.Name))),
                headTail),
            body));
        Assert.Empty(XdomeaSchemas.Validate(document));
        return document;
    }
}
