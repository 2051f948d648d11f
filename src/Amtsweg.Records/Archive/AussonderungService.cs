using Amtsweg.Records.Commands;
using Amtsweg.Records.Persistence;
using Amtsweg.Records.Retention;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Archive;

/// <summary>
/// The Aussonderung with xdomea 3.0.0 (ADR 0010): offers due Akten to the archive (0501), hands over what the archive
/// appraised "A" (0503), and reads the archive's answers (0502, 0504, 0506), disposing of what they allow. Each
/// step is one command, so a refused message changes nothing; blobs are removed only after the commit.
/// </summary>
public sealed class AussonderungService(RecordsCommandExecutor executor, DisposalList disposalList, RecordsDbContext db, BlobCleanup cleanup, TimeProvider clock)
{
    /// <summary>
    /// Writes a 0503 for every process with appraised, not yet handed-over Vorgänge and, with
    /// <paramref name="offerDue"/>, a 0501 offering the Akten due for disposal that no process holds yet.
    /// Returns the messages written (none when there is nothing to do).
    /// </summary>
    public async Task<IReadOnlyList<XdomeaExport>> ExportAsync(XdomeaParty sender, XdomeaParty archive, string outDirectory, bool offerDue, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(archive);
        if (string.IsNullOrWhiteSpace(archive.Name))
        {
            throw RecordsErrors.InvalidError("Es ist kein Archiv angegeben, dem angeboten wird.");
        }

        Directory.CreateDirectory(outDirectory);
        var written = new List<XdomeaExport>();
        var pending = await db.AussonderungObjekte.AsNoTracking()
            .Where(o => o.Decision == ArchiveDecision.Archive && o.TransferredAt == null && o.DisposedAt == null)
            .Select(o => o.AussonderungId).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var processId in pending.Order())
        {
            var export = await WriteAsync(outDirectory, processId, XdomeaMessages.Transfer, temp => new TransferCommand(processId, sender, archive, temp), actor, cancellationToken).ConfigureAwait(false);
            if (export is not null)
            {
                written.Add(export);
            }
        }

        if (offerDue)
        {
            var offered = await db.AussonderungObjekte.AsNoTracking()
                .Where(o => o.Kind == ArchiveObjectKind.Akte && o.DisposedAt == null)
                .Select(o => o.ObjectId).ToListAsync(cancellationToken).ConfigureAwait(false);
            var due = (await disposalList.ListDueAsync(null, cancellationToken).ConfigureAwait(false))
                .Where(c => !offered.Contains(c.AkteId))
                .OrderBy(c => c.Aktenzeichen, StringComparer.Ordinal)
                .Select(c => c.AkteId).ToList();
            if (due.Count > 0)
            {
                var processId = Guid.CreateVersion7(clock.GetUtcNow());
                var export = await WriteAsync(outDirectory, processId, XdomeaMessages.Offer, temp => new OfferAktenCommand(processId, due, sender, archive, temp), actor, cancellationToken).ConfigureAwait(false);
                written.Add(export!);
            }
        }

        return written;
    }

    /// <summary>Reads an answer of the archive (0502, 0504 or 0506, as XML or zip) and applies it; refused as a whole on any error.</summary>
    public async Task<XdomeaImport> ImportAsync(string path, string? ownAgs, string actor, CancellationToken cancellationToken)
    {
        var answer = XdomeaAnswer.Read(path);
        var result = await executor.ExecuteAsync(new ApplyAnswerCommand(answer, ownAgs), actor, cancellationToken).ConfigureAwait(false);
        await cleanup.RemoveUnreferencedAsync(result.FreedHashes, cancellationToken).ConfigureAwait(false);
        return result;
    }

    // The zip is written under a temporary name inside the command and gets its standard name only after the commit.
    private async Task<XdomeaExport?> WriteAsync(string outDirectory, Guid processId, string message, Func<string, RecordsCommand<XdomeaExport?>> command, string actor, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(outDirectory, $".{Guid.NewGuid():N}.part");
        try
        {
            var export = await executor.ExecuteAsync(command(temp), actor, cancellationToken).ConfigureAwait(false);
            if (export is null)
            {
                return null;
            }

            var target = Path.Combine(outDirectory, XdomeaMessages.FileName(processId, message, "zip"));
            File.Move(temp, target, overwrite: true);
            return export with { Path = target };
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
