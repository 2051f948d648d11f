using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Execution;

public sealed class UserTaskTests
{
    [Theory]
    [AllProviders]
    public async Task Start_CreatesTaskWithAssignmentScheduleAndForm_WhenZeebeExtensionsAreSet(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var name = nameof(Start_CreatesTaskWithAssignmentScheduleAndForm_WhenZeebeExtensionsAreSet);
        var form = Path.ChangeExtension(Diagrams.Path(typeof(UserTaskTests), name), ".form");
        await host.Engine.DeployAsync(new DeploymentRequest(name, [Diagrams.Resource(typeof(UserTaskTests), name), new DeploymentResource(Path.GetFileName(form), await File.ReadAllTextAsync(form))]));

        var instance = await host.StartAsync("usertask", new { clerk = "clara" });

        Assert.Equal(["check"], instance.ActiveElementIds);
        var task = await host.SingleTaskAsync(instance.Id);
        Assert.Equal("Antrag prüfen", task.Name);
        Assert.Equal("clara", task.Assignee);
        Assert.Equal(["sachbearbeitung", "leitung"], task.CandidateGroups);
        Assert.Equal(["anna", "ben"], task.CandidateUsers);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 12, 0, 0, TimeSpan.Zero), task.DueDate);
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 8, 0, 0, TimeSpan.Zero), task.FollowUpDate);
        Assert.Equal("antrag-pruefen", task.FormId);
        Assert.Equal(UserTaskState.Created, task.State);
    }

    [Theory]
    [AllProviders]
    public async Task Claim_AssignsTask_WhenUnassigned(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(UserTaskTests));
        var instance = await host.StartAsync("usertask");
        var task = await host.SingleTaskAsync(instance.Id);
        Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery { CandidateUser = "clara", CandidateGroups = ["sachbearbeitung"] }));
        Assert.Empty(await host.Engine.QueryUserTasksAsync(new UserTaskQuery { CandidateUser = "clara", CandidateGroups = ["bauamt"] }));

        var claimed = await host.Engine.ClaimUserTaskAsync(task.Id, "clara");

        Assert.Equal("clara", claimed.Assignee);
        Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery { Assignee = "clara" }));
        var history = await host.Engine.GetHistoryAsync(instance.Id);
        var claim = Assert.Single(history, e => e.Type == HistoryEventTypes.UserTaskClaimed);
        Assert.Equal("clara", claim.UserId);
        Assert.Equal("check", claim.ElementId);
    }

    [Theory]
    [AllProviders]
    public async Task Claim_Fails_WhenClaimedByAnotherUser(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(UserTaskTests));
        var instance = await host.StartAsync("usertask");
        var task = await host.SingleTaskAsync(instance.Id);
        await host.Engine.ClaimUserTaskAsync(task.Id, "clara");

        var error = await Assert.ThrowsAsync<InvalidEngineStateException>(() => host.Engine.ClaimUserTaskAsync(task.Id, "ben"));

        Assert.Equal("Diese Aufgabe hat bereits eine andere Person übernommen.", error.Message);
        Assert.Equal("clara", (await host.SingleTaskAsync(instance.Id)).Assignee);
        Assert.Equal("clara", (await host.Engine.ClaimUserTaskAsync(task.Id, "clara")).Assignee);
    }

    [Theory]
    [AllProviders]
    public async Task Unclaim_RemovesAssignee_WhenClaimed(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(UserTaskTests));
        var instance = await host.StartAsync("usertask");
        var task = await host.SingleTaskAsync(instance.Id);
        await host.Engine.ClaimUserTaskAsync(task.Id, "clara");

        var unclaimed = await host.Engine.UnclaimUserTaskAsync(task.Id, "clara");

        Assert.Null(unclaimed.Assignee);
        Assert.Equal("ben", (await host.Engine.ClaimUserTaskAsync(task.Id, "ben")).Assignee);
    }

    [Theory]
    [AllProviders]
    public async Task Complete_SetsVariablesAndMovesOn_WhenTaskIsOpen(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(UserTaskTests));
        var instance = await host.StartAsync("usertask", new { gebuehr = 10 });
        var task = await host.SingleTaskAsync(instance.Id);

        await host.Engine.CompleteUserTaskAsync(task.Id, Variables.Of(new { gebuehr = 25.5, vollstaendig = true }), "clara");

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(["approve"], state.ActiveElementIds);
        Assert.Equal(25.5m, state.Variables["gebuehr"]!.GetValue<decimal>());
        Assert.True(state.Variables["vollstaendig"]!.GetValue<bool>());
        var completed = await host.QueryAsync(db => db.UserTasks.Single(t => t.Id == task.Id));
        Assert.Equal(UserTaskState.Completed, completed.State);
        Assert.Equal("clara", completed.CompletedBy);
        Assert.Equal("approve", (await host.SingleTaskAsync(instance.Id)).ElementId);
    }

    [Theory]
    [AllProviders]
    public async Task Bug_SecondCompletionWasRefusedInEnglishWithTaskId_Complete_FailsInGerman_WhenTaskIsAlreadyCompleted(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(UserTaskTests));
        var instance = await host.StartAsync("usertask");
        var task = await host.SingleTaskAsync(instance.Id);
        await host.Engine.CompleteUserTaskAsync(task.Id);

        var error = await Assert.ThrowsAsync<InvalidEngineStateException>(() => host.Engine.CompleteUserTaskAsync(task.Id));
        Assert.Equal("Diese Aufgabe ist bereits erledigt.", error.Message);
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(instance.Id)).State);
    }
}
