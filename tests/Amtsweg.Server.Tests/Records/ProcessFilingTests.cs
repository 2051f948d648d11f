using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Casework;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Records.Audit;
using Amtsweg.Server.Features.Processes;
using Amtsweg.Server.Features.Processes.Deploy;
using Amtsweg.Server.Features.Processes.StartInstance;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Records;

public class ProcessFilingTests
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Theory]
    [AllProviders]
    public async Task Start_OpensVorgangAndRunsUnderItsAktenzeichen_InNewAkteGivenAkteOrGivenVorgang(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var position = await factory.CreatePositionAsync(municipality);
        var clerk = await DeployAndSignInClerkAsync(factory, municipality);

        var first = await StartAsync(clerk, new VorgangTarget(PositionId: position.Id, Title: "Gewerbeanmeldung Müller"));
        var filed = await clerk.GetFromJsonAsync<VorgangResponse>($"/api/process-instances/{first.Id}/vorgang", Json);
        var second = await StartAsync(clerk, new VorgangTarget(AkteId: filed!.Vorgang.AkteId, Title: "Gewerbeummeldung Müller"));
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var third = await StartAsync(clerk, new VorgangTarget(VorgangId: filed.Vorgang.Id));
        var history = await clerk.GetFromJsonAsync<List<ProcessHistoryResponse>>($"/api/vorgaenge/{filed.Vorgang.Id}/history", Json);
        var vorgang = await clerk.GetFromJsonAsync<VorgangResponse>($"/api/vorgaenge/{filed.Vorgang.Id}", Json);
        var audit = await factory.AuditActionsAsync(municipality);

        Assert.Equal("32.10-0001/2026-1", first.BusinessKey);
        Assert.Equal(("32.10-0001/2026-1", "Gewerbeanmeldung Müller", "Gewerbeanmeldung Müller"), (filed.Vorgang.Aktenzeichen, filed.Vorgang.Title, filed.Vorgang.AkteTitle));
        Assert.Equal("32.10-0001/2026-2", second.BusinessKey);
        Assert.Equal("32.10-0001/2026-1", third.BusinessKey);
        Assert.Equal([first.Id, third.Id], vorgang!.Processes.Select(p => p.ProcessInstanceId));
        Assert.Equal([first.Id, third.Id], history!.Select(h => h.ProcessInstanceId));
        Assert.Contains(history![0].Events, e => e.Type == "user-task-created" && e.ElementId == "Pruefen");
        Assert.Equal(3, audit.Count(a => a == AuditActions.ProcessLinked));
        Assert.Equal(1, audit.Count(a => a == AuditActions.AkteCreated));
    }

    [Theory]
    [AllProviders]
    public async Task Start_LeavesNoAkteVorgangInstanceOrAuditEntry_WhenProcessIsUnknownOrVorgangIsClosed(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var position = await factory.CreatePositionAsync(municipality);
        var clerk = await DeployAndSignInClerkAsync(factory, municipality);
        var auditBefore = await factory.AuditActionsAsync(municipality);

        var unknown = await clerk.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Unbekannt", null, null, new VorgangTarget(PositionId: position.Id, Title: "Irrläufer")));
        var ambiguous = await clerk.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Antrag", null, null, new VorgangTarget(AkteId: Guid.CreateVersion7(), PositionId: position.Id, Title: "Doppelt")));
        var withKey = await clerk.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Antrag", "eigener-Schluessel", null, new VorgangTarget(PositionId: position.Id, Title: "Schlüssel")));
        var untitled = await clerk.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Antrag", null, null, new VorgangTarget(PositionId: position.Id)));
        var akten = await factory.RecordsAsync(municipality, db => db.Akten.CountAsync());
        var auditAfterRefusals = await factory.AuditActionsAsync(municipality);
        var good = await StartAsync(clerk, new VorgangTarget(PositionId: position.Id, Title: "Gewerbeanmeldung"));
        var vorgang = await clerk.GetFromJsonAsync<VorgangResponse>($"/api/process-instances/{good.Id}/vorgang", Json);
        (await clerk.PostAsync($"/api/vorgaenge/{vorgang!.Vorgang.Id}/close", null)).EnsureSuccessStatusCode();
        var auditClosed = await factory.AuditActionsAsync(municipality);
        var intoClosed = await clerk.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Antrag", null, null, new VorgangTarget(VorgangId: vorgang.Vorgang.Id)));
        var instances = await EngineCountAsync(factory, municipality);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, ambiguous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withKey.StatusCode);
        Assert.Contains("casework.business-key-with-vorgang", await withKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, untitled.StatusCode);
        Assert.Contains("records.invalid", await untitled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, akten);
        Assert.Equal(auditBefore, auditAfterRefusals);
        Assert.Equal("32.10-0001/2026-1", good.BusinessKey); // no number was used up by the refused starts
        Assert.Equal(HttpStatusCode.Conflict, intoClosed.StatusCode);
        Assert.Contains("records.vorgang-closed", await intoClosed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, instances); // the instance started for the closed Vorgang was rolled back with the refused link
        Assert.Equal(auditClosed, await factory.AuditActionsAsync(municipality));
    }

    [Theory]
    [AllProviders]
    public async Task DocumentAddedWhileWorkingTask_LandsInTheInstancesVorgang(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var position = await factory.CreatePositionAsync(municipality);
        var clerk = await DeployAndSignInClerkAsync(factory, municipality);
        var instance = await StartAsync(clerk, new VorgangTarget(PositionId: position.Id, Title: "Gewerbeanmeldung"));
        var task = Assert.Single((await clerk.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instance.Id}", Json))!);
        var unfiled = await StartUnfiledAsync(clerk);
        var unfiledTask = Assert.Single((await clerk.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={unfiled}", Json))!);
        var vorgangId = (await clerk.GetFromJsonAsync<VorgangResponse>($"/api/process-instances/{instance.Id}/vorgang", Json))!.Vorgang.Id;

        var added = await RecordsApiTests.UploadAsync(clerk, $"/api/tasks/{task.Id}/dokumente", "nachweis.txt", "Meisterbrief des Antragstellers");
        var withoutVorgang = await RecordsApiTests.UploadAsync(clerk, $"/api/tasks/{unfiledTask.Id}/dokumente", "nachweis.txt", "irgendwas");
        var vorgang = await clerk.GetFromJsonAsync<VorgangResponse>($"/api/vorgaenge/{vorgangId}", Json);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, withoutVorgang.StatusCode);
        Assert.Equal("nachweis.txt", Assert.Single(Assert.Single(vorgang!.Dokumente).Versions).FileName);
    }

    internal static async Task<HttpClient> DeployAndSignInClerkAsync(AmtswegFactory factory, Municipality municipality)
    {
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var diagram = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "ProcessesApiTests.Antrag.bpmn"));
        (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Antrag", [new DeployResource("antrag.bpmn", diagram)]))).EnsureSuccessStatusCode();
        return await factory.SignInAsClerkAsync(municipality);
    }

    internal static async Task<ProcessInstanceInfo> StartAsync(HttpClient client, VorgangTarget target)
    {
        var response = await client.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Antrag", null, null, target));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json))!;
    }

    private static async Task<Guid> StartUnfiledAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Antrag", "ohne-vorgang", null));
        return (await response.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json))!.Id;
    }

    private static async Task<int> EngineCountAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return await scope.ServiceProvider.GetRequiredService<EngineDbContext>().ProcessInstances.CountAsync();
    }
}
