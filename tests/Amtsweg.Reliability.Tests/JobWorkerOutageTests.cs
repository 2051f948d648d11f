using Amtsweg.Client;
using Amtsweg.Reliability.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Reliability.Tests;

/// <summary>The worker host of src/Amtsweg.Client against a server process that dies and comes back.</summary>
public sealed class JobWorkerOutageTests
{
    /// <summary>
    /// Regression: <see cref="JobWorker.RunAsync"/> ended with the <see cref="HttpRequestException"/> of the first poll
    /// that found the server gone, so a worker host stopped working for good when its server restarted.
    /// </summary>
    [Fact(Timeout = 5 * 60 * 1000)]
    public async Task RunAsync_KeepsWorking_WhenServerIsKilledAndRestarted()
    {
        await using var server = ServerProcess.Create(new Dictionary<string, string>
        {
            ["Amtsweg__Demo__Enabled"] = "false",
            ["Amtsweg__JobExecutor__PollInterval"] = "00:00:00.2",
        });
        await using var load = await CrashLoad.PrepareAsync([server], $"{nameof(JobWorkerOutageTests)}.{nameof(RunAsync_KeepsWorking_WhenServerIsKilledAndRestarted)}.bpmn");
        var handled = new TaskCompletionSource<ActivatedJob>(TaskCreationOptions.RunContinuationsAsynchronously);
        var worker = new JobWorker(
            load.ClientOf(0),
            CrashLoad.JobType,
            new JobWorkerOptions("ausdauernd", TimeSpan.FromSeconds(30), RequestTimeout: TimeSpan.FromSeconds(1), OutageBackOff: TimeSpan.FromMilliseconds(100)),
            (job, _) =>
            {
                handled.TrySetResult(job);
                return Task.FromResult<object?>(null);
            });
        using var stop = new CancellationTokenSource();
        var running = worker.RunAsync(stop.Token);

        // The worker's long poll is in flight when the process dies; while it starts again every poll is refused.
        await server.KillAsync();
        await server.RestartAsync();
        var started = await load.ClientOf(0).CreateProcessInstanceAsync(CrashLoad.ProcessId, new { n = 1 });
        var first = await Task.WhenAny(handled.Task, running).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.False(running.IsCompleted, "The worker stopped: " + running.Exception?.GetBaseException().Message);
        Assert.Same(handled.Task, first);
        Assert.Equal(started.ProcessInstanceKey, (await handled.Task).ProcessInstanceKey);
        await stop.CancelAsync();
        await running;
    }
}
