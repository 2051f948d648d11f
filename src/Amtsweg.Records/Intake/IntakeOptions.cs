using Microsoft.Extensions.Options;

namespace Amtsweg.Records.Intake;

/// <summary>Settings of section <c>Amtsweg:Records:Intake</c> (the Posteingang). The upload limit is <see cref="RecordsOptions.MaxUploadBytes"/>.</summary>
public sealed class IntakeOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Amtsweg:Records:Intake";

    /// <summary>The largest image accepted, in pixels (width × height), read from the header before decoding. Default 100 million (A4 at 1200 dpi fits).</summary>
    public long MaxImagePixels { get; set; } = 100_000_000;

    /// <summary>The most pages OCR reads of one PDF or TIFF.</summary>
    public int MaxOcrPages { get; set; } = 300;

    /// <summary>The most attachments an e-mail may have; an e-mail with more is refused as a whole.</summary>
    public int MaxEmailAttachments { get; set; } = 100;

    /// <summary>The most entries an Office file (a zip archive) may have.</summary>
    public int MaxArchiveEntries { get; set; } = 10_000;

    /// <summary>The most bytes an Office file may unpack to.</summary>
    public long MaxUncompressedBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>The highest compression ratio (uncompressed : compressed) of an Office file and of each entry.</summary>
    public int MaxCompressionRatio { get; set; } = 200;

    /// <summary>The Tesseract program.</summary>
    public string TesseractCommand { get; set; } = "tesseract";

    /// <summary>The OCR language(s) for Tesseract, e.g. <c>deu</c> or <c>deu+eng</c>.</summary>
    public string OcrLanguage { get; set; } = "deu";

    /// <summary>How many pages are recognised at once; default: one per processor core.</summary>
    public int OcrParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>The program that renders PDF pages to images for OCR (poppler's <c>pdftoppm</c>).</summary>
    public string PdfToPpmCommand { get; set; } = "pdftoppm";

    /// <summary>
    /// OCRmyPDF, which makes a searchable PDF/A-2b of scans and image-only PDFs (filed as version 2 next to the
    /// original). Unset: <c>ocrmypdf</c> when it is on the PATH, else none; <c>off</c>: none (OCR with Tesseract
    /// alone, the original is filed); any other value: that program, which must exist (checked at start).
    /// </summary>
    public string? OcrMyPdfCommand { get; set; }

    /// <summary>The OCRmyPDF program to use, or null when none is configured or found.</summary>
    internal string? ResolveOcrMyPdf() => OcrMyPdfCommand?.Trim() switch
    {
        null or "" => ExternalProgram.Find("ocrmypdf"),
        var off when off.Equals("off", StringComparison.OrdinalIgnoreCase) => null,
        var command => ExternalProgram.Find(command),
    };

    /// <summary>
    /// The configured programs that are not installed, each with the setting that names it; empty when the Posteingang
    /// can process everything. Read by the health check, the Posteingang page and the worker's re-check.
    /// </summary>
    public IReadOnlyList<(string Setting, string Program)> MissingPrograms()
    {
        var wanted = new List<(string Setting, string? Program)>
        {
            (nameof(TesseractCommand), TesseractCommand),
            (nameof(PdfToPpmCommand), PdfToPpmCommand),
            (nameof(VirusScanCommand), string.IsNullOrWhiteSpace(VirusScanCommand) ? null : VirusScanCommand.Trim()),
        };
        return [.. wanted
            .Where(entry => entry.Program is not null && ExternalProgram.Find(entry.Program) is null)
            .Select(entry => ($"{Section}:{entry.Setting}", Path.GetFileName(entry.Program!)))];
    }

    /// <summary>The resolution PDF pages are rendered at for OCR, and scans without a resolution of their own are taken at.</summary>
    public int OcrDpi { get; set; } = 300;

    /// <summary>
    /// The ClamAV scanner <c>clamscan</c> (a path or the name on the PATH); empty: no virus scan (the Transfervermerk
    /// says so). <c>clamdscan</c> is refused: it is not tested.
    /// </summary>
    public string? VirusScanCommand { get; set; }

    /// <summary>A signature database for <c>clamscan -d</c>; empty: ClamAV's default databases.</summary>
    public string? VirusScanDatabase { get; set; }

    /// <summary>How long a processor holds an item before another one may take it up (after a crash).</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the server looks for waiting items besides being woken by new uploads.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long after its arrival an item may still be waiting for or in processing (virus scan, text extraction, OCR)
    /// before the operator's overview counts it as stuck. Default one hour: the largest scan allowed
    /// (<see cref="MaxOcrPages"/> pages at about 1.3 s each) finishes well within it, even behind a queue.
    /// </summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Checks <see cref="IntakeOptions"/> at start and names the wrong setting.</summary>
internal sealed class IntakeOptionsValidator : IValidateOptions<IntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeOptions options)
    {
        var failures = new List<string>();
        void Positive(long value, string setting)
        {
            if (value <= 0)
            {
                failures.Add($"{IntakeOptions.Section}:{setting} must be a positive number.");
            }
        }

        Positive(options.MaxImagePixels, nameof(options.MaxImagePixels));
        Positive(options.MaxOcrPages, nameof(options.MaxOcrPages));
        Positive(options.MaxEmailAttachments, nameof(options.MaxEmailAttachments));
        Positive(options.MaxArchiveEntries, nameof(options.MaxArchiveEntries));
        Positive(options.MaxUncompressedBytes, nameof(options.MaxUncompressedBytes));
        Positive(options.MaxCompressionRatio, nameof(options.MaxCompressionRatio));
        Positive(options.OcrParallelism, nameof(options.OcrParallelism));
        Positive(options.OcrDpi, nameof(options.OcrDpi));
        Positive(options.ClaimDuration.Ticks, nameof(options.ClaimDuration));
        Positive(options.PollInterval.Ticks, nameof(options.PollInterval));
        Positive(options.StuckAfter.Ticks, nameof(options.StuckAfter));
        if (string.IsNullOrWhiteSpace(options.TesseractCommand) || string.IsNullOrWhiteSpace(options.OcrLanguage) || string.IsNullOrWhiteSpace(options.PdfToPpmCommand))
        {
            failures.Add($"{IntakeOptions.Section}: TesseractCommand, OcrLanguage and PdfToPpmCommand must not be empty.");
        }

        if (options.VirusScanCommand is { } scanner && Path.GetFileName(scanner.Trim()).StartsWith("clamdscan", StringComparison.Ordinal))
        {
            failures.Add($"{IntakeOptions.Section}:VirusScanCommand: clamdscan is not supported (untested); use clamscan.");
        }

        if (!string.IsNullOrWhiteSpace(options.OcrMyPdfCommand) && !options.OcrMyPdfCommand.Trim().Equals("off", StringComparison.OrdinalIgnoreCase) && options.ResolveOcrMyPdf() is null)
        {
            failures.Add($"{IntakeOptions.Section}:OcrMyPdfCommand: the program {options.OcrMyPdfCommand} was not found (install ocrmypdf, or set it to \"off\").");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
