using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Execution;

public sealed class EndEventScopeTests
{
    [Theory]
    [AllProviders]
    public async Task TerminateEnd_EndsOnlySubProcess_WhenReachedInsideSubProcess(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(EndEventScopeTests));

        var instance = await host.StartAsync("terminate");

        Assert.Equal(ProcessInstanceState.Active, instance.State);
        Assert.Equal(["after", "other"], instance.ActiveElementIds.Order(StringComparer.Ordinal));
        Assert.Contains("inner", (await host.Engine.GetHistoryAsync(instance.Id)).Where(e => e.Type == HistoryEventTypes.ElementCanceled).Select(e => e.ElementId));
    }

    // Camunda 8: a terminate end event in an event sub-process ends only that event sub-process, which then completes.
    // Non-interrupting, its scope's other tokens go on; interrupting, nothing else is left, so the scope completes too.
    [Theory]
    [AllProviders]
    public async Task TerminateEnd_EndsOnlyEventSubProcessAndScopeGoesOn_WhenReachedInNonInterruptingEventSubProcess(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(EndEventScopeTests));
        var instance = await host.StartAsync("terminate");
        Assert.Equal(["sub", "work"], instance.ActiveElementIds.Order(StringComparer.Ordinal));

        Assert.Equal(new JobExecutionSummary(1, 0), await host.AdvanceAsync(TimeSpan.FromHours(1)));

        Assert.Equal(["sub", "work"], (await host.GetAsync(instance.Id)).ActiveElementIds.Order(StringComparer.Ordinal));
        Assert.Equal(UserTaskState.Canceled, await host.QueryAsync(db => db.UserTasks.Single(t => t.ProcessInstanceId == instance.Id && t.ElementId == "remind").State));
        Assert.Contains("reminder", await host.CompletedAsync(instance.Id));
        Assert.DoesNotContain("sub", await host.CompletedAsync(instance.Id));

        await host.CompleteSingleTaskAsync(instance.Id);
        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task TerminateEnd_CompletesScopeAndTakesItsOutgoingFlow_WhenReachedInInterruptingEventSubProcess(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(EndEventScopeTests));
        var instance = await host.StartAsync("terminate");

        Assert.Equal(new JobExecutionSummary(1, 0), await host.AdvanceAsync(TimeSpan.FromHours(1)));

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Active, state.State);
        Assert.Equal(["after"], state.ActiveElementIds);
        var canceled = await host.QueryAsync(db => db.UserTasks.Where(t => t.ProcessInstanceId == instance.Id && t.State == UserTaskState.Canceled).Select(t => t.ElementId).ToList());
        Assert.Equal(["archive", "work"], canceled.Order(StringComparer.Ordinal));
        Assert.Equal(["stop", "overdue", "sub"], (await host.CompletedAsync(instance.Id)).Where(id => id is "stop" or "overdue" or "sub"));
    }

    // Camunda 8: only the element instances of the current iteration end; the inner instance completes (its output is
    // collected) and the other inner instances go on.
    [Theory]
    [AllProviders]
    public async Task TerminateEnd_EndsOnlyItsInnerInstance_WhenReachedInParallelMultiInstanceSubProcess(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(EndEventScopeTests));

        var instance = await host.StartAsync("multi", new { antraege = new[] { "a", "b", "c" } });

        Assert.Equal(ProcessInstanceState.Active, instance.State);
        Assert.DoesNotContain("after", instance.ActiveElementIds);
        var open = await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id });
        Assert.Equal(["a", "c"], open.Select(t => t.Assignee!).Order(StringComparer.Ordinal));
        Assert.Equal("b", await host.QueryAsync(db => db.UserTasks.Single(t => t.ProcessInstanceId == instance.Id && t.State == UserTaskState.Canceled).Assignee));

        foreach (var task in open)
        {
            await host.Engine.CompleteUserTaskAsync(task.Id);
        }

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["after"], state.ActiveElementIds);
        Assert.Equal(["a", "b", "c"], state.Variables["ergebnisse"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    // Camunda 8: a terminate end event at the level of a called process completes that instance; the call activity
    // completes (the child's variables come back as after any end) and the caller goes on.
    [Theory]
    [AllProviders]
    public async Task TerminateEnd_EndsCalledInstanceAndCallerGoesOn_WhenReachedInCalledProcess(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(EndEventScopeTests));

        var caller = await host.StartAsync("caller");

        Assert.Equal(["after", "other"], caller.ActiveElementIds.Order(StringComparer.Ordinal));
        Assert.Equal("eingestellt", caller.Variables["ergebnis"]!.GetValue<string>());
        var called = await host.QueryAsync(db => db.ProcessInstances.Single(i => i.ParentProcessInstanceId == caller.Id).Id);
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(called)).State);
        Assert.Equal(UserTaskState.Canceled, await host.QueryAsync(db => db.UserTasks.Single(t => t.ProcessInstanceId == called).State));
        Assert.Contains("call", await host.CompletedAsync(caller.Id));
    }

    [Theory]
    [AllProviders]
    public async Task EscalationEnd_ContinuesInstance_WhenNothingCatchesIt(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(EndEventScopeTests));

        var instance = await host.StartAsync("escalation");

        Assert.Equal(["after"], instance.ActiveElementIds);
        Assert.Equal(0, await host.QueryAsync(db => db.Incidents.Count(i => i.ProcessInstanceId == instance.Id)));
    }
}
