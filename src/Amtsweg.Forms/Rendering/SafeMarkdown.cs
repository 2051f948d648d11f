using System.Text;
using System.Text.RegularExpressions;

namespace Amtsweg.Forms.Rendering;

/// <summary>
/// Markdown of text components, rendered safely: the text is HTML-encoded first, then a small subset is turned into
/// markup (paragraphs, headings, emphasis, strong, inline code, bullet and numbered lists, links). Links only with
/// http, https or mailto; anything else (<c>javascript:</c>, <c>data:</c>) stays plain text. Raw HTML in the Markdown is
/// shown as text, never interpreted.
/// </summary>
public static partial class SafeMarkdown
{
    /// <summary>Renders Markdown to HTML.</summary>
    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return string.Empty;
        }

        var lines = Html.Encode(markdown).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var html = new StringBuilder();
        var paragraph = new List<string>();
        string? listTag = null;

        void CloseParagraph()
        {
            if (paragraph.Count > 0)
            {
                html.Append("<p>").Append(string.Join("\n", paragraph.Select(Inline))).Append("</p>");
                paragraph.Clear();
            }
        }

        void CloseList()
        {
            if (listTag is not null)
            {
                html.Append("</").Append(listTag).Append('>');
                listTag = null;
            }
        }

        foreach (var rawLine in lines)
        {
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                CloseParagraph();
                CloseList();
                continue;
            }

            var heading = HeadingLine().Match(line);
            if (heading.Success)
            {
                CloseParagraph();
                CloseList();
                // Level 1 of the Markdown is the form's first level below the page heading.
                var level = Math.Min(heading.Groups[1].Length + 1, 6);
                html.Append("<h").Append(level).Append('>').Append(Inline(heading.Groups[2].Value)).Append("</h").Append(level).Append('>');
                continue;
            }

            var bullet = BulletLine().Match(line);
            var numbered = NumberedLine().Match(line);
            if (bullet.Success || numbered.Success)
            {
                CloseParagraph();
                var tag = bullet.Success ? "ul" : "ol";
                if (listTag != tag)
                {
                    CloseList();
                    html.Append('<').Append(tag).Append('>');
                    listTag = tag;
                }

                html.Append("<li>").Append(Inline((bullet.Success ? bullet : numbered).Groups[1].Value)).Append("</li>");
                continue;
            }

            CloseList();
            paragraph.Add(line);
        }

        CloseParagraph();
        CloseList();
        return html.ToString();
    }

    private static string Inline(string encoded)
    {
        // Code spans first: their content is shown literally, without emphasis or links.
        var parts = encoded.Split('`');
        var result = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1 && i < parts.Length - 1)
            {
                result.Append("<code>").Append(parts[i]).Append("</code>");
            }
            else
            {
                result.Append(Links(i % 2 == 1 ? "`" + parts[i] : parts[i]));
            }
        }

        return result.ToString();
    }

    // Emphasis is applied around and inside links, never to a URL, so that an underscore in a URL cannot break the markup.
    private static string Links(string encoded)
    {
        var result = new StringBuilder();
        var last = 0;
        foreach (Match match in Link().Matches(encoded))
        {
            result.Append(Emphasis(encoded[last..match.Index]));
            var text = Emphasis(match.Groups[1].Value);
            var url = match.Groups[2].Value;
            result.Append(SafeUrl().IsMatch(url) ? $"<a href=\"{url}\">{text}</a>" : text);
            last = match.Index + match.Length;
        }

        return result.Append(Emphasis(encoded[last..])).ToString();
    }

    private static string Emphasis(string encoded)
    {
        var strong = Strong().Replace(encoded, "<strong>$2</strong>");
        return Em().Replace(strong, "<em>$2</em>");
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.+?)\s*#*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"^[*+-]\s+(.*)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BulletLine();

    [GeneratedRegex(@"^\d{1,9}[.)]\s+(.*)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex NumberedLine();

    [GeneratedRegex(@"\[([^\[\]]+)\]\(([^()\s]+)\)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Link();

    // The text was encoded already, so a URL cannot contain quotes or angle brackets; only the scheme is checked.
    [GeneratedRegex(@"^(https?://|mailto:)[^\s]+$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex SafeUrl();

    [GeneratedRegex(@"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Strong();

    [GeneratedRegex(@"(?<![\p{L}\p{N}*_])(\*|_)(?=\S)(.+?)(?<=\S)\1(?![\p{L}\p{N}*_])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Em();
}
