using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Hostile;

public sealed class HostileInputTests
{
    [Theory]
    [AllProviders]
    public async Task Start_RaisesStepLimitIncident_WhenLoopHasNoWaitState(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider, s => s.Configure<ProcessEngineOptions>(o => o.MaxStepsPerTransaction = 300));
        await host.DeployAsync(typeof(HostileInputTests));

        var error = await Assert.ThrowsAsync<ProcessIncidentException>(() => host.StartAsync("endless", new { zaehler = 0 }));

        Assert.Equal(IncidentTypes.StepLimitExceeded, error.Incident.Type);
        Assert.StartsWith("Mehr als 300 Schritte in einer Transaktion", error.Incident.Message, StringComparison.Ordinal);
        Assert.Contains(error.Incident.ElementId, new[] { "start", "count", "more" });
        var state = await host.GetAsync(error.Incident.ProcessInstanceId!.Value);
        Assert.Equal(["start"], state.ActiveElementIds);
        Assert.Equal(0, state.Variables["zaehler"]!.GetValue<int>());
        Assert.Single(state.Incidents);
    }

    [Theory]
    [AllProviders]
    public async Task Complete_RollsBackToLastWaitState_WhenFeelFailsAtRunTime(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(HostileInputTests));
        var instance = await host.StartAsync("feelerror", new { gebuehr = 10 });
        var task = await host.SingleTaskAsync(instance.Id);
        var historyBefore = (await host.Engine.GetHistoryAsync(instance.Id)).Count;

        var error = await Assert.ThrowsAsync<ProcessIncidentException>(() => host.Engine.CompleteUserTaskAsync(task.Id, Variables.Of(new { gebuehr = 20 }), "clara"));

        Assert.Equal(IncidentTypes.ExpressionFailed, error.Incident.Type);
        Assert.Equal("large", error.Incident.ElementId);
        Assert.Contains("antrag.betrag > 100", error.Incident.Message, StringComparison.Ordinal);
        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["check"], state.ActiveElementIds);
        Assert.Equal(10, state.Variables["gebuehr"]!.GetValue<int>());
        Assert.DoesNotContain("doppelt", state.Variables.Keys);
        Assert.Equal(error.Incident.Id, Assert.Single(state.Incidents).Id);
        Assert.Equal(task.Id, (await host.SingleTaskAsync(instance.Id)).Id);
        var history = await host.Engine.GetHistoryAsync(instance.Id);
        Assert.Equal(historyBefore + 1, history.Count);
        Assert.Equal(HistoryEventTypes.IncidentCreated, history[^1].Type);

        await host.Engine.CompleteUserTaskAsync(task.Id, Variables.Of(new { antrag = new { betrag = 500 } }));
        Assert.Equal(["big"], (await host.GetAsync(instance.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task Complete_FailsCleanly_WhenSameTaskIsCompletedConcurrently(DatabaseProvider provider)
    {
        var race = new RaceInterceptor("CompleteUserTaskCommand");
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<ICommandInterceptor>(race));
        await host.DeployAsync(typeof(HostileInputTests));
        var instance = await host.StartAsync("concurrent");
        var task = await host.SingleTaskAsync(instance.Id);
        race.Interleave = async () =>
        {
            await using var other = host.CreateScope();
            await other.ServiceProvider.GetRequiredService<IProcessEngine>().CompleteUserTaskAsync(task.Id, Variables.Of(new { sieger = "ben" }), "ben");
        };

        await Assert.ThrowsAsync<ConcurrentModificationException>(() => host.Engine.CompleteUserTaskAsync(task.Id, Variables.Of(new { sieger = "anna" }), "anna"));

        Assert.True(race.Interleaved);
        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["after"], state.ActiveElementIds);
        Assert.Equal("ben", state.Variables["sieger"]!.GetValue<string>());
        Assert.Single(await host.EnteredAsync(instance.Id), "after");
        Assert.Equal("ben", await host.QueryAsync(db => db.UserTasks.Single(t => t.Id == task.Id).CompletedBy));
    }

    [Theory]
    [AllProviders]
    public async Task Claim_FailsCleanly_WhenTaskIsCompletedConcurrently(DatabaseProvider provider)
    {
        var race = new RaceInterceptor("ClaimUserTaskCommand");
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<ICommandInterceptor>(race));
        await host.DeployAsync(typeof(HostileInputTests));
        var instance = await host.StartAsync("concurrent");
        var task = await host.SingleTaskAsync(instance.Id);
        race.Interleave = async () =>
        {
            await using var other = host.CreateScope();
            await other.ServiceProvider.GetRequiredService<IProcessEngine>().CompleteUserTaskAsync(task.Id);
        };

        await Assert.ThrowsAsync<ConcurrentModificationException>(() => host.Engine.ClaimUserTaskAsync(task.Id, "anna"));

        Assert.Null(await host.QueryAsync(db => db.UserTasks.Single(t => t.Id == task.Id).Assignee));
        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
    }
}
