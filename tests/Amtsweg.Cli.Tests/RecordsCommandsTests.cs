using System.Xml.Linq;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Privacy;

namespace Amtsweg.Cli.Tests;

/// <summary>`amtsweg aktenplan`, `search reindex` and `privacy unrestrict` as an administrator runs them.</summary>
public sealed class RecordsCommandsTests
{
    private const string Ags = "09999001";
    private const string OtherAgs = "09999002";
    private const string Csv = """
        Kennzeichen;Titel;Übergeordnet;Aufbewahrung (Jahre);Aussonderung
        32;Öffentliche Sicherheit und Ordnung;;30;bewerten
        32.10;Gewerbeangelegenheiten;32;10;archivieren
        022;Personenstandswesen;;110;archivieren

        """;

    [Fact]
    public async Task Aktenplan_GoesFromCsvToXdomeaIntoAnotherTenant_AndABrokenFileIsRefused()
    {
        using var data = new CliDataFolder();
        await data.CreateTenantAsync(Ags, "Teststadt");
        await data.CreateTenantAsync(OtherAgs, "Nachbarstadt");
        await File.WriteAllTextAsync(data.File("plan.csv"), Csv);
        await File.WriteAllTextAsync(data.File("kaputt.xml"), "<Aktenplan.Aktenplan.0301 xmlns=\"urn:xoev-de:xdomea:schema:3.0.0\">");

        var csvImport = await data.RunAsync("aktenplan", "import", "--tenant", Ags, "--format", "csv", data.File("plan.csv"));
        var xdomeaExport = await data.RunAsync("aktenplan", "export", "--tenant", Ags, "--format", "xdomea", "--out", data.File("plan.xml"), "--to", "Nachbarstadt");
        var overwrite = await data.RunAsync("aktenplan", "export", "--tenant", Ags, "--format", "xdomea", "--out", data.File("plan.xml"));
        var xdomeaImport = await data.RunAsync("aktenplan", "import", "--tenant", OtherAgs, "--format", "xdomea", data.File("plan.xml"));
        // Without --out the export writes its bytes to the process's standard output: only a process of its own shows them.
        var ownCsv = await data.RunInOwnProcessAsync("aktenplan", "export", "--tenant", Ags, "--format", "csv");
        var otherCsv = await data.RunInOwnProcessAsync("aktenplan", "export", "--tenant", OtherAgs, "--format", "csv");
        var broken = await data.RunAsync("aktenplan", "import", "--tenant", OtherAgs, "--format", "xdomea", data.File("kaputt.xml"));
        var unknownFormat = await data.RunAsync("aktenplan", "export", "--tenant", Ags, "--format", "pdf");

        Assert.Equal((0, "3 Aktenplanposition(en) angelegt."), (csvImport.ExitCode, csvImport.Output.Trim()));
        Assert.Equal(0, xdomeaExport.ExitCode);
        var message = XDocument.Load(data.File("plan.xml"));
        XNamespace ns = "urn:xoev-de:xdomea:schema:3.0.0";
        Assert.Equal(ns + "Aktenplan.Aktenplan.0301", message.Root!.Name);
        Assert.Equal("Nachbarstadt", message.Root.Element(ns + "Kopf")!.Element(ns + "Empfaenger")!.Value);
        Assert.Equal(1, overwrite.ExitCode);
        Assert.Contains("wird nicht überschrieben", overwrite.Error, StringComparison.Ordinal);
        Assert.Equal(0, xdomeaImport.ExitCode);
        Assert.Contains("3 von 3 Positionen angelegt, 0 gab es schon, 0 stillgelegte ausgelassen", xdomeaImport.Output, StringComparison.Ordinal);
        Assert.Equal(0, otherCsv.ExitCode);
        Assert.Equal(ownCsv.Output, otherCsv.Output);
        Assert.StartsWith("Kennzeichen;Titel;Übergeordnet;Aufbewahrung (Jahre);Aussonderung\n022;Personenstandswesen;;110;archivieren\n", ownCsv.Output, StringComparison.Ordinal);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("Fehler (records.xdomea-invalid): Die Datei ist kein lesbares XML", broken.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, unknownFormat.ExitCode);
        Assert.Contains("pdf", unknownFormat.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchReindex_RebuildsEveryTenant_AndPrivacyUnrestrict_MakesRecordsFindableAgain()
    {
        using var data = new CliDataFolder();
        await data.CreateTenantAsync(Ags, "Teststadt");
        await data.CreateTenantAsync(OtherAgs, "Nachbarstadt");
        foreach (var ags in new[] { Ags, OtherAgs })
        {
            await data.SeedAsync(ags, async records =>
            {
                var position = await records.ExecuteAsync(new CreateAktenplanPositionCommand("32.10", "Gewerbeangelegenheiten", null, 10, Records.Model.DisposalRule.Archive), "test", CancellationToken.None);
                var akte = await records.ExecuteAsync(new CreateAkteCommand(position.Id, "Gewerbe 2026"), "test", CancellationToken.None);
                var vorgang = await records.ExecuteAsync(new OpenVorgangCommand(akte.Id, "Gewerbeanmeldung Bäckerei"), "test", CancellationToken.None);
                await records.ExecuteAsync(new AddBeteiligterCommand(vorgang.Id, "Antragstellerin", new DataSubject("Erika Müller")), "test", CancellationToken.None);
                var metadata = new DokumentMetadata("Antrag", new DateOnly(2026, 11, 2), "Antrag", "Erika Müller", null, Records.Model.Confidentiality.Confidential, "antrag.txt", "text/plain");
                return await records.ExecuteAsync(new AddDokumentCommand(vorgang.Id, metadata, new MemoryStream("Antrag auf längere Öffnungszeiten der Bäckerei"u8.ToArray())), "test", CancellationToken.None);
            });
        }

        var neither = await data.RunAsync("search", "reindex");
        var reindex = await data.RunAsync("search", "reindex", "--all");
        var found = await data.RunAsync("search", "--tenant", Ags, "Öffnungszeit");
        var restrict = await data.RunAsync("privacy", "restrict", "--tenant", Ags, "--name", "Erika Müller", "--reason", "DS-2026-1");
        var hidden = await data.RunAsync("search", "--tenant", Ags, "Öffnungszeit");
        var unrestrict = await data.RunAsync("privacy", "unrestrict", "--tenant", Ags, "--name", "Erika Müller", "--reason", "DS-2026-1: geklärt");
        var again = await data.RunAsync("privacy", "unrestrict", "--tenant", Ags, "--name", "Erika Müller", "--reason", "DS-2026-1");
        var visible = await data.RunAsync("search", "--tenant", Ags, "Öffnungszeit");
        var unknown = await data.RunAsync("search", "reindex", "--tenant", "09999003");

        Assert.Equal(1, neither.ExitCode);
        Assert.Contains("--tenant <AGS> oder --all", neither.Error, StringComparison.Ordinal);
        Assert.Equal(0, reindex.ExitCode);
        Assert.Equal(
            ["09999001 Teststadt: 1 Vorgänge, 1 Dokumente und 0 Einträge im Posteingang neu indexiert.", "09999002 Nachbarstadt: 1 Vorgänge, 1 Dokumente und 0 Einträge im Posteingang neu indexiert."],
            reindex.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.EndsWith("1 Treffer", found.Output.Trim(), StringComparison.Ordinal);
        Assert.Equal(0, restrict.ExitCode);
        Assert.EndsWith("0 Treffer", hidden.Output.Trim(), StringComparison.Ordinal);
        Assert.Equal((0, "Einschränkung aufgehoben: 1 Dokumente, 1 Vorgänge; für andere Personen weiter eingeschränkt: 0."), (unrestrict.ExitCode, unrestrict.Output.Trim()));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("Fehler (records.person-not-found): Für diese Person ist keine Verarbeitung eingeschränkt.", again.Error, StringComparison.Ordinal);
        Assert.EndsWith("1 Treffer", visible.Output.Trim(), StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("Eine Gemeinde mit dem AGS 09999003 gibt es nicht.", unknown.Error, StringComparison.Ordinal);
    }
}
