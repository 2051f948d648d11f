using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Amtsweg.Records.Model;

/// <summary>A parsed Aktenzeichen pattern such as <c>{Position}-{Nummer:0000}/{Jahr}</c>.</summary>
public sealed partial class AktenzeichenPattern
{
    private readonly List<Func<string, int, int, string>> _parts;

    private AktenzeichenPattern(List<Func<string, int, int, string>> parts, string regex)
    {
        _parts = parts;
        Recognizer = new Regex(regex, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));
    }

    /// <summary>
    /// Finds references of this pattern in running text (a scanned letter): the Akte's reference, optionally followed
    /// by <c>-n</c> for a Vorgang (group <c>vorgang</c>). Whitespace around separators is tolerated, as OCR adds it.
    /// </summary>
    public Regex Recognizer { get; }

    /// <summary>Parses a pattern; throws <see cref="FormatException"/> naming the problem.</summary>
    public static AktenzeichenPattern Parse(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            throw new FormatException("Das Muster ist leer.");
        }

        var parts = new List<Func<string, int, int, string>>();
        var regex = new StringBuilder(@"(?<![\p{L}\p{N}.])(?<akte>");
        bool position = false, number = false, year = false;
        var last = 0;
        foreach (Match match in Placeholder().Matches(pattern))
        {
            AddLiteral(parts, regex, pattern[last..match.Index]);
            last = match.Index + match.Length;
            var name = match.Groups["name"].Value.Trim();
            var format = match.Groups["format"].Success ? match.Groups["format"].Value : null;
            switch (name.ToUpperInvariant())
            {
                case "POSITION" when format is null:
                    position = true;
                    parts.Add((code, _, _) => code);
                    regex.Append(@"[\p{L}\p{N}]+(\.[\p{L}\p{N}]+)*");
                    break;
                case "JAHR":
                    year = true;
                    parts.Add((_, y, _) => y.ToString(format ?? "0", CultureInfo.InvariantCulture));
                    regex.Append(@"\d{2,4}");
                    break;
                case "NUMMER" or "LAUFENDE NUMMER":
                    number = true;
                    parts.Add((_, _, n) => n.ToString(format ?? "0", CultureInfo.InvariantCulture));
                    regex.Append(@"\d{1,9}");
                    break;
                default:
                    throw new FormatException($"Unbekannter Platzhalter „{match.Value}“; erlaubt sind {{Position}}, {{Jahr}} und {{Nummer:Format}}.");
            }
        }

        AddLiteral(parts, regex, pattern[last..]);
        if (!(position && number && year))
        {
            throw new FormatException("Das Muster muss {Position}, {Nummer} und {Jahr} enthalten, sonst sind Aktenzeichen nicht eindeutig.");
        }

        regex.Append(@")(\s*-\s*(?<vorgang>\d{1,6}))?(?![\p{L}\p{N}])");
        return new AktenzeichenPattern(parts, regex.ToString());
    }

    /// <summary>Formats an Aktenzeichen.</summary>
    public string Format(string positionCode, int year, int number)
    {
        var builder = new StringBuilder();
        foreach (var part in _parts)
        {
            builder.Append(part(positionCode, year, number));
        }

        return builder.ToString();
    }

    private static void AddLiteral(List<Func<string, int, int, string>> parts, StringBuilder regex, string literal)
    {
        if (literal.Contains('{', StringComparison.Ordinal) || literal.Contains('}', StringComparison.Ordinal))
        {
            throw new FormatException($"Ungültige Klammer in „{literal}“.");
        }

        if (literal.Length > 0)
        {
            parts.Add((_, _, _) => literal);
            foreach (var c in literal)
            {
                regex.Append(char.IsWhiteSpace(c) ? @"\s+" : @"\s*" + Regex.Escape(c.ToString()) + @"\s*");
            }
        }
    }

    [GeneratedRegex(@"\{(?<name>[^{}:]+)(:(?<format>[^{}]+))?\}")]
    private static partial Regex Placeholder();
}
