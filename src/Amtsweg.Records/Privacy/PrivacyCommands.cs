using System.Globalization;
using Amtsweg.Data;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Retention;
using Amtsweg.Records.Search;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Privacy;

/// <summary>Adds a person to an open Vorgang as Beteiligter.</summary>
public sealed record AddBeteiligterCommand(Guid VorgangId, string Role, DataSubject Person) : RecordsCommand<Beteiligter>
{
    internal override async Task<Beteiligter> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var role = Validation.Text(Role, "Die Rolle des Beteiligten", 100);
        var person = (Person ?? throw RecordsErrors.InvalidError("Die Person fehlt.")).Validated();
        var vorgang = await context.LockOpenVorgangAsync(VorgangId, cancellationToken).ConfigureAwait(false);
        var beteiligter = new Beteiligter
        {
            Id = context.NewId(),
            TenantId = context.TenantId,
            VorgangId = vorgang.Id,
            Role = role,
            Name = person.Name,
            Address = person.Address,
            Email = person.Email,
            BirthDate = person.BirthDate,
            CreatedBy = context.Actor,
            CreatedAt = context.Now,
        };
        context.Db.Beteiligte.Add(beteiligter);
        context.Audit(AuditActions.BeteiligterAdded, nameof(Beteiligter), beteiligter.Id, ("vorgang", vorgang.Aktenzeichen), ("role", role));
        return beteiligter;
    }
}

/// <summary>
/// Removes a Beteiligter from an open Vorgang (entered by mistake, or no longer involved). Audited with the role, not
/// the name. The row keeps name and role, who removed it and when, so the Vorgang's Verlauf can tell it (as a paper
/// file keeps a crossed-out name); address, e-mail and birth date are cleared. Deleting the person from the Vorgang
/// altogether is the privacy erasure's task (Art. 17 DSGVO), which also deletes removed Beteiligte.
/// </summary>
public sealed record RemoveBeteiligterCommand(Guid VorgangId, Guid BeteiligterId) : RecordsCommand<Beteiligter>
{
    internal override async Task<Beteiligter> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var vorgang = await context.LockOpenVorgangAsync(VorgangId, cancellationToken).ConfigureAwait(false);
        var beteiligter = await context.Db.Beteiligte.SingleOrDefaultAsync(b => b.Id == BeteiligterId && b.VorgangId == vorgang.Id && b.RemovedAt == null, cancellationToken).ConfigureAwait(false)
            ?? throw RecordsErrors.NotFoundError("Der Beteiligte", BeteiligterId);
        beteiligter.RemovedAt = context.Now;
        beteiligter.RemovedBy = context.Actor;
        beteiligter.Address = null;
        beteiligter.Email = null;
        beteiligter.BirthDate = null;
        context.Audit(AuditActions.BeteiligterRemoved, nameof(Beteiligter), beteiligter.Id, ("vorgang", vorgang.Aktenzeichen), ("role", beteiligter.Role));
        return beteiligter;
    }
}

/// <summary>
/// Art. 15 DSGVO: collects everything stored about a person and records the disclosure, and the read of each document
/// version's content, in the audit trail. <see cref="PrivacyService.ExportAsync"/> writes the zip from the result.
/// </summary>
public sealed record ExportPersonalDataCommand(DataSubject Person, string Reason) : RecordsCommand<PersonalData>
{
    internal override async Task<PersonalData> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var reason = Validation.Text(Reason, "Der Anlass (z. B. das Aktenzeichen des Auskunftsersuchens)", 1000);
        var person = (Person ?? throw RecordsErrors.InvalidError("Die Person fehlt.")).Validated();
        var data = await PersonalDataQuery.FindAsync(context.Db, person, cancellationToken).ConfigureAwait(false);
        if (data.IsEmpty)
        {
            throw PersonNotFound();
        }

        foreach (var version in data.Dokumente.SelectMany(d => d.Versions))
        {
            context.Audit(AuditActions.DokumentContentRead, nameof(DokumentVersion), version.Id, ("contentHash", version.ContentHash), ("purpose", AuditActions.PersonalDataExported));
        }

        PrivacyAudit.Summary(context, AuditActions.PersonalDataExported, person, reason, data);
        return data;
    }

    /// <summary>The one answer of export, erasure and restriction when nothing is stored about the person.</summary>
    internal static RecordsException PersonNotFound() =>
        new(RecordsErrors.PersonNotFound, "Zu dieser Person ist in der E-Akte nichts gespeichert.");
}

/// <summary>What an erasure did.</summary>
/// <param name="Dokumente">Dokumente whose versions were deleted.</param>
/// <param name="Versions">Document versions deleted, each with its tombstone.</param>
/// <param name="Beteiligte">Beteiligte removed.</param>
/// <param name="Vermerke">Vermerke deleted, each with its tombstone.</param>
/// <param name="Titles">Vorgang and Akte titles cleared of the name.</param>
/// <param name="ContentHashes">The content blobs freed; deleted after the commit when no one else uses them.</param>
public sealed record ErasureResult(int Dokumente, int Versions, int Beteiligte, int Vermerke, int Titles, IReadOnlyList<string> ContentHashes)
{
    /// <summary>Items of the Posteingang deleted.</summary>
    public int PosteingangItems { get; init; }

    /// <summary>Process instances whose variables or history held the person's data, now replaced (set by the composition with the engine).</summary>
    public int ProcessInstances { get; init; }

    /// <summary>The Vorgänge that held the person's data, for a composing caller that erases what other modules keep about them.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Guid> VorgangIds { get; init; } = [];
}

/// <summary>
/// Art. 17 DSGVO: erases the data about a person where no retention period forbids it. Refused as a whole, with the
/// Akten and their retention periods named, when any Akte holding the data is still open, under legal hold or in its
/// retention period (Art. 17 (3) b DSGVO); the data can be restricted then (<see cref="RestrictPersonalDataCommand"/>).
/// Document versions and notes naming the person are deleted the way the Aussonderung deletes them
/// (<see cref="RecordDisposal"/>: a tombstone without personal data, reason <see cref="DeletionReason.Erased"/>, an
/// audit entry, the blob freed after the commit). Beteiligte are removed, titles naming the person are cleared.
/// </summary>
public sealed record ErasePersonalDataCommand(DataSubject Person, string Reason) : RecordsCommand<ErasureResult>
{
    internal override async Task<ErasureResult> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var reason = Validation.Text(Reason, "Der Anlass (z. B. das Aktenzeichen des Löschersuchens)", 200);
        var person = (Person ?? throw RecordsErrors.InvalidError("Die Person fehlt.")).Validated();
        var data = await PersonalDataQuery.FindAsync(context.Db, person, cancellationToken).ConfigureAwait(false);
        if (data.IsEmpty)
        {
            throw ExportPersonalDataCommand.PersonNotFound();
        }

        var today = BerlinTime.Date(context.Now);
        var blockers = data.Vorgaenge.Select(v => (v.Akte, v.Position)).DistinctBy(a => a.Akte.Id)
            .Select(a => RetentionBlocker(a.Akte, a.Position, today)).OfType<string>().ToList();
        if (blockers.Count > 0)
        {
            throw new RecordsException(RecordsErrors.RetentionForbidsErasure,
                "Die Daten dürfen noch nicht gelöscht werden: " + string.Join(" ", blockers)
                + " Es wurde nichts gelöscht. Schränken Sie die Verarbeitung stattdessen ein (Art. 18 DSGVO).");
        }

        var vorgaenge = new Dictionary<Guid, Vorgang>();
        foreach (var found in data.Vorgaenge)
        {
            vorgaenge[found.Vorgang.Id] = await context.LockAsync<Vorgang>(found.Vorgang.Id, "Der Vorgang", cancellationToken).ConfigureAwait(false);
        }

        var disposal = new RecordDisposal(context, new DeletionDecision(DeletionReason.Erased, "Art. 17 Abs. 1 DSGVO", reason));
        var versions = 0;
        foreach (var document in data.Dokumente)
        {
            var vorgang = vorgaenge[document.VorgangId];
            var ids = document.Versions.Select(v => v.Id).ToList();
            foreach (var version in await context.Db.DokumentVersionen.Where(v => ids.Contains(v.Id)).OrderBy(v => v.Number).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                disposal.DeleteVersion(version, vorgang.AkteId, vorgang);
                versions++;
            }

            await context.Db.SearchEntries.Where(e => e.Id == document.DokumentId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await context.Db.Restrictions.Where(r => r.SubjectId == document.DokumentId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }

        var noteIds = data.Vermerke.Select(n => n.Id).ToList();
        foreach (var note in await context.Db.Vermerke.Where(n => noteIds.Contains(n.Id)).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            disposal.DeleteVermerk(note, vorgaenge[note.VorgangId].AkteId, vorgaenge[note.VorgangId]);
        }

        // Items of the Posteingang are no records yet: they go as a whole (attachments before their e-mail), each with
        // an audit entry without the name; their content is freed like a document version's.
        foreach (var item in data.PosteingangItems.OrderBy(i => i.ParentId is null ? 1 : 0).ThenBy(i => i.Id))
        {
            await context.Db.IntakeItems.Where(i => i.Id == item.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await Search.SearchIndexer.RemoveIntakeItemAsync(context.Db, item.Id, cancellationToken).ConfigureAwait(false);
            disposal.FreedHashes.Add(item.ContentHash);
            if (item.FilingContentHash is { } rendition)
            {
                disposal.FreedHashes.Add(rendition);
            }

            context.Audit(Intake.IntakeAuditActions.Erased, nameof(Intake.IntakeItem), item.Id, ("contentHash", item.ContentHash), ("status", item.Status.ToString()));
        }

        foreach (var beteiligter in data.Beteiligte)
        {
            await context.Db.Beteiligte.Where(b => b.Id == beteiligter.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            context.Audit(AuditActions.BeteiligterErased, nameof(Beteiligter), beteiligter.Id, ("role", beteiligter.Role));
        }

        var titles = await EraseTitlesAsync(context, data, cancellationToken).ConfigureAwait(false);
        PrivacyAudit.Summary(context, AuditActions.PersonalDataErased, person, reason, data);
        return new ErasureResult(data.Dokumente.Count, versions, data.Beteiligte.Count, data.Vermerke.Count, titles, disposal.FreedHashes.Order(StringComparer.Ordinal).ToList())
        {
            PosteingangItems = data.PosteingangItems.Count,
            VorgangIds = data.Vorgaenge.Select(v => v.Vorgang.Id).ToList(),
        };
    }

    // Titles that name the person are replaced; the Vorgänge of a changed Akte are indexed again (their entries carry the Akte title).
    private static async Task<int> EraseTitlesAsync(RecordsCommandContext context, PersonalData data, CancellationToken cancellationToken)
    {
        var titles = 0;
        var reindex = new HashSet<Guid>();
        foreach (var found in data.Vorgaenge.Where(v => v.TitleMentionsPerson))
        {
            var vorgang = await context.Db.Vorgaenge.SingleAsync(v => v.Id == found.Vorgang.Id, cancellationToken).ConfigureAwait(false);
            vorgang.Title = $"Vorgang {vorgang.Aktenzeichen} (Angaben gelöscht nach Art. 17 DSGVO)";
            context.Audit(AuditActions.TitleErased, nameof(Vorgang), vorgang.Id, ("aktenzeichen", vorgang.Aktenzeichen));
            reindex.Add(vorgang.Id);
            titles++;
        }

        foreach (var found in data.Vorgaenge.Where(v => v.AkteTitleMentionsPerson).DistinctBy(v => v.Akte.Id))
        {
            var akte = await context.LockAsync<Akte>(found.Akte.Id, "Die Akte", cancellationToken).ConfigureAwait(false);
            akte.Title = $"Akte {akte.Aktenzeichen} (Angaben gelöscht nach Art. 17 DSGVO)";
            context.Audit(AuditActions.TitleErased, nameof(Akte), akte.Id, ("aktenzeichen", akte.Aktenzeichen));
            reindex.UnionWith(await context.Db.Vorgaenge.Where(v => v.AkteId == akte.Id).Select(v => v.Id).ToListAsync(cancellationToken).ConfigureAwait(false));
            titles++;
        }

        foreach (var id in reindex)
        {
            var vorgang = await context.Db.Vorgaenge.SingleAsync(v => v.Id == id, cancellationToken).ConfigureAwait(false);
            var akte = await context.Db.Akten.SingleAsync(a => a.Id == vorgang.AkteId, cancellationToken).ConfigureAwait(false);
            await SearchIndexer.IndexVorgangAsync(context.Db, vorgang, akte, cancellationToken).ConfigureAwait(false);
        }

        return titles;
    }

    private static string? RetentionBlocker(Akte akte, AktenplanPosition position, DateOnly today)
    {
        if (akte.LegalHold)
        {
            return $"Für die Akte {akte.Aktenzeichen} besteht eine Aufbewahrungssperre.";
        }

        if (akte.State == RecordState.Open || akte.ClosedAt is null)
        {
            return $"Die Akte {akte.Aktenzeichen} ist noch nicht abgeschlossen; ihre Aufbewahrungsfrist ({position.RetentionYears} Jahre, Aktenplan {position.Code}) hat noch nicht begonnen.";
        }

        var due = DisposalList.DueOn(akte.ClosedAt.Value, position.RetentionYears);
        return due > today
            ? $"Die Aufbewahrungsfrist der Akte {akte.Aktenzeichen} ({position.RetentionYears} Jahre, Aktenplan {position.Code}) läuft bis {due.AddDays(-1).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)}."
            : null;
    }

}

/// <summary>What a restriction did.</summary>
/// <param name="Dokumente">Dokumente newly restricted.</param>
/// <param name="Vorgaenge">Vorgänge newly restricted (the person is a Beteiligter or named in the title).</param>
/// <param name="AlreadyRestricted">Records that were restricted before.</param>
public sealed record RestrictionResult(int Dokumente, int Vorgaenge, int AlreadyRestricted)
{
    /// <summary>Beteiligte, notes and Posteingang items newly restricted.</summary>
    public int Entries { get; init; }
}

/// <summary>
/// Art. 18 DSGVO: restricts the processing of the data about a person, typically where a retention period forbids
/// its erasure. The documents naming the person, and the Vorgänge the person takes part in or whose title names the
/// person, vanish from the search of ordinary clerks and their content no longer opens for them; the data-protection
/// role still finds and reads them. Each restriction is audited.
/// </summary>
public sealed record RestrictPersonalDataCommand(DataSubject Person, string Reason) : RecordsCommand<RestrictionResult>
{
    internal override async Task<RestrictionResult> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var reason = Validation.Text(Reason, "Der Anlass (z. B. das Aktenzeichen des Ersuchens)", 1000);
        var person = (Person ?? throw RecordsErrors.InvalidError("Die Person fehlt.")).Validated();
        var data = await PersonalDataQuery.FindAsync(context.Db, person, cancellationToken).ConfigureAwait(false);
        if (data.IsEmpty)
        {
            throw ExportPersonalDataCommand.PersonNotFound();
        }

        // Besides documents and Vorgänge, the person's own entries are restricted one by one: the Beteiligter rows,
        // the notes naming the person and the Posteingang items; the Vorgang page and the Posteingang hide them from clerks.
        var involved = data.Beteiligte.Select(b => b.VorgangId).ToHashSet();
        var subjects = data.Dokumente.Select(d => (Type: nameof(Dokument), Id: d.DokumentId))
            .Concat(data.Vorgaenge.Where(v => v.TitleMentionsPerson || involved.Contains(v.Vorgang.Id)).Select(v => (Type: nameof(Vorgang), Id: v.Vorgang.Id)))
            .Concat(data.Beteiligte.Select(b => (Type: nameof(Beteiligter), Id: b.Id)))
            .Concat(data.Vermerke.Select(n => (Type: nameof(Vermerk), Id: n.Id)))
            .Concat(data.PosteingangItems.Select(i => (Type: nameof(Intake.IntakeItem), Id: i.Id)))
            .ToList();
        var ids = subjects.Select(s => s.Id).ToList();
        var fingerprint = PrivacyAudit.PersonFingerprint(person);
        var existing = (await context.Db.Restrictions.Where(r => ids.Contains(r.SubjectId) && (r.PersonFingerprint == fingerprint || r.PersonFingerprint == ""))
            .Select(r => r.SubjectId).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        int documents = 0, vorgaenge = 0, others = 0;
        foreach (var (type, id) in subjects.Where(s => !existing.Contains(s.Id)))
        {
            var restriction = new Restriction
            {
                Id = context.NewId(),
                TenantId = context.TenantId,
                SubjectType = type,
                SubjectId = id,
                PersonFingerprint = fingerprint,
                Reason = reason,
                CreatedBy = context.Actor,
                CreatedAt = context.Now,
            };
            context.Db.Restrictions.Add(restriction);
            context.Audit(AuditActions.Restricted, type, id, ("reason", reason));
            switch (type)
            {
                case nameof(Dokument):
                    documents++;
                    break;
                case nameof(Vorgang):
                    vorgaenge++;
                    break;
                default:
                    others++;
                    break;
            }
        }

        var newIds = subjects.Select(s => s.Id).Where(id => !existing.Contains(id)).ToList();
        await context.Db.SearchEntries.Where(e => newIds.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.Restricted, true), cancellationToken).ConfigureAwait(false);
        PrivacyAudit.Summary(context, AuditActions.PersonalDataRestricted, person, reason, data);
        return new RestrictionResult(documents, vorgaenge, existing.Count) { Entries = others };
    }
}

/// <summary>What lifting a restriction did.</summary>
/// <param name="Dokumente">Dokumente whose restriction for the person was lifted.</param>
/// <param name="Vorgaenge">Vorgänge whose restriction for the person was lifted.</param>
/// <param name="StillRestricted">Of these, records that stay restricted for another person.</param>
public sealed record LiftRestrictionResult(int Dokumente, int Vorgaenge, int StillRestricted);

/// <summary>
/// Art. 18 (3) DSGVO: lifts the restriction of the data about a person (the person was told beforehand). The person's
/// restrictions are removed, each audited; a record becomes visible in the search of ordinary clerks again and its
/// content opens again unless it stays restricted for someone else. Refused when nothing is restricted for the person.
/// </summary>
public sealed record LiftRestrictionCommand(DataSubject Person, string Reason) : RecordsCommand<LiftRestrictionResult>
{
    internal override async Task<LiftRestrictionResult> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        var reason = Validation.Text(Reason, "Der Anlass (z. B. das Aktenzeichen des Ersuchens)", 1000);
        var person = (Person ?? throw RecordsErrors.InvalidError("Die Person fehlt.")).Validated();
        var fingerprint = PrivacyAudit.PersonFingerprint(person);
        var data = await PersonalDataQuery.FindAsync(context.Db, person, cancellationToken).ConfigureAwait(false);

        // Restrictions made before they named their person are taken where they lie on the person's records.
        var records = data.Dokumente.Select(d => d.DokumentId).Concat(data.Vorgaenge.Select(v => v.Vorgang.Id)).ToList();
        var lifted = await context.Db.Restrictions
            .Where(r => r.PersonFingerprint == fingerprint || (r.PersonFingerprint == "" && records.Contains(r.SubjectId)))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (lifted.Count == 0)
        {
            throw new RecordsException(RecordsErrors.PersonNotFound, "Für diese Person ist keine Verarbeitung eingeschränkt.");
        }

        context.Db.Restrictions.RemoveRange(lifted);
        foreach (var restriction in lifted)
        {
            context.Audit(AuditActions.RestrictionLifted, restriction.SubjectType, restriction.SubjectId, ("reason", reason), ("restrictedAt", restriction.CreatedAt.ToString("O", CultureInfo.InvariantCulture)));
        }

        await context.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var subjects = lifted.Select(r => r.SubjectId).Distinct().ToList();
        var still = (await context.Db.Restrictions.Where(r => subjects.Contains(r.SubjectId)).Select(r => r.SubjectId).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        var free = subjects.Where(id => !still.Contains(id)).ToList();
        await context.Db.SearchEntries.Where(e => free.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.Restricted, false), cancellationToken).ConfigureAwait(false);
        PrivacyAudit.Summary(context, AuditActions.PersonalDataRestrictionLifted, person, reason, data);
        var distinct = lifted.DistinctBy(r => r.SubjectId).ToList();
        return new LiftRestrictionResult(distinct.Count(r => r.SubjectType == nameof(Dokument)), distinct.Count(r => r.SubjectType == nameof(Vorgang)), still.Count);
    }
}

/// <summary>
/// The summary entry of a DSGVO act. It names the person only by a SHA-256 fingerprint of the folded name: the audit
/// chain is insert-only and outlives an erasure, so it must not hold the name in clear text.
/// </summary>
internal static class PrivacyAudit
{
    /// <summary>The person as the audit trail and the restrictions name it: SHA-256 of the folded name.</summary>
    public static string PersonFingerprint(DataSubject person) => Fingerprint.OfText(PersonMatcher.Fold(person.Name));

    public static void Summary(RecordsCommandContext context, string action, DataSubject person, string reason, PersonalData data) =>
        context.Audit(action, "Person", context.NewId(),
            ("person", PersonFingerprint(person)),
            ("reason", reason),
            ("beteiligte", data.Beteiligte.Count.ToString(CultureInfo.InvariantCulture)),
            ("dokumente", data.Dokumente.Count.ToString(CultureInfo.InvariantCulture)),
            ("vermerke", data.Vermerke.Count.ToString(CultureInfo.InvariantCulture)),
            ("vorgaenge", string.Join(",", data.Vorgaenge.Select(v => v.Vorgang.Aktenzeichen))));
}

/// <summary>What a DSGVO act did to the data of one process instance (counts only: the audit chain holds no personal data).</summary>
/// <param name="ProcessInstanceId">The instance.</param>
/// <param name="VorgangId">The Vorgang it is filed in.</param>
/// <param name="Variables">Variables read or changed.</param>
/// <param name="HistoryEvents">History events read or changed.</param>
public sealed record ProcessDataAct(Guid ProcessInstanceId, Guid VorgangId, int Variables, int HistoryEvents);

/// <summary>
/// Records in the audit chain that the process data of the person's Vorgänge was exported (Art. 15 DSGVO,
/// <see cref="AuditActions.ProcessDataExported"/>) or erased (Art. 17, <see cref="AuditActions.ProcessDataErased"/>):
/// one entry per instance with the Aktenzeichen and the counts. The engine keeps the data, the e-file the proof; the
/// composition runs this in the same transaction as the engine's change.
/// </summary>
public sealed record AuditProcessDataCommand(string Action, IReadOnlyList<ProcessDataAct> Instances, string Reason) : RecordsCommand<int>
{
    internal override async Task<int> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        if (Action is not (AuditActions.ProcessDataExported or AuditActions.ProcessDataErased))
        {
            throw RecordsErrors.InvalidError("Unbekannte Datenschutzhandlung an Prozessdaten.");
        }

        var reason = Validation.Text(Reason, "Der Anlass", 1000);
        var ids = (Instances ?? []).Select(i => i.VorgangId).Distinct().ToList();
        var aktenzeichen = await context.Db.Vorgaenge.Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Aktenzeichen, cancellationToken).ConfigureAwait(false);
        foreach (var instance in Instances ?? [])
        {
            context.Audit(Action, "ProcessInstance", instance.ProcessInstanceId,
                ("vorgang", aktenzeichen.GetValueOrDefault(instance.VorgangId, "")),
                ("reason", reason),
                ("variables", instance.Variables.ToString(CultureInfo.InvariantCulture)),
                ("historyEvents", instance.HistoryEvents.ToString(CultureInfo.InvariantCulture)));
        }

        return Instances?.Count ?? 0;
    }
}
