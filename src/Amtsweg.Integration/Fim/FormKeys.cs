using System.Globalization;
using System.Text;

namespace Amtsweg.Integration.Fim;

/// <summary>
/// Form keys from FIM names: valid variable names (ASCII letters, digits, <c>_</c>; starting with a letter), German
/// umlauts transliterated, lower camel case, unique within one form (<c>strasse</c>, <c>strasse_2</c>, …).
/// </summary>
internal sealed class FormKeys
{
    /// <summary>Longest key made from a name, before a number for uniqueness is added.</summary>
    public const int MaxLength = 60;

    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A new key for <paramref name="name"/>, unique among the keys this instance has given out.</summary>
    public string Next(string name, string fallback)
    {
        var key = FromName(name);
        if (key.Length == 0)
        {
            key = FromName(fallback);
        }

        if (key.Length == 0)
        {
            key = "feld";
        }

        var candidate = key;
        for (var n = 2; !_used.Add(candidate); n++)
        {
            candidate = $"{key}_{n.ToString(CultureInfo.InvariantCulture)}";
        }

        return candidate;
    }

    /// <summary>The key for a name, without uniqueness: „Straße und Hausnummer“ → <c>strasseUndHausnummer</c>.</summary>
    public static string FromName(string name)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in name)
        {
            var replacement = c switch
            {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'Ä' => "Ae",
                'Ö' => "Oe",
                'Ü' => "Ue",
                'ß' => "ss",
                'ẞ' => "SS",
                _ => null,
            };
            if (replacement is not null)
            {
                word.Append(replacement);
            }
            else if (char.IsAsciiLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (RemoveDiacritic(c) is { } plain)
            {
                word.Append(plain);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        var key = new StringBuilder();
        foreach (var w in words)
        {
            if (key.Length == 0)
            {
                key.Append(char.ToLowerInvariant(w[0])).Append(w.AsSpan(1));
            }
            else
            {
                key.Append(char.ToUpperInvariant(w[0])).Append(w.AsSpan(1));
            }
        }

        if (key.Length > 0 && char.IsAsciiDigit(key[0]))
        {
            key.Insert(0, "feld_");
        }

        return key.Length > MaxLength ? key.ToString(0, MaxLength) : key.ToString();
    }

    // é → e, č → c: letters of other languages in names keep their base letter instead of splitting the word.
    private static string? RemoveDiacritic(char c)
    {
        if (!char.IsLetter(c))
        {
            return null;
        }

        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        var plain = new string([.. decomposed.Where(char.IsAsciiLetter)]);
        return plain.Length == 0 ? null : plain;
    }
}
