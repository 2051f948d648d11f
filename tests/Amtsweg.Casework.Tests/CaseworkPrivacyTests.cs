using System.IO.Compression;
using System.Text.Json.Nodes;
using Amtsweg.Data.Providers;
using Amtsweg.Engine;
using Amtsweg.Records;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Privacy;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Casework.Tests;

public sealed class CaseworkPrivacyTests
{
    private static readonly DataSubject Erika = new("Erika Müller");

    [Theory]
    [AllProviders]
    public async Task Bug_ExportAndErasure_MissedTheProcessVariablesAndHistoryOfThePersonsVorgaenge(DatabaseProvider provider)
    {
        await using var host = await CaseworkTestHost.StartAsync(provider);
        await host.DeployAsync("CaseworkPrivacyTests.Antrag.bpmn");
        var vorgang = await VorgangOfErikaAsync(host);
        var hers = await host.StartInAsync("Antrag", vorgang.Id, new Dictionary<string, object?> { ["antragsteller"] = "Erika Müller", ["gebuehr"] = 10 });
        var task = Assert.Single(await host.EngineAsync(e => e.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = hers.Instance.Id })));
        await host.EngineAsync(async e => { await e.CompleteUserTaskAsync(task.Id, new Dictionary<string, object?> { ["bemerkung"] = "Rückruf von Erika Müller" }); return 0; });
        var other = await host.StartInAsync("Antrag", vorgang.Id, new Dictionary<string, object?> { ["pruefer"] = "Hans Schmidt" });

        var report = JsonNode.Parse(await ExportAsync(host))!;

        var prozess = Assert.Single(report["prozesse"]!.AsArray())!;
        Assert.Equal(hers.Instance.Id.ToString(), prozess["instanz"]!.GetValue<string>());
        Assert.Equal(vorgang.Aktenzeichen, prozess["vorgang"]!.GetValue<string>());
        Assert.Contains(prozess["variablen"]!.AsArray(), v => v!["name"]!.GetValue<string>() == "antragsteller" && v["wert"]!.GetValue<string>() == "Erika Müller");
        Assert.Contains(prozess["verlauf"]!.AsArray(), e => e!["nachher"]?["bemerkung"]?.GetValue<string>() == "Rückruf von Erika Müller");

        await host.ExecuteAsync(new CloseVorgangCommand(vorgang.Id));
        await host.ExecuteAsync(new CloseAkteCommand(vorgang.AkteId));
        host.Clock.Advance(TimeSpan.FromDays((10 * 366) + 1));
        ErasureResult result;
        await using (var scope = host.Scope())
        {
            result = await scope.ServiceProvider.GetRequiredService<CaseworkPrivacy>().EraseAsync(Erika, "DS-2037-1", "administration@test", CancellationToken.None);
        }

        Assert.Equal((1, 1), (result.Beteiligte, result.ProcessInstances));
        var erased = Assert.Single(await host.EngineAsync(e => e.GetProcessInstanceDataAsync([hers.Instance.Id])));
        Assert.DoesNotContain(Strings(erased), s => s.Contains("Müller", StringComparison.Ordinal));
        Assert.Equal(CaseworkPrivacy.ErasedMarker, erased.Variables.Single(v => v.Name == "antragsteller").Value!.GetValue<string>());
        Assert.Equal(10, erased.Variables.Single(v => v.Name == "gebuehr").Value!.GetValue<int>());
        Assert.Contains(erased.History, e => e.VariablesAfter?["bemerkung"]?.GetValue<string>() == CaseworkPrivacy.ErasedMarker);
        var untouched = Assert.Single(await host.EngineAsync(e => e.GetProcessInstanceDataAsync([other.Instance.Id])));
        Assert.Equal("Hans Schmidt", untouched.Variables.Single(v => v.Name == "pruefer").Value!.GetValue<string>());
        var audit = await host.RecordsAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.ProcessDataExported || a.Action == AuditActions.ProcessDataErased)
            .OrderBy(a => a.Sequence).ToListAsync());
        Assert.Equal([AuditActions.ProcessDataExported, AuditActions.ProcessDataErased], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(hers.Instance.Id, a.SubjectId));
        Assert.All(audit, a => Assert.DoesNotContain("Müller", a.Details, StringComparison.Ordinal));
        await using (var scope = host.Scope())
        {
            var verification = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
            Assert.True(verification.IsIntact, verification.FirstProblem?.Message);
        }
    }

    [Theory]
    [AllProviders]
    public async Task Erase_IsRefusedAndChangesNothing_WhileAProcessNamingThePersonRuns(DatabaseProvider provider)
    {
        await using var host = await CaseworkTestHost.StartAsync(provider);
        await host.DeployAsync("CaseworkPrivacyTests.Antrag.bpmn");
        var vorgang = await VorgangOfErikaAsync(host);
        var running = await host.StartInAsync("Antrag", vorgang.Id, new Dictionary<string, object?> { ["antragsteller"] = "Erika Müller" });
        await host.ExecuteAsync(new CloseVorgangCommand(vorgang.Id));
        await host.ExecuteAsync(new CloseAkteCommand(vorgang.AkteId));
        host.Clock.Advance(TimeSpan.FromDays((10 * 366) + 1));

        RecordsException refused;
        await using (var scope = host.Scope())
        {
            refused = await Assert.ThrowsAsync<RecordsException>(() => scope.ServiceProvider.GetRequiredService<CaseworkPrivacy>().EraseAsync(Erika, "DS-2037-2", "administration@test", CancellationToken.None));
        }

        Assert.Equal(CaseworkErrors.ProcessRunning, refused.Code);
        Assert.Contains(vorgang.Aktenzeichen, refused.Message, StringComparison.Ordinal);
        Assert.Contains("Es wurde nichts gelöscht", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["Erika Müller"], await host.RecordsAsync(db => db.Beteiligte.Select(b => b.Name).ToListAsync()));
        var data = Assert.Single(await host.EngineAsync(e => e.GetProcessInstanceDataAsync([running.Instance.Id])));
        Assert.Equal("Erika Müller", data.Variables.Single(v => v.Name == "antragsteller").Value!.GetValue<string>());
        Assert.Equal(0, await host.RecordsAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.PersonalDataErased || a.Action == AuditActions.ProcessDataErased)));
    }

    private static async Task<Vorgang> VorgangOfErikaAsync(CaseworkTestHost host)
    {
        var vorgang = await host.CreateVorgangAsync();
        await host.ExecuteAsync(new AddBeteiligterCommand(vorgang.Id, "Antragstellerin", Erika));
        return vorgang;
    }

    private static async Task<string> ExportAsync(CaseworkTestHost host)
    {
        await using var scope = host.Scope();
        var buffer = new MemoryStream();
        await scope.ServiceProvider.GetRequiredService<CaseworkPrivacy>().ExportAsync(Erika, "DS-2037-1", "administration@test", buffer, CancellationToken.None);
        buffer.Position = 0;
        using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry("auskunft.json")!.Open());
        return await reader.ReadToEndAsync();
    }

    private static IEnumerable<string> Strings(ProcessInstanceData data) =>
        data.Variables.SelectMany(v => Strings(v.Value))
            .Concat(data.History.SelectMany(e => Strings(e.VariablesBefore).Concat(Strings(e.VariablesAfter)).Append(e.Detail ?? "")));

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };
}
