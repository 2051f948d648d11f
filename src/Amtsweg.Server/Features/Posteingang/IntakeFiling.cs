using Amtsweg.Records;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Intake;
using Amtsweg.Records.Persistence;
using Amtsweg.Server.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Posteingang;

/// <summary>What filing an item did: a notice for the clerk, or why it was refused (one of the two is set).</summary>
public sealed record IntakeFilingResult(string? Notice, string? Error);

/// <summary>
/// Files an item of the Posteingang into the Vorgang a clerk names by its Aktenzeichen: from the Posteingang page and
/// from a search hit alike.
/// </summary>
public sealed class IntakeFiling(RecordsDbContext db, RecordsCommandExecutor executor, IStringLocalizer<Ui> text)
{
    /// <summary>Files <paramref name="itemId"/> on behalf of <paramref name="actor"/>; refusals come back as German text.</summary>
    public async Task<IntakeFilingResult> FileAsync(Guid itemId, string? aktenzeichen, string actor, CancellationToken cancellationToken)
    {
        var reference = aktenzeichen?.Trim() ?? "";
        var vorgang = reference.Length == 0 ? null : await db.Vorgaenge.AsNoTracking().FirstOrDefaultAsync(v => v.Aktenzeichen == reference, cancellationToken);
        if (vorgang is null)
        {
            return new(null, text["Intake.VorgangUnknown", reference]);
        }

        try
        {
            var versions = await executor.ExecuteAsync(new FileIntakeItemCommand(itemId, vorgang.Id), actor, cancellationToken);
            return new(text["Intake.Filed", versions.Count, vorgang.Aktenzeichen], null);
        }
        catch (RecordsException error)
        {
            return new(null, error.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(null, text["Intake.FiledConcurrently"]);
        }
    }
}
