using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Blobs;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Audit;

/// <summary>A problem found by <see cref="AuditVerifier"/>.</summary>
/// <param name="Sequence">The audit entry concerned, when there is one.</param>
/// <param name="Kind">A stable kind: <c>sequence</c>, <c>chain</c>, <c>hash</c>, <c>head</c>, <c>record</c>, <c>blob</c>.</param>
/// <param name="Message">What is wrong, in German.</param>
public sealed record AuditProblem(long? Sequence, string Kind, string Message);

/// <summary>The outcome of a verification of one tenant's audit trail and content.</summary>
public sealed record AuditVerification(Guid TenantId, long EntriesChecked, int VersionsChecked, IReadOnlyList<AuditProblem> Problems)
{
    /// <summary>True when nothing was found.</summary>
    public bool IsIntact => Problems.Count == 0;

    /// <summary>The first broken entry (lowest sequence number), or the first other problem.</summary>
    public AuditProblem? FirstProblem => Problems.Count == 0 ? null : Problems[0];
}

/// <summary>
/// Checks a tenant's audit trail: sequence numbers without gaps, each entry's hash over its canonical form, the link
/// to its predecessor, the chain head; and every document version against the fingerprint its audit entry recorded
/// and against its blob's content hash.
/// </summary>
public sealed class AuditVerifier(RecordsDbContext db, BlobStore blobs, TenantContext tenant)
{
    /// <summary>Verifies the tenant of the unit of work.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var tenantId = tenant.TenantId ?? throw new RecordsException(RecordsErrors.TenantMissing, "Für die Prüfung ist keine Gemeinde (Mandant) gewählt.");
        var chainProblems = new List<AuditProblem>();
        var otherProblems = new List<AuditProblem>();
        var recorded = new Dictionary<Guid, (long Sequence, string? Fingerprint)>();
        var deleted = new Dictionary<Guid, (long Sequence, string? Fingerprint)>();
        long expected = 1, checkedEntries = 0;
        var previous = AuditHash.Genesis;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            checkedEntries++;
            if (entry.Sequence != expected)
            {
                chainProblems.Add(new AuditProblem(entry.Sequence, "sequence",
                    entry.Sequence > expected
                        ? $"Eintrag {expected} fehlt (nächster vorhandener Eintrag: {entry.Sequence})."
                        : $"Eintrag {entry.Sequence} steht doppelt oder außer der Reihe (erwartet: {expected})."));
            }

            if (entry.PreviousHash != previous)
            {
                chainProblems.Add(new AuditProblem(entry.Sequence, "chain", $"Eintrag {entry.Sequence} verweist nicht auf den Hash seines Vorgängers."));
            }

            if (AuditHash.Compute(entry) != entry.Hash)
            {
                chainProblems.Add(new AuditProblem(entry.Sequence, "hash", $"Eintrag {entry.Sequence} wurde verändert (Hash stimmt nicht)."));
            }

            if (entry.TenantId != tenantId)
            {
                chainProblems.Add(new AuditProblem(entry.Sequence, "hash", $"Eintrag {entry.Sequence} gehört einem anderen Mandanten."));
            }

            if (entry.Action == AuditActions.DokumentVersionAdded)
            {
                recorded[entry.SubjectId] = (entry.Sequence, AuditHash.ReadDetail(entry.Details, "fingerprint"));
            }
            else if (entry.Action == AuditActions.DokumentVersionDeleted)
            {
                deleted[entry.SubjectId] = (entry.Sequence, AuditHash.ReadDetail(entry.Details, "fingerprint"));
            }

            previous = entry.Hash;
            expected = entry.Sequence + 1;
        }

        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (head is null ? checkedEntries > 0 : head.LastSequence != expected - 1 || head.LastHash != previous)
        {
            chainProblems.Add(new AuditProblem(head?.LastSequence, "head",
                $"Das Ende der Kette stimmt nicht: gespeichert {head?.LastSequence.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "keins"}, vorhanden bis {expected - 1}."));
        }

        var versionsChecked = 0;
        await foreach (var version in db.DokumentVersionen.AsNoTracking().OrderBy(v => v.Id).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            versionsChecked++;
            if (!recorded.Remove(version.Id, out var audit))
            {
                otherProblems.Add(new AuditProblem(null, "record", $"Zur Dokumentversion {version.Id} gibt es keinen Protokolleintrag."));
            }
            else if (audit.Fingerprint != Fingerprint.Of(version))
            {
                otherProblems.Add(new AuditProblem(audit.Sequence, "record", $"Die Dokumentversion {version.Id} wurde nach dem Ablegen verändert."));
            }

            if (!await blobs.IsIntactAsync(version.ContentHash, version.ContentLength, cancellationToken).ConfigureAwait(false))
            {
                otherProblems.Add(new AuditProblem(audit.Sequence > 0 ? audit.Sequence : null, "blob", $"Der Inhalt {version.ContentHash} der Dokumentversion {version.Id} fehlt oder wurde verändert."));
            }
        }

        // A version deleted by disposal or erasure is expected to be missing, blob included, when the chain says so
        // and its tombstone keeps the fingerprint recorded at filing.
        var tombstones = await db.Loeschnachweise.AsNoTracking().Where(t => t.SubjectType == LoeschnachweisSubjects.DokumentVersion)
            .ToDictionaryAsync(t => t.SubjectId, t => t.Fingerprint, cancellationToken).ConfigureAwait(false);
        foreach (var (versionId, audit) in recorded)
        {
            if (!deleted.TryGetValue(versionId, out var deletion))
            {
                otherProblems.Add(new AuditProblem(audit.Sequence, "record", $"Die Dokumentversion {versionId} aus Eintrag {audit.Sequence} fehlt."));
            }
            else if (!tombstones.TryGetValue(versionId, out var kept) || kept != audit.Fingerprint || deletion.Fingerprint != audit.Fingerprint)
            {
                otherProblems.Add(new AuditProblem(deletion.Sequence, "record", $"Die Dokumentversion {versionId} wurde in Eintrag {deletion.Sequence} gelöscht, aber ihr Löschnachweis fehlt oder passt nicht."));
            }
        }

        foreach (var (versionId, deletion) in deleted.Where(d => !recorded.ContainsKey(d.Key)))
        {
            if (await db.DokumentVersionen.AnyAsync(v => v.Id == versionId, cancellationToken).ConfigureAwait(false))
            {
                otherProblems.Add(new AuditProblem(deletion.Sequence, "record", $"Die Dokumentversion {versionId} wurde in Eintrag {deletion.Sequence} gelöscht, ist aber wieder vorhanden."));
            }
        }

        var problems = chainProblems.OrderBy(p => p.Sequence ?? long.MaxValue)
            .Concat(otherProblems.OrderBy(p => p.Sequence ?? long.MaxValue))
            .ToList();
        return new AuditVerification(tenantId, checkedEntries, versionsChecked, problems);
    }
}
