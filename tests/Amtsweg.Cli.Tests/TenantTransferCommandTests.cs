using Amtsweg.Records.Commands;

namespace Amtsweg.Cli.Tests;

/// <summary>`amtsweg tenant export` and `tenant import` as an operator runs them between two installations.</summary>
public sealed class TenantTransferCommandTests
{
    private const string Ags = "09999011";

    [Fact]
    public async Task TenantExportImport_MovesTheMunicipality_AndRefusesASecondImportAndAWrongChecksum()
    {
        using var old = new CliDataFolder();
        using var target = new CliDataFolder();
        await old.CreateTenantAsync(Ags, "Umzugsstadt");
        await old.SeedAsync(Ags, async records =>
        {
            var position = await records.ExecuteAsync(new CreateAktenplanPositionCommand("32.10", "Gewerbeangelegenheiten", null, 10, Records.Model.DisposalRule.Archive), "test", CancellationToken.None);
            var akte = await records.ExecuteAsync(new CreateAkteCommand(position.Id, "Gewerbe 2026"), "test", CancellationToken.None);
            var vorgang = await records.ExecuteAsync(new OpenVorgangCommand(akte.Id, "Gewerbeanmeldung Bäckerei"), "test", CancellationToken.None);
            var metadata = new DokumentMetadata("Antrag", new DateOnly(2026, 11, 2), "Antrag", "Erika Müller", null, Records.Model.Confidentiality.Internal, "antrag.txt", "text/plain");
            return await records.ExecuteAsync(new AddDokumentCommand(vorgang.Id, metadata, new MemoryStream("Antrag auf Gewerbeanmeldung"u8.ToArray())), "test", CancellationToken.None);
        });
        var archive = old.File("umzugsstadt.zip");

        var export = await old.RunAsync("tenant", "export", "--tenant", Ags, "--out", archive);
        var overwrite = await old.RunAsync("tenant", "export", "--tenant", Ags, "--out", archive);
        var unknown = await old.RunAsync("tenant", "export", "--tenant", "09999099", "--out", old.File("niemand.zip"));
        var wrongSum = await target.RunAsync("tenant", "import", archive, "--sha256", new string('0', 64));
        var sha = export.Output.Split('\n').Single(l => l.StartsWith("SHA-256 des Archivs: ", StringComparison.Ordinal))["SHA-256 des Archivs: ".Length..].Trim();
        var import = await target.RunAsync("tenant", "import", archive, "--sha256", sha);
        var again = await target.RunAsync("tenant", "import", archive);
        var verify = await target.RunAsync("audit", "verify", "--tenant", Ags);
        var list = await target.RunAsync("tenant", "list");

        Assert.Equal(0, export.ExitCode);
        Assert.Contains("Gemeinde „Umzugsstadt“ (AGS 09999011) exportiert nach", export.Output, StringComparison.Ordinal);
        Assert.Contains("1 Dokumentinhalte", export.Output, StringComparison.Ordinal);
        Assert.Equal(1, overwrite.ExitCode);
        Assert.Contains("wird nicht überschrieben", overwrite.Error, StringComparison.Ordinal);
        Assert.Equal((1, "Fehler: Eine Gemeinde mit dem AGS 09999099 gibt es nicht."), (unknown.ExitCode, unknown.Error.Trim()));
        Assert.False(File.Exists(old.File("niemand.zip")) || File.Exists(old.File("niemand.zip.part")));
        Assert.Equal(1, wrongSum.ExitCode);
        Assert.Contains("SHA-256-Prüfsumme des Archivs", wrongSum.Error, StringComparison.Ordinal);
        Assert.Equal(0, import.ExitCode);
        Assert.Contains("Gemeinde „Umzugsstadt“ (AGS 09999011) übernommen", import.Output, StringComparison.Ordinal);
        Assert.Contains("Protokoll: intakt", import.Output, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Equal("Fehler: Eine Gemeinde mit dem AGS 09999011 gibt es in dieser Installation schon. Es wurde nichts übernommen.", again.Error.Trim());
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("09999011  Umzugsstadt: intakt", verify.Output, StringComparison.Ordinal);
        Assert.Contains("09999011  Umzugsstadt", list.Output, StringComparison.Ordinal);
    }
}
