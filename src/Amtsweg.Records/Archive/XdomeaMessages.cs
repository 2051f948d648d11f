using System.Globalization;
using System.Reflection;
using System.Xml.Linq;
using Amtsweg.Data;
using Amtsweg.Records.Model;
using Amtsweg.Records.Retention;

namespace Amtsweg.Records.Archive;

/// <summary>An authority or archive in the head of an xdomea message.</summary>
/// <param name="Name">The institution's name, e.g. <c>Gemeinde Musterstadt</c>.</param>
/// <param name="Ags">The Amtlicher Gemeindeschlüssel, for a municipality.</param>
public sealed record XdomeaParty(string Name, string? Ags);

/// <summary>An Akte as it goes into an xdomea message, with the Vorgänge that go with it.</summary>
internal sealed record ArchiveAkte(Akte Akte, AktenplanPosition Position, IReadOnlyList<ArchiveVorgang> Vorgaenge);

/// <summary>A Vorgang with its documents.</summary>
internal sealed record ArchiveVorgang(Vorgang Vorgang, IReadOnlyList<ArchiveDokument> Dokumente);

/// <summary>A document with its versions, oldest first.</summary>
internal sealed record ArchiveDokument(Dokument Dokument, IReadOnlyList<DokumentVersion> Versions);

/// <summary>
/// Writes the xdomea 3.0.0 messages of the Aussonderung: the offer (<c>Aussonderung.Anbieteverzeichnis.0501</c>,
/// metadata only) and the hand-over (<c>Aussonderung.Aussonderung.0503</c>, with every version of every document
/// as a primary file). Elements follow the order of the schema's sequences.
/// </summary>
internal static class XdomeaMessages
{
    public static readonly XNamespace Ns = "urn:xoev-de:xdomea:schema:3.0.0";

    public const string Offer = "Aussonderung.Anbieteverzeichnis.0501";
    public const string Appraisal = "Aussonderung.Bewertungsverzeichnis.0502";
    public const string Transfer = "Aussonderung.Aussonderung.0503";
    public const string OfferReceipt = "Aussonderung.AnbietungEmpfangBestaetigen.0504";
    public const string ImportConfirmation = "Aussonderung.AussonderungImportBestaetigen.0506";

    private const string AgsList = "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:ags";
    internal const string AussonderungsartList = "urn:xoev-de:xdomea:codeliste:aussonderungsart";
    private const string DateiformatList = "urn:xoev-de:xdomea:codeliste:dateiformat";
    /// <summary>The file name the standard gives a message: <c>&lt;ProzessID&gt;_&lt;message&gt;</c> plus extension.</summary>
    public static string FileName(Guid processId, string message, string extension) => $"{processId:D}_{message}.{extension}";

    /// <summary>The name of a primary file in the zip: the version id, then the original name made safe.</summary>
    public static string PrimaryFileName(DokumentVersion version)
    {
        var original = Path.GetFileName(version.FileName.Replace('\\', '/'));
        var safe = new string(original.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray()).TrimStart('.');
        return $"{version.Id:D}_{(safe.Length == 0 ? "inhalt" : safe)}";
    }

    public static XDocument OfferDocument(Guid processId, DateTimeOffset now, XdomeaParty sender, XdomeaParty receiver, IReadOnlyList<ArchiveAkte> akten) =>
        new(new XDeclaration("1.0", "UTF-8", null),
            new XElement(Ns + Offer,
                new XAttribute(XNamespace.Xmlns + "xdomea", Ns),
                Head(processId, "0501", now, sender, receiver, new XElement(Ns + "Empfangsbestaetigung", true)),
                akten.Select(a => new XElement(Ns + "Schriftgutobjekt", Akte(a, a.Position.DisposalRule, withVersions: false)))));

    public static XDocument TransferDocument(Guid processId, DateTimeOffset now, XdomeaParty sender, XdomeaParty receiver, IReadOnlyList<ArchiveAkte> akten) =>
        new(new XDeclaration("1.0", "UTF-8", null),
            new XElement(Ns + Transfer,
                new XAttribute(XNamespace.Xmlns + "xdomea", Ns),
                Head(processId, "0503", now, sender, receiver,
                    new XElement(Ns + "Importbestaetigung", true),
                    new XElement(Ns + "RueckmeldungArchivkennung", true),
                    new XElement(Ns + "Empfangsbestaetigung", true)),
                akten.Select(a => new XElement(Ns + "Schriftgutobjekt", Akte(a, DisposalRule.Archive, withVersions: true)))));

    /// <summary>The xdomea code of a disposal rule: A archive, B appraise, V destroy.</summary>
    public static string Code(DisposalRule rule) => rule switch
    {
        DisposalRule.Archive => "A",
        DisposalRule.Appraise => "B",
        DisposalRule.Destroy => "V",
    };

    internal static XElement Head(Guid processId, string type, DateTimeOffset now, XdomeaParty sender, XdomeaParty receiver, params XElement[] tail) =>
        new(Ns + "Kopf",
            new XElement(Ns + "ProzessID", processId.ToString("D")),
            new XElement(Ns + "Nachrichtentyp", new XElement("code", type)),
            new XElement(Ns + "Erstellungszeitpunkt", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            Party("Absender", sender),
            Party("Empfaenger", receiver),
            new XElement(Ns + "SendendesSystem",
                new XElement(Ns + "Produktname", "Amtsweg"),
                new XElement(Ns + "Version", typeof(XdomeaMessages).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0")),
            tail);

    private static XElement Party(string element, XdomeaParty party) =>
        new(Ns + element,
            party.Ags is null
                ? null
                : new XElement(Ns + "Behoerdenkennung",
                    new XElement(Ns + "Behoerdenschluessel", new XAttribute("listURI", AgsList), new XElement("code", party.Ags), new XElement("name", party.Name))),
            new XElement(Ns + "Institution", new XElement(Ns + "Name", party.Name)));

    private static XElement Akte(ArchiveAkte akte, DisposalRule rule, bool withVersions) =>
        new(Ns + "Akte",
            Identification(akte.Akte.Id, null),
            new XElement(Ns + "AllgemeineMetadaten",
                new XElement(Ns + "Betreff", akte.Akte.Title),
                new XElement(Ns + "Kennzeichen", akte.Akte.Aktenzeichen),
                new XElement(Ns + "Aktenplaneinheit",
                    new XElement(Ns + "Kennzeichen", akte.Position.Code),
                    new XElement(Ns + "Inhaltsangabe", akte.Position.Title))),
            ArchiveMetadata(akte, rule),
            Period(akte.Akte.CreatedAt, akte.Akte.ClosedAt),
            akte.Vorgaenge.Count == 0 ? null : new XElement(Ns + "Akteninhalt", akte.Vorgaenge.Select(v => Vorgang(v, akte, rule, withVersions))));

    private static XElement Vorgang(ArchiveVorgang vorgang, ArchiveAkte akte, DisposalRule rule, bool withVersions) =>
        new(Ns + "Vorgang",
            Identification(vorgang.Vorgang.Id, vorgang.Vorgang.Number),
            new XElement(Ns + "AllgemeineMetadaten",
                new XElement(Ns + "Betreff", vorgang.Vorgang.Title),
                new XElement(Ns + "Kennzeichen", vorgang.Vorgang.Aktenzeichen)),
            ArchiveMetadata(akte, rule),
            new XElement(Ns + "ZdA", vorgang.Vorgang.ClosedAt is not null),
            vorgang.Vorgang.ClosedAt is { } closed ? new XElement(Ns + "ZdADatum", Date(closed)) : null,
            Period(vorgang.Vorgang.OpenedAt, vorgang.Vorgang.ClosedAt),
            vorgang.Dokumente.Select((d, index) => Dokument(d, index + 1, withVersions)));

    private static XElement Dokument(ArchiveDokument dokument, int number, bool withVersions)
    {
        var current = dokument.Versions[^1];
        return new XElement(Ns + "Dokument",
            Identification(dokument.Dokument.Id, number),
            new XElement(Ns + "AllgemeineMetadaten", new XElement(Ns + "Betreff", current.Title)),
            new XElement(Ns + "DatumDesSchreibens", current.DokumentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new XElement(Ns + "Typ", current.DokumentType),
            withVersions ? dokument.Versions.Select(Version) : null);
    }

    private static XElement Version(DokumentVersion version)
    {
        var (code, otherName) = FileFormat(version.MediaType);
        return new XElement(Ns + "Version",
            new XElement(Ns + "Nummer", version.Number.ToString(CultureInfo.InvariantCulture)),
            new XElement(Ns + "Format",
                new XElement(Ns + "Name", new XAttribute("listURI", DateiformatList), new XAttribute("listVersionID", "1.0"), new XElement("code", code)),
                otherName is null ? null : new XElement(Ns + "SonstigerName", otherName),
                new XElement(Ns + "Version", ""),
                new XElement(Ns + "Primaerdokument",
                    new XElement(Ns + "Dateiname", PrimaryFileName(version)),
                    new XElement(Ns + "DateinameOriginal", version.FileName),
                    new XElement(Ns + "Ersteller", version.CreatedBy),
                    new XElement(Ns + "DatumUhrzeit", version.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)))));
    }

    // Only the codes the xdomea sample messages show are mapped; every other format is sent as "Sonstiges" with its
    // media type, so nothing is claimed that the code list may not say.
    private static (string Code, string? OtherName) FileFormat(string mediaType) => mediaType.ToLowerInvariant() switch
    {
        "application/pdf" => ("018", null),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => ("035", null),
        _ => ("999", mediaType),
    };

    private static XElement ArchiveMetadata(ArchiveAkte akte, DisposalRule rule) =>
        new(Ns + "ArchivspezifischeMetadaten",
            new XElement(Ns + "Aufbewahrungsdauer", new XElement(Ns + "AnzahlJahre", akte.Position.RetentionYears)),
            new XElement(Ns + "Aussonderungsart",
                new XElement(Ns + "Aussonderungsart", new XAttribute("listURI", AussonderungsartList), new XAttribute("listVersionID", "1.0"), new XElement("code", Code(rule)))),
            akte.Akte.ClosedAt is { } closed
                ? new XElement(Ns + "Aufbewahrungsende", DisposalList.DueOn(closed, akte.Position.RetentionYears).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                : null);

    private static XElement Identification(Guid id, int? number) =>
        new(Ns + "Identifikation",
            new XElement(Ns + "ID", id.ToString("D")),
            number is { } n ? new XElement(Ns + "NummerImUebergeordnetenContainer", n) : null);

    private static XElement Period(DateTimeOffset begin, DateTimeOffset? end) =>
        new(Ns + "Laufzeit",
            new XElement(Ns + "Beginn", Date(begin)),
            end is { } e ? new XElement(Ns + "Ende", Date(e)) : null);

    private static string Date(DateTimeOffset instant) =>
        BerlinTime.Date(instant).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
