using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Hostile;

/// <summary>
/// Two nodes (two engine registrations with their own services and connections, as two server processes) act on the same
/// user task at the same moment: exactly one wins, the other gets a clean conflict (409 in the server), nothing is done twice.
/// </summary>
public sealed class TwoNodeTaskTests
{
    private const int Rounds = 20;

    private static readonly TaskCaller Anna = new("anna", ["Sachbearbeitung"]);
    private static readonly TaskCaller Ben = new("ben", ["Sachbearbeitung"]);

    [Theory]
    [AllProviders]
    public async Task CompleteUserTask_HasExactlyOneWinner_WhenTwoNodesCompleteSameTaskAtOnce(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var first = host.StartNode();
        var second = host.StartNode();
        await host.DeployAsync(typeof(TwoNodeTaskTests));
        for (var round = 0; round < Rounds; round++)
        {
            var instance = await host.StartAsync("zweiKnoten");
            var task = await host.SingleTaskAsync(instance.Id);

            var outcomes = await AtOnceAsync(
                (first, engine => engine.CompleteUserTaskAsync(task.Id, Anna, Variables.Of(new { sieger = "anna" }))),
                (second, engine => engine.CompleteUserTaskAsync(task.Id, Ben, Variables.Of(new { sieger = "ben" }))));

            var winner = Assert.Single(outcomes, o => o.Won);
            Assert.All(outcomes.Where(o => !o.Won), o => Assert.True(o.Refusal is ConcurrentModificationException or InvalidEngineStateException, o.Refusal?.ToString()));
            var state = await host.GetAsync(instance.Id);
            Assert.Equal(["after"], state.ActiveElementIds);
            Assert.Equal(winner.Index == 0 ? "anna" : "ben", state.Variables["sieger"]!.GetValue<string>());
            Assert.Equal(winner.Index == 0 ? "anna" : "ben", await host.QueryAsync(db => db.UserTasks.Single(t => t.Id == task.Id).CompletedBy));
            Assert.Single(await host.EnteredAsync(instance.Id), "after");
            Assert.Single(await host.CompletedAsync(instance.Id), "check");
        }
    }

    [Theory]
    [AllProviders]
    public async Task ClaimAndComplete_HaveExactlyOneWinner_WhenTwoNodesActOnSameTaskAtOnce(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var first = host.StartNode();
        var second = host.StartNode();
        await host.DeployAsync(typeof(TwoNodeTaskTests));
        for (var round = 0; round < Rounds; round++)
        {
            var instance = await host.StartAsync("zweiKnoten");
            var task = await host.SingleTaskAsync(instance.Id);

            // Anna claims on one node while Ben completes on the other: after a claim by Anna, Ben may no longer complete.
            var outcomes = await AtOnceAsync(
                (first, engine => engine.ClaimUserTaskAsync(task.Id, Anna)),
                (second, engine => engine.CompleteUserTaskAsync(task.Id, Ben)));

            var winner = Assert.Single(outcomes, o => o.Won);
            var loser = Assert.Single(outcomes, o => !o.Won);
            Assert.True(loser.Refusal is ConcurrentModificationException or InvalidEngineStateException or TaskAccessDeniedException, loser.Refusal?.ToString());
            var stored = await host.QueryAsync(db => db.UserTasks.Single(t => t.Id == task.Id));
            if (winner.Index == 0)
            {
                Assert.Equal(UserTaskState.Created, stored.State);
                Assert.Equal("anna", stored.Assignee);
                Assert.Equal(["check"], (await host.GetAsync(instance.Id)).ActiveElementIds);
            }
            else
            {
                Assert.Equal(UserTaskState.Completed, stored.State);
                Assert.Equal("ben", stored.CompletedBy);
                Assert.Null(stored.Assignee);
                Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
            }
        }
    }

    /// <summary>
    /// Runs the actions on their nodes in parallel: each first opens its unit of work and its connection, then all wait at a
    /// barrier and start together, so that both commands read the task before either writes.
    /// </summary>
    private static async Task<IReadOnlyList<Outcome>> AtOnceAsync(params (EngineNode Node, Func<IProcessEngine, Task> Act)[] actions)
    {
        using var barrier = new Barrier(actions.Length);
        var runs = actions.Select((action, index) => Task.Run(async () =>
        {
            await using var scope = action.Node.CreateScope();
            var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
            await engine.ListProcessDefinitionsAsync();
            barrier.SignalAndWait(TimeSpan.FromMinutes(1));
            try
            {
                await action.Act(engine);
                return new Outcome(index, true, null);
            }
            catch (ProcessEngineException refusal)
            {
                return new Outcome(index, false, refusal);
            }
        }));
        return await Task.WhenAll(runs);
    }

    private sealed record Outcome(int Index, bool Won, ProcessEngineException? Refusal);
}
