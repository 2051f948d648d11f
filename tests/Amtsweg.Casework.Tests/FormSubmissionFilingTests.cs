using System.Text.Json.Nodes;
using Amtsweg.Data.Providers;
using Amtsweg.Engine;
using Amtsweg.Forms.Schema;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Casework.Tests;

public sealed class FormSubmissionFilingTests
{
    [Theory]
    [AllProviders]
    public async Task CompleteAsync_IndexesTheSubmissionAsWritten_WithTheLabelsOfTheCachedForm(DatabaseProvider provider)
    {
        await using var host = await CaseworkTestHost.StartAsync(provider);
        await host.DeployAsync("FormSubmissionFilingTests.Pruefen.bpmn");
        var vorgang = await host.CreateVorgangAsync();
        var filed = await host.StartInAsync("Pruefen", vorgang.Id);
        var task = (await host.EngineAsync(e => e.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = filed.Instance.Id })))[0];

        await using (var scope = host.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<FormSubmissionFiling>().CompleteAsync(
                task.Id,
                new Dictionary<string, object?> { ["name"] = JsonValue.Create("Erika Müller"), ["entscheidung"] = JsonValue.Create("genehmigt") },
                CaseworkTestHost.Actor,
                CancellationToken.None);
        }

        // The text the composition wrote (label and value on one line), not what a PDF text extraction recovers.
        var entry = await host.RecordsAsync(db => db.SearchEntries.AsNoTracking().SingleAsync(e => e.VorgangId == vorgang.Id && e.Kind == "Dokument"));
        Assert.Equal("Formulareingabe: Antrag prüfen", entry.Title);
        Assert.Contains("Name des Antragstellers: Erika Müller\nEntscheidung: Genehmigt", entry.Text, StringComparison.Ordinal);
        Assert.Equal("Formulareingabe Antrag prüfen.pdf", (await host.RecordsAsync(db => db.DokumentVersionen.AsNoTracking().SingleAsync())).FileName);
    }

    [Theory]
    [AllProviders]
    public async Task CompleteAsync_NamesTheSubmissionFormulareingabe_WhenTheTaskHasNoName(DatabaseProvider provider)
    {
        await using var host = await CaseworkTestHost.StartAsync(provider);
        await host.DeployAsync("FormSubmissionFilingTests.OhneName.bpmn");
        var vorgang = await host.CreateVorgangAsync();
        var filed = await host.StartInAsync("OhneName", vorgang.Id);
        var task = (await host.EngineAsync(e => e.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = filed.Instance.Id })))[0];

        await using (var scope = host.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<FormSubmissionFiling>().CompleteAsync(
                task.Id, new Dictionary<string, object?> { ["name"] = JsonValue.Create("Erika Müller") }, CaseworkTestHost.Actor, CancellationToken.None);
        }

        // The element id ("Antrag") is no name for people: neither title, file name nor text show it.
        var version = await host.RecordsAsync(db => db.DokumentVersionen.AsNoTracking().SingleAsync());
        var entry = await host.RecordsAsync(db => db.SearchEntries.AsNoTracking().SingleAsync(e => e.Kind == "Dokument"));
        Assert.Equal(("Formulareingabe", "Formulareingabe.pdf"), (version.Title, version.FileName));
        Assert.DoesNotContain("Aufgabe", entry.Text, StringComparison.Ordinal);
        Assert.Contains("Formulareingabe\nAktenzeichen: ", entry.Text, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task GetUserTaskFormAsync_ReturnsTheEmbeddedSchema_WhenTheTaskLinksIt(DatabaseProvider provider)
    {
        await using var host = await CaseworkTestHost.StartAsync(provider);
        await host.DeployAsync("FormSubmissionFilingTests.Pruefen.bpmn");
        var instance = await host.EngineAsync(e => e.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "Pruefen" }));
        var task = (await host.EngineAsync(e => e.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id })))[0];

        var form = await host.EngineAsync(e => e.GetUserTaskFormAsync(task.Id));

        Assert.Equal(["Name des Antragstellers", "Entscheidung"], FormSchemaReader.Read(form!).AllComponents.Where(c => c.Key is not null).Select(c => c.Label));
    }
}
