using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Execution;

/// <summary>Who may claim, unclaim and complete a user task (Engine README, "Task permissions").</summary>
public sealed class TaskPermissionTests
{
    private static readonly TaskCaller Anna = new("anna", ["Sachbearbeitung"]);
    private static readonly TaskCaller Ben = new("ben", ["Sachbearbeitung"]);
    private static readonly TaskCaller Lena = new("lena", ["Leitung"], MayReassign: true);

    [Theory]
    [AllProviders]
    public async Task Bug_ClerkClaimsTaskForCandidateGroupLeitung_IsRefused(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TaskPermissionTests));
        var instance = await host.StartAsync("usertask");
        var task = await host.SingleTaskAsync(instance.Id);

        var error = await Assert.ThrowsAsync<TaskAccessDeniedException>(() => host.Engine.ClaimUserTaskAsync(task.Id, Anna));

        Assert.Equal("Sie gehören nicht zu den vorgesehenen Bearbeitern dieser Aufgabe.", error.Message);
        var unchanged = await host.SingleTaskAsync(instance.Id);
        Assert.Null(unchanged.Assignee);
        Assert.DoesNotContain(await host.Engine.GetHistoryAsync(instance.Id), e => e.Type == HistoryEventTypes.UserTaskClaimed);

        var claimed = await host.Engine.ClaimUserTaskAsync(task.Id, Lena);
        Assert.Equal("lena", claimed.Assignee);
    }

    [Theory]
    [AllProviders]
    public async Task Bug_ClerkCompletesUnassignedTaskForCandidateGroupLeitung_IsRefused(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TaskPermissionTests));
        var instance = await host.StartAsync("usertask");
        var task = await host.SingleTaskAsync(instance.Id);

        await Assert.ThrowsAsync<TaskAccessDeniedException>(() => host.Engine.CompleteUserTaskAsync(task.Id, Anna, Variables.Of(new { ok = true })));

        var unchanged = await host.SingleTaskAsync(instance.Id);
        Assert.Equal(UserTaskState.Created, unchanged.State);
        Assert.Equal(["check"], (await host.GetAsync(instance.Id)).ActiveElementIds);

        await host.Engine.CompleteUserTaskAsync(task.Id, Lena);
        Assert.Empty((await host.GetAsync(instance.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task Bug_ClerkCompletesTaskClaimedByColleague_IsRefused(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TaskPermissionTests));
        var instance = await host.StartAsync("usertask");
        var task = await host.SingleTaskAsync(instance.Id);
        var claimed = await host.Engine.ClaimUserTaskAsync(task.Id, Anna);

        var error = await Assert.ThrowsAsync<TaskAccessDeniedException>(() => host.Engine.CompleteUserTaskAsync(task.Id, Ben));

        Assert.Equal("Diese Aufgabe ist einer anderen Person zugewiesen; nur sie darf sie bearbeiten.", error.Message);
        var unchanged = await host.SingleTaskAsync(instance.Id);
        Assert.Equal("anna", unchanged.Assignee);
        Assert.Equal(["check"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.DoesNotContain(await host.Engine.GetHistoryAsync(instance.Id), e => e.Type == HistoryEventTypes.UserTaskCompleted);

        await host.Engine.CompleteUserTaskAsync(task.Id, Anna);
        Assert.Empty((await host.GetAsync(instance.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task Claim_AssignsTask_WhenCallerIsCandidateUser(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TaskPermissionTests));
        var instance = await host.StartAsync("usertask");
        var task = await host.SingleTaskAsync(instance.Id);

        await Assert.ThrowsAsync<TaskAccessDeniedException>(() => host.Engine.ClaimUserTaskAsync(task.Id, Ben));
        var claimed = await host.Engine.ClaimUserTaskAsync(task.Id, Anna);

        Assert.Equal("anna", claimed.Assignee);
    }

    [Theory]
    [AllProviders]
    public async Task Complete_MovesOn_WhenTaskHasNoAssigneeAndNoCandidates(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TaskPermissionTests));
        var instance = await host.StartAsync("usertask");
        var task = await host.SingleTaskAsync(instance.Id);

        // A task offered to nobody in particular may be worked by any clerk of the municipality.
        await host.Engine.CompleteUserTaskAsync(task.Id, Ben);

        Assert.Empty((await host.GetAsync(instance.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task Unclaim_RemovesAssignee_WhenCallerIsLeitung(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TaskPermissionTests));
        var instance = await host.StartAsync("usertask");
        var task = await host.SingleTaskAsync(instance.Id);
        await host.Engine.ClaimUserTaskAsync(task.Id, Anna);

        var unclaimed = await host.Engine.UnclaimUserTaskAsync(task.Id, Lena);

        Assert.Null(unclaimed.Assignee);
    }

    [Theory]
    [AllProviders]
    public async Task Unclaim_IsRefused_WhenTaskIsClaimedByColleague(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TaskPermissionTests));
        var instance = await host.StartAsync("usertask");
        var task = await host.SingleTaskAsync(instance.Id);
        var claimed = await host.Engine.ClaimUserTaskAsync(task.Id, Anna);

        await Assert.ThrowsAsync<TaskAccessDeniedException>(() => host.Engine.UnclaimUserTaskAsync(task.Id, Ben));

        var unchanged = await host.SingleTaskAsync(instance.Id);
        Assert.Equal("anna", unchanged.Assignee);
    }

    [Theory]
    [AllProviders]
    public async Task Bug_FourEyesStepBescheidZeichnenIsNotProtected_CompleteByDrafterIsRefused(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TaskPermissionTests));
        var instance = await host.StartAsync("bescheid");
        var entwerfen = await host.SingleTaskAsync(instance.Id);
        await host.Engine.ClaimUserTaskAsync(entwerfen.Id, Anna);
        await host.Engine.CompleteUserTaskAsync(entwerfen.Id, Anna);
        var zeichnen = await host.SingleTaskAsync(instance.Id);

        var claim = await Assert.ThrowsAsync<TaskAccessDeniedException>(() => host.Engine.ClaimUserTaskAsync(zeichnen.Id, Anna));
        var complete = await Assert.ThrowsAsync<TaskAccessDeniedException>(() => host.Engine.CompleteUserTaskAsync(zeichnen.Id, Anna));

        Assert.Equal("Vier-Augen-Prinzip: anna hat bereits den Schritt „Bescheid entwerfen“ erledigt und darf diese Aufgabe deshalb nicht bearbeiten.", complete.Message);
        Assert.Equal(complete.Message, claim.Message);
        var unchanged = await host.SingleTaskAsync(instance.Id);
        Assert.Equal(zeichnen.Id, unchanged.Id);
        Assert.Null(unchanged.Assignee);
        Assert.Equal(UserTaskState.Created, unchanged.State);
        Assert.Equal(["zeichnen"], (await host.GetAsync(instance.Id)).ActiveElementIds);

        await host.Engine.ClaimUserTaskAsync(zeichnen.Id, Ben);
        await host.Engine.CompleteUserTaskAsync(zeichnen.Id, Ben);
        Assert.Empty((await host.GetAsync(instance.Id)).ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task Claim_IsRefused_WhenProcessPropertyNamesEarlierTaskCompletedByCaller(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TaskPermissionTests));
        var instance = await host.StartAsync("bescheid");
        var entwerfen = await host.SingleTaskAsync(instance.Id);
        await host.Engine.CompleteUserTaskAsync(entwerfen.Id, Ben);
        var zeichnen = await host.SingleTaskAsync(instance.Id);

        await Assert.ThrowsAsync<TaskAccessDeniedException>(() => host.Engine.ClaimUserTaskAsync(zeichnen.Id, Ben));

        Assert.Null((await host.SingleTaskAsync(instance.Id)).Assignee);
        var claimed = await host.Engine.ClaimUserTaskAsync(zeichnen.Id, Anna);
        Assert.Equal("anna", claimed.Assignee);
    }

    [Theory]
    [AllProviders]
    public async Task Delegate_IsRefused_WhenLeitungReassignsFourEyesTaskToDrafter(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TaskPermissionTests));
        var instance = await host.StartAsync("bescheid");
        var entwerfen = await host.SingleTaskAsync(instance.Id);
        await host.Engine.CompleteUserTaskAsync(entwerfen.Id, Anna);
        var zeichnen = await host.SingleTaskAsync(instance.Id);
        await host.Engine.ClaimUserTaskAsync(zeichnen.Id, Ben);

        await Assert.ThrowsAsync<TaskAccessDeniedException>(() => host.Engine.DelegateUserTaskAsync(zeichnen.Id, Anna, Lena));
        await Assert.ThrowsAsync<TaskAccessDeniedException>(() => host.Engine.DelegateUserTaskAsync(zeichnen.Id, Anna, Ben));

        Assert.Equal("ben", (await host.SingleTaskAsync(instance.Id)).Assignee);
        Assert.DoesNotContain(await host.Engine.GetHistoryAsync(instance.Id), e => e.Type == HistoryEventTypes.UserTaskDelegated);
    }

    [Theory]
    [AllProviders]
    public async Task Delegate_HandsTaskOver_WhenAssigneeDelegatesToCandidate(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TaskPermissionTests));
        var instance = await host.StartAsync("usertask");
        var task = await host.SingleTaskAsync(instance.Id);
        await host.Engine.ClaimUserTaskAsync(task.Id, Anna);

        var delegated = await host.Engine.DelegateUserTaskAsync(task.Id, Ben, Anna);

        Assert.Equal("ben", delegated.Assignee);
        var handover = Assert.Single(await host.Engine.GetHistoryAsync(instance.Id), e => e.Type == HistoryEventTypes.UserTaskDelegated);
        Assert.Equal("""{"from":"anna","to":"ben","by":"anna"}""", handover.Detail);
        Assert.Equal("anna", handover.UserId);
        await Assert.ThrowsAsync<TaskAccessDeniedException>(() => host.Engine.CompleteUserTaskAsync(task.Id, Anna));
        await host.Engine.CompleteUserTaskAsync(task.Id, Ben);
    }

    [Theory]
    [AllProviders]
    public async Task Delegate_IsRefused_WhenTargetIsNoCandidate(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TaskPermissionTests));
        var instance = await host.StartAsync("usertask");
        var task = await host.SingleTaskAsync(instance.Id);
        await host.Engine.ClaimUserTaskAsync(task.Id, Anna);

        var error = await Assert.ThrowsAsync<TaskAccessDeniedException>(() => host.Engine.DelegateUserTaskAsync(task.Id, new TaskCaller("paul", ["Prozessgestaltung"]), Anna));

        Assert.Equal("paul gehört nicht zu den vorgesehenen Bearbeitern dieser Aufgabe; die Aufgabe kann nicht an diese Person abgegeben werden.", error.Message);
        Assert.Equal("anna", (await host.SingleTaskAsync(instance.Id)).Assignee);
    }

    [Theory]
    [AllProviders]
    public async Task Delegate_IsRefused_WhenCallerIsNotAssignee(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TaskPermissionTests));
        var instance = await host.StartAsync("usertask");
        var task = await host.SingleTaskAsync(instance.Id);
        await host.Engine.ClaimUserTaskAsync(task.Id, Anna);

        var error = await Assert.ThrowsAsync<TaskAccessDeniedException>(() => host.Engine.DelegateUserTaskAsync(task.Id, Ben, Ben));

        Assert.Equal("Nur die Person, der die Aufgabe zugewiesen ist, oder die Leitung darf sie abgeben.", error.Message);
        Assert.Equal("anna", (await host.SingleTaskAsync(instance.Id)).Assignee);
    }

    [Theory]
    [AllProviders]
    public async Task Delegate_AssignsAnyUser_WhenCallerIsLeitung(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TaskPermissionTests));
        var instance = await host.StartAsync("usertask");
        var task = await host.SingleTaskAsync(instance.Id);
        await host.Engine.ClaimUserTaskAsync(task.Id, Anna);

        var reassigned = await host.Engine.DelegateUserTaskAsync(task.Id, new TaskCaller("paul", ["Prozessgestaltung"]), Lena);

        Assert.Equal("paul", reassigned.Assignee);
        var handover = Assert.Single(await host.Engine.GetHistoryAsync(instance.Id), e => e.Type == HistoryEventTypes.UserTaskDelegated);
        Assert.Equal("""{"from":"anna","to":"paul","by":"lena"}""", handover.Detail);
    }

    [Theory]
    [AllProviders]
    public async Task Complete_IsAllowed_WhenCallerStandsInForAbsentCandidate(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TaskPermissionTests));
        var instance = await host.StartAsync("usertask");
        var task = await host.SingleTaskAsync(instance.Id);
        var deputy = Anna with { Represents = [Lena] };

        await host.Engine.CompleteUserTaskAsync(task.Id, deputy);

        Assert.Empty((await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Contains(await host.Engine.GetHistoryAsync(instance.Id), e => e.Type == HistoryEventTypes.UserTaskCompleted && e.UserId == "anna");
    }

    [Theory]
    [AllProviders]
    public async Task Claim_TakesOverTaskOfAbsentColleague_WhenCallerStandsInForThem(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(TaskPermissionTests));
        var instance = await host.StartAsync("usertask");
        var task = await host.SingleTaskAsync(instance.Id);
        await host.Engine.ClaimUserTaskAsync(task.Id, Lena);
        var leitung = new TaskCaller("lars", ["Leitung"]);

        await Assert.ThrowsAsync<InvalidEngineStateException>(() => host.Engine.ClaimUserTaskAsync(task.Id, leitung));
        var taken = await host.Engine.ClaimUserTaskAsync(task.Id, leitung with { Represents = [Lena] });

        Assert.Equal("lars", taken.Assignee);
        await Assert.ThrowsAsync<TaskAccessDeniedException>(() => host.Engine.CompleteUserTaskAsync(task.Id, Lena));
    }
}
