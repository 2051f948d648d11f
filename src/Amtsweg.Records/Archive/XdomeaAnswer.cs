using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
using Amtsweg.Xml;

namespace Amtsweg.Records.Archive;

/// <summary>One appraised object of a 0502: its id and the archive's decision.</summary>
internal sealed record AppraisedObject(Guid Id, ArchiveDecision Decision);

/// <summary>One object of a 0506: imported or not, with the archive's messages.</summary>
internal sealed record ImportedObject(Guid Id, bool Success, string? ArchiveReference, IReadOnlyList<string> Errors);

/// <summary>
/// An answer of the archive, read through <see cref="SafeXml"/>: a Bewertungsverzeichnis (0502), an
/// AnbietungEmpfangBestaetigen (0504) or an AussonderungImportBestaetigen (0506), as XML or as the zip the standard
/// sends it in. Everything not understood is refused with <see cref="RecordsErrors.XdomeaInvalid"/>.
/// </summary>
internal sealed record XdomeaAnswer(
    string Message,
    Guid ProcessId,
    string? ReceiverAgs,
    string Sha256,
    IReadOnlyList<AppraisedObject> Appraisals,
    IReadOnlyList<ImportedObject> Imports)
{
    private static readonly XNamespace Ns = XdomeaMessages.Ns;

    public static XdomeaAnswer Read(string path)
    {
        var bytes = XdomeaFile.ReadBytes(path, "keine Antwort eines Archivs");
        return Parse(XdomeaFile.Load(bytes), bytes);
    }

    private static XdomeaAnswer Parse(XDocument document, byte[] bytes)
    {
        var root = document.Root!;
        if (root.Name.Namespace != Ns)
        {
            throw Invalid($"Die Nachricht ist keine xdomea-3.0.0-Nachricht (Namensraum „{root.Name.NamespaceName}“).");
        }

        var message = root.Name.LocalName;
        if (message is not (XdomeaMessages.Appraisal or XdomeaMessages.OfferReceipt or XdomeaMessages.ImportConfirmation))
        {
            throw Invalid($"Die Nachricht {message} wird nicht eingelesen; erwartet: {XdomeaMessages.Appraisal}, {XdomeaMessages.OfferReceipt} oder {XdomeaMessages.ImportConfirmation}.");
        }

        var head = Required(root, "Kopf");
        var processId = Id(Required(head, "ProzessID"));
        var receiverAgs = head.Element(Ns + "Empfaenger")?.Element(Ns + "Behoerdenkennung")?.Element(Ns + "Behoerdenschluessel")?.Element("code")?.Value.Trim();
        var appraisals = root.Elements(Ns + "BewertetesObjekt").Select(o => new AppraisedObject(Id(Required(o, "ID")), Decision(o))).ToList();
        var imports = root.Elements(Ns + "AusgesondertesSGO").Select(o => new ImportedObject(
            Id(Required(o, "IDSGO")),
            Boolean(Required(o, "Erfolgreich")),
            o.Element(Ns + "Archivkennung")?.Value.Trim(),
            o.Elements(Ns + "Fehlermeldung").Select(e => e.Value.Trim()).ToList())).ToList();
        if (message == XdomeaMessages.Appraisal && appraisals.Count == 0 || message == XdomeaMessages.ImportConfirmation && imports.Count == 0)
        {
            throw Invalid($"Die Nachricht {message} nennt kein Schriftgutobjekt.");
        }

        var duplicate = appraisals.Select(a => a.Id).Concat(imports.Select(i => i.Id)).GroupBy(id => id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw Invalid($"Das Schriftgutobjekt {duplicate.Key} steht mehrfach in der Nachricht.");
        }

        return new XdomeaAnswer(message, processId, string.IsNullOrEmpty(receiverAgs) ? null : receiverAgs, Convert.ToHexStringLower(SHA256.HashData(bytes)), appraisals, imports);
    }

    private static ArchiveDecision Decision(XElement appraised)
    {
        var kind = Required(appraised, "Aussonderungsart");
        var code = kind.Element(Ns + "Aussonderungsart")?.Element("code")?.Value.Trim()
            ?? throw Invalid("Die Bewertung muss die Aussonderungsart als Code (A oder V) angeben; eine konfigurierbare Aussonderungsart wird nicht verstanden.");
        return code switch
        {
            "A" => ArchiveDecision.Archive,
            "V" => ArchiveDecision.Destroy,
            _ => throw Invalid($"Die Aussonderungsart „{code}“ ist keine Entscheidung des Archivs; erwartet: A (archivwürdig) oder V (vernichten)."),
        };
    }

    private static XElement Required(XElement parent, string name) =>
        parent.Element(Ns + name) ?? throw Invalid($"In {parent.Name.LocalName} fehlt das Element {name}.");

    private static Guid Id(XElement element) =>
        Guid.TryParseExact(element.Value.Trim(), "D", out var id) ? id : throw Invalid($"„{element.Value.Trim()}“ in {element.Name.LocalName} ist keine UUID.");

    private static bool Boolean(XElement element) => element.Value.Trim() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        var other => throw Invalid($"„{other}“ in {element.Name.LocalName} ist kein Wahrheitswert."),
    };

    internal static RecordsException Invalid(string message) => XdomeaFile.Invalid(message);
}
