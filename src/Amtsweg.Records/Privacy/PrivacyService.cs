using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Amtsweg.Records.Blobs;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Retention;

namespace Amtsweg.Records.Privacy;

/// <summary>What another module stores about the person, added to the export by a composing caller (e.g. process variables).</summary>
/// <param name="Section">The name of its section in <c>auskunft.json</c>, e.g. <c>prozesse</c>.</param>
/// <param name="Content">The section, serialized as JSON like the rest.</param>
/// <param name="Lines">Lines of <c>uebersicht.csv</c>: Art, Aktenzeichen, Titel, Datum, Gefunden in, Datei.</param>
public sealed record PersonalDataSupplement(string Section, object Content, IReadOnlyList<IReadOnlyList<string>> Lines);

/// <summary>
/// The DSGVO rights of a person in the e-file of the current tenant: access (Art. 15) as a zip, erasure (Art. 17) and
/// restriction (Art. 18). Each runs as one audited command; the zip is written and unused blobs are deleted after the
/// command committed.
/// </summary>
public sealed class PrivacyService(RecordsCommandExecutor executor, BlobStore blobs, BlobCleanup cleanup)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>
    /// Writes everything stored about <paramref name="person"/> as a zip to <paramref name="output"/>:
    /// <c>auskunft.json</c> (all data, structured), <c>uebersicht.csv</c> (one line per item, for a spreadsheet) and
    /// the content of every document version under <c>dokumente/</c>.
    /// </summary>
    public Task<PersonalData> ExportAsync(DataSubject person, string reason, string actor, Stream output, CancellationToken cancellationToken) =>
        ExportAsync(person, reason, actor, output, supplement: null, cancellationToken);

    /// <summary>
    /// Writes the export like <see cref="ExportAsync(DataSubject, string, string, Stream, CancellationToken)"/>, with
    /// what another module stores about the person: <paramref name="supplement"/> is asked with the e-file's findings
    /// (in the caller's transaction, when it has one) and its answer becomes a section of <c>auskunft.json</c> and lines
    /// of <c>uebersicht.csv</c>.
    /// </summary>
    public async Task<PersonalData> ExportAsync(DataSubject person, string reason, string actor, Stream output, Func<PersonalData, CancellationToken, Task<PersonalDataSupplement?>>? supplement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var data = await executor.ExecuteAsync(new ExportPersonalDataCommand(person, reason), actor, cancellationToken).ConfigureAwait(false);
        var more = supplement is null ? null : await supplement(data, cancellationToken).ConfigureAwait(false);
        var subject = person.Validated();
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var files = new Dictionary<Guid, string>();
        foreach (var document in data.Dokumente)
        {
            var vorgang = data.Vorgaenge.Single(v => v.Vorgang.Id == document.VorgangId).Vorgang;
            foreach (var version in document.Versions)
            {
                var path = $"dokumente/{SafeName(vorgang.Aktenzeichen)}/{document.DokumentId:N}-v{version.Number}-{SafeName(version.FileName)}";
                files[version.Id] = path;
                await CopyBlobAsync(zip, path, version.ContentHash, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var item in data.PosteingangItems)
        {
            var path = $"posteingang/{item.Id:N}-{SafeName(item.FileName)}";
            files[item.Id] = path;
            await CopyBlobAsync(zip, path, item.ContentHash, cancellationToken).ConfigureAwait(false);
        }

        var report = JsonSerializer.SerializeToNode(Report(subject, data, files), Json)!.AsObject();
        if (more is not null)
        {
            report[more.Section] = JsonSerializer.SerializeToNode(more.Content, Json);
        }

        var overview = new StringBuilder(Overview(data, files));
        foreach (var line in more?.Lines ?? [])
        {
            Line(overview, [.. line]);
        }

        await WriteEntryAsync(zip, "auskunft.json", report.ToJsonString(Json), cancellationToken).ConfigureAwait(false);
        await WriteEntryAsync(zip, "uebersicht.csv", overview.ToString(), cancellationToken).ConfigureAwait(false);
        return data;
    }

    /// <summary>Erases the data about <paramref name="person"/> where no retention period forbids it (see <see cref="ErasePersonalDataCommand"/>).</summary>
    public async Task<ErasureResult> EraseAsync(DataSubject person, string reason, string actor, CancellationToken cancellationToken)
    {
        var result = await executor.ExecuteAsync(new ErasePersonalDataCommand(person, reason), actor, cancellationToken).ConfigureAwait(false);
        await cleanup.RemoveUnreferencedAsync(result.ContentHashes, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Restricts the processing of the data about <paramref name="person"/> (see <see cref="RestrictPersonalDataCommand"/>).</summary>
    public Task<RestrictionResult> RestrictAsync(DataSubject person, string reason, string actor, CancellationToken cancellationToken) =>
        executor.ExecuteAsync(new RestrictPersonalDataCommand(person, reason), actor, cancellationToken);

    /// <summary>Lifts the restriction of the data about <paramref name="person"/> (see <see cref="LiftRestrictionCommand"/>).</summary>
    public Task<LiftRestrictionResult> LiftRestrictionAsync(DataSubject person, string reason, string actor, CancellationToken cancellationToken) =>
        executor.ExecuteAsync(new LiftRestrictionCommand(person, reason), actor, cancellationToken);

    private static object Report(DataSubject person, PersonalData data, Dictionary<Guid, string> files) => new
    {
        Person = person,
        Beteiligungen = data.Beteiligte.Select(b => new
        {
            Vorgang = data.Vorgaenge.Single(v => v.Vorgang.Id == b.VorgangId).Vorgang.Aktenzeichen,
            b.Role,
            b.Name,
            b.Address,
            b.Email,
            b.BirthDate,
            b.CreatedAt,
        }),
        Vorgaenge = data.Vorgaenge.Select(v => new
        {
            v.Vorgang.Aktenzeichen,
            v.Vorgang.Title,
            Akte = v.Akte.Title,
            Aktenplan = v.Position.Code + " " + v.Position.Title,
            State = v.Vorgang.State.ToString(),
            v.Vorgang.OpenedAt,
            v.Vorgang.ClosedAt,
            AufbewahrungJahre = v.Position.RetentionYears,
        }),
        Dokumente = data.Dokumente.Select(d => new
        {
            Id = d.DokumentId,
            Vorgang = data.Vorgaenge.Single(v => v.Vorgang.Id == d.VorgangId).Vorgang.Aktenzeichen,
            GefundenIn = d.FoundIn,
            Eingeschraenkt = d.Restricted,
            Versionen = d.Versions.Select(v => new
            {
                v.Number,
                v.Title,
                v.DokumentDate,
                v.DokumentType,
                v.Sender,
                v.Recipient,
                Confidentiality = v.Confidentiality.ToString(),
                v.FileName,
                v.MediaType,
                Sha256 = v.ContentHash,
                v.ContentLength,
                v.CreatedAt,
                Datei = files[v.Id],
            }),
        }),
        Vermerke = data.Vermerke.Select(n => new
        {
            Vorgang = data.Vorgaenge.Single(v => v.Vorgang.Id == n.VorgangId).Vorgang.Aktenzeichen,
            n.Text,
            n.CreatedAt,
        }),
        Posteingang = data.PosteingangItems.Select(i => new
        {
            i.Id,
            i.FileName,
            i.Title,
            i.ContentType,
            Status = i.Status.ToString(),
            Source = i.Source.ToString(),
            i.ReceivedAt,
            i.Sender,
            i.Recipient,
            i.SentAt,
            i.DokumentType,
            i.DokumentDate,
            i.Text,
            Sha256 = i.ContentHash,
            i.Size,
            Datei = files[i.Id],
        }),
    };

    private static string Overview(PersonalData data, Dictionary<Guid, string> files)
    {
        var csv = new StringBuilder("Art;Aktenzeichen;Titel;Datum;Gefunden in;Datei\r\n");
        string Az(Guid vorgangId) => data.Vorgaenge.Single(v => v.Vorgang.Id == vorgangId).Vorgang.Aktenzeichen;
        foreach (var b in data.Beteiligte)
        {
            Line(csv, "Beteiligter", Az(b.VorgangId), b.Role + ": " + b.Name, b.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "Beteiligte", "");
        }

        foreach (var d in data.Dokumente)
        {
            foreach (var v in d.Versions)
            {
                Line(csv, "Dokument", Az(d.VorgangId), v.Title + " (Version " + v.Number.ToString(CultureInfo.InvariantCulture) + ")", v.DokumentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), string.Join(", ", d.FoundIn), files[v.Id]);
            }
        }

        foreach (var n in data.Vermerke)
        {
            Line(csv, "Vermerk", Az(n.VorgangId), n.Text.Length > 80 ? n.Text[..80] + "…" : n.Text, n.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "Vermerk", "");
        }

        foreach (var i in data.PosteingangItems)
        {
            Line(csv, "Posteingang", i.ProposedAktenzeichen ?? "", i.Title, i.ReceivedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "Posteingang", files[i.Id]);
        }

        foreach (var v in data.Vorgaenge.Where(v => v.TitleMentionsPerson || v.AkteTitleMentionsPerson))
        {
            Line(csv, "Vorgang", v.Vorgang.Aktenzeichen, v.Vorgang.Title, v.Vorgang.OpenedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), v.TitleMentionsPerson ? "Titel" : "Titel der Akte", "");
        }

        return csv.ToString();
    }

    private static void Line(StringBuilder csv, params string[] fields) => csv.Append(CsvField.Line(fields)).Append("\r\n");

    private async Task CopyBlobAsync(ZipArchive zip, string path, string hash, CancellationToken cancellationToken)
    {
        var target = await zip.CreateEntry(path, CompressionLevel.Optimal).OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (target.ConfigureAwait(false))
        {
            var source = blobs.Open(hash);
            await using (source.ConfigureAwait(false))
            {
                await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteEntryAsync(ZipArchive zip, string name, string text, CancellationToken cancellationToken)
    {
        var stream = await zip.CreateEntry(name, CompressionLevel.Optimal).OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        }
    }

    // Letters, digits, dot, dash and underscore; everything else (slashes, control characters) becomes '_'.
    private static string SafeName(string name)
    {
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray()).Trim('.');
        return safe.Length == 0 ? "datei" : safe.Length > 100 ? safe[..100] : safe;
    }
}
