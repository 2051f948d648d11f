namespace Amtsweg.Records.Intake;

/// <summary>
/// Makes a sent file name safe to show and store: folders (also <c>..</c> and Windows backslashes) and control
/// characters are dropped, as are leading and trailing dots and spaces. The name is never used as a path: contents
/// live in the blob store under their hash.
/// </summary>
public static class IntakeFileName
{
    /// <summary>The longest name kept.</summary>
    public const int MaxLength = 200;

    /// <summary>The safe name; refuses a name that is empty afterwards.</summary>
    public static string Sanitize(string? name)
    {
        var lastPart = (name ?? "").Replace('\\', '/').Split('/').LastOrDefault() ?? "";
        var cleaned = new string(lastPart.Where(c => !char.IsControl(c) && c is not ('\u2028' or '\u2029' or '\u202E' or '\u202D')).ToArray()).Trim().Trim('.').Trim();
        if (cleaned.Length == 0)
        {
            throw IntakeErrors.Error(IntakeErrors.FileNameInvalid, $"Der Dateiname „{Printable(name)}“ enthält keinen verwendbaren Namen.");
        }

        if (cleaned.Length > MaxLength)
        {
            var extension = Path.GetExtension(cleaned);
            cleaned = extension.Length < 20 ? cleaned[..(MaxLength - extension.Length)] + extension : cleaned[..MaxLength];
        }

        return cleaned;
    }

    private static string Printable(string? name) =>
        new((name ?? "").Select(c => char.IsControl(c) ? '?' : c).Take(80).ToArray());
}
