namespace Amtsweg.Feel;

/// <summary>The character classes and reserved words of FEEL names (DMN 1.5, chapter 10).</summary>
internal static class FeelNames
{
    /// <summary>Words that end a name made of several words unless the whole name is known in scope.</summary>
    public static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "between", "in", "instance", "if", "then", "else", "for", "return", "some", "every",
        "satisfies", "function", "external", "true", "false", "null",
    };

    public static bool IsNameStart(char c) =>
        c == '_' || c == '?' || char.IsLetter(c) || (c >= '\u00C0' && c != '\u00D7' && c != '\u00F7' && !char.IsWhiteSpace(c) && !char.IsPunctuation(c) && !char.IsSymbol(c) && !char.IsDigit(c) && c is < '\u0300' or > '\u036F');

    public static bool IsNamePart(char c) =>
        IsNameStart(c) || char.IsDigit(c) || c == '\u00B7' || c is >= '\u0300' and <= '\u036F' || c is '\u203F' or '\u2040';

    /// <summary>True for a name that can be written without quotes as a context key.</summary>
    public static bool IsSimpleName(string name)
    {
        if (name.Length == 0 || !IsNameStart(name[0]) || Keywords.Contains(name))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsNamePart(c) && c != ' ')
            {
                return false;
            }
        }

        return !name.EndsWith(' ');
    }
}
