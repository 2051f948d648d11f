using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Execution;

public sealed class MessageTests
{
    [Theory]
    [AllProviders]
    public async Task CorrelateMessage_MovesWaitingInstance_WhenNameAndKeyMatch(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MessageTests));
        var first = await host.StartAsync("message", new { aktenzeichen = "32.10-0001/2026" });
        var second = await host.StartAsync("message", new { aktenzeichen = "32.10-0002/2026" });

        var wrongKey = await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("unterlagen-nachgereicht", "32.10-9999/2026"));
        var result = await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("unterlagen-nachgereicht", "32.10-0002/2026", Variables.Of(new { dokument = "scan.pdf" })));

        Assert.False(wrongKey.Correlated);
        Assert.Equal(new MessageCorrelationResult(true, second.Id, false), result);
        Assert.Equal(["docs"], (await host.GetAsync(first.Id)).ActiveElementIds);
        var state = await host.GetAsync(second.Id);
        Assert.Equal(["after"], state.ActiveElementIds);
        Assert.Equal("scan.pdf", state.Variables["dokument"]!.GetValue<string>());
        Assert.False((await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("unterlagen-nachgereicht", "32.10-0002/2026"))).Correlated);
    }

    [Theory]
    [AllProviders]
    public async Task CorrelateMessage_ReachesOnlyTheNamedInstance_WhenProcessInstanceIdIsGiven(DatabaseProvider provider)
    {
        // Two instances wait with the same key; without an instance the older one would receive the message.
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MessageTests));
        var older = await host.StartAsync("message", new { aktenzeichen = "A" });
        var younger = await host.StartAsync("message", new { aktenzeichen = "A" });

        var result = await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("unterlagen-nachgereicht", "A", ProcessInstanceId: younger.Id));
        var again = await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("unterlagen-nachgereicht", "A", ProcessInstanceId: younger.Id));

        Assert.Equal(new MessageCorrelationResult(true, younger.Id, false), result);
        Assert.Equal(new MessageCorrelationResult(false, null, false), again);
        Assert.Equal(["after"], (await host.GetAsync(younger.Id)).ActiveElementIds);
        Assert.Equal(["docs"], (await host.GetAsync(older.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task GetMessageSubscriptions_NamesWhatTheInstanceWaitsFor(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MessageTests));
        var instance = await host.StartAsync("message", new { aktenzeichen = "32.10-0001/2026" });
        var other = await host.StartAsync("message", new { aktenzeichen = "32.10-0002/2026" });

        var waiting = Assert.Single(await host.Engine.GetMessageSubscriptionsAsync(instance.Id));
        await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("unterlagen-nachgereicht", "32.10-0001/2026"));

        Assert.Equal(instance.Id, waiting.ProcessInstanceId);
        Assert.Equal(("unterlagen-nachgereicht", "32.10-0001/2026"), (waiting.MessageName, waiting.CorrelationKey));
        Assert.Equal(("docs", "Unterlagen nachgereicht", "intermediateCatchEvent"), (waiting.ElementId, waiting.ElementName, waiting.ElementType));
        Assert.Empty(await host.Engine.GetMessageSubscriptionsAsync(instance.Id));
        Assert.Single(await host.Engine.GetMessageSubscriptionsAsync(other.Id));
        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => host.Engine.GetMessageSubscriptionsAsync(Guid.NewGuid()));
    }

    [Theory]
    [AllProviders]
    public async Task CorrelateMessage_CompletesReceiveTask_WhenKeyMatches(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MessageTests));
        var instance = await host.StartAsync("message", new { aktenzeichen = 42 });

        var result = await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("unterlagen-nachgereicht", "42"));

        Assert.True(result.Correlated);
        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task CorrelateMessage_StartsInstance_WhenProcessHasMessageStartEvent(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MessageTests));

        var result = await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("antrag-eingegangen", null, Variables.Of(new { antragsteller = "Erika" })));

        Assert.True(result.Correlated);
        Assert.True(result.StartedNewInstance);
        var state = await host.GetAsync(result.ProcessInstanceId!.Value);
        Assert.Equal(["check"], state.ActiveElementIds);
        Assert.Equal("Erika", state.Variables["antragsteller"]!.GetValue<string>());
    }

    [Theory]
    [AllProviders]
    public async Task CorrelateMessage_StartsNoSecondInstance_WhenInstanceWithSameKeyIsActive(DatabaseProvider provider)
    {
        // Camunda 8: a message start event starts at most one active instance per correlation key, for correlation as for publication.
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MessageTests));

        var first = await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("antrag-eingegangen", "32.10-0042/2026"));
        var second = await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("antrag-eingegangen", "32.10-0042/2026"));
        await host.CompleteSingleTaskAsync(first.ProcessInstanceId!.Value);
        var afterEnd = await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("antrag-eingegangen", "32.10-0042/2026"));

        Assert.True(first.StartedNewInstance);
        Assert.Equal(new MessageCorrelationResult(false, null, false), second);
        Assert.True(afterEnd.StartedNewInstance);
        Assert.NotEqual(first.ProcessInstanceId, afterEnd.ProcessInstanceId);
        Assert.Equal("32.10-0042/2026", (await host.GetAsync(afterEnd.ProcessInstanceId!.Value)).BusinessKey);
    }

    [Theory]
    [AllProviders]
    public async Task CorrelateMessage_InterruptsTask_WhenBoundaryMessageArrives(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MessageTests));
        var instance = await host.StartAsync("message", new { aktenzeichen = "A" });

        await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("unterlagen-nachgereicht", "A"));

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, state.State);
        Assert.Equal(["start", "work", "withdrawn", "endWithdrawn"], await host.EnteredAsync(instance.Id));
        Assert.Empty(await host.Engine.QueryUserTasksAsync(new UserTaskQuery()));
    }

    [Theory]
    [AllProviders]
    public async Task CorrelateMessage_KeepsTask_WhenNonInterruptingBoundaryMessageArrivesTwice(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MessageTests));
        var instance = await host.StartAsync("message", new { aktenzeichen = "A" });

        await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("rueckfrage", "A"));
        await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("rueckfrage", "A"));

        var tasks = await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id });
        Assert.Equal(["answer", "answer", "work"], tasks.Select(t => t.ElementId).Order(StringComparer.Ordinal));
        await host.Engine.CompleteUserTaskAsync(tasks.Single(t => t.ElementId == "work").Id);
        Assert.Empty(await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id, ElementId = "work" }));
        Assert.False((await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("rueckfrage", "A"))).Correlated);
    }

    [Theory]
    [AllProviders]
    public async Task CorrelateMessage_KeepsTask_WhenNonInterruptingMessageEventSubProcessStarts(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MessageTests));
        var instance = await host.StartAsync("message", new { aktenzeichen = "A" });

        await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("rueckfrage", "A", new Dictionary<string, object?> { ["frage"] = "Grundriss fehlt" }));

        var tasks = await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instance.Id });
        Assert.Equal(["answer", "work"], tasks.Select(t => t.ElementId).Order(StringComparer.Ordinal));
        await host.Engine.CompleteUserTaskAsync(tasks.Single(t => t.ElementId == "answer").Id);
        await host.Engine.CompleteUserTaskAsync(tasks.Single(t => t.ElementId == "work").Id);
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(instance.Id)).State);
    }
}

public sealed class EventBasedGatewayTests
{
    [Theory]
    [AllProviders]
    public async Task CorrelateMessage_TakesMessageBranch_WhenMessageArrivesFirst(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(EventBasedGatewayTests));
        var instance = await host.StartAsync("eventgateway", new { aktenzeichen = "A" });
        Assert.Equal(["race"], instance.ActiveElementIds);

        await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("unterlagen-nachgereicht", "A"));
        await host.AdvanceAsync(TimeSpan.FromDays(8));

        Assert.Equal(["check"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Equal(["start", "race", "docs", "check"], await host.EnteredAsync(instance.Id));
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count() + db.EventSubscriptions.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task ExecuteDueJobs_TakesTimerBranch_WhenTimerFiresFirst(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(EventBasedGatewayTests));
        var instance = await host.StartAsync("eventgateway", new { aktenzeichen = "A" });

        await host.AdvanceAsync(TimeSpan.FromDays(7));
        var late = await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("unterlagen-nachgereicht", "A"));

        Assert.False(late.Correlated);
        Assert.Equal(["remind"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Equal(["start", "race", "timeout", "remind"], await host.EnteredAsync(instance.Id));
    }
}
