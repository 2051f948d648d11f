using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WorkflowCore.Models.LifeCycleEvents;

namespace Amtsweg.Benchmarks.Throughput;

/// <summary>
/// WorkflowCore 3.22.0 with its default in-memory store (not durable) running the same five steps (start, three
/// steps, end); all instances are started at once and kept, and the time until the last one completed is measured.
/// </summary>
public static class WorkflowCoreBaseline
{
    public static async Task<double> MeasureAsync(int instances)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkflow();
        await using var provider = services.BuildServiceProvider();
        var host = provider.GetRequiredService<IWorkflowHost>();
        host.RegisterWorkflow<FiveSteps>();
        var completed = 0;
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.OnLifeCycleEvent += evt =>
        {
            if (evt is WorkflowCompleted && Interlocked.Increment(ref completed) == instances)
            {
                allDone.TrySetResult();
            }
        };
        await host.StartAsync(CancellationToken.None);
        try
        {
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < instances; i++)
            {
                await host.StartWorkflow(FiveSteps.WorkflowId);
            }

            await allDone.Task.WaitAsync(TimeSpan.FromMinutes(5));
            return instances / stopwatch.Elapsed.TotalSeconds;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private sealed class FiveSteps : IWorkflow
    {
        public const string WorkflowId = "FuenfSchritte";

        public string Id => WorkflowId;

        public int Version => 1;

        public void Build(IWorkflowBuilder<object> builder) => builder
            .StartWith(_ => ExecutionResult.Next())
            .Then<Step>()
            .Then<Step>()
            .Then<Step>()
            .Then(_ => ExecutionResult.Next());
    }

    private sealed class Step : StepBody
    {
        public override ExecutionResult Run(IStepExecutionContext context) => ExecutionResult.Next();
    }
}
