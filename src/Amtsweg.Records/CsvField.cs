namespace Amtsweg.Records;

/// <summary>
/// The one way Amtsweg writes and reads a CSV field (semicolon-separated, for German spreadsheets). A value a
/// spreadsheet would take for a formula (it begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage
/// return) is written with a leading single quote, as OWASP recommends against CSV injection, so it opens as text.
/// A value that begins with a single quote itself gets one more, so that <see cref="Read"/> can always remove exactly
/// one leading quote and an exported file reads back to the same values.
/// </summary>
public static class CsvField
{
    /// <summary>The separator.</summary>
    public const char Separator = ';';

    /// <summary>The field as written: neutralised, then quoted when it holds a separator, a quote or a line break.</summary>
    public static string Write(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\'')
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny([Separator, '"', '\n', '\r']) >= 0
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
    }

    /// <summary>One line of fields, each through <see cref="Write"/>, without the line break.</summary>
    public static string Line(IEnumerable<string?> values) => string.Join(Separator, values.Select(Write));

    /// <summary>The value of an unquoted field as <see cref="Write"/> wrote it: one leading single quote removed.</summary>
    public static string Read(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.StartsWith('\'') ? field[1..] : field;
    }
}
