using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Execution;

/// <summary>
/// Conditional events (Camunda 8): intermediate catch, boundary (interrupting and not), event sub-process start
/// (interrupting and not) and process-level start; evaluated when their scope is entered and whenever a variable they
/// can see changes; they fire when the condition turns from false to true.
/// </summary>
public sealed class ConditionalEventTests
{
    [Theory]
    [AllProviders]
    public async Task IntermediateCatch_WaitsUntilConditionHolds_WhenTaskCompletionSetsVariable(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ConditionalEventTests));
        var instance = await host.StartAsync("warten", new { unterlagenVollstaendig = false });
        Assert.Equal(["nachreichen", "vollstaendig"], instance.ActiveElementIds.Order(StringComparer.Ordinal));

        await host.CompleteSingleTaskAsync(instance.Id, new { unterlagenVollstaendig = true });

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["pruefen"], state.ActiveElementIds);
        Assert.Equal(0, await host.QueryAsync(db => db.EventSubscriptions.Count(s => s.ProcessInstanceId == instance.Id)));
        Assert.Contains(await host.Engine.GetHistoryAsync(instance.Id), e => e.Type == HistoryEventTypes.ConditionMet && e.ElementId == "vollstaendig");
    }

    [Theory]
    [AllProviders]
    public async Task IntermediateCatch_PassesAtOnce_WhenConditionAlreadyHolds(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ConditionalEventTests));

        var instance = await host.StartAsync("warten", new { unterlagenVollstaendig = true });

        Assert.Equal(["pruefen"], instance.ActiveElementIds);
        Assert.Equal(0, await host.QueryAsync(db => db.EventSubscriptions.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Boundary_InterruptsTask_WhenTaskCompletionMakesConditionTrue(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ConditionalEventTests));
        var instance = await host.StartAsync("antrag");
        var bearbeiten = Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id, ElementId = "bearbeiten" }));
        var aendern = Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id, ElementId = "aendern" }));

        await host.Engine.CompleteUserTaskAsync(aendern.Id, Variables.Of(new { antragGeaendert = true }));

        Assert.Equal(["aenderungPruefen"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Equal(UserTaskState.Canceled, (await host.Engine.GetUserTaskAsync(bearbeiten.Id)).State);
    }

    [Theory]
    [AllProviders]
    public async Task Boundary_DoesNotFire_WhenVariableChangesInAnotherInstance(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ConditionalEventTests));
        var changed = await host.StartAsync("antrag");
        var other = await host.StartAsync("antrag");
        var aendern = Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = changed.Id, ElementId = "aendern" }));

        await host.Engine.CompleteUserTaskAsync(aendern.Id, Variables.Of(new { antragGeaendert = true }));

        Assert.Equal(["aenderungPruefen"], (await host.GetAsync(changed.Id)).ActiveElementIds);
        Assert.Equal(["aendern", "bearbeiten"], (await host.GetAsync(other.Id)).ActiveElementIds.Order(StringComparer.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task NonInterruptingBoundary_FiresOnEachChangeFromFalseToTrue_WhenConditionFlips(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ConditionalEventTests));
        var instance = await host.StartAsync("antrag");

        async Task<int> ChangeAsync(bool dringend)
        {
            var aendern = Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id, ElementId = "aendern" }));
            await host.Engine.CompleteUserTaskAsync(aendern.Id, Variables.Of(new { dringend, weiter = true }));
            return (await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id, ElementId = "aenderungPruefen" })).Count;
        }

        Assert.Equal(1, await ChangeAsync(true));
        Assert.Equal(1, await ChangeAsync(true));
        Assert.Equal(1, await ChangeAsync(false));
        Assert.Equal(2, await ChangeAsync(true));
        Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id, ElementId = "bearbeiten" }));
    }

    [Theory]
    [AllProviders]
    public async Task Boundary_FiresAtActivation_WhenConditionAlreadyHolds(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ConditionalEventTests));

        var instance = await host.StartAsync("antrag", new { betrag = 25000 });

        Assert.Equal(["leitung"], instance.ActiveElementIds);
        Assert.Equal(["start", "bearbeiten", "zuHoch", "leitung"], await host.EnteredAsync(instance.Id));
        var normal = await host.StartAsync("antrag", new { betrag = 500 });
        Assert.Equal(["bearbeiten"], normal.ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task Boundary_Fires_WhenScriptInSameCommandSetsVariable(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ConditionalEventTests));
        var instance = await host.StartAsync("gebuehr");
        var erfassen = Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id, ElementId = "erfassen" }));

        await host.Engine.CompleteUserTaskAsync(erfassen.Id, Variables.Of(new { menge = 3 }));

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["leitung"], state.ActiveElementIds);
        Assert.Equal(150, state.Variables["gebuehr"]!.GetValue<int>());
    }

    [Theory]
    [AllProviders]
    public async Task Boundary_IgnoresUpdate_WhenVariableEventsFilterIsCreateOnly(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ConditionalEventTests));
        var updated = await host.StartAsync("antrag", new { antragGeaendert = false });
        var created = await host.StartAsync("antrag");

        foreach (var id in new[] { updated.Id, created.Id })
        {
            var aendern = Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = id, ElementId = "aendern" }));
            await host.Engine.CompleteUserTaskAsync(aendern.Id, Variables.Of(new { antragGeaendert = true, weiter = true }));
        }

        Assert.Equal(["aendern", "bearbeiten"], (await host.GetAsync(updated.Id)).ActiveElementIds.Order(StringComparer.Ordinal));
        Assert.Equal(["aendern", "aenderungPruefen"], (await host.GetAsync(created.Id)).ActiveElementIds.Order(StringComparer.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task Boundary_RaisesIncidentAtEvent_WhenConditionIsNotBoolean(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ConditionalEventTests));
        var instance = await host.StartAsync("antrag");
        Assert.Equal(["aendern", "bearbeiten"], instance.ActiveElementIds.Order(StringComparer.Ordinal));
        var aendern = Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id, ElementId = "aendern" }));

        var failure = await Assert.ThrowsAsync<ProcessIncidentException>(() => host.Engine.CompleteUserTaskAsync(aendern.Id, Variables.Of(new { status = "geändert" })));

        Assert.Equal("geaendert", failure.Incident.ElementId);
        Assert.Equal("Die Bedingung 'status' des bedingten Ereignisses 'geaendert' muss wahr oder falsch ergeben, ergab aber geändert.", failure.Incident.Message);
        Assert.Equal(UserTaskState.Created, (await host.Engine.GetUserTaskAsync(aendern.Id)).State);
    }

    [Theory]
    [AllProviders]
    public async Task EventSubProcess_InterruptsInstance_WhenConditionTurnsTrue(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ConditionalEventTests));
        var instance = await host.StartAsync("antrag");

        await host.CompleteSingleTaskAsync(instance.Id, new { zurueckgenommen = true });

        Assert.Equal(["einstellen", "esp"], (await host.GetAsync(instance.Id)).ActiveElementIds.Order(StringComparer.Ordinal));
        await host.CompleteSingleTaskAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(instance.Id)).State);
    }

    [Theory]
    [AllProviders]
    public async Task EventSubProcess_StartsAtInstanceStart_WhenConditionAlreadyHolds(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ConditionalEventTests));

        var instance = await host.StartAsync("antrag", new { zurueckgenommen = true });

        Assert.Equal(["einstellen", "esp"], instance.ActiveElementIds.Order(StringComparer.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task NonInterruptingEventSubProcess_RunsBesideScope_WhenConditionTurnsTrue(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ConditionalEventTests));
        var instance = await host.StartAsync("antrag", new { betrag = 200 });

        await host.CompleteSingleTaskAsync(instance.Id, new { betrag = 5000 });

        Assert.Equal(["entscheiden", "esp", "informieren"], (await host.GetAsync(instance.Id)).ActiveElementIds.Order(StringComparer.Ordinal));
        var entscheiden = Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id, ElementId = "entscheiden" }));
        await host.Engine.CompleteUserTaskAsync(entscheiden.Id);
        Assert.Equal(["esp", "informieren"], (await host.GetAsync(instance.Id)).ActiveElementIds.Order(StringComparer.Ordinal));
        await host.CompleteSingleTaskAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(instance.Id)).State);
    }

    [Theory]
    [AllProviders]
    public async Task EvaluateConditionalStartEvents_StartsEveryProcessWhoseConditionHolds_WhenVariablesAreGiven(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var deployment = await host.DeployAsync(typeof(ConditionalEventTests));
        var otherTenant = Guid.CreateVersion7();
        await using (var scope = host.CreateScope(otherTenant))
        {
            await scope.ServiceProvider.GetRequiredService<IProcessEngine>().DeployAsync(new DeploymentRequest("other", [Diagrams.Resource(typeof(ConditionalEventTests), nameof(EvaluateConditionalStartEvents_StartsEveryProcessWhoseConditionHolds_WhenVariablesAreGiven))]));
        }

        var result = await host.Engine.EvaluateConditionalStartEventsAsync(new EvaluateConditionalStartEventsRequest(Variables.Of(new { betrag = 5000 })));

        var started = new List<ProcessInstanceInfo>();
        foreach (var instance in result.ProcessInstances)
        {
            started.Add(await host.GetAsync(instance.ProcessInstanceId));
        }

        Assert.Equal(["grossantrag", "meldung", "meldung"], started.Select(i => i.ProcessId).Order(StringComparer.Ordinal));
        Assert.All(started, i => Assert.Equal(5000, i.Variables["betrag"]!.GetValue<int>()));
        Assert.All(result.ProcessInstances, p => Assert.Contains(deployment.ProcessDefinitions, d => d.Id == p.ProcessDefinitionId));
        await using (var scope = host.CreateScope(otherTenant))
        {
            var other = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
            Assert.Empty(await other.QueryUserTasksAsync(new UserTaskQuery()));
        }

        var klein = deployment.ProcessDefinitions.Single(d => d.ProcessId == "kleinantrag");
        var none = await host.Engine.EvaluateConditionalStartEventsAsync(new EvaluateConditionalStartEventsRequest(Variables.Of(new { betrag = 5000 }), klein.Id));
        Assert.Empty(none.ProcessInstances);
        var small = Assert.Single((await host.Engine.EvaluateConditionalStartEventsAsync(new EvaluateConditionalStartEventsRequest(Variables.Of(new { betrag = 100 }), klein.Id))).ProcessInstances);
        Assert.Equal(["sachbearbeitung"], (await host.GetAsync(small.ProcessInstanceId)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task IntermediateCatch_Passes_WhenServiceTaskResultSetsVariable(DatabaseProvider provider)
    {
        var handler = new DelegateHandler("melderegister-abfrage", _ => new Dictionary<string, object?> { ["gefunden"] = true });
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(ConditionalEventTests));
        // The handler runs inside the start command; its result makes the waiting catch event pass in the same command.
        var instance = await host.StartAsync("abfrage");

        Assert.Equal(["weiter"], instance.ActiveElementIds);
        Assert.Single(handler.Calls);
    }

    [Theory]
    [AllProviders]
    public async Task Boundary_Fires_WhenCorrelatedMessageBringsVariable(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ConditionalEventTests));
        var instance = await host.StartAsync("antrag", new { aktenzeichen = "32.10-0042/2026" });

        await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("Posteingang", "32.10-0042/2026", Variables.Of(new { antragZurueckgezogen = true })));

        Assert.Equal(["einstellen"], (await host.GetAsync(instance.Id)).ActiveElementIds);
    }
}
