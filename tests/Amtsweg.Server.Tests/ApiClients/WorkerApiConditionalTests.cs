using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.ApiClients;

/// <summary>POST /v2/conditionals/evaluation (Camunda 8.9) starts the processes whose conditional start event holds, in the client's municipality only.</summary>
public class WorkerApiConditionalTests
{
    private const string Diagram = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="http://amtsweg.example/test">
          <bpmn:process id="grossantrag" isExecutable="true">
            <bpmn:startEvent id="gross"><bpmn:outgoing>f1</bpmn:outgoing><bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">= orderAmount &gt; 500</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>
            <bpmn:userTask id="pruefen"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
            <bpmn:endEvent id="ende"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="gross" targetRef="pruefen" />
            <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="ende" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Theory]
    [AllProviders]
    public async Task EvaluateConditionals_StartsProcessWhoseConditionHolds_WhenClientPostsVariables(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var other = await factory.CreateMunicipalityAsync();
        var client = await ClientAsync(factory, municipality, ApiScopes.All.ToArray());
        var otherClient = await ClientAsync(factory, other, ApiScopes.All.ToArray());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v2/deployments", Multipart(("antrag.bpmn", Diagram)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherClient.PostAsync("/v2/deployments", Multipart(("antrag.bpmn", Diagram)))).StatusCode);

        // The request of Camunda's REST API documentation ("Evaluate conditionals across all process definitions").
        var evaluated = await client.PostAsJsonAsync("/v2/conditionals/evaluation", new { variables = new { orderAmount = 1000, region = "EU" } });
        var nothing = await client.PostAsJsonAsync("/v2/conditionals/evaluation", new { variables = new { orderAmount = 100 } });
        var foreign = await client.PostAsJsonAsync("/v2/conditionals/evaluation", new { tenantId = other.Id.ToString(), variables = new { orderAmount = 1000 } });
        var missing = await client.PostAsJsonAsync("/v2/conditionals/evaluation", new { processDefinitionKey = Guid.CreateVersion7().ToString(), variables = new { orderAmount = 1000 } });

        Assert.Equal(HttpStatusCode.OK, evaluated.StatusCode);
        var result = await evaluated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(municipality.Id.ToString(), result.GetProperty("tenantId").GetString());
        Assert.Equal(JsonValueKind.String, result.GetProperty("conditionalEvaluationKey").ValueKind);
        var started = Assert.Single(result.GetProperty("processInstances").EnumerateArray());
        Assert.Equal(JsonValueKind.String, started.GetProperty("processDefinitionKey").ValueKind);
        Assert.Empty((await nothing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("processInstances").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            var instance = await scope.ServiceProvider.GetRequiredService<IProcessEngine>().GetProcessInstanceAsync(Guid.Parse(started.GetProperty("processInstanceKey").GetString()!));
            Assert.Equal(["pruefen"], instance.ActiveElementIds);
            Assert.Equal("EU", instance.Variables["region"]!.GetValue<string>());
        }

        await using (var scope = factory.Services.CreateTenantScope(other.Id))
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<IProcessEngine>().QueryUserTasksAsync(new UserTaskQuery()));
        }
    }

    [Theory]
    [AllProviders]
    public async Task EvaluateConditionals_IsForbidden_WhenClientLacksProcessInstancesScope(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var client = await ClientAsync(factory, municipality, ApiScopes.Messages);

        var evaluated = await client.PostAsJsonAsync("/v2/conditionals/evaluation", new { variables = new { orderAmount = 1000 } });

        Assert.Equal(HttpStatusCode.Forbidden, evaluated.StatusCode);
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
