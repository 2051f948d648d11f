using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Server.Features.Processes.StartInstance;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests;

/// <summary>The operator's list of process instances, <c>GET /api/process-instances</c>.</summary>
public class ProcessInstanceListApiTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Theory]
    [AllProviders]
    public async Task ListProcessInstances_FiltersAndPages_WhenOperatorAsks(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var (failing, _) = await IncidentsApiTests.StartFailingInstanceAsync(factory, municipality);
        factory.Clock.Advance(TimeSpan.FromHours(1));
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var started = await designer.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Betrag", "32.10-0042/2026", new() { ["betrag"] = JsonSerializer.SerializeToElement(500) }));
        var waiting = (await started.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json))!.Id;
        var from = Uri.EscapeDataString(factory.Clock.GetUtcNow().AddMinutes(-1).ToString("O"));

        var all = await head.GetFromJsonAsync<List<ProcessInstanceSummary>>("/api/process-instances?processId=Betrag", Json);
        var incident = await head.GetFromJsonAsync<List<ProcessInstanceSummary>>("/api/process-instances?state=incident", Json);
        var withoutIncident = await head.GetFromJsonAsync<List<ProcessInstanceSummary>>("/api/process-instances?state=Active&hasIncident=false", Json);
        var byKey = await head.GetFromJsonAsync<List<ProcessInstanceSummary>>("/api/process-instances?businessKey=32.10-0042%2F2026", Json);
        var recent = await head.GetFromJsonAsync<List<ProcessInstanceSummary>>($"/api/process-instances?startedFrom={from}", Json);
        var page = await head.GetFromJsonAsync<List<ProcessInstanceSummary>>("/api/process-instances?skip=1&take=1", Json);
        var completed = await head.GetFromJsonAsync<List<ProcessInstanceSummary>>("/api/process-instances?state=Completed", Json);

        Assert.Equal([waiting, failing], all!.Select(i => i.Id));
        Assert.Equal((1, ProcessInstanceState.Active, "Betrag", 1), (all![1].OpenIncidents, all[1].State, all[1].ProcessId, all[1].Version));
        Assert.Equal([failing], incident!.Select(i => i.Id));
        Assert.Equal([waiting], withoutIncident!.Select(i => i.Id));
        Assert.Equal([waiting], byKey!.Select(i => i.Id));
        Assert.Equal("32.10-0042/2026", byKey![0].BusinessKey);
        Assert.Equal([waiting], recent!.Select(i => i.Id));
        Assert.Equal([failing], page!.Select(i => i.Id));
        Assert.Empty(completed!);
    }

    [Theory]
    [AllProviders]
    public async Task ListProcessInstances_IsRefusedWithGermanProblem_WhenFilterIsInvalidOrCallerIsClerk(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var clerk = await factory.SignInAsClerkAsync(municipality);

        var badState = await admin.GetAsync("/api/process-instances?state=kaputt");
        var contradiction = await admin.GetAsync("/api/process-instances?state=Incident&hasIncident=false");
        var badRange = await admin.GetAsync("/api/process-instances?startedFrom=2026-12-01T00:00:00Z&startedBefore=2026-11-01T00:00:00Z");
        var badDate = await admin.GetAsync("/api/process-instances?startedFrom=gestern");
        var badPaging = await admin.GetAsync("/api/process-instances?take=0");
        var byClerk = await clerk.GetAsync("/api/process-instances");

        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
        Assert.Contains("Der Zustand „kaputt“ ist unbekannt; erlaubt sind Active, Completed, Canceled und Incident.", await badState.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, contradiction.StatusCode);
        Assert.Contains("schließen sich aus", await contradiction.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badRange.StatusCode);
        Assert.Contains("startedFrom muss vor startedBefore liegen", await badRange.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("\"code\":\"request.invalid\"", await badDate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badPaging.StatusCode);
        Assert.Contains("request.paging-invalid", await badPaging.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
    }
}
