using Amtsweg.Engine;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Casework;

/// <summary>
/// The Vorgang a process instance is filed in; a called instance belongs to the Vorgang of its nearest caller that
/// is filed. The one lookup for every caller: the instance's callers come from the engine's API, or, inside a job
/// (where no other engine command may run), from the job's <see cref="ServiceTaskContext"/>.
/// </summary>
public sealed class ProcessVorgang(RecordsDbContext records)
{
    /// <summary>The Vorgang of the instance, or null when neither it nor a caller is filed.</summary>
    /// <exception cref="EngineObjectNotFoundException">No such instance.</exception>
    public async Task<Vorgang?> FindAsync(IProcessEngine engine, Guid processInstanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Guid? current = processInstanceId;
        while (current is { } instanceId)
        {
            if (await FindAsync([instanceId], cancellationToken) is { } vorgang)
            {
                return vorgang;
            }

            current = (await engine.GetProcessInstanceAsync(instanceId, cancellationToken)).ParentProcessInstanceId;
        }

        return null;
    }

    /// <summary>
    /// The Vorgang of each of <paramref name="processInstanceIds"/> (a list page's instances): one query for those filed
    /// themselves, the callers' way only for the others.
    /// </summary>
    public async Task<Dictionary<Guid, Vorgang?>> FindAllAsync(IProcessEngine engine, IReadOnlyCollection<Guid> processInstanceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(processInstanceIds);
        var ids = processInstanceIds.Distinct().ToList();
        var result = (await FiledAsync(ids, cancellationToken)).ToDictionary(f => f.ProcessInstanceId, f => (Vorgang?)f.Vorgang);
        foreach (var id in ids.Where(id => !result.ContainsKey(id)))
        {
            result[id] = await FindAsync(engine, id, cancellationToken);
        }

        return result;
    }

    /// <summary>The Vorgang of the job's instance, read without running an engine command.</summary>
    public Task<Vorgang?> FindAsync(ServiceTaskContext job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return FindAsync([job.ProcessInstanceId, .. job.CallingProcessInstanceIds], cancellationToken);
    }

    /// <summary>The Vorgang of the first of <paramref name="instanceIds"/> (nearest first) that is filed.</summary>
    private async Task<Vorgang?> FindAsync(IReadOnlyList<Guid> instanceIds, CancellationToken cancellationToken)
    {
        var filed = (await FiledAsync(instanceIds, cancellationToken)).ToDictionary(f => f.ProcessInstanceId, f => f.Vorgang);
        return instanceIds.Select(filed.GetValueOrDefault).FirstOrDefault(v => v is not null);
    }

    /// <summary>Those of <paramref name="instanceIds"/> that are filed themselves, with their Vorgang.</summary>
    private async Task<List<(Guid ProcessInstanceId, Vorgang Vorgang)>> FiledAsync(IReadOnlyCollection<Guid> instanceIds, CancellationToken cancellationToken)
    {
        var filed = await (from link in records.VorgangProcesses.AsNoTracking()
                           join v in records.Vorgaenge.AsNoTracking() on link.VorgangId equals v.Id
                           where instanceIds.Contains(link.ProcessInstanceId)
                           select new { link.ProcessInstanceId, Vorgang = v }).ToListAsync(cancellationToken);
        return [.. filed.Select(f => (f.ProcessInstanceId, f.Vorgang))];
    }
}
