using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Intake;

/// <summary>
/// Art. 18 DSGVO in the Posteingang: an item naming a restricted person (or an e-mail with such an attachment) is
/// neither filed, processed again nor removed while the restriction lasts: each is processing the restricted data,
/// and a filed Dokument would be open to clerks. The refusal names no file: the file name may name the person.
/// </summary>
internal static class IntakeRestrictions
{
    public static async Task EnsureNotRestrictedAsync(RecordsDbContext db, Guid itemId, CancellationToken cancellationToken)
    {
        var attachments = db.IntakeItems.Where(i => i.ParentId == itemId).Select(i => i.Id);
        if (await db.Restrictions.AnyAsync(r => r.SubjectId == itemId || attachments.Contains(r.SubjectId), cancellationToken).ConfigureAwait(false))
        {
            throw new RecordsException(RecordsErrors.Restricted,
                "Der Eintrag im Posteingang ist nach Art. 18 DSGVO eingeschränkt; er kann nicht abgelegt, erneut verarbeitet oder entfernt werden, solange die Einschränkung besteht.");
        }
    }
}
