using Amtsweg.Bpmn.Validation;
using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Jobs;

/// <summary>Async continuations (<c>camunda:asyncBefore</c>, <c>camunda:asyncAfter</c>): transaction boundaries worked by the job executor.</summary>
public sealed class AsyncContinuationTests
{
    [Theory]
    [AllProviders]
    public async Task AsyncBefore_WaitsForJobExecutor_BeforeElementIsEntered(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(AsyncContinuationTests));

        var started = await host.StartAsync("async", new { Betrag = 21 });

        Assert.Equal(["berechnen"], started.ActiveElementIds);
        Assert.False(started.Variables.ContainsKey("Gebuehr"));
        Assert.DoesNotContain("berechnen", await host.EnteredAsync(started.Id));
        var job = await host.QueryAsync(db => db.Jobs.Single(j => j.ProcessInstanceId == started.Id));
        Assert.Equal((JobKind.AsyncContinuation, "async-before", "berechnen"), (job.Kind, job.JobType, job.ElementId));

        Assert.Equal(new JobExecutionSummary(1, 0), await host.Engine.ExecuteDueJobsAsync());

        var after = await host.GetAsync(started.Id);
        Assert.Equal(["pruefen"], after.ActiveElementIds);
        Assert.Equal(42, after.Variables["Gebuehr"]!.GetValue<int>());
        Assert.Equal(["start", "berechnen", "pruefen"], await host.EnteredAsync(started.Id));
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task AsyncAfter_KeepsCompletedTask_WhenNextStepFails(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(AsyncContinuationTests));
        var started = await host.StartAsync("async");
        var task = await host.SingleTaskAsync(started.Id);

        await host.Engine.CompleteUserTaskAsync(task.Id, userId: "anna");

        Assert.Equal(UserTaskState.Completed, (await host.Engine.GetUserTaskAsync(task.Id)).State);
        Assert.Equal(["erfassen"], (await host.GetAsync(started.Id)).ActiveElementIds);
        Assert.Contains("erfassen", await host.CompletedAsync(started.Id));

        Assert.Equal(new JobExecutionSummary(0, 1), await host.Engine.ExecuteDueJobsAsync());
        var incident = Assert.Single((await host.GetAsync(started.Id)).Incidents);
        Assert.Equal("f4", incident.ElementId);
        Assert.NotNull(incident.JobId);
        Assert.Equal(["erfassen"], (await host.GetAsync(started.Id)).ActiveElementIds);

        await host.Engine.RetryIncidentAsync(new RetryIncidentRequest(incident.Id, Variables: new Dictionary<string, object?> { ["Betrag"] = 10 }));
        Assert.Equal(new JobExecutionSummary(1, 0), await host.Engine.ExecuteDueJobsAsync());

        var ended = await host.GetAsync(started.Id);
        Assert.Equal(ProcessInstanceState.Completed, ended.State);
        Assert.Equal(20, ended.Variables["Gebuehr"]!.GetValue<int>());
    }

    [Theory]
    [AllProviders]
    public async Task AsyncBefore_WrapsWholeMultiInstanceActivity_WhenSetOnActivity(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(AsyncContinuationTests));
        var started = await host.StartAsync("async");

        Assert.Equal(1, await host.QueryAsync(db => db.Jobs.Count(j => j.JobType == "async-before")));

        // One job before the whole activity, and its command makes one job after it due, which continues in the same pass.
        Assert.Equal(new JobExecutionSummary(2, 0, 1), await host.Engine.ExecuteDueJobsAsync());

        var state = await host.GetAsync(started.Id);
        Assert.Equal(["danach"], state.ActiveElementIds);
        Assert.Equal([10, 20, 30], state.Variables["rs"]!.AsArray().Select(n => n!.GetValue<int>()));
    }

    [Theory]
    [AllProviders]
    public async Task Cancel_RemovesContinuationJob_WhenInstanceIsCanceledWhileWaiting(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(AsyncContinuationTests));
        var started = await host.StartAsync("async");
        Assert.Equal(["start"], started.ActiveElementIds);

        await host.Engine.CancelProcessInstanceAsync(started.Id, "anna");

        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
        Assert.Equal(new JobExecutionSummary(0, 0), await host.Engine.ExecuteDueJobsAsync());
        Assert.Equal(ProcessInstanceState.Canceled, (await host.GetAsync(started.Id)).State);
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_IsRefused_WhenAsyncIsSetOnInnerInstances(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(AsyncContinuationTests)));

        var problem = Assert.Single(error.Problems).Problem;
        Assert.Equal((BpmnProblemCodes.UnsupportedElement, "je"), (problem.Code, problem.ElementId));
        Assert.Contains("asynchroner Fortsetzung an jeder einzelnen Instanz", problem.MessageGerman, StringComparison.Ordinal);
        Assert.Equal(0, await host.QueryAsync(db => db.ProcessDefinitions.Count()));
    }
}
