namespace Amtsweg.Records.Intake;

/// <summary>The stable error codes of the Posteingang; the messages are German and name the file.</summary>
public static class IntakeErrors
{
    /// <summary>The file name is empty once folders and control characters are removed.</summary>
    public const string FileNameInvalid = "records.intake-file-name-invalid";

    /// <summary>The kind of file is not taken in (by its name or its content).</summary>
    public const string UnsupportedType = "records.intake-unsupported-type";

    /// <summary>The content is not what the file name says.</summary>
    public const string TypeMismatch = "records.intake-type-mismatch";

    /// <summary>The PDF is encrypted with a password.</summary>
    public const string PdfEncrypted = "records.intake-pdf-encrypted";

    /// <summary>The PDF, image or Office file cannot be read.</summary>
    public const string Corrupt = "records.intake-corrupt";

    /// <summary>The image has more pixels than allowed, or a scan more pages.</summary>
    public const string ImageTooLarge = "records.intake-image-too-large";

    /// <summary>The Office file unpacks to more than allowed (a zip bomb).</summary>
    public const string ArchiveTooLarge = "records.intake-archive-too-large";

    /// <summary>The e-mail has more attachments than allowed.</summary>
    public const string TooManyAttachments = "records.intake-too-many-attachments";

    /// <summary>The item is not (or no longer) waiting for filing.</summary>
    public const string NotWaiting = "records.intake-not-waiting";

    /// <summary>Retry or removal of an item that is neither refused nor waiting for a missing program.</summary>
    public const string NotStopped = "records.intake-not-stopped";

    /// <summary>Processing refused the item (virus found, OCR failed, ...); the item's message says why.</summary>
    public const string ProcessingFailed = "records.intake-processing-failed";

    /// <summary>The item was processed but the Vorgang refused it (closed meanwhile); it waits in the Posteingang.</summary>
    public const string NotFiled = "records.intake-not-filed";

    /// <summary>
    /// A program the server needs (tesseract, pdftoppm, ...) is not installed. This is the server's own setup, not the
    /// file's fault: the item waits (<see cref="IntakeStatus.WaitingForSetup"/>) and is processed once the program is there.
    /// </summary>
    public const string ProgramMissing = "records.intake-program-missing";

    /// <summary>The German message for a missing program; names the program, never a server path.</summary>
    public static RecordsException ProgramMissingError(string program) =>
        new(ProgramMissing, $"Das Programm „{Path.GetFileName(program)}“ ist auf dem Server noch nicht eingerichtet. Der Eintrag wartet und wird automatisch verarbeitet, sobald es installiert ist.");

    /// <summary>Numbers in messages are written the German way (20.000).</summary>
    internal static readonly System.Globalization.CultureInfo German = System.Globalization.CultureInfo.GetCultureInfo("de-DE");

    internal static RecordsException Error(string code, string message) => new(code, message);
}
