using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace Amtsweg.Xml;

/// <summary>XML bytes decoded to text by <see cref="SafeXml.Decode"/>.</summary>
/// <param name="Text">The document as text, without byte order mark; its XML declaration is kept (and ignored when parsed).</param>
/// <param name="EncodingName">The encoding the bytes were read with (web name, e.g. <c>utf-8</c>, <c>windows-1252</c>).</param>
/// <param name="Warning">Set when the bytes were not read as declared; null when they were.</param>
public sealed record XmlText(string Text, string EncodingName, XmlEncodingWarning? Warning);

/// <summary>Why a document was not read in the encoding it declares, in German and English.</summary>
public sealed record XmlEncodingWarning(string MessageGerman, string MessageEnglish);

/// <summary>An XML document whose bytes cannot be read as text in any encoding the rule allows.</summary>
public sealed class XmlEncodingException : XmlException
{
    /// <summary>Creates the exception.</summary>
    public XmlEncodingException(string messageGerman, string messageEnglish)
        : base(messageEnglish)
    {
        MessageGerman = messageGerman;
    }

    /// <summary>Creates the exception with an English message only.</summary>
    public XmlEncodingException()
        : this("Das Dokument kann nicht gelesen werden.", "The document cannot be read.")
    {
    }

    /// <summary>Creates the exception with an English message only.</summary>
    public XmlEncodingException(string message)
        : this(message, message)
    {
    }

    /// <summary>Creates the exception wrapping a cause.</summary>
    public XmlEncodingException(string message, Exception innerException)
        : base(message, innerException)
    {
        MessageGerman = message;
    }

    /// <summary>The message for users, in German.</summary>
    public string MessageGerman { get; }
}

/// <summary>
/// Decides how the bytes of an XML document become text (the rule documented on <see cref="SafeXml.Decode"/>).
/// Decoding is strict: a byte sequence that is invalid in the chosen encoding is noticed, never replaced silently.
/// </summary>
internal static partial class XmlTextDecoder
{
    private const int HeadLength = 1024;

    /// <summary>
    /// Reads and decodes a stream. The bytes are decoded while they are read and counted in characters, so a document
    /// beyond <paramref name="maxCharacters"/> is refused before the rest of it is read.
    /// </summary>
    public static XmlText Decode(Stream input, long maxCharacters)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < HeadLength && (read = input.Read(chunk, 0, (int)(HeadLength - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        var head = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var (bom, bomLength) = ByteOrderMark(head);
        var declared = DeclaredEncodingName(head[bomLength..], bom ?? Utf16WithoutBom(head) ?? Encoding.ASCII);
        var candidates = Candidates(head, bom, declared, out var primary);

        var index = 0;
        var counter = new CharacterCounter(candidates[0], maxCharacters);
        if (!counter.Add(head[bomLength..], flush: false))
        {
            index = NextCandidate(buffer, bomLength, candidates, index, maxCharacters, out counter, declared);
        }

        while ((read = input.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (!counter.Add(chunk.AsSpan(0, read), flush: false))
            {
                index = NextCandidate(buffer, bomLength, candidates, index, maxCharacters, out counter, declared);
            }
        }

        if (!counter.Add([], flush: true))
        {
            index = NextCandidate(buffer, bomLength, candidates, index, maxCharacters, out counter, declared, flush: true);
        }

        var encoding = candidates[index];
        var text = Strict(encoding).GetString(buffer.GetBuffer().AsSpan(bomLength, (int)buffer.Length - bomLength));
        return new XmlText(text, encoding.WebName, Warning(bom, declared, primary, encoding));
    }

    /// <summary>The encodings to try, in order: the byte order mark alone; else the declared (or default) one and the fallbacks.</summary>
    private static Encoding[] Candidates(ReadOnlySpan<byte> head, Encoding? bom, string? declared, out Encoding? primary)
    {
        if (bom is not null)
        {
            // A byte order mark cannot appear by accident: it decides, whatever the declaration says.
            primary = bom;
            return [bom];
        }

        if (Utf16WithoutBom(head) is { } utf16)
        {
            primary = utf16;
            return [utf16];
        }

        var named = declared is null ? Encoding.UTF8 : Lookup(declared);
        primary = named;
        if (named?.CodePage is 1200 or 1201 or 12000 or 12001)
        {
            // UTF-16 or UTF-32 that does not fit the bytes: guessing another encoding would only produce noise.
            return [named];
        }

        // Tools on Windows often write their ANSI code page (windows-1252, a superset of the printable ISO-8859-1)
        // and declare UTF-8 or nothing.
        var fallbacks = new[] { Encoding.UTF8, Encoding.GetEncoding(1252) };
        return named is null ? fallbacks : [named, .. fallbacks.Where(f => f.CodePage != named.CodePage)];
    }

    private static int NextCandidate(MemoryStream buffer, int bomLength, Encoding[] candidates, int index, long maxCharacters, out CharacterCounter counter, string? declared, bool flush = false)
    {
        var bytes = buffer.GetBuffer().AsSpan(bomLength, (int)buffer.Length - bomLength);
        while (++index < candidates.Length)
        {
            counter = new CharacterCounter(candidates[index], maxCharacters);
            if (counter.Add(bytes, flush))
            {
                return index;
            }
        }

        throw Unreadable(declared ?? candidates[0].WebName);
    }

    private static XmlEncodingWarning? Warning(Encoding? bom, string? declared, Encoding? primary, Encoding used)
    {
        if (bom is not null)
        {
            return declared is null || SameFamily(Lookup(declared), bom) ? null : new XmlEncodingWarning(
                $"Die XML-Deklaration nennt die Kodierung '{declared}', die Datei beginnt aber mit der Bytereihenfolgemarke von {bom.WebName}; sie wurde als {bom.WebName} gelesen.",
                $"The XML declaration names the encoding '{declared}', but the file starts with the byte order mark of {bom.WebName}; it was read as {bom.WebName}.");
        }

        if (primary is not null && primary.CodePage == used.CodePage)
        {
            return null;
        }

        var said = declared is null ? "keine Kodierung (also UTF-8)" : $"die Kodierung '{declared}'";
        var saidEnglish = declared is null ? "no encoding (so UTF-8)" : $"the encoding '{declared}'";
        var why = primary is null ? "die hier unbekannt ist" : "zu der die Bytes nicht passen";
        var whyEnglish = primary is null ? "which is unknown here" : "which the bytes do not match";
        return new XmlEncodingWarning(
            $"Die XML-Deklaration nennt {said}, {why}; die Datei wurde als {used.WebName} gelesen. Bitte prüfen Sie Umlaute und Sonderzeichen.",
            $"The XML declaration names {saidEnglish}, {whyEnglish}; the file was read as {used.WebName}. Please check umlauts and special characters.");
    }

    private static (Encoding? Encoding, int Length) ByteOrderMark(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8, 3),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (Encoding.UTF32, 4),
        [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
        [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
        _ => (null, 0),
    };

    /// <summary>UTF-16 without byte order mark, recognised by its first characters <c>&lt;?</c> (XML 1.0, appendix F).</summary>
    private static Encoding? Utf16WithoutBom(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0x3C, 0x00, 0x3F, 0x00, ..] => Encoding.Unicode,
        [0x00, 0x3C, 0x00, 0x3F, ..] => Encoding.BigEndianUnicode,
        _ => null,
    };

    private static string? DeclaredEncodingName(ReadOnlySpan<byte> body, Encoding encoding)
    {
        // The declaration is ASCII in every encoding XML allows; 1,024 bytes hold it with room to spare.
        var head = encoding.GetString(body[..Math.Min(body.Length, 1024)]);
        var match = Declaration().Match(head);
        return match.Success ? match.Groups["name"].Value : null;
    }

    private static Encoding? Lookup(string name)
    {
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool SameFamily(Encoding? declared, Encoding bom) =>
        declared is not null && (declared.CodePage == bom.CodePage
            || (declared.CodePage is 1200 or 1201 && bom.CodePage is 1200 or 1201)
            || (declared.CodePage is 12000 or 12001 && bom.CodePage is 12000 or 12001));

    private static Encoding Strict(Encoding encoding) =>
        Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    /// <summary>Decodes strictly and counts characters, without keeping them.</summary>
    private sealed class CharacterCounter(Encoding encoding, long maxCharacters)
    {
        private readonly Decoder _decoder = Strict(encoding).GetDecoder();
        private readonly char[] _scratch = new char[8192];
        private long _count;

        /// <summary>False when the bytes are not valid in the encoding.</summary>
        /// <exception cref="XmlException">The document has more characters than allowed.</exception>
        public bool Add(ReadOnlySpan<byte> bytes, bool flush)
        {
            try
            {
                while (true)
                {
                    _decoder.Convert(bytes, _scratch, flush, out var used, out var produced, out var completed);
                    bytes = bytes[used..];
                    _count += produced;
                    if (_count > maxCharacters)
                    {
                        // The wording of XmlReader's own limit, which callers and tests already know.
                        throw new XmlException($"The input document has exceeded a limit set by MaxCharactersInDocument ({maxCharacters} characters).");
                    }

                    if ((bytes.IsEmpty && completed) || (used == 0 && produced == 0))
                    {
                        return true;
                    }
                }
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }
    }

    private static XmlEncodingException Unreadable(string encoding) => new(
        $"Das Dokument kann nicht gelesen werden: Es enthält Bytes, die in der Kodierung {encoding} ungültig sind.",
        $"The document cannot be read: it contains bytes that are not valid in the encoding {encoding}.");

    [GeneratedRegex("""^\s*<\?xml\s[^>]*?encoding\s*=\s*(["'])(?<name>[A-Za-z][A-Za-z0-9._:-]*)\1""", RegexOptions.CultureInvariant)]
    private static partial Regex Declaration();
}
