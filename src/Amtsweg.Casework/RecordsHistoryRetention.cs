using Amtsweg.Engine;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Casework;

/// <summary>
/// The e-file's part of the engine's history cleanup: the process history of a Vorgang documents how the
/// administrative decision came about, so it belongs to the Vorgang and shares its retention (Aufbewahrungsfrist),
/// whatever time to live the process sets. An instance linked to a Vorgang (<c>VorgangProcesses</c>) is retained until
/// that Vorgang has been disposed of (<see cref="RecordState.Disposed"/>, the end of the Aussonderung): while it is
/// open, closed (zdA) within its retention period, due but not yet offered or appraised, or under a legal hold (which
/// blocks the disposal). The engine keeps the instances an instance called together with it, so the called instances
/// of a filed instance stay too. The audit chain names instances only by id (<c>process-linked</c>,
/// <c>process-data-exported</c>/<c>-erased</c>) and hashes nothing of the engine: it stays complete and verifiable
/// after the cleanup.
/// </summary>
public sealed class RecordsHistoryRetention(RecordsDbContext records) : IHistoryRetention
{
    /// <inheritdoc />
    public async Task<IReadOnlySet<Guid>> FindRetainedAsync(IReadOnlyCollection<Guid> processInstanceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(processInstanceIds);
        var ids = processInstanceIds.ToList();

        // A link whose Vorgang cannot be found counts as retained: only a disposal proven by the Vorgang frees the history.
        var retained = await records.VorgangProcesses.AsNoTracking()
            .Where(link => ids.Contains(link.ProcessInstanceId)
                && !records.Vorgaenge.Any(v => v.Id == link.VorgangId && v.State == RecordState.Disposed))
            .Select(link => link.ProcessInstanceId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return retained.ToHashSet();
    }
}
