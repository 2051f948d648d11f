using System.Globalization;
using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
using Amtsweg.Records.Archive;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Commands;

/// <summary>
/// The Aktenplan as the xdomea 3.0.0 message <c>Aktenplan.Aktenplan.0301</c> (AktenplanAustauschen): each position
/// is an <c>Einheit</c> with <c>Kennzeichen</c> (code), <c>Inhaltsangabe</c> (title), <c>Aussonderungsart</c>
/// (A archive, B appraise, V destroy), <c>Stillgelegt</c> and <c>Aufbewahrungsdauer</c> in years, its child positions
/// nested inside it. Elements follow the order of the schema's sequences.
/// </summary>
public static class AktenplanXdomea
{
    /// <summary>The message's name, also the root element.</summary>
    public const string Message = "Aktenplan.Aktenplan.0301";

    /// <summary>The largest message read (64 MB).</summary>
    public const long MaxBytes = XdomeaFile.MaxBytes;

    private static readonly XNamespace Ns = XdomeaMessages.Ns;

    /// <summary>The file name the standard gives the message: <c>&lt;ProzessID&gt;_Aktenplan.Aktenplan.0301.xml</c>.</summary>
    public static string FileName(Guid processId) => XdomeaMessages.FileName(processId, Message, "xml");

    /// <summary>
    /// The tenant's Aktenplan as a 0301 message from <paramref name="sender"/> to <paramref name="receiver"/> (the
    /// sender itself when the plan goes to no one in particular); children ordered by code.
    /// </summary>
    public static async Task<XDocument> ExportAsync(RecordsDbContext db, Guid processId, DateTimeOffset now, XdomeaParty sender, XdomeaParty? receiver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(sender);
        var positions = await db.AktenplanPositionen.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var children = positions.ToLookup(p => p.ParentId);
        XElement Unit(AktenplanPosition position) =>
            new(Ns + "Einheit",
                new XElement(Ns + "Kennzeichen", position.Code),
                new XElement(Ns + "Inhaltsangabe", position.Title),
                new XElement(Ns + "Aussonderungsart",
                    new XElement(Ns + "Aussonderungsart",
                        new XAttribute("listURI", XdomeaMessages.AussonderungsartList), new XAttribute("listVersionID", "1.0"),
                        new XElement("code", XdomeaMessages.Code(position.DisposalRule)))),
                new XElement(Ns + "Stillgelegt", false),
                new XElement(Ns + "Aufbewahrungsdauer", new XElement(Ns + "AnzahlJahre", position.RetentionYears)),
                children[position.Id].OrderBy(c => c.Code, StringComparer.Ordinal).Select(Unit));

        return new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement(Ns + Message,
                new XAttribute(XNamespace.Xmlns + "xdomea", Ns),
                XdomeaMessages.Head(processId, "0301", now, sender, receiver ?? sender, new XElement(Ns + "Empfangsbestaetigung", false)),
                new XElement(Ns + "Aktenplan",
                    new XElement(Ns + "Bezeichnung", "Aktenplan " + sender.Name),
                    new XElement(Ns + "Version", now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    children[null].OrderBy(c => c.Code, StringComparer.Ordinal).Select(Unit))));
    }

    /// <summary>Reads the positions of a 0301 message; positions marked <c>Stillgelegt</c> are left out with everything below them.</summary>
    internal static (Guid ProcessId, IReadOnlyList<AktenplanRow> Rows, int Decommissioned) Read(XDocument document)
    {
        var root = document.Root!;
        if (root.Name != Ns + Message)
        {
            throw XdomeaFile.Invalid($"Die Nachricht {root.Name.LocalName} ({root.Name.NamespaceName}) ist kein xdomea-3.0.0-Aktenplan; erwartet: {Message}.");
        }

        var head = Required(root, "Kopf");
        var processId = Guid.TryParseExact(Required(head, "ProzessID").Value.Trim(), "D", out var id) ? id : throw XdomeaFile.Invalid("Die ProzessID im Kopf ist keine UUID.");
        var type = Required(head, "Nachrichtentyp").Element("code")?.Value.Trim();
        if (type != "0301")
        {
            throw XdomeaFile.Invalid($"Der Nachrichtentyp im Kopf ist „{type}“, nicht 0301.");
        }

        var rows = new List<AktenplanRow>();
        var errors = new List<string>();
        var decommissioned = 0;
        void Walk(XElement unit, string? parent)
        {
            var where = $"Einheit in Zeile {((IXmlLineInfo)unit).LineNumber}";
            var code = unit.Element(Ns + "Kennzeichen")?.Value.Trim();
            if (string.IsNullOrEmpty(code))
            {
                errors.Add($"{where}: Das Kennzeichen fehlt.");
                return;
            }

            where = $"Einheit {code} (Zeile {((IXmlLineInfo)unit).LineNumber})";
            if (unit.Element(Ns + "Stillgelegt")?.Value.Trim() is "true" or "1")
            {
                decommissioned += 1 + unit.Descendants(Ns + "Einheit").Count();
                return;
            }

            var title = unit.Element(Ns + "Inhaltsangabe")?.Value.Trim() is { Length: > 0 } text ? text : unit.Element(Ns + "BetreffKurz")?.Value.Trim();
            var rule = unit.Element(Ns + "Aussonderungsart")?.Element(Ns + "Aussonderungsart")?.Element("code")?.Value.Trim() switch
            {
                "A" => DisposalRule.Archive,
                "B" => DisposalRule.Appraise,
                "V" => DisposalRule.Destroy,
                _ => (DisposalRule?)null,
            };
            var duration = unit.Element(Ns + "Aufbewahrungsdauer");
            int? years = int.TryParse(duration?.Element(Ns + "AnzahlJahre")?.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y <= 200 ? y : null;
            if (string.IsNullOrEmpty(title))
            {
                errors.Add($"{where}: Inhaltsangabe (Titel) fehlt.");
            }
            else if (rule is null)
            {
                errors.Add($"{where}: Die Aussonderungsart muss als Code A, B oder V angegeben sein.");
            }
            else if (years is null)
            {
                errors.Add(duration?.Element(Ns + "Unbefristet") is not null
                    ? $"{where}: Eine unbefristete Aufbewahrung kennt Amtsweg nicht; die Aufbewahrungsdauer muss in Jahren (0 bis 200) angegeben sein."
                    : $"{where}: Die Aufbewahrungsdauer muss eine Zahl von Jahren zwischen 0 und 200 sein.");
            }
            else
            {
                rows.Add(new AktenplanRow(where, code, title, parent, years.Value, rule.Value));
            }

            foreach (var child in unit.Elements(Ns + "Einheit"))
            {
                Walk(child, code);
            }
        }

        foreach (var unit in Required(root, "Aktenplan").Elements(Ns + "Einheit"))
        {
            Walk(unit, null);
        }

        if (errors.Count > 0)
        {
            throw XdomeaFile.Invalid("Der Aktenplan wurde nicht eingelesen. " + string.Join(" ", errors.Take(20)));
        }

        return (processId, rows, decommissioned);
    }

    private static XElement Required(XElement parent, string name) =>
        parent.Element(Ns + name) ?? throw XdomeaFile.Invalid($"In {parent.Name.LocalName} fehlt das Element {name}.");
}

/// <summary>What reading an xdomea Aktenplan did.</summary>
/// <param name="ProcessId">The message's ProzessID.</param>
/// <param name="Positions">Positions in the message that are in use.</param>
/// <param name="Created">Positions created; the others existed already with the same data.</param>
/// <param name="Decommissioned">Positions marked <c>Stillgelegt</c>, left out.</param>
public sealed record AktenplanXdomeaImport(Guid ProcessId, int Positions, int Created, int Decommissioned);

/// <summary>
/// Reads an Aktenplan from an xdomea <c>Aktenplan.Aktenplan.0301</c> message (XML, or a zip holding it) into the
/// tenant's Aktenplan in one transaction, with the rules of the CSV import: new positions are created (each audited),
/// equal ones skipped, and a position that exists with other data refuses the whole message. The message itself is
/// audited with its ProzessID and SHA-256.
/// </summary>
public sealed record ImportAktenplanXdomeaCommand(byte[] Message) : RecordsCommand<AktenplanXdomeaImport>
{
    internal override async Task<AktenplanXdomeaImport> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(Message);
        if (Message.LongLength > AktenplanXdomea.MaxBytes)
        {
            throw XdomeaFile.Invalid("Die Nachricht ist größer als 64 MB.");
        }

        var (processId, rows, decommissioned) = AktenplanXdomea.Read(XdomeaFile.Load(Message));
        var created = await AktenplanImport.ImportAsync(context, rows, cancellationToken).ConfigureAwait(false);
        var inv = CultureInfo.InvariantCulture;
        context.Audit(AuditActions.AktenplanImported, "Aktenplan", processId,
            ("message", AktenplanXdomea.Message),
            ("sha256", Convert.ToHexStringLower(SHA256.HashData(Message))),
            ("positions", rows.Count.ToString(inv)),
            ("created", created.ToString(inv)),
            ("decommissioned", decommissioned.ToString(inv)));
        return new AktenplanXdomeaImport(processId, rows.Count, created, decommissioned);
    }
}
