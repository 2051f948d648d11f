using System.Text.Json.Nodes;
using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Execution;

public sealed class MultiInstanceTests
{
    private static readonly string[] Signers = ["anna", "ben", "clara"];

    [Theory]
    [AllProviders]
    public async Task Complete_CollectsOutputsInItemOrder_WhenParallelInstancesEnd(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MultiInstanceTests));
        var instance = await host.StartAsync("multi", new { unterzeichner = Signers });
        var tasks = await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id });
        Assert.Equal(Signers, tasks.Select(t => t.Assignee!).Order(StringComparer.Ordinal));

        foreach (var signer in new[] { "ben", "clara", "anna" })
        {
            await host.Engine.CompleteUserTaskAsync(tasks.Single(t => t.Assignee == signer).Id, Variables.Of(new { entscheidung = "ja-" + signer }));
        }

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["after"], state.ActiveElementIds);
        Assert.Equal(["ja-anna", "ja-ben", "ja-clara"], state.Variables["ergebnisse"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("ja-anna", state.Variables["letzte"]!.GetValue<string>());
        Assert.DoesNotContain("person", state.Variables.Keys);
    }

    [Theory]
    [AllProviders]
    public async Task Complete_StartsNextInstance_WhenSequentialInstanceEnds(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MultiInstanceTests));
        var instance = await host.StartAsync("multi", new { unterzeichner = Signers });

        var order = new List<string>();
        for (var i = 0; i < Signers.Length; i++)
        {
            var task = await host.SingleTaskAsync(instance.Id);
            order.Add(task.Assignee!);
            await host.Engine.CompleteUserTaskAsync(task.Id, Variables.Of(new { entscheidung = i }));
        }

        Assert.Equal(Signers, order);
        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["after"], state.ActiveElementIds);
        Assert.Equal([0, 1, 2], state.Variables["ergebnisse"]!.AsArray().Select(n => n!.GetValue<int>()));
    }

    [Theory]
    [AllProviders]
    public async Task Complete_CancelsRemainingInstances_WhenCompletionConditionHolds(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MultiInstanceTests));
        var instance = await host.StartAsync("multi", new { unterzeichner = Signers });
        var tasks = await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id });

        await host.Engine.CompleteUserTaskAsync(tasks.Single(t => t.Assignee == "clara").Id, Variables.Of(new { entscheidung = "ja" }));
        Assert.Equal(2, (await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id })).Count);
        await host.Engine.CompleteUserTaskAsync(tasks.Single(t => t.Assignee == "anna").Id, Variables.Of(new { entscheidung = "nein" }));

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["after"], state.ActiveElementIds);
        Assert.Equal(UserTaskState.Canceled, await host.QueryAsync(db => db.UserTasks.Single(t => t.Assignee == "ben").State));
        Assert.Equal(["nein", null, "ja"], state.Variables["ergebnisse"]!.AsArray().Select(n => n?.GetValue<string>()));
    }

    [Theory]
    [AllProviders]
    public async Task Complete_SeesCamunda8Counters_WhenCompletionConditionIsEvaluated(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MultiInstanceTests));
        var instance = await host.StartAsync("multi", new { unterzeichner = Signers });
        var tasks = await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id });

        await host.Engine.CompleteUserTaskAsync(tasks.Single(t => t.Assignee == "clara").Id, Variables.Of(new { entscheidung = "ja" }));
        Assert.Equal(2, (await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id })).Count);
        await host.Engine.CompleteUserTaskAsync(tasks.Single(t => t.Assignee == "anna").Id, Variables.Of(new { entscheidung = "nein" }));

        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Equal(UserTaskState.Canceled, await host.QueryAsync(db => db.UserTasks.Single(t => t.Assignee == "ben").State));
    }

    [Theory]
    [AllProviders]
    public async Task Start_CollectsEachInstanceResult_WhenParallelScriptTaskSetsOutputElementVariable(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MultiInstanceTests));

        var instance = await host.StartAsync("multi");

        Assert.Equal(["after"], instance.ActiveElementIds);
        Assert.Equal([10, 20, 30], instance.Variables["results"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.DoesNotContain("result", instance.Variables.Keys);
    }

    [Theory]
    [AllProviders]
    public async Task Start_KeepsOutputElementVariableLocal_WhenSequentialScriptTaskSetsIt(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MultiInstanceTests));

        var instance = await host.StartAsync("multi");

        Assert.Equal(["after"], instance.ActiveElementIds);
        Assert.Equal([10, 20, 30], instance.Variables["results"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.DoesNotContain("result", instance.Variables.Keys);
    }

    [Theory]
    [AllProviders]
    public async Task Complete_CollectsOnlyOwnResult_WhenParallelUserTasksCompleteWithDifferentResults(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MultiInstanceTests));
        var instance = await host.StartAsync("multi", new { unterzeichner = Signers });
        var tasks = await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id });

        await host.Engine.CompleteUserTaskAsync(tasks.Single(t => t.Assignee == "clara").Id, Variables.Of(new { result = "nein" }));
        await host.Engine.CompleteUserTaskAsync(tasks.Single(t => t.Assignee == "ben").Id, variables: null);
        await host.Engine.CompleteUserTaskAsync(tasks.Single(t => t.Assignee == "anna").Id, Variables.Of(new { result = "ja" }));

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["after"], state.ActiveElementIds);
        Assert.Equal(["ja", null, "nein"], state.Variables["results"]!.AsArray().Select(n => n?.GetValue<string>()));
        Assert.DoesNotContain("result", state.Variables.Keys);
    }

    [Theory]
    [AllProviders]
    public async Task Start_SkipsActivity_WhenInputCollectionIsEmpty(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MultiInstanceTests));

        var instance = await host.StartAsync("multi", new { unterzeichner = Array.Empty<string>() });

        Assert.Equal(["after"], instance.ActiveElementIds);
        Assert.Equal(new JsonArray().ToJsonString(), instance.Variables["ergebnisse"]!.ToJsonString());
    }
}

public sealed class StandardLoopTests
{
    [Theory]
    [AllProviders]
    public async Task Leave_RepeatsActivity_WhileLoopConditionHolds(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(StandardLoopTests));

        var instance = await host.StartAsync("loop", new { zaehler = 0 });

        Assert.Equal(["after"], instance.ActiveElementIds);
        Assert.Equal(3, instance.Variables["zaehler"]!.GetValue<int>());
        Assert.Equal(3, (await host.CompletedAsync(instance.Id)).Count(e => e == "count"));
    }

    [Theory]
    [AllProviders]
    public async Task Bug_TestBeforeLoopRanOnlyOnce_RepeatsWhileConditionHoldsBeforeEachRun(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(StandardLoopTests));

        var instance = await host.StartAsync("loop", new { zaehler = 0 });

        Assert.Equal(["after"], instance.ActiveElementIds);
        Assert.Equal(3, instance.Variables["zaehler"]!.GetValue<int>());
        Assert.Equal(3, (await host.CompletedAsync(instance.Id)).Count(e => e == "count"));
    }

    [Theory]
    [AllProviders]
    public async Task Enter_SkipsActivity_WhenTestBeforeConditionIsFalseAtStart(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(StandardLoopTests));

        var instance = await host.StartAsync("loop", new { zaehler = 5 });

        Assert.Equal(["after"], instance.ActiveElementIds);
        Assert.Equal(5, instance.Variables["zaehler"]!.GetValue<int>());
    }

    [Theory]
    [AllProviders]
    public async Task Leave_RunsActivityOnce_WhenTestAfterConditionIsFalse(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(StandardLoopTests));

        var instance = await host.StartAsync("loop", new { zaehler = 5 });

        Assert.Equal(6, instance.Variables["zaehler"]!.GetValue<int>());
    }

    [Theory]
    [AllProviders]
    public async Task Leave_StopsRepeating_WhenLoopMaximumIsReached(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(StandardLoopTests));

        var instance = await host.StartAsync("loop", new { zaehler = 0 });

        Assert.Equal(2, instance.Variables["zaehler"]!.GetValue<int>());
    }

    [Theory]
    [AllProviders]
    public async Task Bug_LoopCounterWasNoVariable_EachIterationSeesItsOwnLoopCounterInConditionAndInputMappings(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(StandardLoopTests));

        var instance = await host.StartAsync("loop", new { runden = Array.Empty<int>() });

        Assert.Equal(["after"], instance.ActiveElementIds);
        Assert.Equal([10, 20, 30], instance.Variables["runden"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.DoesNotContain("loopCounter", instance.Variables.Keys);
        Assert.DoesNotContain("runde", instance.Variables.Keys);
        Assert.Equal(3, (await host.CompletedAsync(instance.Id)).Count(e => e == "count"));
    }

    [Theory]
    [AllProviders]
    public async Task Enter_SeesLoopCounterZero_WhenTestBeforeConditionIsCheckedBeforeFirstIteration(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(StandardLoopTests));

        var instance = await host.StartAsync("loop", new { runden = Array.Empty<int>() });

        // Checked with loopCounter 0 and 1 (iterations taken): two iterations, which saw 1 and 2.
        Assert.Equal(["after"], instance.ActiveElementIds);
        Assert.Equal([1, 2], instance.Variables["runden"]!.AsArray().Select(n => n!.GetValue<int>()));
    }

    [Theory]
    [AllProviders]
    public async Task Complete_SeesLoopCounterInsideSubProcess_WhenSubProcessLoops(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(StandardLoopTests));
        var instance = await host.StartAsync("loop");

        Assert.Equal("pruefer-1", (await host.SingleTaskAsync(instance.Id)).Assignee);
        await host.CompleteSingleTaskAsync(instance.Id, new { ok = false });
        Assert.Equal("pruefer-2", (await host.SingleTaskAsync(instance.Id)).Assignee);
        await host.CompleteSingleTaskAsync(instance.Id, new { ok = true });

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["after"], state.ActiveElementIds);
        Assert.DoesNotContain("loopCounter", state.Variables.Keys);
        Assert.Equal(2, (await host.CompletedAsync(instance.Id)).Count(e => e == "round"));
    }

    [Theory]
    [AllProviders]
    public async Task Bug_BoundaryTimerOfLoopingReceiveTaskWasRemovedByFirstMessage_TimerInterruptsLaterIteration(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(StandardLoopTests));
        var instance = await host.StartAsync("loop", new { aktenzeichen = "32.10-0007/2026" });

        host.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.True((await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("nachweis-eingegangen", "32.10-0007/2026"))).Correlated);
        host.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.True((await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("nachweis-eingegangen", "32.10-0007/2026"))).Correlated);
        Assert.Equal(["collect"], (await host.GetAsync(instance.Id)).ActiveElementIds);

        // The deadline runs for the whole loop from its start, not anew for each iteration.
        await host.AdvanceAsync(TimeSpan.FromMinutes(20));

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["remind"], state.ActiveElementIds);
        Assert.Empty(await host.QueryAsync(db => db.EventSubscriptions.Where(s => s.ProcessInstanceId == instance.Id).ToList()));
    }

    [Theory]
    [AllProviders]
    public async Task Start_GivesEachInnerInstanceItsLoopCounter_WhenParallel(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MultiInstanceTests));

        var instance = await host.StartAsync("multi");

        Assert.Equal(["a1", "b2", "c3"], instance.Variables["results"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.DoesNotContain("loopCounter", instance.Variables.Keys);
    }

    [Theory]
    [AllProviders]
    public async Task Start_GivesEachInnerInstanceItsLoopCounter_WhenSequential(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MultiInstanceTests));

        var instance = await host.StartAsync("multi");

        Assert.Equal(["a1", "b2", "c3"], instance.Variables["results"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.DoesNotContain("loopCounter", instance.Variables.Keys);
    }
}
