using Amtsweg.Casework;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Records.Persistence;
using Amtsweg.Server.Features.Administration.Teams;
using Amtsweg.Server.Hosting;
using Amtsweg.Server.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Library;

/// <summary>Issue 14.5: the demo municipality of a fresh embedded database has the eight standard processes of <c>library/</c> installed.</summary>
public class DemoPackagesTests
{
    private static readonly string[] Processes =
        ["baumfaellung", "buergeranliegen", "fundsache", "gewerbeanzeige", "hundesteuer", "ifg-antrag", "sondernutzung", "veranstaltungsanzeige"];

    [Fact]
    public async Task Demo_InstallsTheEightShippedPackages_WithTheirTeams_AndHundesteuerStartsInAVorgangWithItsParameters()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite, new()
        {
            ["Amtsweg:Demo:Enabled"] = "true",
            ["Amtsweg:JobExecutor:Enabled"] = "false",
        });
        Municipality musterstadt;
        await using (var platform = factory.Services.CreatePlatformScope())
        {
            musterstadt = await platform.ServiceProvider.GetRequiredService<PlatformDbContext>().Municipalities.SingleAsync(m => m.Ags == DemoMunicipality.Ags);
            var library = await platform.ServiceProvider.GetRequiredService<PlatformDbContext>().LibraryPackages.ToListAsync();
            Assert.Equal(Processes, library.Select(p => p.PackageId).Order(StringComparer.Ordinal));
            Assert.All(library, p => Assert.Equal((LibraryPackageOrigin.Mitgeliefert, null, "1.0.0"), (p.Origin, p.PublisherPublicKey, p.Version)));
        }

        await using var scope = factory.Services.CreateTenantScope(musterstadt.Id);
        var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Equal(Processes, (await engine.ListProcessDefinitionsAsync()).Select(d => d.ProcessId).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(8, await db.PackageInstallations.CountAsync());
        Assert.Contains(await db.LetterTemplates.Select(t => t.Key).ToListAsync(), key => key == "hundesteuer-bescheid");
        var clerk = await db.Users.SingleAsync(u => u.UserName == "sachbearbeitung");
        var teams = await scope.ServiceProvider.GetRequiredService<TeamAdministration>().TeamsOfAsync(clerk.Id, CancellationToken.None);
        Assert.Equal(
            ["bauhof", "feuerwehr", "gewerbe", "ordnungsamt", "strassenverkehr", "strassenverkehrsbehoerde"],
            await db.Teams.Where(t => teams.Contains(t.Id)).Select(t => t.Key).OrderBy(k => k).ToListAsync());

        var position = await scope.ServiceProvider.GetRequiredService<RecordsDbContext>().AktenplanPositionen.SingleAsync(p => p.Code == "32.10");
        var filed = await scope.ServiceProvider.GetRequiredService<ProcessFiling>().StartAsync(
            "hundesteuer",
            new VorgangTarget(PositionId: position.Id, Title: "Hundesteuer Bello"),
            new Dictionary<string, object?>
            {
                ["meldeart"] = "anmeldung",
                ["halterName"] = "Erika Mustermann",
                ["halterAnschrift"] = "Lindenweg 3, 99999 Musterstadt",
                ["hundName"] = "Bello",
                ["hundRasse"] = "Labrador-Mischling",
                ["haltungsbeginn"] = "2026-10-14",
                ["steuerverguenstigung"] = "keine",
            },
            "sachbearbeitung",
            CancellationToken.None);

        var task = Assert.Single(await engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = filed.Instance.Id }));
        var instance = await engine.GetProcessInstanceAsync(filed.Instance.Id);
        Assert.Equal("anmeldungPruefen", task.ElementId);
        Assert.Equal(90, instance.Variables["parameter"]!["steuerErsterHund"]!.GetValue<int>());
        Assert.Equal("P28D", instance.Variables["parameter"]!["nachweisfrist"]!.GetValue<string>());
        Assert.Equal(filed.Vorgang.Aktenzeichen, instance.Variables["aktenzeichen"]!.GetValue<string>());

        // The clerk's check completes the Anmeldung; the package's own letter template writes the Steuerbescheid into the Vorgang.
        await engine.CompleteUserTaskAsync(task.Id, new Dictionary<string, object?>
        {
            ["anzahlHunde"] = 1,
            ["gefaehrlich"] = false,
            ["steuerverguenstigung"] = "keine",
            ["steuermarke"] = "0142",
        }, clerk.Id.ToString("D"));

        Assert.Empty((await engine.GetIncidentsAsync(filed.Instance.Id)).Select(i => i.Message));
        Assert.Equal(ProcessInstanceState.Completed, (await engine.GetProcessInstanceAsync(filed.Instance.Id)).State);
        var records = scope.ServiceProvider.GetRequiredService<RecordsDbContext>();
        var letters = await (
            from dokument in records.Dokumente
            join version in records.DokumentVersionen on dokument.Id equals version.DokumentId
            where dokument.VorgangId == filed.Vorgang.Id
            select new { version.Title, version.DokumentType, version.Recipient }).ToListAsync();
        var letter = Assert.Single(letters);
        Assert.Equal(("Schreiben", "Erika Mustermann"), (letter.DokumentType, letter.Recipient));
        Assert.Contains("Hundesteuer", letter.Title, StringComparison.Ordinal);
    }
}
