using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Amtsweg.Data.Providers;
using Amtsweg.Records.Archive;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Tests.Archive;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Tests.Commands;

public sealed class AktenplanXdomeaTests
{
    private const string Csv = """
        Kennzeichen;Titel;Übergeordnet;Aufbewahrung (Jahre);Aussonderung
        32;"Öffentliche Sicherheit; Ordnung";;30;bewerten
        32.10;Gewerbeangelegenheiten;32;10;archivieren
        32.10.1;Gaststätten <mit> & "Ausschank";32.10;5;vernichten
        32.20;Fundsachen;32;0;vernichten
        022;Personenstandswesen;;110;archivieren
        """;

    private static readonly Guid ProcessId = Guid.Parse("0193a5b2-7c00-7000-8000-000000000301");
    private static readonly XdomeaParty Sender = new("Gemeinde Musterstadt", "09999001");
    private static readonly XNamespace Ns = "urn:xoev-de:xdomea:schema:3.0.0";

    [Theory]
    [AllProviders]
    public async Task Export_IsValidXdomea_AndImportIntoAnotherTenantGivesTheSamePlan(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var other = RecordsTestHost.NewTenant();
        await host.ExecuteAsync(tenant, new ImportAktenplanCommand(Csv));

        var message = await ExportAsync(host, tenant);
        var imported = await host.ExecuteAsync(other, new ImportAktenplanXdomeaCommand(Encoding.UTF8.GetBytes(message.ToString())));
        var again = await host.ExecuteAsync(other, new ImportAktenplanXdomeaCommand(Zip(message)));

        Assert.Empty(XdomeaSchemas.Validate(message));
        Assert.Equal(new AktenplanXdomeaImport(ProcessId, 5, 5, 0), imported);
        Assert.Equal(new AktenplanXdomeaImport(ProcessId, 5, 0, 0), again);
        Assert.Equal(message.ToString(), (await ExportAsync(host, other)).ToString());
        Assert.Equal(await CsvAsync(host, tenant), await CsvAsync(host, other));
        var units = message.Descendants(Ns + "Einheit").ToList();
        Assert.Equal(["022", "32", "32.10", "32.10.1", "32.20"], units.Select(u => u.Element(Ns + "Kennzeichen")!.Value));
        Assert.Equal(["022", "32"], message.Root!.Element(Ns + "Aktenplan")!.Elements(Ns + "Einheit").Select(u => u.Element(Ns + "Kennzeichen")!.Value));
        var gaststaetten = units.Single(u => u.Element(Ns + "Kennzeichen")!.Value == "32.10.1");
        Assert.Equal("Gaststätten <mit> & \"Ausschank\"", gaststaetten.Element(Ns + "Inhaltsangabe")!.Value);
        Assert.Equal("V", gaststaetten.Element(Ns + "Aussonderungsart")!.Value);
        Assert.Equal("5", gaststaetten.Element(Ns + "Aufbewahrungsdauer")!.Value);
        Assert.Equal("B", units.Single(u => u.Element(Ns + "Kennzeichen")!.Value == "32").Element(Ns + "Aussonderungsart")!.Value);
        Assert.Equal(5, await host.QueryAsync(other, db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.PositionCreated)));
        Assert.Equal(2, await host.QueryAsync(other, db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.AktenplanImported && e.SubjectId == ProcessId)));
    }

    [Fact]
    public async Task Import_LeavesOutDecommissionedPositions_WithEverythingBelowThem()
    {
        await using var host = await RecordsTestHost.StartAsync(DatabaseProvider.Sqlite);
        var tenant = RecordsTestHost.NewTenant();
        await host.ExecuteAsync(tenant, new ImportAktenplanCommand(Csv));
        var message = await ExportAsync(host, tenant);
        message.Descendants(Ns + "Einheit").Single(u => u.Element(Ns + "Kennzeichen")!.Value == "32.10").Element(Ns + "Stillgelegt")!.Value = "true";
        Assert.Empty(XdomeaSchemas.Validate(message));
        var other = RecordsTestHost.NewTenant();

        var imported = await host.ExecuteAsync(other, new ImportAktenplanXdomeaCommand(Encoding.UTF8.GetBytes(message.ToString())));

        Assert.Equal(new AktenplanXdomeaImport(ProcessId, 3, 3, 2), imported);
        Assert.Equal(["022", "32", "32.20"], await host.QueryAsync(other, db => db.AktenplanPositionen.OrderBy(p => p.Code).Select(p => p.Code).ToListAsync()));
    }

    public static TheoryData<string, string, string> BrokenMessages => new()
    {
        { "kein XML", RecordsErrors.XdomeaInvalid, "kein lesbares XML" },
        { "PK-kaputt", RecordsErrors.XdomeaInvalid, "ZIP-Archiv" },
        { "andere Nachricht", RecordsErrors.XdomeaInvalid, "kein xdomea-3.0.0-Aktenplan" },
        { "ohne Kennzeichen", RecordsErrors.XdomeaInvalid, "Das Kennzeichen fehlt" },
        { "konfigurierbare Aussonderungsart", RecordsErrors.XdomeaInvalid, "Einheit 32.10 (Zeile" },
        { "unbefristet", RecordsErrors.XdomeaInvalid, "unbefristete Aufbewahrung" },
        { "doppelt", RecordsErrors.Invalid, "steht doppelt" },
        { "widerspricht", RecordsErrors.PositionDuplicate, "Die Position 022 gibt es bereits mit anderen Angaben" },
        { "Leerzeichen im Kennzeichen", RecordsErrors.Invalid, "keine Leerzeichen" },
    };

    [Theory]
    [MemberData(nameof(BrokenMessages))]
    public async Task Import_RefusesABrokenMessage_InGerman_AndChangesNothing(string broken, string code, string named)
    {
        await using var host = await RecordsTestHost.StartAsync(DatabaseProvider.Sqlite);
        var source = RecordsTestHost.NewTenant();
        await host.ExecuteAsync(source, new ImportAktenplanCommand(Csv));
        var message = await ExportAsync(host, source);
        var tenant = RecordsTestHost.NewTenant();
        await host.ExecuteAsync(tenant, new CreateAktenplanPositionCommand("022", "Personenstandswesen", null, 110, DisposalRule.Archive));
        var unit = message.Descendants(Ns + "Einheit").Single(u => u.Element(Ns + "Kennzeichen")!.Value == "32.10");
        byte[] bytes;
        switch (broken)
        {
            case "kein XML":
                bytes = "Kennzeichen;Titel"u8.ToArray();
                break;
            case "PK-kaputt":
                bytes = Zip(message)[..200];
                break;
            case "andere Nachricht":
                message.Root!.Name = Ns + "Aussonderung.Anbieteverzeichnis.0501";
                bytes = Bytes(message);
                break;
            case "ohne Kennzeichen":
                unit.Element(Ns + "Kennzeichen")!.Remove();
                bytes = Bytes(message);
                break;
            case "konfigurierbare Aussonderungsart":
                unit.Element(Ns + "Aussonderungsart")!.ReplaceNodes(new XElement(Ns + "AussonderungsartKonfigurierbar", "X"));
                bytes = Bytes(message);
                break;
            case "unbefristet":
                unit.Element(Ns + "Aufbewahrungsdauer")!.ReplaceNodes(new XElement(Ns + "Unbefristet", true));
                bytes = Bytes(message);
                break;
            case "doppelt":
                unit.Add(new XElement(unit));
                bytes = Bytes(message);
                break;
            case "widerspricht":
                message.Descendants(Ns + "AnzahlJahre").First().Value = "50";
                bytes = Bytes(message);
                break;
            default:
                unit.Element(Ns + "Kennzeichen")!.Value = "32 10";
                bytes = Bytes(message);
                break;
        }

        var error = await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(tenant, new ImportAktenplanXdomeaCommand(bytes)));

        Assert.Equal(code, error.Code);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Equal(["022"], await host.QueryAsync(tenant, db => db.AktenplanPositionen.Select(p => p.Code).ToListAsync()));
        Assert.Equal(1, await host.QueryAsync(tenant, db => db.AuditEntries.CountAsync()));
    }

    private static Task<XDocument> ExportAsync(RecordsTestHost host, Guid tenant) =>
        host.QueryAsync(tenant, db => AktenplanXdomea.ExportAsync(db, ProcessId, host.Clock.GetUtcNow(), Sender, new XdomeaParty("Kreisarchiv Musterkreis", null), CancellationToken.None));

    private static Task<string> CsvAsync(RecordsTestHost host, Guid tenant) => host.QueryAsync(tenant, async db =>
    {
        await using var writer = new StringWriter { NewLine = "\n" };
        await AktenplanCsv.ExportAsync(db, writer, CancellationToken.None);
        return writer.ToString();
    });

    private static byte[] Bytes(XDocument message) => Encoding.UTF8.GetBytes(message.ToString());

    private static byte[] Zip(XDocument message)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry(AktenplanXdomea.FileName(ProcessId)).Open(), new UTF8Encoding(false));
            writer.Write(message.ToString());
        }

        return buffer.ToArray();
    }
}
