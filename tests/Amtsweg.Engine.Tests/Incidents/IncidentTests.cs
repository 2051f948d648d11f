using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Incidents;

public sealed class IncidentTests
{
    [Theory]
    [AllProviders]
    public async Task RetryIncident_RunsJobAgain_WhenRetriesAreSet(DatabaseProvider provider)
    {
        var reachable = false;
        var handler = new DelegateHandler("melderegister-abfrage", c => reachable
            ? new Dictionary<string, object?> { ["wohnsitz"] = c.Variables["ort"]!.GetValue<string>() }
            : throw new InvalidOperationException("Melderegister nicht erreichbar"));
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(IncidentTests));
        // The handler's one retry is used up by its call inside the start command.
        var instance = await host.StartAsync("incident");
        var incident = Assert.Single((await host.GetAsync(instance.Id)).Incidents);
        Assert.NotNull(incident.JobId);
        Assert.Equal(("Melderegister abfragen", "serviceTask"), (incident.ElementName, incident.ElementType));
        reachable = true;

        var resolved = await host.Engine.RetryIncidentAsync(new RetryIncidentRequest(incident.Id, Retries: 2, Variables: Variables.Of(new { ort = "Musterstadt" }), UserId: "betrieb"));

        Assert.Equal(EngineHost.StartTime, resolved.ResolvedAt);
        Assert.Empty((await host.GetAsync(instance.Id)).Incidents);
        Assert.Equal(2, await host.QueryAsync(db => db.Jobs.Single().Retries));
        Assert.Equal(new JobExecutionSummary(1, 0), await host.Engine.ExecuteDueJobsAsync());
        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["check"], state.ActiveElementIds);
        Assert.Equal("Musterstadt", state.Variables["wohnsitz"]!.GetValue<string>());
        var listed = Assert.Single(await host.Engine.GetIncidentsAsync(instance.Id));
        Assert.Equal(incident.Id, listed.Id);
        Assert.NotNull(listed.ResolvedAt);
        var history = await host.Engine.GetHistoryAsync(instance.Id);
        Assert.Contains(history, e => e.Type == HistoryEventTypes.IncidentResolved && e.UserId == "betrieb" && e.ElementId == "lookup");
    }

    [Theory]
    [AllProviders]
    public async Task RetryIncident_ContinuesFromStart_WhenInstanceFailedBeforeFirstWaitState(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(IncidentTests));
        var failure = await Assert.ThrowsAsync<ProcessIncidentException>(() => host.StartAsync("incident", new { betrag = "zu hoch" }));
        Assert.Equal("high", failure.Incident.ElementId);

        await Assert.ThrowsAsync<InvalidEngineStateException>(() => host.Engine.RetryIncidentAsync(new RetryIncidentRequest(failure.Incident.Id, Retries: 3)));
        await host.Engine.RetryIncidentAsync(new RetryIncidentRequest(failure.Incident.Id, Variables: Variables.Of(new { betrag = 150 })));

        var state = await host.GetAsync(failure.Incident.ProcessInstanceId!.Value);
        Assert.Equal(["approve"], state.ActiveElementIds);
        Assert.Equal(150, state.Variables["betrag"]!.GetValue<int>());
        Assert.Empty(state.Incidents);
        await Assert.ThrowsAsync<InvalidEngineStateException>(() => host.Engine.RetryIncidentAsync(new RetryIncidentRequest(failure.Incident.Id)));
    }

    // Issue 10: clerks read "Unknown name 'flaeche' (line 1, column 1)" inside a German page.
    [Theory]
    [AllProviders]
    public async Task Bug_IncidentMessage_WasEnglish_WhenConditionNamesAnUnknownVariable(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(IncidentTests));

        var failure = await Assert.ThrowsAsync<ProcessIncidentException>(() => host.StartAsync("flaeche"));

        var incident = Assert.Single((await host.GetAsync(failure.Incident.ProcessInstanceId!.Value)).Incidents);
        Assert.Equal(
            "Die Bedingung 'flaeche > 100' muss wahr oder falsch ergeben, ergab aber null: Unbekannter Name 'flaeche' (Zeile 1, Spalte 1).",
            incident.Message);
        Assert.Equal(incident.Message, failure.Incident.Message);
        // People read the step by its name: the unnamed flow "high" by the gateway it leaves.
        var listed = Assert.Single(await host.Engine.QueryIncidentsAsync(new IncidentQuery { Open = true }));
        foreach (var named in new[] { incident, failure.Incident, listed })
        {
            Assert.Equal(("high", "Große Fläche?", "sequenceFlow"), (named.ElementId, named.ElementName, named.ElementType));
        }
    }

    [Theory]
    [AllProviders]
    public async Task RetryIncident_KeepsIncidentOpenWithNewMessage_WhenRetryFailsAgain(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(IncidentTests));
        var failure = await Assert.ThrowsAsync<ProcessIncidentException>(() => host.StartAsync("incident", new { betrag = "zu hoch" }));
        host.Clock.Advance(TimeSpan.FromHours(1));

        var again = await Assert.ThrowsAsync<ProcessIncidentException>(() => host.Engine.RetryIncidentAsync(new RetryIncidentRequest(failure.Incident.Id, Variables: Variables.Of(new { betrag = new[] { 1, 2 } }))));

        Assert.Equal(failure.Incident.Id, again.Incident.Id);
        var state = await host.GetAsync(failure.Incident.ProcessInstanceId!.Value);
        var incident = Assert.Single(state.Incidents);
        Assert.Contains("betrag > 100", incident.Message, StringComparison.Ordinal);
        Assert.Equal(EngineHost.StartTime.AddHours(1), incident.CreatedAt);
        Assert.Equal("zu hoch", state.Variables["betrag"]!.GetValue<string>());
        Assert.Equal(["start"], state.ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task ResolveIncident_LetsTaskBeCompletedAgain_WhenCompletionFailed(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(IncidentTests));
        var instance = await host.StartAsync("incident");
        var failure = await Assert.ThrowsAsync<ProcessIncidentException>(() => host.CompleteSingleTaskAsync(instance.Id, new { betrag = "viel" }));

        var resolved = await host.Engine.ResolveIncidentAsync(failure.Incident.Id, "leitung");

        Assert.NotNull(resolved.ResolvedAt);
        Assert.Empty((await host.GetAsync(instance.Id)).Incidents);
        await host.CompleteSingleTaskAsync(instance.Id, new { betrag = 50 });
        Assert.Equal(["book"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        await Assert.ThrowsAsync<InvalidEngineStateException>(() => host.Engine.ResolveIncidentAsync(failure.Incident.Id));
        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => host.Engine.ResolveIncidentAsync(Guid.CreateVersion7()));
    }

    [Theory]
    [AllProviders]
    public async Task ResolveIncident_Fails_WhenIncidentStoppedAJob(DatabaseProvider provider)
    {
        var handler = new DelegateHandler("melderegister-abfrage", _ => throw new InvalidOperationException("Melderegister nicht erreichbar"));
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(IncidentTests));
        var instance = await host.StartAsync("incident");
        await host.Engine.ExecuteDueJobsAsync();
        var incident = Assert.Single((await host.GetAsync(instance.Id)).Incidents);

        await Assert.ThrowsAsync<InvalidEngineStateException>(() => host.Engine.ResolveIncidentAsync(incident.Id));

        Assert.Single((await host.GetAsync(instance.Id)).Incidents);
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Single().Retries));
    }

    [Theory]
    [AllProviders]
    public async Task CancelProcessInstance_EndsTokensTasksJobsAndIncidents_WhenInstanceRuns(DatabaseProvider provider)
    {
        var handler = new DelegateHandler("melderegister-abfrage", _ => throw new InvalidOperationException("Melderegister nicht erreichbar"));
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(IncidentTests));
        var instance = await host.StartAsync("incident");
        await host.Engine.ExecuteDueJobsAsync();
        Assert.Single((await host.GetAsync(instance.Id)).Incidents);

        var canceled = await host.Engine.CancelProcessInstanceAsync(instance.Id, "leitung");

        Assert.Equal(ProcessInstanceState.Canceled, canceled.State);
        Assert.Empty(canceled.ActiveElementIds);
        Assert.Empty(await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id }));
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count() + db.Executions.Count() + db.EventSubscriptions.Count()));
        Assert.All(await host.Engine.GetIncidentsAsync(instance.Id), i => Assert.NotNull(i.ResolvedAt));
        Assert.Equal(UserTaskState.Canceled, await host.QueryAsync(db => db.UserTasks.Single().State));
        Assert.Contains(await host.Engine.GetHistoryAsync(instance.Id), e => e.Type == HistoryEventTypes.ProcessInstanceCanceled && e.UserId == "leitung");
        await Assert.ThrowsAsync<InvalidEngineStateException>(() => host.Engine.CancelProcessInstanceAsync(instance.Id));
    }
}
