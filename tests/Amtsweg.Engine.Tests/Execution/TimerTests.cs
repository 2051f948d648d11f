using Amtsweg.Bpmn.Validation;
using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Execution;

public sealed class TimerTests
{
    [Theory]
    [AllProviders]
    public async Task ExecuteDueJobs_FiresIntermediateTimer_WhenDurationHasPassed(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TimerTests));
        var instance = await host.StartAsync("timer");
        Assert.Equal(["wait"], instance.ActiveElementIds);

        Assert.Equal(new JobExecutionSummary(0, 0), await host.AdvanceAsync(TimeSpan.FromMinutes(59)));
        Assert.Equal(["wait"], (await host.GetAsync(instance.Id)).ActiveElementIds);

        Assert.Equal(new JobExecutionSummary(1, 0), await host.AdvanceAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        var fired = Assert.Single(await host.Engine.GetHistoryAsync(instance.Id), e => e.Type == HistoryEventTypes.TimerFired);
        Assert.Equal(EngineHost.StartTime.AddHours(1), fired.Timestamp);
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteDueJobs_FiresIntermediateTimer_WhenFeelDateIsReached(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TimerTests));
        var instance = await host.StartAsync("timer", new { frist = "2026-03-04T12:00:00Z" });

        await host.AdvanceAsync(TimeSpan.FromDays(2));
        Assert.Equal(["wait"], (await host.GetAsync(instance.Id)).ActiveElementIds);

        await host.AdvanceAsync(TimeSpan.FromHours(4));
        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteDueJobs_StartsInstances_WhenTimerStartCycleIsDue(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TimerTests));

        await host.AdvanceAsync(TimeSpan.FromMinutes(30));
        Assert.Empty(await host.Engine.QueryUserTasksAsync(new UserTaskQuery()));
        await host.AdvanceAsync(TimeSpan.FromMinutes(30));
        Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery()));
        await host.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(2, (await host.Engine.QueryUserTasksAsync(new UserTaskQuery())).Count);
        await host.AdvanceAsync(TimeSpan.FromHours(5));

        Assert.Equal(2, (await host.Engine.QueryUserTasksAsync(new UserTaskQuery())).Count);
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteDueJobs_InterruptsTask_WhenBoundaryTimerFires(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TimerTests));
        var instance = await host.StartAsync("timer");
        var task = await host.SingleTaskAsync(instance.Id);

        await host.AdvanceAsync(TimeSpan.FromDays(14));

        Assert.Equal(["remind"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Equal(UserTaskState.Canceled, await host.QueryAsync(db => db.UserTasks.Single(t => t.Id == task.Id).State));
        await Assert.ThrowsAsync<InvalidEngineStateException>(() => host.Engine.CompleteUserTaskAsync(task.Id));
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteDueJobs_KeepsTask_WhenNonInterruptingBoundaryTimerFires(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TimerTests));
        var instance = await host.StartAsync("timer");

        await host.AdvanceAsync(TimeSpan.FromDays(1));
        await host.AdvanceAsync(TimeSpan.FromDays(1));

        Assert.Equal(["work"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Equal(2, (await host.EnteredAsync(instance.Id)).Count(e => e == "noted"));
        await host.CompleteSingleTaskAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(instance.Id)).State);
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteDueJobs_FiresIntermediateTimer_WhenIsoDateIsReached(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TimerTests));
        var instance = await host.StartAsync("timer");

        Assert.Equal(EngineHost.StartTime.AddHours(25), await host.QueryAsync(db => db.Jobs.Single().DueAt));
        await host.AdvanceAsync(TimeSpan.FromHours(25) - TimeSpan.FromSeconds(1));
        Assert.Equal(["wait"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        await host.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteDueJobs_RemindsThreeTimes_WhenNonInterruptingBoundaryCycleIsR3(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TimerTests));
        var instance = await host.StartAsync("timer");

        for (var i = 0; i < 5; i++)
        {
            await host.AdvanceAsync(TimeSpan.FromMinutes(10));
        }

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["work"], state.ActiveElementIds);
        Assert.Equal(3, state.Variables["erinnerungen"]!.GetValue<int>());
        Assert.Equal(3, (await host.Engine.GetHistoryAsync(instance.Id)).Count(e => e.Type == HistoryEventTypes.TimerFired));
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteDueJobs_StartsOneInstance_WhenTimerStartDateIsReached(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TimerTests));

        await host.AdvanceAsync(TimeSpan.FromHours(3));
        Assert.Empty(await host.Engine.QueryUserTasksAsync(new UserTaskQuery()));
        await host.AdvanceAsync(TimeSpan.FromHours(1));
        await host.AdvanceAsync(TimeSpan.FromDays(1));

        Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery()));
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteDueJobs_CancelsInstanceWork_WhenInterruptingTimerEventSubProcessFires(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TimerTests));
        var instance = await host.StartAsync("timer");
        var work = await host.SingleTaskAsync(instance.Id);

        await host.AdvanceAsync(TimeSpan.FromDays(95));

        Assert.Equal(["deemed", "fiction"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Equal(UserTaskState.Canceled, (await host.Engine.GetUserTaskAsync(work.Id)).State);
        await host.CompleteSingleTaskAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(instance.Id)).State);
    }

    [Theory]
    [AllProviders]
    public async Task CorrelateMessage_RestartsDeadline_WhenMissingDocumentsArrive(DatabaseProvider provider)
    {
        // "Frist läuft neu bei Eingang der Unterlagen": the month runs again from the day the documents arrive.
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TimerTests));
        var instance = await host.StartAsync("frist", new { aktenzeichen = "32.10-0007/2026" });
        Assert.Equal(EngineHost.StartTime.AddMonths(1), await host.QueryAsync(db => db.Jobs.Single().DueAt));

        host.Clock.Advance(TimeSpan.FromDays(20));
        await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("unterlagen-eingegangen", "32.10-0007/2026"));

        var restartedAt = EngineHost.StartTime.AddDays(20);
        Assert.Equal(restartedAt.AddMonths(1), await host.QueryAsync(db => db.Jobs.Single().DueAt));
        Assert.Equal(new JobExecutionSummary(0, 0), await host.AdvanceAsync(EngineHost.StartTime.AddMonths(1).AddDays(1) - restartedAt));
        Assert.Equal(["pruefen"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        host.Clock.Advance(restartedAt.AddMonths(1) - host.Clock.GetUtcNow());
        Assert.Equal(new JobExecutionSummary(1, 0), await host.Engine.ExecuteDueJobsAsync());
        Assert.Equal(["fiktion"], (await host.GetAsync(instance.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesWithElementsNamed_WhenTimeCycleIsCron(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(TimerTests)));

        Assert.All(error.Problems, p => Assert.Equal(BpmnProblemCodes.UnsupportedElement, p.Problem.Code));
        Assert.Equal(["daily", "weekly"], error.Problems.Select(p => p.Problem.ElementId).Order(StringComparer.Ordinal));
        var weekly = Assert.Single(error.Problems, p => p.Problem.ElementId == "weekly").Problem;
        Assert.Equal("Das Element 'weekly' ist ein Zeitereignis mit dem Cron-Ausdruck „0 0 9 * * MON“ als Zyklus; die Prozess-Engine versteht nur Wiederholungsintervalle nach ISO 8601 (z. B. R/P1D oder R/2027-01-04T09:00:00+01:00/P1W); das führt die Prozess-Engine nicht aus.", weekly.MessageGerman);
        Assert.True(weekly.Line > 0);
        Assert.Equal(0, await host.QueryAsync(db => db.ProcessDefinitions.Count() + db.Deployments.Count() + db.Jobs.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesWithElementNamed_WhenFeelStartCycleGivesCron(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(TimerTests)));

        var problem = Assert.Single(error.Problems).Problem;
        Assert.Equal((BpmnProblemCodes.InvalidTimerExpression, "weekly"), (problem.Code, problem.ElementId));
        Assert.Equal("Das Zeitereignis des Startereignisses 'weekly' lässt sich nicht planen: Der Zeitzyklus „0 0 9 * * MON“ von 'weekly' ist ein Cron-Ausdruck; die Prozess-Engine versteht nur Wiederholungsintervalle nach ISO 8601 (z. B. R/P1D oder R3/PT10M).", problem.MessageGerman);
        Assert.True(problem.Line > 0);
        Assert.Equal(0, await host.QueryAsync(db => db.ProcessDefinitions.Count() + db.Deployments.Count() + db.Jobs.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Start_RaisesIncidentInGerman_WhenFeelCycleGivesCron(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TimerTests));

        var failure = await Assert.ThrowsAsync<ProcessIncidentException>(() => host.StartAsync("cron", new { zyklus = "0 30 8 * * MON-FRI" }));

        var incident = Assert.Single((await host.GetAsync(failure.Incident.ProcessInstanceId!.Value)).Incidents);
        Assert.Equal((IncidentTypes.ExpressionFailed, "remind"), (incident.Type, incident.ElementId));
        Assert.Equal("Der Zeitzyklus „0 30 8 * * MON-FRI“ von 'remind' ist ein Cron-Ausdruck; die Prozess-Engine versteht nur Wiederholungsintervalle nach ISO 8601 (z. B. R/P1D oder R3/PT10M).", incident.Message);
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteDueJobs_StartsOneInstance_WhenTimerStartDurationHasPassed(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TimerTests));
        Assert.Equal(EngineHost.StartTime.AddHours(2), await host.QueryAsync(db => db.Jobs.Single().DueAt));

        Assert.Equal(new JobExecutionSummary(0, 0), await host.AdvanceAsync(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1)));
        Assert.Empty(await host.Engine.QueryUserTasksAsync(new UserTaskQuery()));
        Assert.Equal(new JobExecutionSummary(1, 0), await host.AdvanceAsync(TimeSpan.FromSeconds(1)));
        await host.AdvanceAsync(TimeSpan.FromDays(2));

        Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery()));
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteDueJobs_FiresIntermediateTimerOnce_WhenTimeCycleIsGiven(DatabaseProvider provider)
    {
        // The token leaves the catch event at the first firing; the remaining repetitions of R3 have nothing to move.
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TimerTests));
        var instance = await host.StartAsync("timer");

        Assert.Equal(new JobExecutionSummary(0, 0), await host.AdvanceAsync(TimeSpan.FromMinutes(59)));
        Assert.Equal(["wait"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Equal(new JobExecutionSummary(1, 0), await host.AdvanceAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        await host.AdvanceAsync(TimeSpan.FromHours(5));

        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Single(await host.Engine.GetHistoryAsync(instance.Id), e => e.Type == HistoryEventTypes.TimerFired);
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteDueJobs_InterruptsTask_WhenBoundaryTimerDateIsReached(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TimerTests));
        var instance = await host.StartAsync("timer");
        var work = await host.SingleTaskAsync(instance.Id);
        var due = new DateTimeOffset(2026, 3, 5, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(due, await host.QueryAsync(db => db.Jobs.Single().DueAt));

        Assert.Equal(new JobExecutionSummary(0, 0), await host.AdvanceAsync(due - EngineHost.StartTime - TimeSpan.FromSeconds(1)));
        Assert.Equal(["work"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Equal(new JobExecutionSummary(1, 0), await host.AdvanceAsync(TimeSpan.FromSeconds(1)));

        Assert.Equal(["late"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Equal(UserTaskState.Canceled, (await host.Engine.GetUserTaskAsync(work.Id)).State);
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
    }
}
