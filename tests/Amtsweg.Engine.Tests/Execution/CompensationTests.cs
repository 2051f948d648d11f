using Amtsweg.Bpmn.Validation;
using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Execution;

public sealed class CompensationTests
{
    [Theory]
    [AllProviders]
    public async Task Throw_RefundsFee_WhenPermitIsRevoked(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(CompensationTests));
        var instance = await host.StartAsync("genehmigung", new { gebuehr = 120 });
        Assert.False(instance.Variables.ContainsKey("erstattet"));

        host.Clock.Advance(TimeSpan.FromDays(3));
        await host.CompleteSingleTaskAsync(instance.Id);

        var revoked = await host.GetAsync(instance.Id);
        Assert.Equal(["bescheid"], revoked.ActiveElementIds);
        Assert.Equal(120m, revoked.Variables["erstattet"]!.GetValue<decimal>());
        var compensated = Assert.Single(await host.Engine.GetHistoryAsync(instance.Id), e => e.Type == HistoryEventTypes.ActivityCompensated);
        Assert.Equal("gebuehrBuchen", compensated.ElementId);
        Assert.Equal("gebuehrErstatten", compensated.Detail);
        Assert.Equal(EngineHost.StartTime.AddDays(3), compensated.Timestamp);
        Assert.Contains("gebuehrErstatten", await host.CompletedAsync(instance.Id));
    }

    [Theory]
    [AllProviders]
    public async Task Throw_CompensatesCompletedActivitiesInReverseOrder_WhenNoActivityRefIsGiven(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(CompensationTests));

        var instance = await host.StartAsync("compensation", new { log = Array.Empty<string>() });

        // c has not completed when the event is thrown, so it is not compensated (and never is by this event).
        Assert.Equal(["c"], instance.ActiveElementIds);
        Assert.Equal(["B", "A"], Log(instance));
        await host.CompleteSingleTaskAsync(instance.Id);
        var ended = await host.GetAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, ended.State);
        Assert.Equal(["B", "A"], Log(ended));
    }

    [Theory]
    [AllProviders]
    public async Task Throw_CompensatesOnlyReferencedActivity_WhenActivityRefIsGiven(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(CompensationTests));

        var instance = await host.StartAsync("compensation", new { log = Array.Empty<string>() });

        Assert.Equal(["A"], Log(instance));
        Assert.Equal(["a"], (await host.Engine.GetHistoryAsync(instance.Id)).Where(e => e.Type == HistoryEventTypes.ActivityCompensated).Select(e => e.ElementId));
        await host.CompleteSingleTaskAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(instance.Id)).State);
        Assert.Equal(0, await host.QueryAsync(db => db.EventSubscriptions.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task EndEvent_CompensatesInnerActivitiesOfCompletedSubProcess_WhenReached(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(CompensationTests));

        var instance = await host.StartAsync("compensation", new { log = Array.Empty<string>() });

        Assert.Equal(ProcessInstanceState.Completed, instance.State);
        Assert.Equal(["B", "A"], Log(instance));
    }

    [Theory]
    [AllProviders]
    public async Task Throw_CompensatesSubProcessAndItsInnerActivities_WhenActivityRefNamesSubProcess(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(CompensationTests));

        var instance = await host.StartAsync("compensation", new { log = Array.Empty<string>() });

        Assert.Equal(ProcessInstanceState.Completed, instance.State);
        Assert.Equal(["S", "B", "A"], Log(instance));
        Assert.Equal(["sub", "b", "a"], (await host.Engine.GetHistoryAsync(instance.Id)).Where(e => e.Type == HistoryEventTypes.ActivityCompensated).Select(e => e.ElementId));
        Assert.Equal(0, await host.QueryAsync(db => db.EventSubscriptions.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Throw_CompensatesEnclosingScope_WhenThrownInEventSubProcess(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(CompensationTests));
        var instance = await host.StartAsync("genehmigung", new { gebuehr = 80, aktenzeichen = "32.10-0007/2026" });

        var result = await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("antrag-zurueckgezogen", "32.10-0007/2026"));

        Assert.True(result.Correlated);
        var withdrawn = await host.GetAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, withdrawn.State);
        Assert.Equal(80m, withdrawn.Variables["erstattet"]!.GetValue<decimal>());
    }

    [Theory]
    [AllProviders]
    public async Task Throw_SkipsInnerActivities_WhenSubProcessWasInterrupted(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(CompensationTests));
        var instance = await host.StartAsync("compensation", new { log = Array.Empty<string>() });
        Assert.Equal(1, await host.QueryAsync(db => db.EventSubscriptions.Count()));

        await host.AdvanceAsync(TimeSpan.FromHours(2));

        var ended = await host.GetAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, ended.State);
        Assert.Empty(Log(ended));
        Assert.DoesNotContain(await host.Engine.GetHistoryAsync(instance.Id), e => e.Type == HistoryEventTypes.ActivityCompensated);
    }

    [Theory]
    [AllProviders]
    public async Task Throw_CompensatesEachCompletedInnerInstance_WhenActivityIsMultiInstance(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(CompensationTests));

        var instance = await host.StartAsync("compensation", new { log = Array.Empty<string>() });

        Assert.Equal(["after"], instance.ActiveElementIds);
        Assert.Equal(["A", "A", "A"], Log(instance));
    }

    [Theory]
    [AllProviders]
    public async Task Throw_WaitsForHandlers_WhenWaitForCompletionIsTrue(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(CompensationTests));

        var instance = await host.StartAsync("compensation");

        Assert.Equal(["throw", "undo"], instance.ActiveElementIds.Order(StringComparer.Ordinal));
        await host.CompleteSingleTaskAsync(instance.Id);
        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task Throw_MovesOnAtOnce_WhenWaitForCompletionIsFalse(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(CompensationTests));

        var instance = await host.StartAsync("compensation");

        Assert.Equal(["after", "undo"], instance.ActiveElementIds.Order(StringComparer.Ordinal));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesWithElementNamed_WhenCompensationStartIsAtProcessLevelOrEventIsMultiple(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(CompensationTests)));

        Assert.All(error.Problems, p => Assert.Equal(BpmnProblemCodes.UnsupportedElement, p.Problem.Code));
        Assert.Equal(["compensationStart", "multipleStart", "orphan"], error.Problems.Select(p => p.Problem.ElementId).Order(StringComparer.Ordinal));
        Assert.Equal(
            "Das Element 'multipleStart' ist ein Mehrfachereignis (mehrere Ereignisdefinitionen an einem Ereignis, auch „parallel mehrfach“), das Camunda 8 nicht unterstützt; das führt die Prozess-Engine nicht aus.",
            Assert.Single(error.Problems, p => p.Problem.ElementId == "multipleStart").Problem.MessageGerman);
        Assert.Equal(
            "Das Element 'compensationStart' ist ein Kompensations-Startereignis, das nicht einen Ereignis-Teilprozess in einem eingebetteten Teilprozess startet (nur dort führt die Prozess-Engine Kompensations-Ereignis-Teilprozesse aus); das führt die Prozess-Engine nicht aus.",
            Assert.Single(error.Problems, p => p.Problem.ElementId == "compensationStart").Problem.MessageGerman);
        Assert.Equal(
            "Das Element 'orphan' ist ein Kompensationsereignis ohne zugeordnete Kompensationsaktivität; das führt die Prozess-Engine nicht aus.",
            Assert.Single(error.Problems, p => p.Problem.ElementId == "orphan").Problem.MessageGerman);
        Assert.Equal(0, await host.QueryAsync(db => db.ProcessDefinitions.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task CompensationEventSubProcess_RunsInsteadOfInnerHandlers_WhenCompletedSubProcessIsCompensated(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(CompensationTests));

        var instance = await host.StartAsync("compensation", new { log = Array.Empty<string>() });

        Assert.Equal(ProcessInstanceState.Completed, instance.State);
        Assert.Equal(["ESP"], Log(instance));
        var compensated = Assert.Single(await host.Engine.GetHistoryAsync(instance.Id), e => e.Type == HistoryEventTypes.ActivityCompensated);
        Assert.Equal(("sub", "onCompensation"), (compensated.ElementId, compensated.Detail));
        Assert.DoesNotContain("undoA", await host.EnteredAsync(instance.Id));
        Assert.Equal(0, await host.QueryAsync(db => db.EventSubscriptions.Count() + db.Variables.Count(v => v.ExecutionId != instance.Id)));
    }

    [Theory]
    [AllProviders]
    public async Task CompensationEventSubProcess_SeesSnapshotVariables_WhenVariablesChangedAfterCompletion(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(CompensationTests));

        var instance = await host.StartAsync("compensation", new { stand = "neu" });

        // The sub-process's local 'stand' ended as "beschieden"; the root's became "widerrufen" after it.
        Assert.Equal(["after"], instance.ActiveElementIds);
        Assert.Equal("widerrufen", instance.Variables["stand"]!.GetValue<string>());
        Assert.Equal("beschieden", instance.Variables["gesehen"]!.GetValue<string>());
        Assert.Equal(0, await host.QueryAsync(db => db.Variables.Count(v => v.ExecutionId != instance.Id)));
    }

    [Theory]
    [AllProviders]
    public async Task CompensationEventSubProcess_CompensatesInnerActivities_WhenItThrowsCompensation(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(CompensationTests));

        var instance = await host.StartAsync("compensation", new { log = Array.Empty<string>() });

        Assert.Equal(ProcessInstanceState.Completed, instance.State);
        Assert.Equal(["B", "A", "ESP"], Log(instance));
        Assert.Equal(["sub", "b", "a"], (await host.Engine.GetHistoryAsync(instance.Id)).Where(e => e.Type == HistoryEventTypes.ActivityCompensated).Select(e => e.ElementId));
        Assert.Equal(0, await host.QueryAsync(db => db.EventSubscriptions.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task CompensationEventSubProcess_DoesNotRun_WhenSubProcessWasNotCompleted(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(CompensationTests));
        var instance = await host.StartAsync("compensation", new { log = Array.Empty<string>() });
        Assert.Equal(["sub", "wait"], instance.ActiveElementIds);

        await host.AdvanceAsync(TimeSpan.FromHours(2));

        var ended = await host.GetAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, ended.State);
        Assert.Empty(Log(ended));
        Assert.DoesNotContain("onCompensation", await host.EnteredAsync(instance.Id));
        Assert.DoesNotContain(await host.Engine.GetHistoryAsync(instance.Id), e => e.Type == HistoryEventTypes.ActivityCompensated);
    }

    [Theory]
    [AllProviders]
    public async Task CompensationEventSubProcess_LeavesNoSnapshot_WhenInstanceEndsWithoutCompensation(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(CompensationTests));

        var instance = await host.StartAsync("compensation", new { stand = "neu" });

        Assert.Equal(ProcessInstanceState.Completed, instance.State);
        Assert.Equal(0, await host.QueryAsync(db => db.EventSubscriptions.Count() + db.Variables.Count(v => v.ExecutionId != instance.Id)));
        Assert.DoesNotContain("onCompensation", await host.EnteredAsync(instance.Id));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesWithElementNamed_WhenSubProcessHasCompensationBoundaryAndCompensationEventSubProcess(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(CompensationTests)));

        var problem = Assert.Single(error.Problems).Problem;
        Assert.Equal((BpmnProblemCodes.UnsupportedElement, "compensationStart"), (problem.Code, problem.ElementId));
        Assert.Equal(
            "Das Element 'compensationStart' ist ein Kompensations-Startereignis in einem Teilprozess ('sub'), der auch ein angeheftetes Kompensationsereignis hat; es darf nur eines von beiden geben; das führt die Prozess-Engine nicht aus.",
            problem.MessageGerman);
    }

    private static IEnumerable<string> Log(ProcessInstanceInfo instance) =>
        instance.Variables["log"]!.AsArray().Select(n => n!.GetValue<string>());
}
