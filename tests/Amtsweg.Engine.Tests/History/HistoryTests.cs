using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.History;

public sealed class HistoryTests
{
    [Theory]
    [AllProviders]
    public async Task GetHistory_RecordsWhoWhenWhereAndVariableChanges_WhenInstanceRuns(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(HistoryTests));
        var instance = await host.Engine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "history", UserId = "sabine", BusinessKey = "32.10-0042/2026", Variables = Variables.Of(new { gebuehr = 10 }) });
        host.Clock.Advance(TimeSpan.FromHours(2));

        await host.CompleteSingleTaskAsync(instance.Id, new { gebuehr = 25 }, userId: "clara");

        var history = await host.Engine.GetHistoryAsync(instance.Id);
        Assert.Equal(
            [
                HistoryEventTypes.ProcessInstanceStarted, HistoryEventTypes.VariablesUpdated,
                HistoryEventTypes.ElementEntered, HistoryEventTypes.ElementCompleted, HistoryEventTypes.SequenceFlowTaken,
                HistoryEventTypes.ElementEntered, HistoryEventTypes.UserTaskCreated,
                HistoryEventTypes.UserTaskCompleted, HistoryEventTypes.VariablesUpdated, HistoryEventTypes.ElementCompleted, HistoryEventTypes.SequenceFlowTaken,
                HistoryEventTypes.ElementEntered, HistoryEventTypes.ElementCompleted, HistoryEventTypes.ProcessInstanceCompleted,
            ],
            history.Select(e => e.Type));
        Assert.Equal(history.Select(e => e.Sequence).Order(), history.Select(e => e.Sequence));
        Assert.All(history.Take(7), e => Assert.Equal("sabine", e.UserId));
        Assert.All(history.Take(7), e => Assert.Equal(EngineHost.StartTime, e.Timestamp));
        Assert.All(history.Skip(7), e => Assert.Equal("clara", e.UserId));
        Assert.All(history.Skip(7), e => Assert.Equal(EngineHost.StartTime.AddHours(2), e.Timestamp));
        var change = history[8];
        Assert.Equal("check", change.ElementId);
        Assert.Equal(10, change.VariablesBefore!["gebuehr"]!.GetValue<int>());
        Assert.Equal(25, change.VariablesAfter!["gebuehr"]!.GetValue<int>());
        Assert.Equal("userTask", history[5].ElementType);
        Assert.Equal("32.10-0042/2026", history[0].Detail);
    }

    // Issue 10: the Vorgang page showed element ids ("check") where clerks expect the step's name.
    [Theory]
    [AllProviders]
    public async Task GetHistory_CarriesElementNamesFromTheDeployedModel_WhenElementsAreNamed(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(HistoryTests));
        var instance = await host.StartAsync("named");
        await host.CompleteSingleTaskAsync(instance.Id);

        var history = await host.Engine.GetHistoryAsync(instance.Id);

        Assert.Equal("Antrag bescheiden", Assert.Single(history, e => e.Type == HistoryEventTypes.ProcessInstanceStarted).ElementName);
        Assert.All(history.Where(e => e.ElementId == "check"), e => Assert.Equal("Antrag prüfen", e.ElementName));
        Assert.All(history.Where(e => e.ElementId == "end"), e => Assert.Equal("Beschieden", e.ElementName));
        Assert.All(history.Where(e => e.ElementId == "start"), e => Assert.Null(e.ElementName));
        Assert.Contains(history, e => e.ElementId == "start");
    }

    [Theory]
    [AllProviders]
    public async Task GetHistory_FailsAsNotFound_WhenInstanceDoesNotExist(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => host.Engine.GetHistoryAsync(Guid.CreateVersion7()));
    }
}
