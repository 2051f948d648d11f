using System.Reflection;
using System.Runtime.CompilerServices;
using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Xunit.Sdk;

namespace Amtsweg.Engine.Tests.Execution;

/// <summary>
/// Events per inner instance of a multi-instance activity (Camunda 8): each test runs its diagram as a parallel and
/// as a sequential multi-instance (the diagram says <c>isSequential="false"</c>; the sequential run flips it), on both databases.
/// </summary>
public sealed class MultiInstanceEventTests
{
    private static readonly string[] Antraege = ["a", "b", "c"];

    [Theory]
    [AllProvidersBothOrders]
    public async Task CorrelateMessage_CompletesOnlyItsInnerInstance_WhenCatchInMultiInstanceSubProcessIsKeyedByInputElement(DatabaseProvider provider, bool sequential)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await DeployAsync(host, sequential);
        var instance = await host.StartAsync("multi", new { antraege = Antraege });
        Assert.Equal(sequential ? ["a"] : Antraege, await KeysAsync(host, instance.Id, "antwort-eingegangen"));

        var order = sequential ? Antraege : ["b", "c", "a"];
        foreach (var key in order)
        {
            var result = await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("antwort-eingegangen", key, Variables.Of(new { antwort = key.ToUpperInvariant() })));
            Assert.True(result.Correlated);
            Assert.DoesNotContain(key, await KeysAsync(host, instance.Id, "antwort-eingegangen"));
            Assert.False((await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("antwort-eingegangen", key))).Correlated);
        }

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["after"], state.ActiveElementIds);
        Assert.Equal(["A", "B", "C"], state.Variables["ergebnisse"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.DoesNotContain("antwort", state.Variables.Keys);
    }

    [Theory]
    [AllProvidersBothOrders]
    public async Task CorrelateMessage_CompletesOnlyItsInnerInstance_WhenMultiInstanceReceiveTaskIsKeyedByInputElement(DatabaseProvider provider, bool sequential)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await DeployAsync(host, sequential);
        var instance = await host.StartAsync("multi", new { antraege = Antraege });
        Assert.Equal(sequential ? ["a"] : Antraege, await KeysAsync(host, instance.Id, "antwort-eingegangen"));

        var order = sequential ? Antraege : ["c", "a", "b"];
        foreach (var key in order)
        {
            Assert.True((await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("antwort-eingegangen", key, Variables.Of(new { antwort = key.ToUpperInvariant() })))).Correlated);
            Assert.DoesNotContain(key, await KeysAsync(host, instance.Id, "antwort-eingegangen"));
        }

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["after"], state.ActiveElementIds);
        Assert.Equal(["A", "B", "C"], state.Variables["ergebnisse"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Theory]
    [AllProvidersBothOrders]
    public async Task ExecuteDueJobs_FiresTimerPerInnerInstance_WhenTaskInMultiInstanceSubProcessHasBoundaryTimer(DatabaseProvider provider, bool sequential)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await DeployAsync(host, sequential);
        var instance = await host.StartAsync("multi", new { antraege = Antraege });

        if (sequential)
        {
            // Each inner instance has its own deadline, running from the start of that instance.
            foreach (var antrag in Antraege)
            {
                Assert.Single(await TimersAsync(host, instance.Id));
                await host.AdvanceAsync(TimeSpan.FromHours(1));
                var remind = Assert.Single(await TasksAsync(host, instance.Id));
                Assert.Equal(("remind", antrag), (remind.ElementId, remind.Assignee));
                Assert.Empty(await TimersAsync(host, instance.Id));
                await host.Engine.CompleteUserTaskAsync(remind.Id);
            }
        }
        else
        {
            Assert.Equal(3, (await TimersAsync(host, instance.Id)).Count);
            await host.Engine.CompleteUserTaskAsync((await TasksAsync(host, instance.Id)).Single(t => t.Assignee == "b").Id);
            Assert.Equal(2, (await TimersAsync(host, instance.Id)).Count);

            await host.AdvanceAsync(TimeSpan.FromHours(1));

            var reminders = await TasksAsync(host, instance.Id);
            Assert.Equal([("remind", "a"), ("remind", "c")], reminders.Select(t => (t.ElementId, t.Assignee!)).Order());
            Assert.Empty(await TimersAsync(host, instance.Id));
            foreach (var remind in reminders)
            {
                await host.Engine.CompleteUserTaskAsync(remind.Id);
            }
        }

        Assert.Equal(["after"], (await host.GetAsync(instance.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProvidersBothOrders]
    public async Task ExecuteDueJobs_CancelsEveryInnerInstanceWithoutOutput_WhenInterruptingBoundaryTimerOfMultiInstanceFires(DatabaseProvider provider, bool sequential)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await DeployAsync(host, sequential);
        var instance = await host.StartAsync("multi", new { antraege = Antraege });
        await host.Engine.CompleteUserTaskAsync((await TasksAsync(host, instance.Id)).Single(t => t.Assignee == "a").Id, Variables.Of(new { antwort = "ja" }));
        Assert.Equal(sequential ? 1 : 2, (await TasksAsync(host, instance.Id)).Count);

        // One timer for the whole multi-instance activity (its body), not one per inner instance.
        Assert.Single(await TimersAsync(host, instance.Id));
        await host.AdvanceAsync(TimeSpan.FromHours(1));

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["late"], state.ActiveElementIds);
        Assert.Equal("late", Assert.Single(await TasksAsync(host, instance.Id)).ElementId);
        Assert.DoesNotContain("ergebnisse", state.Variables.Keys);
        Assert.Equal(sequential ? 1 : 2, await host.QueryAsync(db => db.UserTasks.Count(t => t.ProcessInstanceId == instance.Id && t.State == UserTaskState.Canceled)));
        Assert.Empty(await TimersAsync(host, instance.Id));
    }

    [Theory]
    [AllProvidersBothOrders]
    public async Task CorrelateMessage_KeepsEveryInnerInstance_WhenNonInterruptingBoundaryOfMultiInstanceCatches(DatabaseProvider provider, bool sequential)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await DeployAsync(host, sequential);
        var instance = await host.StartAsync("multi", new { antraege = Antraege, aktenzeichen = "32.10-0042/2026" });
        Assert.Equal(["32.10-0042/2026"], await KeysAsync(host, instance.Id, "nachfrage"));

        Assert.True((await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("nachfrage", "32.10-0042/2026"))).Correlated);
        Assert.True((await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("nachfrage", "32.10-0042/2026"))).Correlated);

        var tasks = await TasksAsync(host, instance.Id);
        Assert.Equal(2, tasks.Count(t => t.ElementId == "answer"));
        Assert.Equal(sequential ? 1 : 3, tasks.Count(t => t.ElementId == "sign"));
        foreach (var antrag in Antraege)
        {
            var sign = (await TasksAsync(host, instance.Id)).Single(t => t.Assignee == antrag);
            await host.Engine.CompleteUserTaskAsync(sign.Id, Variables.Of(new { antwort = "ja-" + antrag }));
        }

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["after", "answer"], state.ActiveElementIds.Order(StringComparer.Ordinal));
        Assert.Equal(2, (await TasksAsync(host, instance.Id)).Count(t => t.ElementId == "answer"));
        Assert.Equal(["ja-a", "ja-b", "ja-c"], state.Variables["ergebnisse"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Empty(await KeysAsync(host, instance.Id, "nachfrage"));
    }

    [Theory]
    [AllProvidersBothOrders]
    public async Task ErrorEnd_CancelsEveryInnerInstanceWithoutOutput_WhenErrorBoundaryOfMultiInstanceCatchesIt(DatabaseProvider provider, bool sequential)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await DeployAsync(host, sequential);
        var instance = await host.StartAsync("multi", new { antraege = Antraege });

        await host.Engine.CompleteUserTaskAsync((await TasksAsync(host, instance.Id)).Single(t => t.Assignee == "a").Id, Variables.Of(new { antwort = "ja" }));
        await host.Engine.CompleteUserTaskAsync((await TasksAsync(host, instance.Id)).Single(t => t.Assignee == "b").Id, Variables.Of(new { antwort = "nein" }));

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["notify"], state.ActiveElementIds);
        Assert.DoesNotContain("ergebnisse", state.Variables.Keys);
        Assert.Equal(sequential ? 0 : 1, await host.QueryAsync(db => db.UserTasks.Count(t => t.ProcessInstanceId == instance.Id && t.Assignee == "c" && t.State == UserTaskState.Canceled)));
        Assert.Equal(sequential ? 0 : 1, await host.QueryAsync(db => db.UserTasks.Count(t => t.ProcessInstanceId == instance.Id && t.Assignee == "c")));
        Assert.Empty(await host.QueryAsync(db => db.Incidents.Where(i => i.ProcessInstanceId == instance.Id).ToList()));
    }

    [Theory]
    [AllProvidersBothOrders]
    public async Task CorrelateMessage_StartsEventSubProcessOfOneInnerInstanceBesideItsWork_WhenNonInterruptingStartIsKeyedByInputElement(DatabaseProvider provider, bool sequential)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await DeployAsync(host, sequential);
        var instance = await host.StartAsync("multi", new { antraege = Antraege });
        Assert.Equal(sequential ? ["a"] : Antraege, await KeysAsync(host, instance.Id, "nachfrage"));

        var asked = sequential ? "a" : "b";
        Assert.True((await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("nachfrage", asked))).Correlated);

        var tasks = await TasksAsync(host, instance.Id);
        Assert.Equal([("answer", asked)], tasks.Where(t => t.ElementId == "answer").Select(t => (t.ElementId, t.Assignee!)));
        Assert.Equal(sequential ? ["a"] : Antraege, tasks.Where(t => t.ElementId == "work").Select(t => t.Assignee!).Order(StringComparer.Ordinal));

        // The inner instance ends after its work and its event sub-process have both ended.
        await host.Engine.CompleteUserTaskAsync(tasks.Single(t => t.ElementId == "work" && t.Assignee == asked).Id, Variables.Of(new { antwort = "ja-" + asked }));
        Assert.Contains(asked, await KeysAsync(host, instance.Id, "nachfrage"));
        await host.Engine.CompleteUserTaskAsync(tasks.Single(t => t.ElementId == "answer").Id);
        Assert.DoesNotContain(asked, await KeysAsync(host, instance.Id, "nachfrage"));
        foreach (var antrag in Antraege.Where(a => a != asked))
        {
            var work = (await TasksAsync(host, instance.Id)).Single(t => t.ElementId == "work" && t.Assignee == antrag);
            await host.Engine.CompleteUserTaskAsync(work.Id, Variables.Of(new { antwort = "ja-" + antrag }));
        }

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["after"], state.ActiveElementIds);
        Assert.Equal(["ja-a", "ja-b", "ja-c"], state.Variables["ergebnisse"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Empty(await KeysAsync(host, instance.Id, "nachfrage"));
    }

    [Theory]
    [AllProvidersBothOrders]
    public async Task CorrelateMessage_EndsOnlyItsInnerInstanceAsCompleted_WhenInterruptingEventSubProcessIsKeyedByInputElement(DatabaseProvider provider, bool sequential)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await DeployAsync(host, sequential);
        var instance = await host.StartAsync("multi", new { antraege = Antraege });

        var withdrawn = sequential ? "a" : "b";
        Assert.True((await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("zurueckgezogen", withdrawn))).Correlated);

        Assert.Equal(UserTaskState.Canceled, await host.QueryAsync(db => db.UserTasks.Single(t => t.ProcessInstanceId == instance.Id && t.Assignee == withdrawn).State));
        Assert.DoesNotContain(withdrawn, await KeysAsync(host, instance.Id, "zurueckgezogen"));
        foreach (var antrag in Antraege.Where(a => a != withdrawn))
        {
            var work = (await TasksAsync(host, instance.Id)).Single(t => t.ElementId == "work" && t.Assignee == antrag);
            await host.Engine.CompleteUserTaskAsync(work.Id, Variables.Of(new { antwort = "ja-" + antrag }));
        }

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["after"], state.ActiveElementIds);
        Assert.Equal(
            Antraege.Select(a => a == withdrawn ? "zurückgezogen" : "ja-" + a),
            state.Variables["ergebnisse"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Empty(await KeysAsync(host, instance.Id, "zurueckgezogen"));
    }

    [Theory]
    [AllProvidersBothOrders]
    public async Task CorrelateMessage_RemovesSubscriptionsOfRemainingInnerInstances_WhenCompletionConditionHolds(DatabaseProvider provider, bool sequential)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await DeployAsync(host, sequential);
        var instance = await host.StartAsync("multi", new { antraege = Antraege });

        var first = sequential ? "a" : "b";
        Assert.True((await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("antwort-eingegangen", first, Variables.Of(new { antwort = "ja" })))).Correlated);

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["after"], state.ActiveElementIds);
        Assert.Equal(Antraege.Select(a => a == first ? "ja" : null), state.Variables["ergebnisse"]!.AsArray().Select(n => n?.GetValue<string>()));
        Assert.Empty(await KeysAsync(host, instance.Id, "antwort-eingegangen"));
        foreach (var antrag in Antraege)
        {
            Assert.False((await host.Engine.CorrelateMessageAsync(new CorrelateMessageRequest("antwort-eingegangen", antrag))).Correlated);
        }
    }

    /// <summary>Deploys the test's diagram, as a sequential multi-instance when <paramref name="sequential"/> is set.</summary>
    private static Task<DeploymentInfo> DeployAsync(EngineHost host, bool sequential, [CallerMemberName] string testMethod = "")
    {
        var resource = Diagrams.Resource(typeof(MultiInstanceEventTests), testMethod);
        const string Parallel = "<bpmn:multiInstanceLoopCharacteristics isSequential=\"false\"";
        Assert.Contains(Parallel, resource.Content, StringComparison.Ordinal);
        var content = sequential ? resource.Content.Replace(Parallel, "<bpmn:multiInstanceLoopCharacteristics isSequential=\"true\"", StringComparison.Ordinal) : resource.Content;
        return host.Engine.DeployAsync(new DeploymentRequest(testMethod, [resource with { Content = content }]));
    }

    private static async Task<List<string>> KeysAsync(EngineHost host, Guid instanceId, string messageName) =>
        await host.QueryAsync(db => db.EventSubscriptions
            .Where(s => s.ProcessInstanceId == instanceId && s.Kind == EventSubscriptionKind.Message && s.EventName == messageName)
            .Select(s => s.CorrelationKey!)
            .ToList()
            .Order(StringComparer.Ordinal)
            .ToList());

    private static async Task<List<JobEntity>> TimersAsync(EngineHost host, Guid instanceId) =>
        await host.QueryAsync(db => db.Jobs.Where(j => j.ProcessInstanceId == instanceId && j.Kind == JobKind.Timer).ToList());

    private static async Task<IReadOnlyList<UserTaskInfo>> TasksAsync(EngineHost host, Guid instanceId) =>
        await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instanceId });
}

/// <summary>Every test database, each with a parallel (false) and a sequential (true) multi-instance.</summary>
public sealed class AllProvidersBothOrdersAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        ((IEnumerable<object[]>)TestDatabases.Providers).SelectMany(p => new object[][] { [p[0], false], [p[0], true] });
}
