using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Amtsweg.Records.Search;

/// <summary>
/// German-aware terms for search, made in C# so that SQLite and PostgreSQL match the very same terms: like Lucene's
/// German analyzer, words are lower-cased, stop words dropped, umlauts and ß folded (<c>Straße</c> and <c>strasse</c>
/// both become <c>strass</c>) and stemmed lightly (<c>Anträge</c> and <c>Antrag</c> both become <c>antrag</c>). For the
/// index, a compound word also yields the terms of its parts (<see cref="GermanCompounds"/>), so that <c>Hund</c> finds
/// <c>Hundesteuer</c>.
/// </summary>
public static partial class GermanText
{
    private const int MaxCachedWords = 200_000;

    // The tokens of GermanAnalyzer before normalisation and stemming, and the stemming of one token, apart: the
    // compound splitter needs the word between the two.
    private static readonly Analyzer Words = Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
        TokenStream stream = new StandardFilter(LuceneVersion.LUCENE_48, tokenizer);
        stream = new LowerCaseFilter(LuceneVersion.LUCENE_48, stream);
        stream = new StopFilter(LuceneVersion.LUCENE_48, stream, GermanAnalyzer.DefaultStopSet);
        return new TokenStreamComponents(tokenizer, stream);
    });

    private static readonly Analyzer Stemmer = Analyzer.NewAnonymous((_, reader) =>
    {
        var tokenizer = new KeywordTokenizer(reader);
        return new TokenStreamComponents(tokenizer, new GermanLightStemFilter(new GermanNormalizationFilter(tokenizer)));
    });

    private static readonly ConcurrentDictionary<string, QueryTerm> Cache = new(StringComparer.Ordinal);

    /// <summary>The terms of a text, in order, with repetitions: one stem per word, compounds whole.</summary>
    public static IReadOnlyList<string> Terms(string? text) => Analyze(text).Select(t => t.Term).ToList();

    /// <summary>The terms of a text as the index stores them: each word's stem followed by the stems of its parts.</summary>
    public static IReadOnlyList<string> IndexTerms(string? text) => Analyze(text).SelectMany(t => t.Parts.Prepend(t.Term)).ToList();

    /// <summary>The words of a query, each with the stems of its parts when it is a compound.</summary>
    public static IReadOnlyList<QueryTerm> QueryTerms(string? text) => Analyze(text).DistinctBy(t => t.Term).ToList();

    /// <summary>The index terms joined by spaces, as stored for the index.</summary>
    public static string TermString(params string?[] texts) => string.Join(' ', texts.SelectMany(IndexTerms));

    /// <summary>The stem of one lower-case word (normalised umlauts, light stemming), without stop-word removal.</summary>
    internal static string Stem(string word)
    {
        using var stream = Stemmer.GetTokenStream("text", new StringReader(word));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        var stem = stream.IncrementToken() ? term.ToString() : word;
        stream.End();
        return stem;
    }

    private static List<QueryTerm> Analyze(string? text)
    {
        var terms = new List<QueryTerm>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return terms;
        }

        using var stream = Words.GetTokenStream("text", new StringReader(text));
        var token = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var word = token.ToString();
            if (!Cache.TryGetValue(word, out var analyzed))
            {
                analyzed = new QueryTerm(Stem(word), GermanCompounds.Split(word));
                if (Cache.Count < MaxCachedWords)
                {
                    Cache.TryAdd(word, analyzed);
                }
            }

            terms.Add(analyzed);
        }

        stream.End();
        return terms;
    }

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
            builder.Append(Encode(Gap(text[position..word.Index])));
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
            builder.Append(Encode(Gap(text[position..])));
        }

        return builder.ToString();
    }

    // Between words a document may hold page breaks (form feed), tabs and line breaks: a snippet is one line of text,
    // and a control character would be drawn as a box on the page and act on a terminal.
    private static string Gap(string between) =>
        between.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029')
            ? string.Concat(between.Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c))
            : between;

    // Only the characters that matter in HTML text and attributes; umlauts stay readable.
    private static string Encode(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);

    private static bool IsHit(string word, IReadOnlySet<string> terms) => IndexTerms(word).Any(terms.Contains);

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}.]*[\p{L}\p{N}]|[\p{L}\p{N}]")]
    private static partial Regex Word();
}

/// <summary>A word of a query: its stem, and the stems of its parts when it is a compound (empty otherwise).</summary>
/// <param name="Term">The stem of the whole word.</param>
/// <param name="Parts">The stems of its parts.</param>
public sealed record QueryTerm(string Term, IReadOnlyList<string> Parts);
