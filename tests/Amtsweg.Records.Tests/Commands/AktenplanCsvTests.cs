using Amtsweg.Data.Providers;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Tests.Commands;

public sealed class AktenplanCsvTests
{
    private const string Csv = """
        Kennzeichen;Titel;Übergeordnet;Aufbewahrung (Jahre);Aussonderung
        32.10;Gewerbeangelegenheiten;32;10;archivieren
        32;"Öffentliche Sicherheit; Ordnung";;30;bewerten
        32.10.1;"Gaststätten ""mit"" Ausschank";32.10;5;vernichten
        022;Personenstandswesen;;110;archivieren
        """;

    [Theory]
    [AllProviders]
    public async Task Import_CreatesHierarchy_AndExportGivesItBack(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var other = RecordsTestHost.NewTenant();

        var created = await host.ExecuteAsync(tenant, new ImportAktenplanCommand(Csv));
        var again = await host.ExecuteAsync(tenant, new ImportAktenplanCommand(Csv));
        var exported = await ExportAsync(host, tenant);
        await host.ExecuteAsync(other, new ImportAktenplanCommand(exported));

        Assert.Equal(4, created);
        Assert.Equal(0, again);
        var positions = await host.QueryAsync(tenant, db => db.AktenplanPositionen.ToListAsync());
        var byCode = positions.ToDictionary(p => p.Code);
        Assert.Equal(byCode["32"].Id, byCode["32.10"].ParentId);
        Assert.Equal(byCode["32.10"].Id, byCode["32.10.1"].ParentId);
        Assert.Equal(("Öffentliche Sicherheit; Ordnung", 30, DisposalRule.Appraise), (byCode["32"].Title, byCode["32"].RetentionYears, byCode["32"].DisposalRule));
        Assert.Equal("Gaststätten \"mit\" Ausschank", byCode["32.10.1"].Title);
        Assert.Equal(
            """
            Kennzeichen;Titel;Übergeordnet;Aufbewahrung (Jahre);Aussonderung
            022;Personenstandswesen;;110;archivieren
            32;"Öffentliche Sicherheit; Ordnung";;30;bewerten
            32.10;Gewerbeangelegenheiten;32;10;archivieren
            32.10.1;"Gaststätten ""mit"" Ausschank";32.10;5;vernichten

            """.ReplaceLineEndings("\n"),
            exported.ReplaceLineEndings("\n"));
        Assert.Equal(exported, await ExportAsync(host, other));
        Assert.Equal(4, await host.QueryAsync(tenant, db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.PositionCreated)));
    }

    [Theory]
    [AllProviders]
    public async Task Bug_Export_WroteFormulasVerbatim_AndImportStillGivesTheTitlesBack(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var other = RecordsTestHost.NewTenant();
        string[] titles = ["=HYPERLINK(\"http://angreifer.example\";\"Klick\")", "+49 Telefon", "-Allgemeines", "@SUMME(A1)", "\tTabulator", "'s-Hertogenbosch Partnerschaft"];
        var csv = AktenplanCsv.Header + "\n" + string.Join("\n", titles.Select((t, i) => CsvField.Line([$"10.{i + 1}", t, "", "5", "vernichten"])));
        await host.ExecuteAsync(tenant, new ImportAktenplanCommand(csv));

        var exported = await ExportAsync(host, tenant);
        await host.ExecuteAsync(other, new ImportAktenplanCommand(exported));

        var lines = exported.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.All(lines, line => Assert.DoesNotMatch("(^|;)\"?[=+\\-@\\t\\r]", line));
        Assert.Contains("10.1;\"'=HYPERLINK(\"\"http://angreifer.example\"\";\"\"Klick\"\")\";;5;vernichten", lines);
        Assert.Contains("10.3;'-Allgemeines;;5;vernichten", lines);
        Assert.Contains("10.6;''s-Hertogenbosch Partnerschaft;;5;vernichten", lines);
        var back = await host.QueryAsync(other, db => db.AktenplanPositionen.OrderBy(p => p.Code).Select(p => p.Title).ToListAsync());
        Assert.Equal(titles.Select(t => t.Trim()), back);
        Assert.Equal(exported, await ExportAsync(host, other));
    }

    [Fact]
    public void CsvField_NeutralisesEveryFormulaStart_AndReadUndoesIt()
    {
        foreach (var value in new[] { "=1+1", "+1", "-1", "@A1", "\t=1", "\r=1", "'x", "''", "normal", "", "a;b" })
        {
            var written = CsvField.Write(value);
            Assert.DoesNotMatch("^\"?[=+\\-@\\t\\r]", written);
            var unquoted = written.StartsWith('"') ? written[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : written;
            Assert.Equal(value, CsvField.Read(unquoted));
        }
    }

    [Theory]
    [InlineData("Nummer;Titel\n32;Ordnung", "erste Zeile")]
    [InlineData(AktenplanCsv.Header + "\n32;Ordnung;;zehn;archivieren", "Zeile 2")]
    [InlineData(AktenplanCsv.Header + "\n32;Ordnung;;10;aufheben", "Zeile 2")]
    [InlineData(AktenplanCsv.Header + "\n32;Ordnung;;10", "Zeile 2")]
    [InlineData(AktenplanCsv.Header + "\n32;Ordnung;;10;archivieren\n32.1;Gewerbe;99;10;archivieren", "Zeile 3")]
    [InlineData(AktenplanCsv.Header + "\n32;Ordnung;;10;archivieren\n32;Ordnung;;10;archivieren", "Zeile 3")]
    public async Task Import_RefusesWholeFile_NamingTheLine(string csv, string named)
    {
        await using var host = await RecordsTestHost.StartAsync(DatabaseProvider.Sqlite);
        var tenant = RecordsTestHost.NewTenant();

        var error = await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(tenant, new ImportAktenplanCommand(csv)));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await host.QueryAsync(tenant, db => db.AktenplanPositionen.CountAsync()));
        Assert.Equal(0, await host.QueryAsync(tenant, db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task Import_RefusesLineThatContradictsExistingPosition()
    {
        await using var host = await RecordsTestHost.StartAsync(DatabaseProvider.Sqlite);
        var tenant = RecordsTestHost.NewTenant();
        await host.ExecuteAsync(tenant, new ImportAktenplanCommand(Csv));

        var error = await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(tenant, new ImportAktenplanCommand(AktenplanCsv.Header + "\n99;Neu;;1;vernichten\n022;Personenstandswesen;;50;archivieren")));

        Assert.Equal(RecordsErrors.PositionDuplicate, error.Code);
        Assert.Equal(4, await host.QueryAsync(tenant, db => db.AktenplanPositionen.CountAsync()));
    }

    private static Task<string> ExportAsync(RecordsTestHost host, Guid tenant) => host.QueryAsync(tenant, async db =>
    {
        await using var writer = new StringWriter { NewLine = "\n" };
        await AktenplanCsv.ExportAsync(db, writer, CancellationToken.None);
        return writer.ToString();
    });
}
