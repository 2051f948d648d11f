using System.Text;

namespace Amtsweg.Forms.Rendering;

/// <summary>
/// HTML encoding for text and attribute values. Umlauts stay as they are; the five markup characters are escaped, and
/// characters XML forbids become U+FFFD, so the output is also well-formed XHTML.
/// </summary>
public static class Html
{
    /// <summary>Encodes text for element content and double-quoted attribute values.</summary>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&':
                    builder.Append("&amp;");
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '"':
                    builder.Append("&quot;");
                    break;
                case '\'':
                    builder.Append("&#39;");
                    break;
                case '\t' or '\n' or '\r':
                    builder.Append(c);
                    break;
                case < ' ' or '\uFFFE' or '\uFFFF':
                    builder.Append('\uFFFD');
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        builder.Append('\uFFFD');
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }
}
