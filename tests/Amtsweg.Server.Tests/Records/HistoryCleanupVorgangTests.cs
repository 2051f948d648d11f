using System.Net;
using System.Net.Http.Json;
using Amtsweg.Casework;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Server.Features.Records;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Records;

public sealed class HistoryCleanupVorgangTests
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="Auskunft" isExecutable="true" camunda:historyTimeToLive="1">
            <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:endEvent id="Ende"><bpmn:incoming>F1</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Ende" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    // The Vorgang's history asked the engine for every linked instance and failed with a server error once the
    // cleanup had deleted the history of a disposed Vorgang's instance.
    [Theory]
    [AllProviders]
    public async Task Bug_VorgangHistoryFailed_WhenCleanupDeletedTheHistoryOfItsDisposedVorgang(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, new() { ["Amtsweg:HistoryCleanup:Enabled"] = "false" });
        var municipality = await factory.CreateMunicipalityAsync();
        var position = await factory.CreatePositionAsync(municipality);
        FiledInstance filed;
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            await scope.ServiceProvider.GetRequiredService<IProcessEngine>().DeployAsync(new DeploymentRequest("auskunft.bpmn", [new DeploymentResource("auskunft.bpmn", Bpmn)]));
            filed = await scope.ServiceProvider.GetRequiredService<ProcessFiling>().StartAsync("Auskunft", new VorgangTarget(PositionId: position.Id, Title: "Auskunft Müller"), null, "test", CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>().ExecuteAsync(new CloseVorgangCommand(filed.Vorgang.Id), "test", CancellationToken.None);
        }

        // The Aussonderung itself is tested in the e-file; here only its end state matters.
        await factory.RecordsAsync(municipality, db => db.Vorgaenge.Where(v => v.Id == filed.Vorgang.Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.State, RecordState.Disposed)));
        factory.Clock.Advance(TimeSpan.FromDays(2));
        HistoryCleanupResult cleaned;
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            cleaned = await scope.ServiceProvider.GetRequiredService<HistoryCleanup>().RunAsync(dryRun: false);
        }

        var clerk = await factory.SignInAsClerkAsync(municipality);
        var response = await clerk.GetAsync($"/api/vorgaenge/{filed.Vorgang.Id}/history");

        Assert.Equal(1, cleaned.ProcessInstances);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var history = Assert.Single((await response.Content.ReadFromJsonAsync<List<ProcessHistoryResponse>>(ProcessFilingTests.Json))!);
        Assert.Equal(filed.Instance.Id, history.ProcessInstanceId);
        Assert.Empty(history.Events);
    }
}
