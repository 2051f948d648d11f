using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Amtsweg.Records.Intake;

/// <summary>
/// OCR with the <c>tesseract</c> program. Each page is its own process with <c>OMP_THREAD_LIMIT=1</c>, and pages run
/// in parallel: Tesseract's own threads help little on a dense page and cost more than they gain on two cores.
/// Image-only PDFs are rendered page by page with <c>pdftoppm</c> first. At most
/// <see cref="IntakeOptions.OcrParallelism"/> programs run at once, across all items processed at the same time.
/// When OCRmyPDF is there (<see cref="IntakeOptions.OcrMyPdfCommand"/>), scans become searchable PDF/A files instead;
/// it recognises pages in parallel itself and takes as many of those slots as it runs pages at once.
/// </summary>
public sealed partial class OcrEngine(IOptions<IntakeOptions> options)
{
    private static readonly Dictionary<string, string> SingleThreaded = new() { ["OMP_THREAD_LIMIT"] = "1" };
    private readonly SemaphoreSlim _slots = new(options.Value.OcrParallelism, options.Value.OcrParallelism);
    private readonly SemaphoreSlim _multiSlotGate = new(1, 1);
    private readonly string? _ocrMyPdf = options.Value.ResolveOcrMyPdf();

    /// <summary>True when scans become searchable PDF/A files (OCRmyPDF is configured or found).</summary>
    public bool MakesSearchablePdf => _ocrMyPdf is not null;

    /// <summary>A description for the Transfervermerk, e.g. <c>Tesseract 5.3.0 (deu)</c>.</summary>
    public async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        var version = await ExternalProgram.RunAsync(options.Value.TesseractCommand, ["--version"], cancellationToken).ConfigureAwait(false);
        var first = (version.Output + version.Error).Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "tesseract";
        return $"{first} ({options.Value.OcrLanguage})";
    }

    /// <summary>Recognises the text of images (one page each), in parallel; <paramref name="pageDone"/> is called after each page.</summary>
    public async Task<string> RecognizeImagesAsync(IReadOnlyList<string> pages, Func<int, Task>? pageDone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var texts = new string[pages.Count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, pages.Count), new ParallelOptions { MaxDegreeOfParallelism = options.Value.OcrParallelism, CancellationToken = cancellationToken }, async (page, token) =>
        {
            texts[page] = await RecognizeAsync(pages[page], token).ConfigureAwait(false);
            if (pageDone is not null)
            {
                await pageDone(Interlocked.Increment(ref done)).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        return Join(texts);
    }

    /// <summary>Renders pages 1..<paramref name="pageCount"/> of a PDF and recognises them, in parallel.</summary>
    public async Task<string> RecognizePdfAsync(string pdf, int pageCount, Func<int, Task>? pageDone, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("amtsweg-ocr-");
        try
        {
            var texts = new string[pageCount];
            var done = 0;
            await Parallel.ForEachAsync(Enumerable.Range(1, pageCount), new ParallelOptions { MaxDegreeOfParallelism = options.Value.OcrParallelism, CancellationToken = cancellationToken }, async (page, token) =>
            {
                var prefix = Path.Combine(work.FullName, "seite-" + page.ToString(CultureInfo.InvariantCulture));
                var number = page.ToString(CultureInfo.InvariantCulture);
                var render = await LimitedAsync(() => ExternalProgram.RunAsync(options.Value.PdfToPpmCommand,
                    ["-f", number, "-l", number, "-r", options.Value.OcrDpi.ToString(CultureInfo.InvariantCulture), "-gray", "-png", "-singlefile", pdf, prefix], token), token).ConfigureAwait(false);
                if (render.ExitCode != 0)
                {
                    throw new RecordsException(IntakeErrors.Corrupt, $"Seite {page} der PDF-Datei lässt sich nicht für die Texterkennung aufbereiten: {render.Error.Trim()}");
                }

                texts[page - 1] = await RecognizeAsync(prefix + ".png", token).ConfigureAwait(false);
                File.Delete(prefix + ".png");
                if (pageDone is not null)
                {
                    await pageDone(Interlocked.Increment(ref done)).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
            return Join(texts);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Recognises one image file (a multi-page TIFF yields all its pages).</summary>
    public async Task<string> RecognizeAsync(string image, CancellationToken cancellationToken)
    {
        var result = await LimitedAsync(() => ExternalProgram.RunAsync(options.Value.TesseractCommand, [image, "stdout", "-l", options.Value.OcrLanguage], cancellationToken, SingleThreaded), cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new RecordsException(IntakeErrors.Corrupt, $"Die Texterkennung (Tesseract) ist fehlgeschlagen: {result.Error.Trim()}");
        }

        return result.Output;
    }

    /// <summary>
    /// Makes a searchable PDF/A-2b of a scan (an image or a PDF without text layer) with OCRmyPDF at
    /// <paramref name="output"/> and returns the recognised text; or the reason in German when OCRmyPDF refuses or
    /// fails (for example on a signed PDF it will not alter), so that the caller can fall back to Tesseract alone.
    /// </summary>
    public async Task<(string? Text, string? Failure)> SearchablePdfAsync(string input, bool isImage, int pages, string output, CancellationToken cancellationToken)
    {
        var program = _ocrMyPdf ?? throw new InvalidOperationException("OCRmyPDF is not configured.");
        var jobs = Math.Clamp(pages, 1, options.Value.OcrParallelism);
        var sidecar = output + ".txt";
        List<string> Arguments(bool withDpi)
        {
            var arguments = new List<string> { "-l", options.Value.OcrLanguage, "--output-type", "pdfa", "--skip-text", "--jobs", jobs.ToString(CultureInfo.InvariantCulture), "--quiet", "--sidecar", sidecar };
            if (withDpi)
            {
                arguments.AddRange(["--image-dpi", options.Value.OcrDpi.ToString(CultureInfo.InvariantCulture)]);
            }

            arguments.AddRange([input, output]);
            return arguments;
        }

        var result = await WithSlotsAsync(jobs, () => ExternalProgram.RunAsync(program, Arguments(withDpi: false), cancellationToken, SingleThreaded), cancellationToken).ConfigureAwait(false);
        if (isImage && result.ExitCode == 2 && result.Error.Contains("DpiError", StringComparison.Ordinal))
        {
            // The scan does not say at which resolution it was made: it is taken at OcrDpi.
            result = await WithSlotsAsync(jobs, () => ExternalProgram.RunAsync(program, Arguments(withDpi: true), cancellationToken, SingleThreaded), cancellationToken).ConfigureAwait(false);
        }

        if (result.ExitCode != 0 || !File.Exists(output))
        {
            var reason = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
            return (null, string.Create(CultureInfo.InvariantCulture, $"OCRmyPDF endete mit Code {result.ExitCode}: {reason}"));
        }

        var text = SkippedPages().Replace(await File.ReadAllTextAsync(sidecar, cancellationToken).ConfigureAwait(false), "");
        return (text.Length > DocumentText.MaxChars ? text[..DocumentText.MaxChars] : text, null);
    }

    /// <summary>A description of OCRmyPDF for the Transfervermerk, e.g. <c>OCRmyPDF 14.0.1 mit tesseract 5.3.0 (deu)</c>.</summary>
    public async Task<string> DescribeSearchablePdfAsync(CancellationToken cancellationToken)
    {
        var version = await ExternalProgram.RunAsync(_ocrMyPdf ?? "ocrmypdf", ["--version"], cancellationToken).ConfigureAwait(false);
        var tesseract = await DescribeAsync(cancellationToken).ConfigureAwait(false);
        return $"OCRmyPDF {version.Output.Trim()} mit {tesseract}";
    }

    // Takes several slots at once; one caller at a time, so that two never hold a part each and wait for the rest.
    private async Task<ProgramResult> WithSlotsAsync(int count, Func<Task<ProgramResult>> run, CancellationToken cancellationToken)
    {
        var taken = 0;
        await _multiSlotGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (; taken < count; taken++)
            {
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (taken > 0)
        {
            _slots.Release(taken);
            throw;
        }
        finally
        {
            _multiSlotGate.Release();
        }

        try
        {
            return await run().ConfigureAwait(false);
        }
        finally
        {
            _slots.Release(count);
        }
    }

    // OCRmyPDF notes pages it left alone (they had text) in the sidecar file; that note is no text of the document.
    [GeneratedRegex(@"\[OCR skipped on page\(s\) [^\]]*\]")]
    private static partial Regex SkippedPages();

    private async Task<ProgramResult> LimitedAsync(Func<Task<ProgramResult>> run, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await run().ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    private static string Join(string[] texts)
    {
        var text = new StringBuilder();
        foreach (var page in texts)
        {
            text.Append(page.Trim()).Append("\n\f\n");
            if (text.Length >= DocumentText.MaxChars)
            {
                return text.ToString(0, DocumentText.MaxChars);
            }
        }

        return text.ToString();
    }
}
