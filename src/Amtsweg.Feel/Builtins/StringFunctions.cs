using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Amtsweg.Feel;

internal static partial class Builtins
{
    private static void RegisterStrings(Registration r)
    {
        r.Add("substring", ["string", "start position", "length?"], static (c, a) =>
        {
            if (a[0] is not FeelString s || a[1] is not FeelNumber start || (Arg(a, 2) is { } l && l is not FeelNumber))
            {
                return AnyNull(a) ? FeelValue.Null : c.Fail(new FeelMessage("feel.function-argument", "expects a string and numbers.", "erwartet einen Text und Zahlen."));
            }

            var codePoints = CodePoints(s.Value);
            if (!start.Round(0, FeelRounding.HalfEven).TryToInt32(out var from) || from == 0)
            {
                return c.Fail(new FeelMessage("feel.function-argument", "start position must be a non-zero integer.", "die Startposition muss eine ganze Zahl ungleich null sein."));
            }

            var index = from > 0 ? from - 1 : codePoints.Length + from;
            if (index < 0 || index > codePoints.Length)
            {
                return c.Fail(new FeelMessage("feel.function-argument", "start position is out of range.", "die Startposition liegt außerhalb des gültigen Bereichs."));
            }

            var length = codePoints.Length - index;
            if (Arg(a, 2) is FeelNumber len)
            {
                if (!len.Round(0, FeelRounding.Down).TryToInt32(out var take) || take < 0)
                {
                    return c.Fail(new FeelMessage("feel.function-argument", "length must be a non-negative integer.", "die Länge muss eine ganze Zahl größer oder gleich null sein."));
                }

                length = Math.Min(take, length);
            }

            return new FeelString(string.Concat(codePoints.Skip(index).Take(length)));
        });

        r.Add("string length", ["string"], static (c, a) => a[0] is FeelString s ? FeelNumber.From(CodePoints(s.Value).Length) : NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a string.", "erwartet einen Text.")));
        r.Add("upper case", ["string"], static (c, a) => a[0] is FeelString s ? new FeelString(s.Value.ToUpperInvariant()) : NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a string.", "erwartet einen Text.")));
        r.Add("lower case", ["string"], static (c, a) => a[0] is FeelString s ? new FeelString(s.Value.ToLowerInvariant()) : NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a string.", "erwartet einen Text.")));
        r.Add("substring before", ["string", "match"], static (c, a) => StringPair(c, a, static (s, m) =>
        {
            var i = s.IndexOf(m, StringComparison.Ordinal);
            return new FeelString(i < 0 ? string.Empty : s[..i]);
        }));
        r.Add("substring after", ["string", "match"], static (c, a) => StringPair(c, a, static (s, m) =>
        {
            var i = s.IndexOf(m, StringComparison.Ordinal);
            return new FeelString(i < 0 ? string.Empty : s[(i + m.Length)..]);
        }));
        r.Add("contains", ["string", "match"], static (c, a) => StringPair(c, a, static (s, m) => Bool(s.Contains(m, StringComparison.Ordinal))));
        r.Add("starts with", ["string", "match"], static (c, a) => StringPair(c, a, static (s, m) => Bool(s.StartsWith(m, StringComparison.Ordinal))));
        r.Add("ends with", ["string", "match"], static (c, a) => StringPair(c, a, static (s, m) => Bool(s.EndsWith(m, StringComparison.Ordinal))));

        r.Add("matches", ["input", "pattern", "flags?"], static (c, a) =>
        {
            if (a[0] is not FeelString input || a[1] is not FeelString pattern || (Arg(a, 2) is { IsNull: false } f && f is not FeelString))
            {
                return NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects strings.", "erwartet Texte."));
            }

            var regex = XPathRegex.Create(pattern.Value, (Arg(a, 2) as FeelString)?.Value, out var error);
            if (regex is null)
            {
                return c.Fail(error!);
            }

            try
            {
                return Bool(regex.IsMatch(input.Value));
            }
            catch (RegexMatchTimeoutException)
            {
                return c.Fail(new FeelMessage("feel.function-argument", "pattern took too long to match.", "das Muster brauchte zu lange."));
            }
        });

        r.Add("replace", ["input", "pattern", "replacement", "flags?"], static (c, a) =>
        {
            if (a[0] is not FeelString input || a[1] is not FeelString pattern || a[2] is not FeelString replacement ||
                (Arg(a, 3) is { IsNull: false } f && f is not FeelString))
            {
                return NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects strings.", "erwartet Texte."));
            }

            var regex = XPathRegex.Create(pattern.Value, (Arg(a, 3) as FeelString)?.Value, out var error);
            if (regex is null)
            {
                return c.Fail(error!);
            }

            var literal = (Arg(a, 3) as FeelString)?.Value.Contains('q', StringComparison.Ordinal) == true;
            var dotnetReplacement = literal ? replacement.Value.Replace("$", "$$", StringComparison.Ordinal) : XPathRegex.Replacement(replacement.Value, out error);
            if (dotnetReplacement is null)
            {
                return c.Fail(error!);
            }

            try
            {
                if (regex.IsMatch(string.Empty))
                {
                    return c.Fail(new FeelMessage("feel.function-argument", "pattern matches the empty string.", "das Muster passt auf den leeren Text."));
                }

                // Replacing short matches with a long text multiplies the input: stop at the string limit instead of
                // building a result of gigabytes first.
                var growth = 0L;
                var limit = c.Evaluation.Options.MaxStringLength;
                var result = regex.Replace(input.Value, match =>
                {
                    var text = match.Result(dotnetReplacement);
                    growth += text.Length - match.Length;
                    return input.Value.Length + growth > limit
                        ? throw new FeelLimitException(new FeelMessage("feel.string-limit", $"The result of replace() exceeds the limit of {limit} characters.", $"Das Ergebnis von replace() überschreitet die Grenze von {limit} Zeichen."))
                        : text;
                });
                return new FeelString(result);
            }
            catch (RegexMatchTimeoutException)
            {
                return c.Fail(new FeelMessage("feel.function-argument", "pattern took too long to match.", "das Muster brauchte zu lange."));
            }
        });

        r.Add("split", ["string", "delimiter"], static (c, a) =>
        {
            if (a[0] is not FeelString s || a[1] is not FeelString d)
            {
                return NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects strings.", "erwartet Texte."));
            }

            var regex = XPathRegex.Create(d.Value, null, out var error);
            if (regex is null)
            {
                return c.Fail(error!);
            }

            try
            {
                return FeelList.Create(regex.Split(s.Value).Select(static p => (FeelValue)new FeelString(p)));
            }
            catch (RegexMatchTimeoutException)
            {
                return c.Fail(new FeelMessage("feel.function-argument", "pattern took too long to match.", "das Muster brauchte zu lange."));
            }
        });

        r.Add("string join", ["list", "delimiter?"], static (c, a) =>
        {
            var list = a[0] is FeelString one ? FeelList.Of(one) : a[0] as FeelList;
            if (list is null || (Arg(a, 1) is { IsNull: false } d && d is not FeelString))
            {
                return NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects a list of strings and a string.", "erwartet eine Liste von Texten und einen Text."));
            }

            var parts = new List<string>();
            foreach (var item in list.Items)
            {
                switch (item)
                {
                    case FeelNull:
                        continue;
                    case FeelString s:
                        parts.Add(s.Value);
                        break;
                    default:
                        return c.Fail(new FeelMessage("feel.function-argument", "list items must be strings.", "die Einträge der Liste müssen Texte sein."));
                }
            }

            return new FeelString(string.Join((Arg(a, 1) as FeelString)?.Value ?? string.Empty, parts));
        });
    }

    private static FeelValue StringPair(FeelCallContext c, IReadOnlyList<FeelValue> a, Func<string, string, FeelValue> f) =>
        a[0] is FeelString s && a[1] is FeelString m ? f(s.Value, m.Value) : NullOrFail(c, a, new FeelMessage("feel.function-argument", "expects two strings.", "erwartet zwei Texte."));

    private static bool AnyNull(IReadOnlyList<FeelValue> a) => a.Any(static v => v.IsNull);

    private static FeelValue NullOrFail(FeelCallContext c, IReadOnlyList<FeelValue> a, FeelMessage message) =>
        AnyNull(a) ? FeelValue.Null : c.Fail(message);

    private static string[] CodePoints(string s)
    {
        var result = new List<string>(s.Length);
        for (var i = 0; i < s.Length; i += char.IsSurrogatePair(s, i) ? 2 : 1)
        {
            result.Add(char.IsSurrogatePair(s, i) ? s.Substring(i, 2) : s[i].ToString());
        }

        return [.. result];
    }
}

/// <summary>Translates XML Schema / XPath regular expressions and flags (XPath F&amp;O 3.1, 5.6) to .NET.</summary>
internal static class XPathRegex
{
    private const int CacheLimit = 256;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private static readonly ConcurrentDictionary<(string Pattern, string Flags), Regex> Cache = new();

    /// <summary>A .NET regex for an XPath pattern and flags; translated ones are cached (up to 256) since decision tables repeat them.</summary>
    public static Regex? Create(string pattern, string? flags, out FeelMessage? error)
    {
        error = null;
        var key = (pattern, flags ?? string.Empty);
        if (Cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var regex = Translate(pattern, flags, out error);
        if (regex is not null && Cache.Count < CacheLimit)
        {
            Cache.TryAdd(key, regex);
        }

        return regex;
    }

    private static Regex? Translate(string pattern, string? flags, out FeelMessage? error)
    {
        error = null;
        var options = RegexOptions.CultureInvariant;
        var literal = false;
        var extended = false;
        foreach (var flag in flags ?? string.Empty)
        {
            switch (flag)
            {
                case 's': options |= RegexOptions.Singleline; break;
                case 'm': options |= RegexOptions.Multiline; break;
                case 'i': options |= RegexOptions.IgnoreCase; break;
                case 'x': extended = true; break;
                case 'q': literal = true; break;
                default:
                    error = new FeelMessage("feel.invalid-pattern", $"invalid regular expression flag '{flag}'.", $"ungültiges Kennzeichen '{flag}' für den regulären Ausdruck.");
                    return null;
            }
        }

        string translated;
        if (literal)
        {
            translated = Regex.Escape(pattern);
        }
        else
        {
            translated = Translate(extended ? RemoveWhitespace(pattern) : pattern, (options & RegexOptions.Multiline) != 0, (options & RegexOptions.Singleline) != 0, out error);
            if (error is not null)
            {
                return null;
            }
        }

        try
        {
            return new Regex(translated, options, Timeout);
        }
        catch (ArgumentException e)
        {
            error = new FeelMessage("feel.invalid-pattern", "invalid regular expression: " + e.Message, "ungültiger regulärer Ausdruck: " + e.Message);
            return null;
        }
    }

    /// <summary>XPath replacement strings use <c>\$</c> and <c>\\</c> as escapes and <c>$n</c> for groups.</summary>
    public static string? Replacement(string replacement, out FeelMessage? error)
    {
        error = null;
        var sb = new StringBuilder();
        for (var i = 0; i < replacement.Length; i++)
        {
            var c = replacement[i];
            if (c == '\\')
            {
                if (i + 1 < replacement.Length && replacement[i + 1] is '\\' or '$')
                {
                    sb.Append(replacement[i + 1] == '$' ? "$$" : "\\");
                    i++;
                    continue;
                }

                error = new FeelMessage("feel.invalid-replacement", "invalid escape in replacement string.", "ungültiges Escape-Zeichen im Ersetzungstext.");
                return null;
            }

            if (c == '$')
            {
                if (i + 1 < replacement.Length && char.IsAsciiDigit(replacement[i + 1]))
                {
                    sb.Append("${");
                    i++;
                    sb.Append(replacement[i]);
                    sb.Append('}');
                    continue;
                }

                error = new FeelMessage("feel.invalid-replacement", "'$' in a replacement string must be followed by a group number.", "auf '$' im Ersetzungstext muss die Nummer einer Gruppe folgen.");
                return null;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static string RemoveWhitespace(string pattern)
    {
        var sb = new StringBuilder();
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            // XPath removes whitespace before interpreting escapes, so "\ s" becomes "\s".
            var c = pattern[i];
            if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }

            if (!inClass && c is ' ' or '\t' or '\n' or '\r')
            {
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static string Translate(string pattern, bool multiline, bool dotAll, out FeelMessage? error)
    {
        error = null;
        var sb = new StringBuilder();
        var classDepth = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 >= pattern.Length)
                {
                    error = new FeelMessage("feel.invalid-pattern", "invalid regular expression: trailing backslash.", "ungültiger regulärer Ausdruck: \\ am Ende.");
                    return string.Empty;
                }

                var next = pattern[++i];
                if (classDepth > 0 && char.IsAsciiDigit(next))
                {
                    error = new FeelMessage("feel.invalid-pattern", "invalid regular expression: back-references are not allowed in a character class.", "ungültiger regulärer Ausdruck: Rückverweise sind in einer Zeichenklasse nicht erlaubt.");
                    return string.Empty;
                }

                switch (next)
                {
                    // XML Schema name characters have no .NET shorthand: approximate with letters, digits and the name punctuation.
                    case 'i': sb.Append(classDepth > 0 ? @"\p{L}_:" : @"[\p{L}_:]"); break;
                    case 'I': sb.Append(@"[^\p{L}_:]"); break;
                    case 'c': sb.Append(classDepth > 0 ? @"\p{L}\p{Nd}._:\-" : @"[\p{L}\p{Nd}._:\-]"); break;
                    case 'C': sb.Append(@"[^\p{L}\p{Nd}._:\-]"); break;
                    default: sb.Append('\\').Append(next); break;
                }

                continue;
            }

            if (c == '[')
            {
                classDepth++;
            }
            else if (c == ']' && classDepth > 0)
            {
                classDepth--;
            }
            else if (classDepth == 0 && c == '.' && !dotAll)
            {
                // XPath '.' excludes both \n and \r; .NET's excludes only \n.
                sb.Append(@"[^\n\r]");
                continue;
            }
            else if (classDepth == 0 && c == '$' && !multiline)
            {
                // In XPath '$' matches only at the very end; in .NET it also matches before a final newline.
                sb.Append(@"\z");
                continue;
            }
            else if (classDepth == 0 && c == '(' && i + 1 < pattern.Length && pattern[i + 1] == '?' && !(i + 2 < pattern.Length && pattern[i + 2] == ':'))
            {
                error = new FeelMessage("feel.invalid-pattern", "invalid regular expression: '(?' constructs other than '(?:' are not allowed.", "ungültiger regulärer Ausdruck: außer '(?:' sind keine '(?'-Konstrukte erlaubt.");
                return string.Empty;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
