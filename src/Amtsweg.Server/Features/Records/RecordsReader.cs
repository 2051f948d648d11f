using Amtsweg.Casework;
using Amtsweg.Engine;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Records;

/// <summary>Filters of the Vorgang list; all given filters must match.</summary>
/// <param name="State">Only Vorgänge in this state.</param>
/// <param name="PositionId">Only Vorgänge filed under this Aktenplan position or one below it.</param>
/// <param name="AkteId">Only Vorgänge of this Akte.</param>
/// <param name="Limit">Most entries returned (1–500), newest first.</param>
public sealed record VorgangFilter(RecordState? State = null, Guid? PositionId = null, Guid? AkteId = null, int Limit = 100);

/// <summary>
/// The read side of the e-file for the API and the pages: plain queries, scoped to the tenant by the data layer.
/// Reading document content is not here: it is an audited command.
/// </summary>
public sealed class RecordsReader(RecordsDbContext db, IProcessEngine engine, ProcessVorgang processVorgang)
{
    /// <summary>The tenant's Aktenplan, ordered by code.</summary>
    public async Task<List<PositionResponse>> PositionsAsync(CancellationToken cancellationToken) =>
        (await db.AktenplanPositionen.AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(p => p.Code, StringComparer.Ordinal)
            .Select(p => new PositionResponse(p.Id, p.ParentId, p.Code, p.Title, p.RetentionYears, p.DisposalRule.ToString()))
            .ToList();

    /// <summary>How many Akten each position holds directly (positions without Akten are missing).</summary>
    public async Task<Dictionary<Guid, int>> AktenCountsAsync(CancellationToken cancellationToken) =>
        await db.Akten.AsNoTracking().GroupBy(a => a.PositionId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>
    /// The process instances filed in Vorgänge whose Aktenzeichen or subject contains <paramref name="text"/>, ignoring
    /// case (on SQLite only for ASCII letters), those of the newest Vorgänge first, at most <paramref name="limit"/>.
    /// </summary>
    public async Task<List<Guid>> ProcessInstancesOfVorgaengeAsync(string text, int limit, CancellationToken cancellationToken)
    {
        var trimmed = text.Trim();
        var lower = trimmed.ToLowerInvariant();
        return await (from vorgang in db.Vorgaenge.AsNoTracking()
                      join link in db.VorgangProcesses.AsNoTracking() on vorgang.Id equals link.VorgangId
                      where vorgang.Aktenzeichen.Contains(trimmed) || vorgang.Title.Contains(trimmed) || vorgang.Aktenzeichen.ToLower().Contains(lower) || vorgang.Title.ToLower().Contains(lower)
                      orderby vorgang.Id descending
                      select link.ProcessInstanceId).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>Akten, newest first, optionally under one position (and those below it) or in one state.</summary>
    public async Task<List<AkteResponse>> AktenAsync(Guid? positionId, RecordState? state, CancellationToken cancellationToken)
    {
        var query = from akte in db.Akten.AsNoTracking()
                    join position in db.AktenplanPositionen on akte.PositionId equals position.Id
                    select new { akte, position.Code };
        if (positionId is not null)
        {
            var positions = await PositionAndBelowAsync(positionId.Value, cancellationToken);
            query = query.Where(x => positions.Contains(x.akte.PositionId));
        }

        if (state is not null)
        {
            query = query.Where(x => x.akte.State == state);
        }

        var rows = await query.OrderByDescending(x => x.akte.Id).Take(500).ToListAsync(cancellationToken);
        return rows.Select(x => ToResponse(x.akte, x.Code)).ToList();
    }

    /// <summary>One Akte, or null (also for another tenant's).</summary>
    public async Task<AkteResponse?> AkteAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await (from akte in db.Akten.AsNoTracking()
                         join position in db.AktenplanPositionen on akte.PositionId equals position.Id
                         where akte.Id == id
                         select new { akte, position.Code }).SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : ToResponse(row.akte, row.Code);
    }

    /// <summary>Vorgänge matching the filter, newest first.</summary>
    public async Task<List<VorgangSummary>> VorgaengeAsync(VorgangFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var vorgaenge = db.Vorgaenge.AsNoTracking();
        if (filter.State is { } state)
        {
            vorgaenge = vorgaenge.Where(v => v.State == state);
        }

        if (filter.AkteId is { } akteId)
        {
            vorgaenge = vorgaenge.Where(v => v.AkteId == akteId);
        }

        if (filter.PositionId is { } positionId)
        {
            var positions = await PositionAndBelowAsync(positionId, cancellationToken);
            var akten = db.Akten.Where(a => positions.Contains(a.PositionId)).Select(a => a.Id);
            vorgaenge = vorgaenge.Where(v => akten.Contains(v.AkteId));
        }

        return await SummariesAsync(vorgaenge, Math.Clamp(filter.Limit, 1, 500), cancellationToken);
    }

    /// <summary>A Vorgang with its documents (all versions), notes, follow-up dates and processes; null when missing.</summary>
    public async Task<VorgangResponse?> VorgangAsync(Guid id, CancellationToken cancellationToken)
    {
        var summary = (await SummariesAsync(db.Vorgaenge.AsNoTracking().Where(v => v.Id == id), 1, cancellationToken)).SingleOrDefault();
        if (summary is null)
        {
            return null;
        }

        var dokumente = await db.Dokumente.AsNoTracking().Where(d => d.VorgangId == id).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var dokumentIds = dokumente.Select(d => d.Id).ToList();
        var versions = (await db.DokumentVersionen.AsNoTracking().Where(v => dokumentIds.Contains(v.DokumentId)).ToListAsync(cancellationToken))
            .ToLookup(v => v.DokumentId);
        var notes = await db.Vermerke.AsNoTracking().Where(n => n.VorgangId == id).OrderBy(n => n.Id)
            .Select(n => new VermerkResponse(n.Id, n.Text, n.CreatedBy, n.CreatedAt)).ToListAsync(cancellationToken);
        var wiedervorlagen = await db.Wiedervorlagen.AsNoTracking().Where(w => w.VorgangId == id).OrderBy(w => w.DueOn).ThenBy(w => w.Id)
            .Select(w => new WiedervorlageResponse(w.Id, w.DueOn, w.Reason, w.CreatedBy, w.CreatedAt)).ToListAsync(cancellationToken);
        var processes = await ProcessesAsync(id, cancellationToken);
        return new VorgangResponse(
            summary,
            dokumente.Select(d => new DokumentResponse(d.Id, d.CreatedAt, versions[d.Id].OrderByDescending(v => v.Number).Select(ToResponse).ToList())).ToList(),
            notes,
            wiedervorlagen,
            processes);
    }

    /// <summary>The Beteiligte of a Vorgang in the order they were added; null when there is no such Vorgang.</summary>
    public async Task<List<BeteiligterResponse>?> BeteiligteAsync(Guid vorgangId, CancellationToken cancellationToken) =>
        await db.Vorgaenge.AsNoTracking().AnyAsync(v => v.Id == vorgangId, cancellationToken)
            ? await db.Beteiligte.AsNoTracking().Where(b => b.VorgangId == vorgangId && b.RemovedAt == null).OrderBy(b => b.Id)
                .Select(b => new BeteiligterResponse(b.Id, b.Role, b.Name, b.Address, b.Email, b.BirthDate, b.CreatedBy, b.CreatedAt)).ToListAsync(cancellationToken)
            : null;

    /// <summary>What clerks see in place of data restricted under Art. 18 DSGVO.</summary>
    public const string RestrictedText = "Eingeschränkt nach Art. 18 DSGVO";

    /// <summary>
    /// The Beteiligte of a Vorgang as the caller may see them: without <paramref name="includeRestricted"/> (everyone
    /// but the data-protection role), a Beteiligter restricted under Art. 18 DSGVO keeps id, role and dates, but shows
    /// the placeholder of the Vorgang page instead of name, address, e-mail and birth date. Null when there is no such Vorgang.
    /// </summary>
    public async Task<List<BeteiligterResponse>?> BeteiligteAsync(Guid vorgangId, bool includeRestricted, CancellationToken cancellationToken)
    {
        var beteiligte = await BeteiligteAsync(vorgangId, cancellationToken);
        if (beteiligte is null || includeRestricted)
        {
            return beteiligte;
        }

        var ids = beteiligte.Select(b => b.Id).ToList();
        var restricted = (await db.Restrictions.AsNoTracking().Where(r => ids.Contains(r.SubjectId)).Select(r => r.SubjectId).ToListAsync(cancellationToken)).ToHashSet();
        return beteiligte.Select(b => restricted.Contains(b.Id) ? b with { Name = RestrictedText, Address = null, Email = null, BirthDate = null } : b).ToList();
    }

    /// <summary>
    /// The Beteiligte removed from a Vorgang, in the order they were added; for everyone but the data-protection role
    /// (<paramref name="includeRestricted"/> false) a name restricted under Art. 18 DSGVO is the placeholder.
    /// </summary>
    public async Task<List<RemovedBeteiligterResponse>> RemovedBeteiligteAsync(Guid vorgangId, bool includeRestricted, CancellationToken cancellationToken)
    {
        var removed = await db.Beteiligte.AsNoTracking().Where(b => b.VorgangId == vorgangId && b.RemovedAt != null).OrderBy(b => b.Id)
            .Select(b => new RemovedBeteiligterResponse(b.Id, b.Role, b.Name, b.CreatedBy, b.CreatedAt, b.RemovedBy!, b.RemovedAt!.Value)).ToListAsync(cancellationToken);
        if (includeRestricted || removed.Count == 0)
        {
            return removed;
        }

        var ids = removed.Select(b => b.Id).ToList();
        var restricted = (await db.Restrictions.AsNoTracking().Where(r => ids.Contains(r.SubjectId)).Select(r => r.SubjectId).ToListAsync(cancellationToken)).ToHashSet();
        return removed.Select(b => restricted.Contains(b.Id) ? b with { Name = RestrictedText } : b).ToList();
    }

    /// <summary>The history of every process instance of the Vorgang, oldest instance first, with the processes' names.</summary>
    public async Task<List<ProcessHistoryResponse>> HistoryAsync(Guid vorgangId, CancellationToken cancellationToken)
    {
        var result = new List<ProcessHistoryResponse>();
        var links = await ProcessesAsync(vorgangId, cancellationToken);
        if (links.Count == 0)
        {
            return result;
        }

        var names = await ProcessNamesAsync(cancellationToken);
        foreach (var link in links)
        {
            IReadOnlyList<HistoryEventInfo> events;
            try
            {
                events = await engine.GetHistoryAsync(link.ProcessInstanceId, cancellationToken);
            }
            catch (EngineObjectNotFoundException)
            {
                // The history cleanup deleted it after the Vorgang was disposed of; the link (and its audit entry) remain.
                events = [];
            }

            result.Add(new ProcessHistoryResponse(link.ProcessInstanceId, link.ProcessId, events, names.GetValueOrDefault(link.ProcessId)));
        }

        return result;
    }

    /// <summary>
    /// The process history of the Vorgang as the caller may see it: without <paramref name="includeRestricted"/>
    /// (everyone but the data-protection role), the variable values and details of a Vorgang restricted under Art. 18
    /// DSGVO show the placeholder of the Vorgang page; the flow itself (events, elements, times) stays.
    /// </summary>
    public async Task<List<ProcessHistoryResponse>> HistoryAsync(Guid vorgangId, bool includeRestricted, CancellationToken cancellationToken)
    {
        var history = await HistoryAsync(vorgangId, cancellationToken);
        if (includeRestricted || !await db.Restrictions.AsNoTracking().AnyAsync(r => r.SubjectId == vorgangId, cancellationToken))
        {
            return history;
        }

        return history.Select(p => p with { Events = p.Events.Select(Hidden).ToList() }).ToList();
    }

    /// <summary>
    /// The history of one process instance as the caller may see it, by the rule of <see cref="HistoryAsync(Guid, bool, CancellationToken)"/>:
    /// the variable values and details of an instance whose Vorgang (or whose caller's Vorgang) is restricted under Art. 18 DSGVO show the placeholder.
    /// </summary>
    /// <exception cref="EngineObjectNotFoundException">No such instance in the municipality.</exception>
    public async Task<IReadOnlyList<HistoryEventInfo>> InstanceHistoryAsync(Guid processInstanceId, bool includeRestricted, CancellationToken cancellationToken)
    {
        var events = await engine.GetHistoryAsync(processInstanceId, cancellationToken);
        if (includeRestricted || await VorgangOfInstanceAsync(processInstanceId, cancellationToken) is not { } vorgangId
            || !await db.Restrictions.AsNoTracking().AnyAsync(r => r.SubjectId == vorgangId, cancellationToken))
        {
            return events;
        }

        return [.. events.Select(Hidden)];
    }

    private static HistoryEventInfo Hidden(HistoryEventInfo e) =>
        e with { VariablesBefore = Hidden(e.VariablesBefore), VariablesAfter = Hidden(e.VariablesAfter), Detail = e.Detail is null ? null : RestrictedText };

    /// <summary>
    /// The instance's variables as the caller may see them: without <paramref name="includeRestricted"/>, each value of
    /// an instance whose Vorgang (or whose caller's Vorgang) is restricted under Art. 18 DSGVO shows the placeholder.
    /// </summary>
    public async Task<ProcessInstanceInfo> ProcessInstanceAsync(ProcessInstanceInfo instance, bool includeRestricted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (includeRestricted || await VorgangOfInstanceAsync(instance.Id, cancellationToken) is not { } vorgangId
            || !await db.Restrictions.AsNoTracking().AnyAsync(r => r.SubjectId == vorgangId, cancellationToken))
        {
            return instance;
        }

        return instance with { Variables = instance.Variables.ToDictionary(v => v.Key, _ => (System.Text.Json.Nodes.JsonNode?)RestrictedText, StringComparer.Ordinal) };
    }

    // Every value of a variables object replaced by the placeholder; the names stay.
    private static System.Text.Json.Nodes.JsonNode? Hidden(System.Text.Json.Nodes.JsonNode? variables) =>
        variables is System.Text.Json.Nodes.JsonObject values
            ? new System.Text.Json.Nodes.JsonObject(values.Select(v => KeyValuePair.Create(v.Key, (System.Text.Json.Nodes.JsonNode?)RestrictedText)))
            : variables is null ? null : RestrictedText;

    /// <summary>
    /// The name of each deployed process by process id, from its newest version that has one: a process keeps its name
    /// across versions in practice, and the Vorgang shows one heading per process.
    /// </summary>
    public async Task<Dictionary<string, string>> ProcessNamesAsync(CancellationToken cancellationToken) =>
        ProcessNames(await engine.ListProcessDefinitionsAsync(cancellationToken));

    /// <summary>The name of each process of <paramref name="definitions"/> by process id, as <see cref="ProcessNamesAsync"/>.</summary>
    public static Dictionary<string, string> ProcessNames(IEnumerable<ProcessDefinitionInfo> definitions) =>
        definitions
            .Where(d => !string.IsNullOrWhiteSpace(d.Name))
            .GroupBy(d => d.ProcessId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(d => d.Version)!.Name!, StringComparer.Ordinal);

    /// <summary>
    /// The Vorgang a process instance works: its own link, or that of the instance that called it (call activities).
    /// Null when the instance is filed nowhere.
    /// </summary>
    public async Task<Guid?> VorgangOfInstanceAsync(Guid processInstanceId, CancellationToken cancellationToken)
        => (await processVorgang.FindAsync(engine, processInstanceId, cancellationToken))?.Id;

    private Task<List<ProcessLinkResponse>> ProcessesAsync(Guid vorgangId, CancellationToken cancellationToken) =>
        db.VorgangProcesses.AsNoTracking().Where(l => l.VorgangId == vorgangId).OrderBy(l => l.Id)
            .Select(l => new ProcessLinkResponse(l.ProcessInstanceId, l.ProcessId, l.LinkedBy, l.LinkedAt)).ToListAsync(cancellationToken);

    // Newest first: UUID v7 ids order by creation time on both providers (SQLite cannot order by DateTimeOffset).
    private async Task<List<VorgangSummary>> SummariesAsync(IQueryable<Vorgang> vorgaenge, int limit, CancellationToken cancellationToken)
    {
        var rows = await (from vorgang in vorgaenge
                          join akte in db.Akten on vorgang.AkteId equals akte.Id
                          join position in db.AktenplanPositionen on akte.PositionId equals position.Id
                          orderby vorgang.Id descending
                          select new { vorgang, akte.Aktenzeichen, akte.Title, position.Code }).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(x => new VorgangSummary(x.vorgang.Id, x.vorgang.AkteId, x.Aktenzeichen, x.Title, x.Code, x.vorgang.Aktenzeichen, x.vorgang.Title,
            x.vorgang.State.ToString(), x.vorgang.OpenedAt, x.vorgang.ClosedAt)).ToList();
    }

    private async Task<List<Guid>> PositionAndBelowAsync(Guid positionId, CancellationToken cancellationToken)
    {
        var all = await db.AktenplanPositionen.AsNoTracking().Select(p => new { p.Id, p.ParentId }).ToListAsync(cancellationToken);
        var result = new List<Guid> { positionId };
        for (var i = 0; i < result.Count; i++)
        {
            result.AddRange(all.Where(p => p.ParentId == result[i]).Select(p => p.Id));
        }

        return result;
    }

    private static AkteResponse ToResponse(Akte akte, string positionCode) =>
        new(akte.Id, akte.PositionId, positionCode, akte.Aktenzeichen, akte.Title, akte.State.ToString(), akte.CreatedAt, akte.ClosedAt, akte.LegalHold);

    private static DokumentVersionResponse ToResponse(DokumentVersion v) =>
        new(v.Id, v.Number, v.Title, v.DokumentDate, v.DokumentType, v.Sender, v.Recipient, v.Confidentiality.ToString(), v.FileName, v.MediaType, v.ContentLength, v.CreatedBy, v.CreatedAt);
}
