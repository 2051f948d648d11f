using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.ApiClients;

/// <summary>POST /v2/deployments (multipart, BPMN and .form files) and POST /v2/messages/correlation in the shapes of the Camunda 8 REST API.</summary>
public class WorkerApiDeploymentAndMessageTests
{
    private const string Diagram = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://amtsweg.example/test">
          <bpmn:process id="zahlung" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:intermediateCatchEvent id="warten"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="ende"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="warten" />
            <bpmn:sequenceFlow id="f2" sourceRef="warten" targetRef="ende" />
          </bpmn:process>
          <bpmn:message id="m" name="Zahlungseingang"><bpmn:extensionElements><zeebe:subscription correlationKey="=aktenzeichen" /></bpmn:extensionElements></bpmn:message>
        </bpmn:definitions>
        """;

    // Camunda Modeler 8 links a form by default: the task names the form's id, the .form file is deployed with the diagram.
    private const string LinkedFormDiagram = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://amtsweg.example/test">
          <bpmn:process id="antrag" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:userTask id="pruefen" name="Antrag prüfen"><bpmn:extensionElements><zeebe:userTask /><zeebe:formDefinition formId="antrag-form" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
            <bpmn:endEvent id="ende"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pruefen" />
            <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="ende" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const string LinkedForm = """
        { "id": "antrag-form", "type": "default", "schemaVersion": 16, "components": [ { "type": "textfield", "key": "name", "label": "Name" } ] }
        """;

    [Theory]
    [AllProviders]
    public async Task DeployStartAndCorrelate_WorkThroughWorkerApi_WhenClientHasScopes(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var client = await ClientAsync(factory, municipality, ApiScopes.All.ToArray());

        var deployed = await client.PostAsync("/v2/deployments", Multipart(("zahlung.bpmn", Diagram)));

        Assert.Equal(HttpStatusCode.OK, deployed.StatusCode);
        var deployment = await deployed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(municipality.Id.ToString(), deployment.GetProperty("tenantId").GetString());
        Assert.Equal(JsonValueKind.String, deployment.GetProperty("deploymentKey").ValueKind);
        var process = Assert.Single(deployment.GetProperty("deployments").EnumerateArray()).GetProperty("processDefinition");
        Assert.Equal("zahlung", process.GetProperty("processDefinitionId").GetString());
        Assert.Equal(1, process.GetProperty("processDefinitionVersion").GetInt32());
        Assert.Equal("zahlung.bpmn", process.GetProperty("resourceName").GetString());
        var started = await client.PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = "zahlung", variables = new { aktenzeichen = "AZ-7" } });
        var instanceKey = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("processInstanceKey").GetString();

        var correlated = await client.PostAsJsonAsync("/v2/messages/correlation", new { name = "Zahlungseingang", correlationKey = "AZ-7", variables = new { betrag = 42 } });
        var again = await client.PostAsJsonAsync("/v2/messages/correlation", new { name = "Zahlungseingang", correlationKey = "AZ-7" });

        Assert.Equal(HttpStatusCode.OK, correlated.StatusCode);
        var result = await correlated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(instanceKey, result.GetProperty("processInstanceKey").GetString());
        Assert.Equal(municipality.Id.ToString(), result.GetProperty("tenantId").GetString());
        Assert.Equal(JsonValueKind.String, result.GetProperty("messageKey").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var instance = await scope.ServiceProvider.GetRequiredService<IProcessEngine>().GetProcessInstanceAsync(Guid.Parse(instanceKey!));
        Assert.Equal(ProcessInstanceState.Completed, instance.State);
        Assert.Equal(42, instance.Variables["betrag"]!.GetValue<int>());
    }

    [Theory]
    [AllProviders]
    public async Task PublishMessage_IsDeliveredToInstanceStartedLater_WhenTimeToLiveIsSet(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var client = await ClientAsync(factory, municipality, ApiScopes.All.ToArray());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v2/deployments", Multipart(("zahlung.bpmn", Diagram)))).StatusCode);

        // The request of Camunda's REST API documentation (POST /v2/messages/publication).
        var published = await client.PostAsJsonAsync("/v2/messages/publication", new
        {
            name = "Zahlungseingang",
            correlationKey = "AZ-8",
            timeToLive = 60_000,
            messageId = "kasse-2026-0815",
            variables = new { betrag = 17 },
            tenantId = "<default>",
        });
        var repeated = await client.PostAsJsonAsync("/v2/messages/publication", new { name = "Zahlungseingang", correlationKey = "AZ-8", timeToLive = 60_000, messageId = "kasse-2026-0815" });
        var negative = await client.PostAsJsonAsync("/v2/messages/publication", new { name = "Zahlungseingang", correlationKey = "AZ-8", timeToLive = -1 });
        var foreign = await client.PostAsJsonAsync("/v2/messages/publication", new { name = "Zahlungseingang", correlationKey = "AZ-8", tenantId = Guid.NewGuid().ToString() });
        var started = await client.PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = "zahlung", variables = new { aktenzeichen = "AZ-8" } });

        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var result = await published.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(municipality.Id.ToString(), result.GetProperty("tenantId").GetString());
        Assert.Equal(JsonValueKind.String, result.GetProperty("messageKey").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, repeated.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        var instanceKey = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("processInstanceKey").GetString();
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var instance = await scope.ServiceProvider.GetRequiredService<IProcessEngine>().GetProcessInstanceAsync(Guid.Parse(instanceKey!));
        Assert.Equal(ProcessInstanceState.Completed, instance.State);
        Assert.Equal(17, instance.Variables["betrag"]!.GetValue<int>());
    }

    [Theory]
    [AllProviders]
    public async Task BroadcastSignal_ReachesWaitingInstances_WhenClientHasMessagesScope(DatabaseProvider provider)
    {
        const string signalDiagram = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://amtsweg.example/test">
              <bpmn:process id="verfahren" isExecutable="true">
                <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                <bpmn:intermediateCatchEvent id="eingestellt"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateCatchEvent>
                <bpmn:endEvent id="ende"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="eingestellt" />
                <bpmn:sequenceFlow id="f2" sourceRef="eingestellt" targetRef="ende" />
              </bpmn:process>
              <bpmn:signal id="s" name="verfahren-eingestellt" />
            </bpmn:definitions>
            """;
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var client = await ClientAsync(factory, municipality, ApiScopes.All.ToArray());
        var jobsOnly = await ClientAsync(factory, municipality, ApiScopes.Jobs);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v2/deployments", Multipart(("verfahren.bpmn", signalDiagram)))).StatusCode);
        var instanceKey = (await (await client.PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = "verfahren" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("processInstanceKey").GetString();

        var noScope = await jobsOnly.PostAsJsonAsync("/v2/signals/broadcast", new { signalName = "verfahren-eingestellt" });
        var noName = await client.PostAsJsonAsync("/v2/signals/broadcast", new { variables = new { grund = "x" } });
        var broadcast = await client.PostAsJsonAsync("/v2/signals/broadcast", new { signalName = "verfahren-eingestellt", variables = new { grund = "Antrag zurückgenommen" } });

        Assert.Equal(HttpStatusCode.Forbidden, noScope.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Equal(HttpStatusCode.OK, broadcast.StatusCode);
        var result = await broadcast.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(municipality.Id.ToString(), result.GetProperty("tenantId").GetString());
        Assert.Equal(JsonValueKind.String, result.GetProperty("signalKey").ValueKind);
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var instance = await scope.ServiceProvider.GetRequiredService<IProcessEngine>().GetProcessInstanceAsync(Guid.Parse(instanceKey!));
        Assert.Equal(ProcessInstanceState.Completed, instance.State);
        Assert.Equal("Antrag zurückgenommen", instance.Variables["grund"]!.GetValue<string>());
    }

    [Theory]
    [AllProviders]
    public async Task Deployment_IsRefused_WhenScopeIsMissingOrModelIsBroken(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var jobsOnly = await ClientAsync(factory, municipality, ApiScopes.Jobs);
        var deployer = await ClientAsync(factory, municipality, ApiScopes.Deployments, ApiScopes.Messages);

        var noScope = await jobsOnly.PostAsync("/v2/deployments", Multipart(("zahlung.bpmn", Diagram)));
        var broken = await deployer.PostAsync("/v2/deployments", Multipart(("kaputt.bpmn", "<bpmn:definitions")));
        var empty = await deployer.PostAsync("/v2/deployments", new MultipartFormDataContent { { new StringContent(municipality.Id.ToString()), "tenantId" } });
        var foreignTenant = await deployer.PostAsync("/v2/deployments", new MultipartFormDataContent { { new StringContent(Guid.NewGuid().ToString()), "tenantId" } });
        var noMessageName = await deployer.PostAsJsonAsync("/v2/messages/correlation", new { correlationKey = "AZ-7" });

        Assert.Equal(HttpStatusCode.Forbidden, noScope.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("engine.deployment-invalid", (await broken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("engine.deployment-empty", (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, foreignTenant.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noMessageName.StatusCode);
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<IProcessEngine>().ListProcessDefinitionsAsync());
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_ListsFormAndTaskGetsIt_WhenBpmnAndLinkedFormAreUploaded(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var client = await ClientAsync(factory, municipality, ApiScopes.All.ToArray());

        var deployed = await client.PostAsync("/v2/deployments", Multipart(("antrag.bpmn", LinkedFormDiagram), ("antrag.form", LinkedForm)));
        var again = await client.PostAsync("/v2/deployments", Multipart(("antrag.form", LinkedForm)));
        var broken = await client.PostAsync("/v2/deployments", Multipart(("kaputt.form", "{ \"components\": [] }")));
        var started = await client.PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = "antrag" });

        Assert.Equal(HttpStatusCode.OK, deployed.StatusCode);
        var items = (await deployed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deployments").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.False(items[0].TryGetProperty("form", out _));
        Assert.False(items[1].TryGetProperty("processDefinition", out _));
        var form = items[1].GetProperty("form");
        Assert.Equal(("antrag-form", 1, "antrag.form", municipality.Id.ToString()), (form.GetProperty("formId").GetString(), form.GetProperty("version").GetInt32(), form.GetProperty("resourceName").GetString(), form.GetProperty("tenantId").GetString()));
        var formKey = form.GetProperty("formKey").GetString();
        var redeployed = Assert.Single((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deployments").EnumerateArray()).GetProperty("form");
        Assert.Equal((1, formKey), (redeployed.GetProperty("version").GetInt32(), redeployed.GetProperty("formKey").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains(
            "kaputt.form: Das Formular in 'kaputt.form' kann nicht bereitgestellt werden: Das Formular hat keine ID",
            (await broken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var instanceKey = Guid.Parse((await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("processInstanceKey").GetString()!);
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
        var task = Assert.Single(await engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instanceKey }));
        Assert.Equal("antrag-form", task.FormId);
        Assert.Equal(LinkedForm, await engine.GetUserTaskFormAsync(task.Id));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_IsRefusedWithConflict_AndDeploysNothing_WhenTheMunicipalityHasFourEyesOn(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var client = await ClientAsync(factory, municipality, ApiScopes.All.ToArray());
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().UsePlatformScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            (await db.Municipalities.FindAsync(municipality.Id))!.FourEyesDeployments = true;
            await db.SaveChangesAsync();
        }

        var refused = await client.PostAsync("/v2/deployments", Multipart(("zahlung.bpmn", Diagram)));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("deployment.four-eyes-required", problem.GetProperty("code").GetString());
        await using var tenantScope = factory.Services.CreateTenantScope(municipality.Id);
        Assert.Empty(await tenantScope.ServiceProvider.GetRequiredService<IProcessEngine>().ListProcessDefinitionsAsync());
    }

    private static async Task<HttpClient> ClientAsync(AmtswegFactory factory, Municipality municipality, params string[] scopes)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>().CreateAsync(municipality.Ags, "Fachverfahren", scopes, CancellationToken.None);
        return BearerAuthenticationTests.Bearer(factory, await BearerAuthenticationTests.TokenAsync(factory, created.Value!));
    }

    private static MultipartFormDataContent Multipart(params (string Name, string Content)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, text) in files)
        {
            content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "resources", name);
        }

        return content;
    }
}
