using System.Globalization;
using Amtsweg.Data;
using Amtsweg.Records;
using Amtsweg.Records.Intake;
using Amtsweg.Records.Model;
using Amtsweg.Server.Features.Posteingang;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Amtsweg.Server.Features.Dokumente;

/// <summary>
/// A document a clerk adds to a Vorgang (the Vorgang page's form, <c>POST /api/vorgaenge/{id}/dokumente</c>,
/// <c>POST /api/tasks/{id}/dokumente</c>). It takes the Posteingang's way like every file that comes in: streamed
/// within <c>Amtsweg:Records:MaxUploadBytes</c>, its type taken from the content and checked against the name, virus
/// scan, text or OCR, Transfervermerk. Text, text PDFs and Office files are filed into the Vorgang before the answer;
/// scans and e-mails are processed in the background and file themselves into the Vorgang when done.
/// Multipart fields, all optional and before the file <c>datei</c>: <c>titel</c> (default: the file name),
/// <c>dokumentart</c> (default <c>Dokument</c>), <c>datum</c> (yyyy-MM-dd, default: today), <c>absender</c>,
/// <c>empfaenger</c>, <c>vertraulichkeit</c> (<c>Public</c>, <c>Internal</c> (default), <c>Confidential</c>,
/// <c>StrictlyConfidential</c>).
/// </summary>
internal static class DokumentUpload
{
    /// <summary>Today in Berlin by the given clock.</summary>
    public static DateOnly Today(TimeProvider clock) => BerlinTime.Today(clock);

    /// <summary>
    /// Receives the file into the Posteingang with <paramref name="vorgangId"/> as its target and, when that is quick,
    /// processes and files it at once. Returns the item: <see cref="IntakeStatus.Filed"/>, still
    /// <see cref="IntakeStatus.Received"/> (in the background), <see cref="IntakeStatus.Failed"/> or, when the
    /// Vorgang refused it, <see cref="IntakeStatus.WaitingForFiling"/>. Throws <see cref="RecordsException"/> for a
    /// refused upload; then nothing is stored.
    /// </summary>
    public static async Task<IntakeItem> AddAsync(HttpContext http, Guid vorgangId, IntakeSource source, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        var delivery = new IntakeDelivery("", source, http.User.Identity!.Name!, vorgangId, ProcessAtOnce: true);
        var item = (await StreamedUpload.ReceiveAsync(http, services.GetRequiredService<IntakeReceiver>(), services.GetRequiredService<IOptions<RecordsOptions>>().Value.MaxUploadBytes,
            delivery, maxFiles: 1, cancellationToken, Metadata)).Single();
        if (item.Status == IntakeStatus.Processing)
        {
            // Quick work, done now so the clerk sees the document right away. Not cut short when the client goes
            // away: the item is claimed and nobody else would finish it before the claim expires.
            item = await services.GetRequiredService<IntakeWorker>().ProcessClaimedAsync(item, CancellationToken.None);
        }

        return item;
    }

    /// <summary>The document's metadata from the form fields.</summary>
    public static IntakeMetadata Metadata(IReadOnlyDictionary<string, string> fields)
    {
        string? Field(string name) => fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
        DateOnly? date = null;
        if (Field("datum") is { } datum)
        {
            date = DateOnly.TryParseExact(datum.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? parsed
                : throw new RecordsException(RecordsErrors.Invalid, $"Das Datum „{datum}“ ist kein Datum der Form JJJJ-MM-TT.");
        }

        Confidentiality? confidentiality = null;
        if (Field("vertraulichkeit") is { } vertraulichkeit)
        {
            confidentiality = Enum.TryParse<Confidentiality>(vertraulichkeit.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(vertraulichkeit, out _)
                ? parsed
                : throw new RecordsException(RecordsErrors.Invalid, $"Die Vertraulichkeit „{vertraulichkeit}“ gibt es nicht (Public, Internal, Confidential, StrictlyConfidential).");
        }

        return new IntakeMetadata(Field("titel"), Field("dokumentart") ?? "Dokument", date, Field("absender"), Field("empfaenger"), confidentiality);
    }
}
