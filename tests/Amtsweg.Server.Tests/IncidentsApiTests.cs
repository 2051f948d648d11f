using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Server.Features.Incidents.Retry;
using Amtsweg.Server.Features.Processes;
using Amtsweg.Server.Features.Processes.Deploy;
using Amtsweg.Server.Features.Processes.StartInstance;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests;

public class IncidentsApiTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Theory]
    [AllProviders]
    public async Task Incident_IsListedRetriedWithVariablesAndInstanceCanceled_ByApi(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        var (instanceId, incidentId) = await StartFailingInstanceAsync(factory, municipality);

        var listed = await clerk.GetFromJsonAsync<List<IncidentInfo>>($"/api/process-instances/{instanceId}/incidents", Json);
        var retriedByClerk = await clerk.PostAsJsonAsync($"/api/incidents/{incidentId}/retry", new RetryIncidentBody(null, null));
        var badRetries = await head.PostAsJsonAsync($"/api/incidents/{incidentId}/retry", new RetryIncidentBody(0, null));
        var retried = await head.PostAsJsonAsync($"/api/incidents/{incidentId}/retry", new RetryIncidentBody(null, new() { ["betrag"] = JsonSerializer.SerializeToElement(250) }));
        var resolvedAgain = await head.PostAsync($"/api/incidents/{incidentId}/resolve", null);
        var running = await clerk.GetFromJsonAsync<ProcessInstanceInfo>($"/api/process-instances/{instanceId}", Json);
        var canceled = await head.PostAsync($"/api/process-instances/{instanceId}/cancel", null);
        var canceledAgain = await head.PostAsync($"/api/process-instances/{instanceId}/cancel", null);

        var incident = Assert.Single(listed!);
        Assert.Equal(("high", IncidentTypes.ExpressionFailed), (incident.ElementId, incident.Type));
        Assert.Null(incident.ResolvedAt);
        Assert.Equal(HttpStatusCode.Forbidden, retriedByClerk.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badRetries.StatusCode);
        Assert.Contains("engine.retries-invalid", await badRetries.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.NotNull((await retried.Content.ReadFromJsonAsync<IncidentInfo>(Json))!.ResolvedAt);
        Assert.Equal(HttpStatusCode.Conflict, resolvedAgain.StatusCode);
        Assert.Equal(["approve"], running!.ActiveElementIds);
        Assert.Equal(HttpStatusCode.OK, canceled.StatusCode);
        Assert.Equal(ProcessInstanceState.Canceled, (await canceled.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json))!.State);
        Assert.Equal(HttpStatusCode.Conflict, canceledAgain.StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task IncidentsAndJobs_AreListedForOperator_WithFiltersAndPaging(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var other = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var (instanceId, incidentId) = await StartFailingInstanceAsync(factory, municipality);
        await StartFailingInstanceAsync(factory, other);

        var open = await admin.GetFromJsonAsync<List<IncidentInfo>>("/api/incidents?open=true&processId=Betrag&elementId=high", Json);
        var resolved = await admin.GetFromJsonAsync<List<IncidentInfo>>("/api/incidents?open=false", Json);
        var otherProcess = await admin.GetFromJsonAsync<List<IncidentInfo>>("/api/incidents?processId=Gibtsnicht", Json);
        var byClerk = await clerk.GetAsync("/api/incidents");
        var badPaging = await admin.GetAsync("/api/incidents?take=500");
        var jobs = await admin.GetFromJsonAsync<List<JobInfo>>($"/api/jobs?processInstanceId={instanceId}", Json);
        var badState = await admin.GetAsync("/api/jobs?state=kaputt");

        Assert.Equal([incidentId], open!.Select(i => i.Id));
        Assert.Empty(resolved!);
        Assert.Empty(otherProcess!);
        Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPaging.StatusCode);
        Assert.Contains("request.paging-invalid", await badPaging.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(jobs!);
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
        Assert.Contains("Der Zustand „kaputt“ ist unbekannt", await badState.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Deploys a process whose gateway fails on a text amount and starts it: the instance stays at its start with an incident.</summary>
    internal static async Task<(Guid InstanceId, Guid IncidentId)> StartFailingInstanceAsync(AmtswegFactory factory, Municipality municipality)
    {
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var bpmn = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "IncidentsApiTests.Betrag.bpmn"));
        (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Betrag", [new DeployResource("betrag.bpmn", bpmn)]))).EnsureSuccessStatusCode();
        var started = await designer.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Betrag", null, new() { ["betrag"] = JsonSerializer.SerializeToElement("viel") }));
        Assert.Equal(HttpStatusCode.Conflict, started.StatusCode);
        using var problem = JsonDocument.Parse(await started.Content.ReadAsStringAsync());
        Assert.Equal("engine.incident", problem.RootElement.GetProperty("code").GetString());
        return (problem.RootElement.GetProperty("processInstanceId").GetGuid(), problem.RootElement.GetProperty("incidentId").GetGuid());
    }
}
