using System.Globalization;
using System.Text;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Commands;

/// <summary>
/// The Aktenplan as CSV, the way administrations exchange it in spreadsheets: UTF-8, semicolons, a header line
/// <c>Kennzeichen;Titel;Übergeordnet;Aufbewahrung (Jahre);Aussonderung</c>, disposal as
/// <c>archivieren</c>, <c>vernichten</c> or <c>bewerten</c>.
/// </summary>
public static class AktenplanCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "Kennzeichen;Titel;Übergeordnet;Aufbewahrung (Jahre);Aussonderung";

    /// <summary>Writes the tenant's Aktenplan, ordered by code.</summary>
    public static async Task ExportAsync(RecordsDbContext db, TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(writer);
        var positions = await db.AktenplanPositionen.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var codes = positions.ToDictionary(p => p.Id, p => p.Code);
        await writer.WriteLineAsync(Header).ConfigureAwait(false);
        foreach (var position in positions.OrderBy(p => p.Code, StringComparer.Ordinal))
        {
            var fields = new[]
            {
                position.Code,
                position.Title,
                position.ParentId is { } parent ? codes[parent] : "",
                position.RetentionYears.ToString(CultureInfo.InvariantCulture),
                RuleName(position.DisposalRule),
            };
            await writer.WriteLineAsync(CsvField.Line(fields)).ConfigureAwait(false);
        }
    }

    internal static string RuleName(DisposalRule rule) => rule switch
    {
        DisposalRule.Archive => "archivieren",
        DisposalRule.Destroy => "vernichten",
        DisposalRule.Appraise => "bewerten",
    };

    internal static IReadOnlyList<AktenplanRow> Parse(string csv)
    {
        var rows = new List<AktenplanRow>();
        var errors = new List<string>();
        var lines = csv.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].TrimStart('\uFEFF').Trim() != Header)
        {
            throw RecordsErrors.InvalidError($"Die erste Zeile muss „{Header}“ lauten.");
        }

        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            // Values begin with a single quote only where the export neutralised them against formula injection.
            var fields = SplitLine(lines[i])?.Select(CsvField.Read).ToList();
            if (fields is null || fields.Count != 5)
            {
                errors.Add($"Zeile {i + 1}: Es werden 5 durch Semikolon getrennte Felder erwartet.");
                continue;
            }

            if (!int.TryParse(fields[3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var years))
            {
                errors.Add($"Zeile {i + 1}: „{fields[3]}“ ist keine Zahl von Jahren.");
                continue;
            }

            DisposalRule? rule = fields[4].Trim().ToLowerInvariant() switch
            {
                "archivieren" or "a" => DisposalRule.Archive,
                "vernichten" or "v" => DisposalRule.Destroy,
                "bewerten" or "b" => DisposalRule.Appraise,
                _ => null,
            };
            if (rule is null)
            {
                errors.Add($"Zeile {i + 1}: Aussonderung „{fields[4]}“ ist nicht archivieren, vernichten oder bewerten.");
                continue;
            }

            rows.Add(new AktenplanRow($"Zeile {i + 1}", fields[0].Trim(), fields[1].Trim(), string.IsNullOrWhiteSpace(fields[2]) ? null : fields[2].Trim(), years, rule.Value));
        }

        if (errors.Count > 0)
        {
            throw RecordsErrors.InvalidError("Der Aktenplan wurde nicht eingelesen. " + string.Join(" ", errors.Take(20)));
        }

        return rows;
    }

    private static List<string>? SplitLine(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"' && current.Length == 0)
            {
                quoted = true;
            }
            else if (c == ';')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        if (quoted)
        {
            return null;
        }

        fields.Add(current.ToString());
        return fields;
    }
}

/// <summary>One position read from an exchange file; <see cref="Where"/> names its place in the file for messages.</summary>
internal sealed record AktenplanRow(string Where, string Code, string Title, string? Parent, int Years, DisposalRule Rule);

/// <summary>
/// Imports an Aktenplan from CSV (<see cref="AktenplanCsv"/>) in one transaction, as <see cref="AktenplanImport"/>
/// describes. Returns the number of positions created.
/// </summary>
public sealed record ImportAktenplanCommand(string Csv) : RecordsCommand<int>
{
    internal override Task<int> ExecuteAsync(RecordsCommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(Csv);
        return AktenplanImport.ImportAsync(context, AktenplanCsv.Parse(Csv), cancellationToken);
    }
}

/// <summary>
/// Adds positions to the tenant's Aktenplan: every row is checked first, parents may come after their children, rows
/// equal to an existing position are skipped, and a row that contradicts an existing position (other title, parent,
/// retention period or disposal rule) refuses the whole import: a retention change is an audited act of its own with
/// a reason (<see cref="ChangeRetentionCommand"/>), not a side effect of a file. Each position created is audited.
/// </summary>
internal static class AktenplanImport
{
    public static async Task<int> ImportAsync(RecordsCommandContext context, IReadOnlyList<AktenplanRow> rows, CancellationToken cancellationToken)
    {
        var existing = await context.Db.AktenplanPositionen.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var existingCodes = existing.ToDictionary(p => p.Id, p => p.Code);
        var known = existing.ToDictionary(p => p.Code, StringComparer.Ordinal);
        var pending = new List<AktenplanRow>();
        foreach (var row in rows)
        {
            if (pending.Any(p => p.Code == row.Code))
            {
                throw RecordsErrors.InvalidError($"{row.Where}: Die Position {row.Code} steht doppelt in der Datei.");
            }

            if (known.TryGetValue(row.Code, out var position))
            {
                var parent = position.ParentId is { } id ? existingCodes[id] : null;
                if (position.Title != row.Title || parent != row.Parent || position.RetentionYears != row.Years || position.DisposalRule != row.Rule)
                {
                    throw new RecordsException(RecordsErrors.PositionDuplicate, $"{row.Where}: Die Position {row.Code} gibt es bereits mit anderen Angaben.");
                }

                continue;
            }

            pending.Add(row);
        }

        var created = 0;
        while (pending.Count > 0)
        {
            var ready = pending.Where(r => r.Parent is null || known.ContainsKey(r.Parent)).ToList();
            if (ready.Count == 0)
            {
                var row = pending[0];
                throw new RecordsException(RecordsErrors.NotFound, $"{row.Where}: Die übergeordnete Position {row.Parent} fehlt (oder die Positionen verweisen im Kreis aufeinander).");
            }

            foreach (var row in ready)
            {
                var position = await CreateAktenplanPositionCommand.CreateAsync(context, row.Code, row.Title, row.Parent, row.Years, row.Rule, cancellationToken).ConfigureAwait(false);
                await context.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                known[row.Code] = position;
                pending.Remove(row);
                created++;
            }
        }

        return created;
    }
}
