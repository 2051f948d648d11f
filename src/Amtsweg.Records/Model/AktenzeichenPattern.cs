using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Amtsweg.Records.Model;

/// <summary>A parsed Aktenzeichen pattern such as <c>{Position}-{Nummer:0000}/{Jahr}</c>.</summary>
public sealed partial class AktenzeichenPattern
{
    private readonly List<Func<string, int, int, string>> _parts;

    private AktenzeichenPattern(List<Func<string, int, int, string>> parts) => _parts = parts;

    /// <summary>Parses a pattern; throws <see cref="FormatException"/> naming the problem.</summary>
    public static AktenzeichenPattern Parse(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            throw new FormatException("Das Muster ist leer.");
        }

        var parts = new List<Func<string, int, int, string>>();
        bool position = false, number = false, year = false;
        var last = 0;
        foreach (Match match in Placeholder().Matches(pattern))
        {
            AddLiteral(parts, pattern[last..match.Index]);
            last = match.Index + match.Length;
            var name = match.Groups["name"].Value.Trim();
            var format = match.Groups["format"].Success ? match.Groups["format"].Value : null;
            switch (name.ToUpperInvariant())
            {
                case "POSITION" when format is null:
                    position = true;
                    parts.Add((code, _, _) => code);
                    break;
                case "JAHR":
                    year = true;
                    parts.Add((_, y, _) => y.ToString(format ?? "0", CultureInfo.InvariantCulture));
                    break;
                case "NUMMER" or "LAUFENDE NUMMER":
                    number = true;
                    parts.Add((_, _, n) => n.ToString(format ?? "0", CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new FormatException($"Unbekannter Platzhalter „{match.Value}“; erlaubt sind {{Position}}, {{Jahr}} und {{Nummer:Format}}.");
            }
        }

        AddLiteral(parts, pattern[last..]);
        if (!(position && number && year))
        {
            throw new FormatException("Das Muster muss {Position}, {Nummer} und {Jahr} enthalten, sonst sind Aktenzeichen nicht eindeutig.");
        }

        return new AktenzeichenPattern(parts);
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

    private static void AddLiteral(List<Func<string, int, int, string>> parts, string literal)
    {
        if (literal.Contains('{', StringComparison.Ordinal) || literal.Contains('}', StringComparison.Ordinal))
        {
            throw new FormatException($"Ungültige Klammer in „{literal}“.");
        }

        if (literal.Length > 0)
        {
            parts.Add((_, _, _) => literal);
        }
    }

    [GeneratedRegex(@"\{(?<name>[^{}:]+)(:(?<format>[^{}]+))?\}")]
    private static partial Regex Placeholder();
}
