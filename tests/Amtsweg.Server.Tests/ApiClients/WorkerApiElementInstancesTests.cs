using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.ApiClients;

/// <summary>POST /v2/element-instances/search and GET /v2/element-instances/{key} in the shape of the Camunda 8 REST API.</summary>
public class WorkerApiElementInstancesTests
{
    [Theory]
    [AllProviders]
    public async Task SearchElementInstances_FindsAdHocSubProcessKey_WhichActivationThenTakes(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var client = await WorkerApiAdHocTests.ClientAsync(factory, municipality, ApiScopes.ProcessInstances);
        var (instanceId, expectedKey) = await WorkerApiAdHocTests.StartAdHocAsync(factory, municipality);

        var search = await client.PostAsJsonAsync("/v2/element-instances/search", new { filter = new { processInstanceKey = instanceId.ToString(), type = "AD_HOC_SUB_PROCESS" } });

        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        var body = await search.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, body.GetProperty("page").GetProperty("totalItems").GetInt32());
        var item = Assert.Single(body.GetProperty("items").EnumerateArray());
        var key = item.GetProperty("elementInstanceKey").GetString();
        Assert.Equal(expectedKey.ToString(), key);
        Assert.Equal("pruefungen", item.GetProperty("elementId").GetString());
        Assert.Equal("AD_HOC_SUB_PROCESS", item.GetProperty("type").GetString());
        Assert.Equal("ACTIVE", item.GetProperty("state").GetString());
        Assert.False(item.GetProperty("hasIncident").GetBoolean());
        Assert.Equal(instanceId.ToString(), item.GetProperty("processInstanceKey").GetString());
        Assert.Equal("pruefung", item.GetProperty("processDefinitionId").GetString());
        Assert.Equal(municipality.Id.ToString(), item.GetProperty("tenantId").GetString());

        var single = await client.GetFromJsonAsync<JsonElement>($"/v2/element-instances/{key}");
        Assert.Equal("pruefungen", single.GetProperty("elementId").GetString());

        var activated = await client.PostAsJsonAsync($"/v2/element-instances/ad-hoc-activities/{key}/activation", new { elements = new[] { new { elementId = "lageplan", variables = new { unterlage = "Lageplan" } } } });

        Assert.Equal(HttpStatusCode.NoContent, activated.StatusCode);
        await using var tenant = factory.Services.CreateTenantScope(municipality.Id);
        var instance = await tenant.ServiceProvider.GetRequiredService<IProcessEngine>().GetProcessInstanceAsync(instanceId);
        Assert.Equal(ProcessInstanceState.Completed, instance.State);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v2/element-instances/{key}")).StatusCode);
        var afterwards = await client.PostAsJsonAsync("/v2/element-instances/search", new { filter = new { processInstanceKey = instanceId.ToString() } });
        Assert.Equal(0, (await afterwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("page").GetProperty("totalItems").GetInt32());
    }

    [Theory]
    [AllProviders]
    public async Task SearchElementInstances_ListsOnlyOwnMunicipality_WhenAnotherHasInstancesToo(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync("Eigenstadt");
        var foreign = await factory.CreateMunicipalityAsync("Fremdstadt");
        var client = await WorkerApiAdHocTests.ClientAsync(factory, own, ApiScopes.ProcessInstances);
        var (ownInstance, ownKey) = await WorkerApiAdHocTests.StartAdHocAsync(factory, own);
        var (foreignInstance, foreignKey) = await WorkerApiAdHocTests.StartAdHocAsync(factory, foreign);

        var all = await client.PostAsJsonAsync("/v2/element-instances/search", new { });
        var byForeignInstance = await client.PostAsJsonAsync("/v2/element-instances/search", new { filter = new { processInstanceKey = foreignInstance.ToString() } });
        var byForeignTenant = await client.PostAsJsonAsync("/v2/element-instances/search", new { filter = new { tenantId = foreign.Id.ToString() } });
        var foreignSingle = await client.GetAsync($"/v2/element-instances/{foreignKey}");
        var byElement = await client.PostAsJsonAsync("/v2/element-instances/search", new { filter = new { elementId = "pruefungen", state = "ACTIVE" } });
        var secondPage = await client.PostAsJsonAsync("/v2/element-instances/search", new { page = new { from = 1, limit = 1 } });

        var items = (await all.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["pruefung", "pruefungen"], items.Select(i => i.GetProperty("elementId").GetString()));
        Assert.Equal(["PROCESS", "AD_HOC_SUB_PROCESS"], items.Select(i => i.GetProperty("type").GetString()));
        Assert.All(items, i => Assert.Equal(ownInstance.ToString(), i.GetProperty("processInstanceKey").GetString()));
        Assert.Equal(ownInstance.ToString(), items[0].GetProperty("elementInstanceKey").GetString());
        Assert.Equal(0, (await byForeignInstance.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("page").GetProperty("totalItems").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, byForeignTenant.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignSingle.StatusCode);
        Assert.Equal(ownKey.ToString(), Assert.Single((await byElement.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()).GetProperty("elementInstanceKey").GetString());
        var page = await secondPage.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, page.GetProperty("page").GetProperty("totalItems").GetInt32());
        Assert.Equal(ownKey.ToString(), Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("elementInstanceKey").GetString());
    }

    [Theory]
    [AllProviders]
    public async Task SearchElementInstances_RefusesWithGermanProblem_WhenRequestAsksForWhatIsNotThere(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var client = await WorkerApiAdHocTests.ClientAsync(factory, municipality, ApiScopes.ProcessInstances);
        var jobsOnly = await WorkerApiAdHocTests.ClientAsync(factory, municipality, ApiScopes.Jobs);
        var (_, key) = await WorkerApiAdHocTests.StartAdHocAsync(factory, municipality);

        var completed = await client.PostAsJsonAsync("/v2/element-instances/search", new { filter = new { state = "COMPLETED" } });
        var unknownType = await client.PostAsJsonAsync("/v2/element-instances/search", new { filter = new { type = "GIBT_ES_NICHT" } });
        var badKey = await client.PostAsJsonAsync("/v2/element-instances/search", new { filter = new { processInstanceKey = "123" } });
        var tooLarge = await client.PostAsJsonAsync("/v2/element-instances/search", new { page = new { limit = 5000 } });
        var noScopeSearch = await jobsOnly.PostAsJsonAsync("/v2/element-instances/search", new { });
        var noScopeGet = await jobsOnly.GetAsync($"/v2/element-instances/{key}");
        var badGet = await client.GetAsync("/v2/element-instances/keinSchluessel");

        Assert.Equal(HttpStatusCode.BadRequest, completed.StatusCode);
        Assert.Equal(
            "Es lassen sich nur aktive Elementinstanzen suchen (state ACTIVE); abgeschlossene und abgebrochene Schritte stehen im Verlauf der Prozessinstanz.",
            (await completed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknownType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noScopeSearch.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noScopeGet.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, badGet.StatusCode);
    }
}
