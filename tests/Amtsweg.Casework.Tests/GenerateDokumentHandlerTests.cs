using Amtsweg.Data.Providers;
using Amtsweg.Engine;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Casework.Tests;

public sealed class GenerateDokumentHandlerTests
{
    [Theory]
    [AllProviders]
    public async Task ExecuteAsync_FilesTheLetterInTheCallersVorgang_WhenACalledInstanceWritesIt(DatabaseProvider provider)
    {
        await using var host = await CaseworkTestHost.StartAsync(provider);
        await host.DeployAsync("GenerateDokumentHandlerTests.Hauptprozess.bpmn", "GenerateDokumentHandlerTests.Brief.bpmn");
        var vorgang = await host.CreateVorgangAsync();

        // The letter task of the called instance runs inside the start, which files the instance in its Vorgang first.
        var filed = await host.StartInAsync("Hauptprozess", vorgang.Id);

        Assert.Equal(["Versenden"], filed.Instance.ActiveElementIds);
        Assert.Equal(new JobExecutionSummary(0, 0), await host.EngineAsync(e => e.ExecuteDueJobsAsync()));
        var entry = await host.RecordsAsync(db => db.SearchEntries.AsNoTracking().SingleAsync(e => e.VorgangId == vorgang.Id && e.Kind == "Dokument"));
        Assert.Equal("Bescheid Gewerbeanmeldung", entry.Title);

        // The rendered letter as written: head lines and paragraphs, umlauts intact.
        Assert.Contains("An: Erika Müller\nAktenzeichen: " + vorgang.Aktenzeichen, entry.Text, StringComparison.Ordinal);
        Assert.Contains("Ihre Gewerbeanmeldung für die Bäckerei ist genehmigt.", entry.Text, StringComparison.Ordinal);
    }
}
