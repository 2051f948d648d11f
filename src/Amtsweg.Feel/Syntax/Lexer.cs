using System.Globalization;
using System.Text;

namespace Amtsweg.Feel;

internal enum TokenKind
{
    Name,
    Number,
    String,
    Punct,
    Other,
    End,
}

/// <summary>A token with its source span (offsets into the text) and 1-based line and column.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, string? Value, int Start, int End, int Line, int Column)
{
    public bool Is(string punct) => Kind == TokenKind.Punct && Text == punct;

    public bool IsWord(string word) => Kind == TokenKind.Name && Text == word;
}

/// <summary>Splits FEEL text into tokens; comments and whitespace are skipped.</summary>
internal static class Lexer
{
    private static readonly string[] Puncts =
        ["**", "..", "!=", "<=", ">=", "->", "+", "-", "*", "/", "=", "<", ">", "(", ")", "[", "]", "{", "}", ",", ".", ":", "@"];

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        var pos = 0;
        while (true)
        {
            SkipTrivia(text, ref pos, lineStarts);
            if (pos >= text.Length)
            {
                tokens.Add(Make(TokenKind.End, string.Empty, null, pos, pos, lineStarts));
                return tokens;
            }

            var start = pos;
            var c = text[pos];
            if (char.IsAsciiDigit(c) || (c == '.' && pos + 1 < text.Length && char.IsAsciiDigit(text[pos + 1])))
            {
                tokens.Add(ReadNumber(text, ref pos, lineStarts));
            }
            else if (c == '"')
            {
                tokens.Add(ReadString(text, ref pos, lineStarts));
            }
            else if (FeelNames.IsNameStart(c) || char.IsSurrogate(c))
            {
                while (pos < text.Length && (FeelNames.IsNamePart(text[pos]) || char.IsSurrogate(text[pos])))
                {
                    pos++;
                }

                tokens.Add(Make(TokenKind.Name, text[start..pos], null, start, pos, lineStarts));
            }
            else
            {
                var punct = Puncts.FirstOrDefault(p => string.CompareOrdinal(text, pos, p, 0, p.Length) == 0);
                if (punct is not null)
                {
                    pos += punct.Length;
                    tokens.Add(Make(TokenKind.Punct, punct, null, start, pos, lineStarts));
                }
                else
                {
                    // Characters such as ' or & are only valid inside names known in scope; the parser decides.
                    pos++;
                    tokens.Add(Make(TokenKind.Other, text[start..pos], null, start, pos, lineStarts));
                }
            }
        }
    }

    public static (int Line, int Column) Position(string text, int offset)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return (line, column);
    }

    private static Token Make(TokenKind kind, string text, string? value, int start, int end, List<int> lineStarts)
    {
        var line = lineStarts.BinarySearch(start);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new Token(kind, text, value, start, end, line + 1, start - lineStarts[line] + 1);
    }

    private static void SkipTrivia(string text, ref int pos, List<int> lineStarts)
    {
        while (pos < text.Length)
        {
            var c = text[pos];
            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                pos++;
            }
            else if (c == '/' && pos + 1 < text.Length && text[pos + 1] == '/')
            {
                while (pos < text.Length && text[pos] != '\n')
                {
                    pos++;
                }
            }
            else if (c == '/' && pos + 1 < text.Length && text[pos + 1] == '*')
            {
                var end = text.IndexOf("*/", pos + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    var (line, column) = Position(text, pos);
                    throw new FeelSyntaxException(new FeelMessage("feel.comment-not-closed", "Comment is not closed: '*/' expected.", "Der Kommentar ist nicht geschlossen: '*/' fehlt."), line, column);
                }

                pos = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private static Token ReadNumber(string text, ref int pos, List<int> lineStarts)
    {
        var start = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        if (pos + 1 < text.Length && text[pos] == '.' && char.IsAsciiDigit(text[pos + 1]))
        {
            pos++;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }
        }

        if (pos < text.Length && text[pos] is 'e' or 'E')
        {
            var look = pos + 1;
            if (look < text.Length && text[look] is '+' or '-')
            {
                look++;
            }

            if (look < text.Length && char.IsAsciiDigit(text[look]))
            {
                pos = look;
                while (pos < text.Length && char.IsAsciiDigit(text[pos]))
                {
                    pos++;
                }
            }
        }

        return Make(TokenKind.Number, text[start..pos], null, start, pos, lineStarts);
    }

    private static Token ReadString(string text, ref int pos, List<int> lineStarts)
    {
        var start = pos;
        pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (pos >= text.Length)
            {
                var (line, column) = Position(text, start);
                throw new FeelSyntaxException(new FeelMessage("feel.string-not-closed", "String literal is not closed: '\"' expected.", "Der Text ist nicht geschlossen: '\"' fehlt."), line, column);
            }

            var c = text[pos];
            if (c == '"')
            {
                pos++;
                return Make(TokenKind.String, text[start..pos], sb.ToString(), start, pos, lineStarts);
            }

            if (c != '\\')
            {
                sb.Append(c);
                pos++;
                continue;
            }

            var escapeAt = pos;
            pos++;
            if (pos >= text.Length)
            {
                continue;
            }

            var e = text[pos++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\'': sb.Append('\''); break;
                case '\\': sb.Append('\\'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'u':
                case 'U':
                    var length = e == 'u' ? 4 : 6;
                    if (pos + length > text.Length || !int.TryParse(text.AsSpan(pos, length), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) || code > 0x10FFFF)
                    {
                        var (line, column) = Position(text, escapeAt);
                        throw new FeelSyntaxException(new FeelMessage("feel.invalid-escape", $"Invalid unicode escape: \\{e} needs {length} hexadecimal digits.", $"Ungültiges Unicode-Zeichen: \\{e} braucht {length} Hexadezimalziffern."), line, column);
                    }

                    pos += length;
                    if (code is >= 0xD800 and <= 0xDFFF)
                    {
                        sb.Append((char)code);
                    }
                    else
                    {
                        sb.Append(char.ConvertFromUtf32(code));
                    }

                    break;
                default:
                    // Not an escape FEEL knows (e.g. "\d" in a regular expression): keep it as written.
                    sb.Append('\\').Append(e);
                    break;
            }
        }
    }
}
