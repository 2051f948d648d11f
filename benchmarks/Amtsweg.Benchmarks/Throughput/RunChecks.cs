using Amtsweg.Data.Tenancy;
using Amtsweg.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Benchmarks.Throughput;

/// <summary>
/// What every throughput run checks at its end, so that a figure never comes from a run that lost or stuck work: each
/// started instance of the measured process completed and none of its jobs is left; the seeded instances are as they
/// were seeded (completed ones completed, running ones still waiting at their task, their not-due jobs unlocked).
/// </summary>
internal static class RunChecks
{
    public static async Task VerifyAsync(IServiceProvider services, Guid tenant, string processId, int started, SeedResult seed)
    {
        await using var scope = services.CreateTenantScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<EngineDbContext>();
        var (completed, other) = await StatesAsync(db, processId);
        var seededDefinition = seed.DefinitionId ?? Guid.Empty;
        var jobsLeft = await db.Jobs.CountAsync(j => j.ProcessDefinitionId != seededDefinition);
        if (completed != started || other != 0 || jobsLeft != 0)
        {
            throw new InvalidOperationException($"Not every instance completed: {completed} of {started} completed, {other} not completed, {jobsLeft} jobs left.");
        }

        if (seed.DefinitionId is null)
        {
            return;
        }

        var (seededCompleted, seededOther) = await StatesAsync(db, ScaleSeeding.ProcessId);
        var seededActive = await db.ProcessInstances.CountAsync(i => i.ProcessId == ScaleSeeding.ProcessId && i.State == ProcessInstanceState.Active);
        var openTasks = await db.UserTasks.CountAsync(t => t.ProcessDefinitionId == seededDefinition && t.State == UserTaskState.Created);
        var seededJobs = await db.Jobs.CountAsync(j => j.ProcessDefinitionId == seededDefinition);
        var touchedJobs = await db.Jobs.CountAsync(j => j.ProcessDefinitionId == seededDefinition && (j.LockOwner != null || j.LastError != null));
        if (seededCompleted != seed.Completed || seededActive != seed.Running || seededOther != seed.Running || openTasks != seed.Running
            || seededJobs != seed.Running || touchedJobs != 0)
        {
            throw new InvalidOperationException(
                $"The seeded instances changed: {seededCompleted} of {seed.Completed} completed, {seededActive} of {seed.Running} active with "
                + $"{openTasks} open tasks and {seededJobs} jobs, {touchedJobs} of them locked or tried.");
        }
    }

    private static async Task<(int Completed, int Other)> StatesAsync(EngineDbContext db, string processId)
    {
        var states = await db.ProcessInstances.Where(i => i.ProcessId == processId)
            .GroupBy(i => i.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync();
        return (states.Where(s => s.State == ProcessInstanceState.Completed).Sum(s => s.Count),
            states.Where(s => s.State != ProcessInstanceState.Completed).Sum(s => s.Count));
    }
}
