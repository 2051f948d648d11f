using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.ApiClients;

/// <summary>POST /v2/element-instances/ad-hoc-activities/{key}/activation in the shape of the Camunda 8 REST API.</summary>
public class WorkerApiAdHocTests
{
    private const string Diagram = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://amtsweg.example/test">
          <bpmn:process id="pruefung" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:adHocSubProcess id="pruefungen"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
              <bpmn:scriptTask id="lageplan"><bpmn:extensionElements><zeebe:script expression="=&quot;geprüft: &quot; + unterlage" resultVariable="ergebnis" /></bpmn:extensionElements><bpmn:outgoing>i1</bpmn:outgoing></bpmn:scriptTask>
              <bpmn:scriptTask id="vermerk"><bpmn:extensionElements><zeebe:script expression="=&quot;vermerkt&quot;" resultVariable="notiz" /></bpmn:extensionElements><bpmn:incoming>i1</bpmn:incoming></bpmn:scriptTask>
              <bpmn:sequenceFlow id="i1" sourceRef="lageplan" targetRef="vermerk" />
            </bpmn:adHocSubProcess>
            <bpmn:endEvent id="ende"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefungen" />
            <bpmn:sequenceFlow id="f2" sourceRef="pruefungen" targetRef="ende" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Theory]
    [AllProviders]
    public async Task ActivateAdHocActivities_RunsElementAndAnswers204_WhenClientHasProcessInstancesScope(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var client = await ClientAsync(factory, municipality, ApiScopes.All.ToArray());
        var jobsOnly = await ClientAsync(factory, municipality, ApiScopes.Jobs);
        var (instanceId, key) = await StartAdHocAsync(factory, municipality);

        var route = $"/v2/element-instances/ad-hoc-activities/{key}/activation";
        var noScope = await jobsOnly.PostAsJsonAsync(route, new { elements = new[] { new { elementId = "lageplan" } } });
        var withFlow = await client.PostAsJsonAsync(route, new { elements = new[] { new { elementId = "vermerk" } } });
        var unknownKey = await client.PostAsJsonAsync($"/v2/element-instances/ad-hoc-activities/{instanceId}/activation", new { elements = new[] { new { elementId = "lageplan" } } });
        var activated = await client.PostAsJsonAsync(route, new { elements = new[] { new { elementId = "lageplan", variables = new { unterlage = "Lageplan" } } } });

        Assert.Equal(HttpStatusCode.Forbidden, noScope.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withFlow.StatusCode);
        Assert.Contains("'vermerk' ist kein Element des Ad-hoc-Teilprozesses 'pruefungen'", (await withFlow.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownKey.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, activated.StatusCode);
        await using var tenant = factory.Services.CreateTenantScope(municipality.Id);
        var instance = await tenant.ServiceProvider.GetRequiredService<IProcessEngine>().GetProcessInstanceAsync(instanceId);
        Assert.Equal(ProcessInstanceState.Completed, instance.State);
        Assert.Equal("geprüft: Lageplan", instance.Variables["ergebnis"]!.GetValue<string>());
        Assert.Equal("vermerkt", instance.Variables["notiz"]!.GetValue<string>());
    }

    /// <summary>Starts an instance of the municipality that waits in an ad-hoc sub-process; returns the instance and the sub-process's key.</summary>
    internal static async Task<(Guid InstanceId, Guid Key)> StartAdHocAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
        await engine.DeployAsync(new DeploymentRequest("Prüfung", [new DeploymentResource("pruefung.bpmn", Diagram)]));
        var instance = await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "pruefung" });
        var key = await scope.ServiceProvider.GetRequiredService<EngineDbContext>().Executions
            .Where(e => e.ProcessInstanceId == instance.Id && e.ElementId == "pruefungen" && e.Kind == ExecutionKind.Token).Select(e => e.Id).SingleAsync();
        return (instance.Id, key);
    }

    internal static async Task<HttpClient> ClientAsync(AmtswegFactory factory, Municipality municipality, params string[] scopes)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>().CreateAsync(municipality.Ags, "Fachverfahren", scopes, CancellationToken.None);
        return BearerAuthenticationTests.Bearer(factory, await BearerAuthenticationTests.TokenAsync(factory, created.Value!));
    }
}
