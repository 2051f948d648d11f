using Amtsweg.Engine.Persistence;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Records;

/// <summary>The Vorgang a process instance is filed in (a called instance: its caller's), read without running an engine command.</summary>
internal static class ProcessVorgang
{
    public static async Task<Vorgang?> FindAsync(RecordsDbContext records, EngineDbContext engineDb, Guid processInstanceId, CancellationToken cancellationToken)
    {
        Guid? current = processInstanceId;
        while (current is { } instanceId)
        {
            var vorgang = await (from link in records.VorgangProcesses.AsNoTracking()
                                 join v in records.Vorgaenge.AsNoTracking() on link.VorgangId equals v.Id
                                 where link.ProcessInstanceId == instanceId
                                 select v).SingleOrDefaultAsync(cancellationToken);
            if (vorgang is not null)
            {
                return vorgang;
            }

            current = await engineDb.ProcessInstances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.ParentProcessInstanceId).SingleOrDefaultAsync(cancellationToken);
        }

        return null;
    }
}
