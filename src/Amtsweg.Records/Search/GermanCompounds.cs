namespace Amtsweg.Records.Search;

/// <summary>
/// Splits German compound words into their parts with a dictionary of word parts (<c>Wortteile.txt</c>, general
/// administrative and everyday vocabulary): <c>Hundesteuer</c> is <c>Hund</c> + <c>Steuer</c>,
/// <c>Gewerbeanmeldungen</c> is <c>Gewerbe</c> + <c>Anmeldung</c>. A word is split only when dictionary parts cover it
/// completely, joined by the usual linking elements (Fugen: -s-, -es-, -n-, -en-, -e-, -er-, or a dropped final -e);
/// the last part may be inflected (its stem must be a dictionary stem). A word that is itself in the dictionary is not
/// split, so lexicalised words such as <c>Rathaus</c> or <c>Anmeldung</c> stay whole. Precision over recall: an
/// unknown part leaves the word unsplit rather than guessing.
/// </summary>
internal static class GermanCompounds
{
    private const int MinPart = 3;
    private const int MaxPart = 24;
    private const int MaxParts = 4;
    private static readonly string[] Fugen = ["", "s", "es", "n", "en", "e", "er"];

    // Folded dictionary words (ä → ae, ö → oe, ü → ue, ß → ss): the non-final parts; with a dropped final -e too
    // (Schul-weg, Kirch-turm). The stems of the words: the final part, inflected or not.
    private static readonly HashSet<string> Parts;
    private static readonly HashSet<string> Stems;

    static GermanCompounds()
    {
        var words = ReadDictionary();
        Parts = new HashSet<string>(StringComparer.Ordinal);
        Stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words.Select(Fold))
        {
            Parts.Add(word);
            if (word.EndsWith('e') && word.Length > MinPart)
            {
                Parts.Add(word[..^1]);
            }

            Stems.Add(GermanText.Stem(word));
        }
    }

    /// <summary>The number of dictionary words.</summary>
    public static int DictionarySize => Stems.Count;

    /// <summary>
    /// The stems of the parts of <paramref name="word"/> (lower case), or an empty list when it is not a compound the
    /// dictionary covers. The parts are stemmed like whole words, so a part matches the word standing alone.
    /// </summary>
    public static IReadOnlyList<string> Split(string word)
    {
        var folded = Fold(word);
        if (folded.Length < 2 * MinPart || Stems.Contains(GermanText.Stem(folded)))
        {
            return [];
        }

        var memo = new Dictionary<int, List<string>?>();
        var parts = SplitFrom(folded, 0, memo);
        return parts is { Count: >= 2 } ? parts.Select(GermanText.Stem).Distinct(StringComparer.Ordinal).ToList() : [];
    }

    // The decomposition of folded[start..] with the fewest parts (the longer first part on a tie), or null.
    private static List<string>? SplitFrom(string folded, int start, Dictionary<int, List<string>?> memo)
    {
        if (memo.TryGetValue(start, out var known))
        {
            return known;
        }

        List<string>? best = null;
        var rest = folded.Length - start;
        if (start > 0 && rest >= MinPart && rest <= MaxPart + 3 && Stems.Contains(GermanText.Stem(folded[start..])))
        {
            best = [folded[start..]];
        }

        for (var length = Math.Min(MaxPart, rest - MinPart); length >= MinPart && best is not { Count: 1 }; length--)
        {
            var part = folded.Substring(start, length);
            if (!Parts.Contains(part))
            {
                continue;
            }

            foreach (var fuge in Fugen)
            {
                var next = start + length + fuge.Length;
                if (folded.Length - next < MinPart || string.CompareOrdinal(folded, start + length, fuge, 0, fuge.Length) != 0)
                {
                    continue;
                }

                var tail = SplitFrom(folded, next, memo);
                if (tail is not null && tail.Count < MaxParts && (best is null || tail.Count + 1 < best.Count))
                {
                    best = [part, .. tail];
                }
            }
        }

        memo[start] = best;
        return best;
    }

    /// <summary>Lower case with umlauts and ß spelled out, so that <c>Straße</c> and <c>strasse</c> split alike.</summary>
    internal static string Fold(string word) => word.ToLowerInvariant()
        .Replace("ä", "ae", StringComparison.Ordinal)
        .Replace("ö", "oe", StringComparison.Ordinal)
        .Replace("ü", "ue", StringComparison.Ordinal)
        .Replace("ß", "ss", StringComparison.Ordinal);

    private static IEnumerable<string> ReadDictionary()
    {
        using var stream = typeof(GermanCompounds).Assembly.GetManifestResourceStream("Amtsweg.Records.Search.Wortteile.txt")
            ?? throw new InvalidOperationException("The word-part dictionary Wortteile.txt is not embedded.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length >= MinPart && !line.StartsWith('#'))
            {
                words.Add(line);
            }
        }

        return words;
    }
}
