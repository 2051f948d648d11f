using System.Text;
using System.Text.RegularExpressions;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Amtsweg.Records.Search;

/// <summary>
/// German-aware terms for search, made in C# so that SQLite and PostgreSQL match the very same terms: Lucene's
/// German analyzer lower-cases, drops stop words, folds umlauts and ß (<c>Straße</c> and <c>strasse</c> both become
/// <c>strass</c>) and stems lightly (<c>Anträge</c> and <c>Antrag</c> both become <c>antrag</c>).
/// </summary>
public static partial class GermanText
{
    private static readonly GermanAnalyzer Analyzer = new(LuceneVersion.LUCENE_48);

    /// <summary>The terms of a text, in order, with repetitions.</summary>
    public static IReadOnlyList<string> Terms(string? text)
    {
        var terms = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return terms;
        }

        using var stream = Analyzer.GetTokenStream("text", new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    /// <summary>The terms joined by spaces, as stored for the index.</summary>
    public static string TermString(params string?[] texts) => string.Join(' ', texts.SelectMany(Terms));

    /// <summary>
    /// An HTML snippet of <paramref name="text"/> around the first word whose term is one of <paramref name="terms"/>,
    /// with every such word in <c>&lt;mark&gt;</c>; the rest HTML-encoded.
    /// </summary>
    public static string Snippet(string text, IReadOnlySet<string> terms, int wordsBefore = 8, int wordsAfter = 22)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(terms);
        text = text.Length > 50_000 ? text[..50_000] : text;
        var words = Word().Matches(text).ToList();
        if (words.Count == 0)
        {
            return "";
        }

        var first = words.FindIndex(w => IsHit(w.Value, terms));
        var start = Math.Max(0, first < 0 ? 0 : first - wordsBefore);
        var end = Math.Min(words.Count - 1, start + wordsBefore + wordsAfter);
        var builder = new StringBuilder();
        if (start > 0)
        {
            builder.Append('…');
        }

        var position = start == 0 ? 0 : words[start].Index;
        for (var i = start; i <= end; i++)
        {
            var word = words[i];
            builder.Append(Encode(text[position..word.Index]));
            var encoded = Encode(word.Value);
            builder.Append(IsHit(word.Value, terms) ? "<mark>" + encoded + "</mark>" : encoded);
            position = word.Index + word.Length;
        }

        if (end < words.Count - 1)
        {
            builder.Append(" …");
        }
        else
        {
            builder.Append(Encode(text[position..]));
        }

        return builder.ToString();
    }

    // Only the characters that matter in HTML text and attributes; umlauts stay readable.
    private static string Encode(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);

    private static bool IsHit(string word, IReadOnlySet<string> terms) => Terms(word).Any(terms.Contains);

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}.]*[\p{L}\p{N}]|[\p{L}\p{N}]")]
    private static partial Regex Word();
}
