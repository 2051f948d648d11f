using System.IO.Compression;
using System.Xml.Linq;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;

namespace Amtsweg.Cli.Tests;

/// <summary>`amtsweg xdomea export|import` as an administrator runs them: files, exit codes and messages.</summary>
public sealed class XdomeaCommandTests
{
    private const string Ags = "09999001";
    private static readonly XNamespace Ns = "urn:xoev-de:xdomea:schema:3.0.0";

    [Fact]
    public async Task ExportAndImport_WriteTheMessages_ReadTheAnswer_AndRefuseBadInputWithExitCode1()
    {
        using var data = new CliDataFolder();
        await data.CreateTenantAsync(Ags, "Teststadt");
        await data.SeedAsync(Ags, async records =>
        {
            // Retention of 0 years: closed today, due today.
            var position = await records.ExecuteAsync(new CreateAktenplanPositionCommand("32.10", "Gewerbeangelegenheiten", null, 0, DisposalRule.Archive), "test", CancellationToken.None);
            var akte = await records.ExecuteAsync(new CreateAkteCommand(position.Id, "Gewerbe 2026"), "test", CancellationToken.None);
            var vorgang = await records.ExecuteAsync(new OpenVorgangCommand(akte.Id, "Gewerbeanmeldung Bäckerei"), "test", CancellationToken.None);
            await records.ExecuteAsync(new CloseVorgangCommand(vorgang.Id), "test", CancellationToken.None);
            return await records.ExecuteAsync(new CloseAkteCommand(akte.Id), "test", CancellationToken.None);
        });
        var outDir = data.File("aussonderung");

        var export = await data.RunAsync("xdomea", "export", "--tenant", Ags, "--out", outDir, "--due", "--archive", "Kreisarchiv Musterkreis");
        var again = await data.RunAsync("xdomea", "export", "--tenant", Ags, "--out", outDir, "--due", "--archive", "Kreisarchiv Musterkreis");
        var offer = Assert.Single(Directory.GetFiles(outDir));
        var processId = Guid.Parse(Path.GetFileName(offer)[..36]);
        var receipt = data.File("0504.xml");
        OfferReceipt(processId).Save(receipt);
        var import = await data.RunAsync("xdomea", "import", "--tenant", Ags, receipt);
        var importAgain = await data.RunAsync("xdomea", "import", "--tenant", Ags, receipt);

        Assert.Equal(0, export.ExitCode);
        Assert.Contains("1 Akte(n), 1 Vorgang/Vorgänge", export.Output, StringComparison.Ordinal);
        Assert.Contains("1 Nachricht(en) geschrieben.", export.Output, StringComparison.Ordinal);
        Assert.Equal($"{processId:D}_Aussonderung.Anbieteverzeichnis.0501.zip", Path.GetFileName(offer));
        using (var zip = ZipFile.OpenRead(offer))
        {
            var message = XDocument.Load(zip.GetEntry($"{processId:D}_Aussonderung.Anbieteverzeichnis.0501.xml")!.Open());
            Assert.Equal("Gewerbe 2026", message.Descendants(Ns + "Akte").Single().Element(Ns + "AllgemeineMetadaten")!.Element(Ns + "Betreff")!.Value);
        }

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Nichts zu exportieren.", again.Output, StringComparison.Ordinal);
        Assert.Equal(0, import.ExitCode);
        Assert.Contains($"Aussonderung.AnbietungEmpfangBestaetigen.0504 ({processId:D})", import.Output, StringComparison.Ordinal);
        Assert.Equal(1, importAgain.ExitCode);
        Assert.Contains("Fehler (records.xdomea-invalid)", importAgain.Error, StringComparison.Ordinal);
        Assert.Contains("bereits eingelesen", importAgain.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_RefuseAnUnknownTenantAMissingOrBrokenFileAndAMissingArchive_WithExitCode1()
    {
        using var data = new CliDataFolder();
        await data.CreateTenantAsync(Ags, "Teststadt");
        var brokenZip = data.File("kaputt.zip");
        await File.WriteAllBytesAsync(brokenZip, [.. "PK\u0003\u0004"u8, .. new byte[64]]);
        var notAFolder = data.File("datei.txt");
        await File.WriteAllTextAsync(notAFolder, "kein Ordner");

        var unknownTenant = await data.RunAsync("xdomea", "export", "--tenant", "09999002", "--out", data.File("out"), "--archive", "Kreisarchiv");
        var withoutArchive = await data.RunAsync("xdomea", "export", "--tenant", Ags, "--out", data.File("out"));
        var outIsAFile = await data.RunAsync("xdomea", "export", "--tenant", Ags, "--out", notAFolder, "--archive", "Kreisarchiv");
        var missingFile = await data.RunAsync("xdomea", "import", "--tenant", Ags, data.File("fehlt.zip"));
        var broken = await data.RunAsync("xdomea", "import", "--tenant", Ags, brokenZip);

        Assert.Equal(1, unknownTenant.ExitCode);
        Assert.Contains("Fehler: Eine Gemeinde mit dem AGS 09999002 gibt es nicht.", unknownTenant.Error, StringComparison.Ordinal);
        Assert.Equal(1, withoutArchive.ExitCode);
        Assert.Contains("Es ist kein Archiv angegeben", withoutArchive.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data.File("out")));
        Assert.Equal(1, outIsAFile.ExitCode);
        Assert.Contains("Fehler beim Lesen oder Schreiben einer Datei", outIsAFile.Error, StringComparison.Ordinal);
        Assert.Equal(1, missingFile.ExitCode);
        Assert.Contains("gibt es nicht", missingFile.Error, StringComparison.Ordinal);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("Fehler (records.xdomea-invalid): Das ZIP-Archiv ist beschädigt", broken.Error, StringComparison.Ordinal);
    }

    // The archive's receipt of the offer (0504), addressed to the municipality.
    private static XDocument OfferReceipt(Guid processId) =>
        new(new XElement(Ns + "Aussonderung.AnbietungEmpfangBestaetigen.0504",
            new XAttribute(XNamespace.Xmlns + "xdomea", Ns),
            new XElement(Ns + "Kopf",
                new XElement(Ns + "ProzessID", processId),
                new XElement(Ns + "Nachrichtentyp", new XElement("code", "0504")),
                new XElement(Ns + "Erstellungszeitpunkt", "2026-11-27T10:00:00Z"),
                new XElement(Ns + "Absender", new XElement(Ns + "Institution", new XElement(Ns + "Name", "Kreisarchiv Musterkreis"))),
                new XElement(Ns + "Empfaenger",
                    new XElement(Ns + "Behoerdenkennung", new XElement(Ns + "Behoerdenschluessel", new XElement("code", Ags))),
                    new XElement(Ns + "Institution", new XElement(Ns + "Name", "Teststadt"))))));
}
