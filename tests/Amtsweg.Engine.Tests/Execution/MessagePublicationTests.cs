using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Execution;

/// <summary>Message publication with a time to live (Camunda 8's message buffer), and correlation by two nodes at once.</summary>
public sealed class MessagePublicationTests
{
    private const string Message = "unterlagen-eingegangen";

    [Theory]
    [AllProviders]
    public async Task Bug_MessageArrivingBeforeInstanceWaitedWasDropped_PublishedMessageIsDeliveredWhenSubscriptionOpens(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MessagePublicationTests));
        var instance = await host.StartAsync("antrag", new { aktenzeichen = "32.10-0001/2026-1" });

        var published = await host.Engine.PublishMessageAsync(new PublishMessageRequest(
            Message, "32.10-0001/2026-1", TimeSpan.FromHours(1), Variables: new Dictionary<string, object?> { ["unterlagen"] = "Grundriss" }));
        Assert.Empty(published.ProcessInstanceIds);
        Assert.True(published.Buffered);
        Assert.Equal(["pruefen"], (await host.GetAsync(instance.Id)).ActiveElementIds);

        host.Clock.Advance(TimeSpan.FromMinutes(30));
        await host.CompleteSingleTaskAsync(instance.Id);

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["bescheiden"], state.ActiveElementIds);
        Assert.Equal("Grundriss", state.Variables["unterlagen"]!.GetValue<string>());
        Assert.Contains(await host.Engine.GetHistoryAsync(instance.Id), e => e.Type == HistoryEventTypes.MessageCorrelated && e.ElementId == "warten");
    }

    [Theory]
    [AllProviders]
    public async Task Publish_IsNotDelivered_WhenTimeToLiveHasPassed(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MessagePublicationTests));
        var instance = await host.StartAsync("antrag", new { aktenzeichen = "A" });
        await host.Engine.PublishMessageAsync(new PublishMessageRequest(Message, "A", TimeSpan.FromMinutes(10)));

        host.Clock.Advance(TimeSpan.FromMinutes(10));
        await host.CompleteSingleTaskAsync(instance.Id);

        Assert.Equal(["warten"], (await host.GetAsync(instance.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task Publish_IsRefused_WhenMessageIdIsRepeatedWhileMessageLives(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MessagePublicationTests));
        var request = new PublishMessageRequest(Message, "A", TimeSpan.FromMinutes(10), MessageId: "posteingang-4711");
        await host.Engine.PublishMessageAsync(request);

        var error = await Assert.ThrowsAsync<InvalidEngineStateException>(() => host.Engine.PublishMessageAsync(request));

        Assert.Equal("Die Nachricht „unterlagen-eingegangen“ mit der Nachrichten-ID „posteingang-4711“ wurde für diesen Korrelationsschlüssel bereits veröffentlicht und ist noch gültig; sie wird nicht ein zweites Mal zugestellt.", error.Message);
        Assert.Equal(1, await host.QueryAsync(db => db.Messages.Count()));
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        await host.Engine.PublishMessageAsync(request);
        Assert.Equal(1, await host.QueryAsync(db => db.Messages.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Publish_ReachesOnlyOldestInstanceOfProcess_WhenSeveralWait(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MessagePublicationTests));
        var first = await host.StartAsync("antrag", new { aktenzeichen = "A" });
        await host.CompleteSingleTaskAsync(first.Id);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await host.StartAsync("antrag", new { aktenzeichen = "A" });
        await host.CompleteSingleTaskAsync(second.Id);
        var third = await host.StartAsync("antrag", new { aktenzeichen = "A" });

        var published = await host.Engine.PublishMessageAsync(new PublishMessageRequest(Message, "A", TimeSpan.FromHours(1)));
        await host.CompleteSingleTaskAsync(third.Id);

        Assert.Equal([first.Id], published.ProcessInstanceIds);
        Assert.Equal(["bescheiden"], (await host.GetAsync(first.Id)).ActiveElementIds);
        Assert.Equal(["warten"], (await host.GetAsync(second.Id)).ActiveElementIds);
        Assert.Equal(["warten"], (await host.GetAsync(third.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task Publish_StartsOneInstancePerKey_WhenProcessHasMessageStartEvent(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MessagePublicationTests));

        var first = await host.Engine.PublishMessageAsync(new PublishMessageRequest(Message, "A", TimeSpan.Zero));
        var again = await host.Engine.PublishMessageAsync(new PublishMessageRequest(Message, "A", TimeSpan.Zero));
        var other = await host.Engine.PublishMessageAsync(new PublishMessageRequest(Message, "B", TimeSpan.Zero));

        var started = Assert.Single(first.ProcessInstanceIds);
        Assert.Equal("A", (await host.GetAsync(started)).BusinessKey);
        Assert.Empty(again.ProcessInstanceIds);
        Assert.Single(other.ProcessInstanceIds);
        Assert.False(first.Buffered);
        Assert.Equal(0, await host.QueryAsync(db => db.Messages.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Publish_InterruptsTaskLater_WhenBoundaryOpensWithinTimeToLive(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MessagePublicationTests));
        var instance = await host.StartAsync("antrag", new { aktenzeichen = "A" });
        await host.Engine.PublishMessageAsync(new PublishMessageRequest(Message, "A", TimeSpan.FromDays(1)));

        await host.CompleteSingleTaskAsync(instance.Id);

        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(instance.Id)).State);
        Assert.Equal(["start", "erfassen", "pruefen", "zurueckgezogen", "endZurueck"], await host.EnteredAsync(instance.Id));
        Assert.Empty(await host.Engine.QueryUserTasksAsync(new UserTaskQuery()));
    }

    [Theory]
    [AllProviders]
    public async Task CorrelateMessage_HasExactlyOneWinner_WhenTwoNodesCorrelateAtOnce(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(MessagePublicationTests));
        for (var round = 0; round < 10; round++)
        {
            var key = "A-" + round;
            var instance = await host.StartAsync("antrag", new { aktenzeichen = key });
            await host.CompleteSingleTaskAsync(instance.Id);

            var outcomes = await Task.WhenAll(CorrelateAsync(host, key, "Knoten 1"), CorrelateAsync(host, key, "Knoten 2"));

            Assert.Equal(1, outcomes.Count(o => o == "correlated"));
            Assert.All(outcomes.Where(o => o != "correlated"), o => Assert.True(o is "conflict" or "nobody-waits", o));
            Assert.Equal(["bescheiden"], (await host.GetAsync(instance.Id)).ActiveElementIds);
            Assert.Equal(1, (await host.Engine.GetHistoryAsync(instance.Id)).Count(e => e.Type == HistoryEventTypes.MessageCorrelated));
        }
    }

    private static async Task<string> CorrelateAsync(EngineHost host, string key, string node)
    {
        await Task.Yield();
        await using var scope = host.CreateScope();
        var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
        try
        {
            var result = await engine.CorrelateMessageAsync(new CorrelateMessageRequest(Message, key, new Dictionary<string, object?> { ["von"] = node }));
            return result.Correlated ? "correlated" : "nobody-waits";
        }
        catch (ConcurrentModificationException)
        {
            return "conflict";
        }
    }
}
