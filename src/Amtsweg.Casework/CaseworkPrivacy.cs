using System.Globalization;
using Amtsweg.Data;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Records;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Persistence;
using Amtsweg.Records.Privacy;
using Amtsweg.Records.Retention;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Casework;

/// <summary>The error codes of the composition.</summary>
public static class CaseworkErrors
{
    /// <summary>A process instance of the person's Vorgänge still runs with the person's data; it is not erased behind its back.</summary>
    public const string ProcessRunning = "casework.process-running";
}

/// <summary>
/// The DSGVO rights of a person (ADR 0011) over everything a case keeps: the e-file (<see cref="PrivacyService"/>) and
/// the variables and history of the process instances filed in the person's Vorgänge (and the instances they called).
/// Each act runs the e-file's command and the engine's part in one unit of work: the export reads both at one point in
/// time, the erasure changes both or neither. The audit chain records the engine's part by instance, Aktenzeichen and
/// counts, never a value. Server and CLI call this, not <see cref="PrivacyService"/>.
/// </summary>
public sealed class CaseworkPrivacy(PrivacyService privacy, RecordsCommandExecutor executor, RecordsDbContext records, IProcessEngine engine, UnitOfWork unitOfWork, BlobCleanup cleanup)
{
    /// <summary>What an erased string value or history detail of a process becomes.</summary>
    public const string ErasedMarker = "[gelöscht nach Art. 17 DSGVO]";

    /// <summary>
    /// Art. 15: the e-file's export (see <see cref="PrivacyService.ExportAsync(DataSubject, string, string, Stream, CancellationToken)"/>)
    /// with a section <c>prozesse</c>: every instance of the person's Vorgänge whose variables or history name the
    /// person, with all its variables and the history entries that carry values or details.
    /// </summary>
    public async Task<PersonalData> ExportAsync(DataSubject person, string reason, string actor, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var matches = person.CreateMatcher();
        await using var work = await unitOfWork.BeginAsync(CaseworkModules.RecordsAndEngine, cancellationToken);
        var data = await privacy.ExportAsync(person, reason, actor, output, async (found, token) =>
        {
            var processes = (await ProcessesAsync(found.Vorgaenge.Select(v => v.Vorgang.Id).ToList(), token)).Where(p => Names(p.Data, matches)).ToList();
            if (processes.Count == 0)
            {
                return null;
            }

            await executor.ExecuteAsync(new AuditProcessDataCommand(AuditActions.ProcessDataExported,
                [.. processes.Select(p => new ProcessDataAct(p.Data.Id, p.VorgangId, p.Data.Variables.Count, p.Data.History.Count))], reason), actor, token);
            var aktenzeichen = found.Vorgaenge.ToDictionary(v => v.Vorgang.Id, v => v.Vorgang.Aktenzeichen);
            return new PersonalDataSupplement("prozesse", processes.Select(p => Report(p, aktenzeichen[p.VorgangId])).ToList(),
                [.. processes.Select(p => (IReadOnlyList<string>)[
                    "Prozess", aktenzeichen[p.VorgangId], $"{p.Data.ProcessId} ({p.Data.Id})",
                    p.Data.StartedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "Prozessvariablen und -verlauf", ""])]);
        }, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return data;
    }

    /// <summary>
    /// Art. 17: the e-file's erasure (see <see cref="ErasePersonalDataCommand"/>, refused as a whole while a retention
    /// period runs), and in the same transaction every string variable value and history detail of the person's
    /// Vorgänge' instances that names the person is replaced by <see cref="ErasedMarker"/>. Refused as a whole
    /// (<see cref="CaseworkErrors.ProcessRunning"/>) while such an instance still runs.
    /// </summary>
    public async Task<ErasureResult> EraseAsync(DataSubject person, string reason, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var matches = person.CreateMatcher();
        ErasureResult result;
        var work = await unitOfWork.BeginAsync(CaseworkModules.RecordsAndEngine, cancellationToken);
        await using (work)
        {
            result = await executor.ExecuteAsync(new ErasePersonalDataCommand(person, reason), actor, cancellationToken);
            var processes = (await ProcessesAsync(result.VorgangIds, cancellationToken)).Where(p => Names(p.Data, matches)).ToList();
            if (processes.FirstOrDefault(p => p.Data.State == ProcessInstanceState.Active) is { } running)
            {
                var vorgang = await records.Vorgaenge.AsNoTracking().Where(v => v.Id == running.VorgangId).Select(v => v.Aktenzeichen).SingleAsync(cancellationToken);
                throw new RecordsException(CaseworkErrors.ProcessRunning,
                    $"Die Daten dürfen noch nicht gelöscht werden: Im Vorgang {vorgang} läuft noch der Prozess „{running.Data.ProcessId}“, dessen Daten die Person nennen. "
                    + "Es wurde nichts gelöscht. Beenden oder brechen Sie den Prozess ab, oder schränken Sie die Verarbeitung ein (Art. 18 DSGVO).");
            }

            var redacted = processes.Count == 0
                ? []
                : (await engine.RedactProcessInstanceDataAsync(new ProcessDataRedactionRequest([.. processes.Select(p => p.Data.Id)], matches, ErasedMarker), cancellationToken)).Instances;
            if (redacted.Count > 0)
            {
                var vorgangOf = processes.ToDictionary(p => p.Data.Id, p => p.VorgangId);
                await executor.ExecuteAsync(new AuditProcessDataCommand(AuditActions.ProcessDataErased,
                    [.. redacted.Select(r => new ProcessDataAct(r.ProcessInstanceId, vorgangOf[r.ProcessInstanceId], r.Variables, r.HistoryEvents))], reason), actor, cancellationToken);
            }

            await work.CommitAsync(cancellationToken);
            result = result with { ProcessInstances = redacted.Count };
        }

        await cleanup.RemoveUnreferencedAsync(result.ContentHashes, cancellationToken);
        return result;
    }

    /// <summary>
    /// Art. 18 (see <see cref="RestrictPersonalDataCommand"/>). The engine keeps no restriction of its own: the
    /// restricted Vorgang is what hosts check before they show a process's data to clerks.
    /// </summary>
    public Task<RestrictionResult> RestrictAsync(DataSubject person, string reason, string actor, CancellationToken cancellationToken) =>
        privacy.RestrictAsync(person, reason, actor, cancellationToken);

    /// <summary>Art. 18 (3) (see <see cref="LiftRestrictionCommand"/>).</summary>
    public Task<LiftRestrictionResult> LiftRestrictionAsync(DataSubject person, string reason, string actor, CancellationToken cancellationToken) =>
        privacy.LiftRestrictionAsync(person, reason, actor, cancellationToken);

    private sealed record FiledProcess(ProcessInstanceData Data, Guid VorgangId);

    // The instances filed in the Vorgänge and those they called, each with the Vorgang of its nearest filed caller.
    private async Task<List<FiledProcess>> ProcessesAsync(IReadOnlyList<Guid> vorgangIds, CancellationToken cancellationToken)
    {
        var links = await records.VorgangProcesses.AsNoTracking().Where(l => vorgangIds.Contains(l.VorgangId)).ToListAsync(cancellationToken);
        if (links.Count == 0)
        {
            return [];
        }

        var vorgangOf = links.GroupBy(l => l.ProcessInstanceId).ToDictionary(g => g.Key, g => g.First().VorgangId);
        var data = await engine.GetProcessInstanceDataAsync([.. vorgangOf.Keys], cancellationToken);
        var byId = data.ToDictionary(d => d.Id);
        Guid VorgangOf(ProcessInstanceData instance) =>
            vorgangOf.TryGetValue(instance.Id, out var vorgang) ? vorgang : VorgangOf(byId[instance.ParentProcessInstanceId!.Value]);
        return [.. data.Select(d => new FiledProcess(d, VorgangOf(d)))];
    }

    private static bool Names(ProcessInstanceData instance, Func<string?, bool> matches) =>
        instance.Variables.Any(v => Strings(v.Value).Any(matches))
        || instance.History.Any(e => Strings(e.VariablesBefore).Concat(Strings(e.VariablesAfter)).Any(matches) || matches(e.Detail));

    private static IEnumerable<string> Strings(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => o.SelectMany(p => Strings(p.Value)),
        System.Text.Json.Nodes.JsonArray a => a.SelectMany(Strings),
        System.Text.Json.Nodes.JsonValue v when v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    private static object Report(FiledProcess process, string aktenzeichen) => new
    {
        Vorgang = aktenzeichen,
        Instanz = process.Data.Id,
        AufgerufenVon = process.Data.ParentProcessInstanceId,
        Prozess = process.Data.ProcessId,
        Status = process.Data.State.ToString(),
        Gestartet = process.Data.StartedAt,
        Beendet = process.Data.EndedAt,
        Variablen = process.Data.Variables.Select(v => new { v.Name, Bereich = v.ExecutionId == process.Data.Id ? "Instanz" : v.ExecutionId.ToString(), Wert = v.Value }),
        Verlauf = process.Data.History.Where(e => e.VariablesBefore is not null || e.VariablesAfter is not null || e.Detail is not null).Select(e => new
        {
            e.Sequence,
            e.Type,
            e.Timestamp,
            e.ElementId,
            Vorher = e.VariablesBefore,
            Nachher = e.VariablesAfter,
            e.Detail,
        }),
    };
}
