using Amtsweg.Bpmn.Validation;
using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Execution;

/// <summary>Ad-hoc sub-processes with Camunda 8 semantics (zeebe:adHoc activeElementsCollection, completionCondition, cancelRemainingInstances).</summary>
public sealed class AdHocSubProcessTests
{
    [Theory]
    [AllProviders]
    public async Task Enter_ActivatesListedElementsOnly_WhenActiveElementsCollectionNamesThem(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(AdHocSubProcessTests));

        var instance = await host.StartAsync("adhoc", new { aktiv = new[] { "anhoeren", "pruefen" } });

        Assert.Equal(["adHoc", "anhoeren", "pruefen"], instance.ActiveElementIds);
        await CompleteTaskAsync(host, instance.Id, "pruefen");
        Assert.Equal(["adHoc", "anhoeren"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        await CompleteTaskAsync(host, instance.Id, "anhoeren");
        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.DoesNotContain("nachfordern", await host.EnteredAsync(instance.Id));
    }

    [Theory]
    [AllProviders]
    public async Task Enter_RunsInnerFlow_WhenActivatedElementHasOutgoingFlow(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(AdHocSubProcessTests));

        var instance = await host.StartAsync("adhoc");

        Assert.Equal(["adHoc", "pruefen"], instance.ActiveElementIds);
        Assert.Equal("erfasst", instance.Variables["stand"]!.GetValue<string>());
        await CompleteTaskAsync(host, instance.Id, "pruefen");
        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Equal(["start", "erfassen", "pruefen", "adHoc"], (await host.CompletedAsync(instance.Id)).ToArray());
    }

    [Theory]
    [AllProviders]
    public async Task Complete_CancelsRemainingElements_WhenConditionHoldsAndCancelRemainingInstances(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(AdHocSubProcessTests));
        var instance = await host.StartAsync("adhoc", new { genug = false });

        await CompleteTaskAsync(host, instance.Id, "pruefen", new { genug = true });

        var after = await host.GetAsync(instance.Id);
        Assert.Equal(["after"], after.ActiveElementIds);
        Assert.Contains((await host.Engine.GetHistoryAsync(instance.Id)), e => e.Type == HistoryEventTypes.ElementCanceled && e.ElementId == "anhoeren");
        Assert.Equal(UserTaskState.Canceled, await host.QueryAsync(db => db.UserTasks.Single(t => t.ElementId == "anhoeren").State));
    }

    [Theory]
    [AllProviders]
    public async Task Complete_WaitsForRemainingElements_WhenConditionHoldsWithoutCancelRemainingInstances(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(AdHocSubProcessTests));
        var instance = await host.StartAsync("adhoc", new { genug = false });

        await CompleteTaskAsync(host, instance.Id, "pruefen", new { genug = true });

        Assert.Equal(["adHoc", "anhoeren"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        await CompleteTaskAsync(host, instance.Id, "anhoeren");
        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task ActivateAdHocActivities_RunsElement_WhenSubProcessStaysActiveBecauseConditionIsFalse(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(AdHocSubProcessTests));
        var instance = await host.StartAsync("adhoc", new { genug = false });
        await CompleteTaskAsync(host, instance.Id, "pruefen");
        Assert.Equal(["adHoc"], (await host.GetAsync(instance.Id)).ActiveElementIds);

        var activated = await host.Engine.ActivateAdHocActivitiesAsync(new ActivateAdHocActivitiesRequest(
            await AdHocKeyAsync(host, instance.Id), [new AdHocActivity("nachfordern", new Dictionary<string, object?> { ["unterlage"] = "Lageplan" })], "sachbearbeitung"));

        Assert.Equal(["adHoc", "nachfordern"], activated.ActiveElementIds);
        var task = await host.SingleTaskAsync(instance.Id);
        Assert.Equal("nachfordern", task.ElementId);
        Assert.Contains(await host.Engine.GetHistoryAsync(instance.Id), e => e.Type == HistoryEventTypes.ElementEntered && e.ElementId == "nachfordern" && e.UserId == "sachbearbeitung");
        Assert.Equal("\"Lageplan\"", await host.QueryAsync(db => db.Variables.Single(v => v.Name == "unterlage").Json));
        await CompleteTaskAsync(host, instance.Id, "nachfordern", new { genug = true });
        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task Complete_StaysActive_WhenNonInterruptingEventSubProcessEndsAndConditionIsFalse(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(AdHocSubProcessTests));
        var instance = await host.StartAsync("adhoc", new { genug = false });
        await CompleteTaskAsync(host, instance.Id, "pruefen");

        await host.AdvanceAsync(TimeSpan.FromHours(2));

        var waiting = await host.GetAsync(instance.Id);
        Assert.Equal("erinnert", waiting.Variables["erinnerung"]!.GetValue<string>());
        Assert.Equal(["adHoc"], waiting.ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task ActivateAdHocActivities_RefusesAndChangesNothing_WhenElementHasIncomingFlow(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(AdHocSubProcessTests));
        var instance = await host.StartAsync("adhoc");
        Assert.Equal(["adHoc"], instance.ActiveElementIds);
        var key = await AdHocKeyAsync(host, instance.Id);

        var error = await Assert.ThrowsAsync<InvalidEngineStateException>(() => host.Engine.ActivateAdHocActivitiesAsync(
            new ActivateAdHocActivitiesRequest(key, [new AdHocActivity("pruefen"), new AdHocActivity("bescheiden")])));
        var notFound = await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => host.Engine.ActivateAdHocActivitiesAsync(
            new ActivateAdHocActivitiesRequest(instance.Id, [new AdHocActivity("pruefen")])));

        Assert.Equal("'bescheiden' ist kein Element des Ad-hoc-Teilprozesses 'adHoc', das sich aktivieren lässt (nur Elemente darin ohne eingehenden Sequenzfluss).", error.Message);
        Assert.NotNull(notFound);
        var unchanged = await host.GetAsync(instance.Id);
        Assert.Equal(["adHoc"], unchanged.ActiveElementIds);
        Assert.Equal(instance.Revision, unchanged.Revision);

        await host.Engine.ActivateAdHocActivitiesAsync(new ActivateAdHocActivitiesRequest(key, [new AdHocActivity("pruefen")]));
        await CompleteTaskAsync(host, instance.Id, "pruefen");
        Assert.Equal(["adHoc", "bescheiden"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        await CompleteTaskAsync(host, instance.Id, "bescheiden");
        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task Enter_RaisesIncidentAtSubProcess_WhenActiveElementsCollectionIsNoListOfIds(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(AdHocSubProcessTests));

        var noList = await Assert.ThrowsAsync<ProcessIncidentException>(() => host.StartAsync("adhoc", new { aktiv = "pruefen" }));
        var unknown = await Assert.ThrowsAsync<ProcessIncidentException>(() => host.StartAsync("adhoc", new { aktiv = new[] { "pruefen", "gibtEsNicht" } }));

        Assert.Equal((IncidentTypes.ExpressionFailed, "adHoc"), (noList.Incident.Type, noList.Incident.ElementId));
        Assert.Equal(
            "Der Ausdruck activeElementsCollection '=aktiv' des Ad-hoc-Teilprozesses 'adHoc' muss eine Liste von Element-IDs (Texten) ergeben, ergab aber „pruefen“.",
            noList.Incident.Message);
        Assert.Equal((IncidentTypes.ExpressionFailed, "adHoc"), (unknown.Incident.Type, unknown.Incident.ElementId));
        Assert.StartsWith("'gibtEsNicht' ist kein Element des Ad-hoc-Teilprozesses 'adHoc'", unknown.Incident.Message, StringComparison.Ordinal);
        Assert.Equal(0, await host.QueryAsync(db => db.UserTasks.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Complete_RaisesIncidentAtSubProcess_WhenCompletionConditionIsNotBoolean(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(AdHocSubProcessTests));
        var instance = await host.StartAsync("adhoc", new { stand = "offen" });

        var error = await Assert.ThrowsAsync<ProcessIncidentException>(() => CompleteTaskAsync(host, instance.Id, "pruefen"));

        Assert.Equal((IncidentTypes.ExpressionFailed, "adHoc"), (error.Incident.Type, error.Incident.ElementId));
        Assert.StartsWith("Die Bedingung 'stand' muss wahr oder falsch ergeben", error.Incident.Message, StringComparison.Ordinal);
        Assert.Equal(["adHoc", "pruefen"], (await host.GetAsync(instance.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesWithElementNamed_WhenAdHocSubProcessIsSequentialHasStartEventJobWorkerOrHalfResultCollection(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(AdHocSubProcessTests)));

        Assert.All(error.Problems, p => Assert.Equal(BpmnProblemCodes.UnsupportedElement, p.Problem.Code));
        Assert.Equal(["agent", "collecting", "innerStart", "sequential"], error.Problems.Select(p => p.Problem.ElementId).Order(StringComparer.Ordinal));
        Assert.Equal(
            "Das Element 'sequential' ist ein Ad-hoc-Teilprozess mit sequenzieller Reihenfolge (ordering=\"Sequential\"), die Camunda 8 nicht unterstützt; das führt die Prozess-Engine nicht aus.",
            Assert.Single(error.Problems, p => p.Problem.ElementId == "sequential").Problem.MessageGerman);
        Assert.Equal(0, await host.QueryAsync(db => db.ProcessDefinitions.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesWithElementNamed_WhenAdHocSubProcessHasNoActivityEndEventOrCatchEventWithoutOutgoingFlow(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(AdHocSubProcessTests)));

        Assert.All(error.Problems, p => Assert.Equal(BpmnProblemCodes.UnsupportedElement, p.Problem.Code));
        Assert.Equal(["empty", "innerEnd", "wait"], error.Problems.Select(p => p.Problem.ElementId).Order(StringComparer.Ordinal));
        Assert.Equal(
            "Das Element 'empty' ist ein Ad-hoc-Teilprozess ohne Aktivität; das führt die Prozess-Engine nicht aus.",
            Assert.Single(error.Problems, p => p.Problem.ElementId == "empty").Problem.MessageGerman);
        Assert.Equal(
            "Das Element 'innerEnd' ist ein Start- oder Endereignis in einem Ad-hoc-Teilprozess, wo Camunda 8 keines erlaubt; das führt die Prozess-Engine nicht aus.",
            Assert.Single(error.Problems, p => p.Problem.ElementId == "innerEnd").Problem.MessageGerman);
        Assert.Equal(
            "Das Element 'wait' ist ein eintretendes Zwischenereignis ohne ausgehenden Sequenzfluss in einem Ad-hoc-Teilprozess; das führt die Prozess-Engine nicht aus.",
            Assert.Single(error.Problems, p => p.Problem.ElementId == "wait").Problem.MessageGerman);
        Assert.Equal(0, await host.QueryAsync(db => db.ProcessDefinitions.Count() + db.Deployments.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Complete_CollectsOutputElementsInCompletionOrder_WhenSeveralActivatedElementsComplete(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(AdHocSubProcessTests));
        var instance = await host.StartAsync("adhoc");
        var key = await AdHocKeyAsync(host, instance.Id);
        Assert.Equal("[]", await LocalJsonAsync(host, key, "ergebnisse"));

        await CompleteTaskAsync(host, instance.Id, "anhoeren", new { ergebnis = "angehoert" });
        Assert.Equal("[\"angehoert\"]", await LocalJsonAsync(host, key, "ergebnisse"));
        var during = await host.GetAsync(instance.Id);
        Assert.False(during.Variables.ContainsKey("ergebnisse"));
        Assert.False(during.Variables.ContainsKey("ergebnis"));
        await CompleteTaskAsync(host, instance.Id, "nachfordern", new { ergebnis = "nachgefordert" });
        await CompleteTaskAsync(host, instance.Id, "pruefen", new { ergebnis = "geprueft" });

        var after = await host.GetAsync(instance.Id);
        Assert.Equal(["after"], after.ActiveElementIds);
        Assert.Equal("[\"angehoert\",\"nachgefordert\",\"geprueft\"]", after.Variables["ergebnisse"]!.ToJsonString());
        Assert.False(after.Variables.ContainsKey("ergebnis"));
        Assert.Equal(0, await host.QueryAsync(db => db.Variables.Count(v => v.ExecutionId == key)));
    }

    [Theory]
    [AllProviders]
    public async Task Enter_CollectsEachActivationsOwnResult_WhenScriptTasksRunInOneCommand(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(AdHocSubProcessTests));

        var instance = await host.StartAsync("adhoc");

        Assert.Equal(["after"], instance.ActiveElementIds);
        Assert.Equal([10m, 20m, 30m], instance.Variables["werte"]!.AsArray().Select(w => w!.GetValue<decimal>()));
        Assert.False(instance.Variables.ContainsKey("wert"));
    }

    [Theory]
    [AllProviders]
    public async Task Activate_KeepsEachActivationsVariablesForItsWholePath_WhenActivatedElementHasFollowers(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(AdHocSubProcessTests));
        var instance = await host.StartAsync("adhoc");
        var key = await AdHocKeyAsync(host, instance.Id);

        // Both scripts run in this one command; each activation keeps its own antrag and ergebnis until its path ends.
        await host.Engine.ActivateAdHocActivitiesAsync(new ActivateAdHocActivitiesRequest(
            key, [new AdHocActivity("berechnen", new Dictionary<string, object?> { ["antrag"] = 1 }), new AdHocActivity("berechnen", new Dictionary<string, object?> { ["antrag"] = 2 })]));

        var tasks = await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id, ElementId = "pruefen" });
        var seen = new Dictionary<decimal, Guid>();
        foreach (var task in tasks)
        {
            var variables = await host.Engine.GetUserTaskVariablesAsync(task.Id);
            seen[variables["antrag"]!.GetValue<decimal>()] = task.Id;
            Assert.Equal(variables["antrag"]!.GetValue<decimal>() * 2, variables["ergebnis"]!.GetValue<decimal>());
        }

        Assert.Equal([1m, 2m], seen.Keys.Order());
        var activations = await host.Engine.QueryElementInstancesAsync(new ElementInstanceQuery { ProcessInstanceId = instance.Id, ElementType = "adHocSubProcessInnerInstance" });
        Assert.Equal(2, activations.Total);
        Assert.All(activations.Items, a => Assert.Equal(("adHoc", (Guid?)null), (a.ElementId, a.IncidentId)));
        var during = await host.GetAsync(instance.Id);
        Assert.False(during.Variables.ContainsKey("antrag"));
        Assert.False(during.Variables.ContainsKey("ergebnis"));

        await host.Engine.CompleteUserTaskAsync(seen[2m]);
        Assert.Equal("[6]", await LocalJsonAsync(host, key, "ergebnisse"));
        Assert.Equal(1, await host.QueryAsync(db => db.Executions.Count(e => e.ParentId == key && e.Kind == ExecutionKind.AdHocInnerInstance)));
        await host.Engine.CompleteUserTaskAsync(seen[1m]);

        var after = await host.GetAsync(instance.Id);
        Assert.Equal(["after"], after.ActiveElementIds);
        Assert.Equal("[6,3]", after.Variables["ergebnisse"]!.ToJsonString());
        Assert.False(after.Variables.ContainsKey("antrag"));
        Assert.False(after.Variables.ContainsKey("ergebnis"));
        Assert.Equal(0, await host.QueryAsync(db => db.Executions.Count(e => e.ProcessInstanceId == instance.Id && e.Kind == ExecutionKind.AdHocInnerInstance)));
    }

    [Theory]
    [AllProviders]
    public async Task Activate_EndsSubProcessThroughItsErrorBoundary_WhenElementInActivationThrowsBpmnError(DatabaseProvider provider)
    {
        var handler = new DelegateHandler("melderegister-abfrage", _ => throw new BpmnErrorException("NICHT_GEFUNDEN", "Person unbekannt"));
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(AdHocSubProcessTests));
        var instance = await host.StartAsync("adhoc");

        // The error passes the activation it was thrown in and is caught at the ad-hoc sub-process, which ends as a whole.
        var activated = await host.Engine.ActivateAdHocActivitiesAsync(new ActivateAdHocActivitiesRequest(await AdHocKeyAsync(host, instance.Id), [new AdHocActivity("vorbereiten", null)]));

        Assert.Equal(["manual"], activated.ActiveElementIds);
        Assert.Empty(activated.Incidents);
        Assert.Equal(UserTaskState.Canceled, await host.QueryAsync(db => db.UserTasks.Single(t => t.ElementId == "pruefen").State));
        Assert.Equal(0, await host.QueryAsync(db => db.Executions.Count(e => e.Kind == ExecutionKind.AdHocInnerInstance)));
        Assert.Contains(await host.Engine.GetHistoryAsync(instance.Id), e => e.Type == HistoryEventTypes.ElementCanceled && e.ElementId == "pruefen");
    }

    [Theory]
    [AllProviders]
    public async Task Activate_CompensatesWhatAnEndedActivationCompleted_WhenAnotherActivationThrowsCompensation(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(AdHocSubProcessTests));
        var instance = await host.StartAsync("adhoc", new { log = Array.Empty<string>() });
        var key = await AdHocKeyAsync(host, instance.Id);

        await host.Engine.ActivateAdHocActivitiesAsync(new ActivateAdHocActivitiesRequest(key, [new AdHocActivity("buchen")]));
        Assert.Equal(["adHoc", "warten"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        var compensated = await host.Engine.ActivateAdHocActivitiesAsync(new ActivateAdHocActivitiesRequest(key, [new AdHocActivity("rueckgaengig")]));

        // The booking's activation had ended; what it completed is still compensated from the sub-process.
        Assert.Equal(["storniert"], compensated.Variables["log"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["buchen"], (await host.Engine.GetHistoryAsync(instance.Id)).Where(e => e.Type == HistoryEventTypes.ActivityCompensated).Select(e => e.ElementId));
        await CompleteTaskAsync(host, instance.Id, "warten");
        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task Complete_RaisesIncidentAtSubProcess_WhenOutputElementFails(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(AdHocSubProcessTests));
        var instance = await host.StartAsync("adhoc");
        var key = await AdHocKeyAsync(host, instance.Id);

        var error = await Assert.ThrowsAsync<ProcessIncidentException>(() => CompleteTaskAsync(host, instance.Id, "pruefen", new { ergebnis = 1_000_000 }));

        Assert.Equal((IncidentTypes.ExpressionFailed, "adHoc"), (error.Incident.Type, error.Incident.ElementId));
        Assert.StartsWith(
            "Das Ergebnis (outputElement) einer Aktivierung für die Sammlung 'ergebnisse' des Ad-hoc-Teilprozesses 'adHoc' lässt sich nicht bilden: Der FEEL-Ausdruck 'for i in 1..ergebnis return i' ist fehlgeschlagen: ",
            error.Incident.Message,
            StringComparison.Ordinal);
        Assert.Equal(["adHoc", "pruefen"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Equal("[]", await LocalJsonAsync(host, key, "ergebnisse"));
    }

    private static Task<string> LocalJsonAsync(EngineHost host, Guid executionId, string name) =>
        host.QueryAsync(db => db.Variables.Single(v => v.ExecutionId == executionId && v.Name == name).Json);

    private static async Task CompleteTaskAsync(EngineHost host, Guid instanceId, string elementId, object? variables = null)
    {
        var task = Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instanceId, ElementId = elementId }));
        await host.Engine.CompleteUserTaskAsync(task.Id, Variables.Of(variables));
    }

    private static Task<Guid> AdHocKeyAsync(EngineHost host, Guid instanceId) =>
        host.QueryAsync(db => db.Executions.Single(e => e.ProcessInstanceId == instanceId && e.ElementId == "adHoc" && e.Kind == ExecutionKind.Token).Id);
}
