using System.Diagnostics;
using System.Globalization;
using Amtsweg.Data;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records;
using Amtsweg.Records.Intake;
using Amtsweg.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Benchmarks;

/// <summary>
/// OCR pages per minute through the Posteingang (receive, sniff, hash, blob store, SQLite, virus scan off, Tesseract,
/// proposal) next to the plain <c>tesseract</c> command on the same pages with the same parallelism; and the
/// Posteingang with OCRmyPDF, which also makes each page a searchable PDF/A. Not a
/// BenchmarkDotNet class: one page takes seconds, so a run is a handful of pages, timed from outside, with the plain
/// runs and the pipeline runs interleaved so that changing machine load hits both alike.
/// Run: <c>dotnet Amtsweg.Benchmarks.dll ocr [pages] [rounds]</c>.
/// </summary>
internal static class OcrThroughput
{
    private static readonly string[] Vocabulary =
    [
        "Gewerbeanmeldung", "Bäckerei", "Straße", "Antrag", "Gemeinde", "Bescheid", "Widerspruch", "Gebühren", "Sondernutzung",
        "Baugenehmigung", "Grundstück", "Flurstück", "Eigentümerin", "Bürgermeister", "Sachbearbeitung", "Frist", "Vollmacht",
        "Meldebescheinigung", "Aufenthaltstitel", "Wohnsitz", "Hundesteuer", "Abwassergebühr", "Straßenreinigung", "Ortsbeirat",
        "Bebauungsplan", "Nachweis", "Zuständigkeit", "Verwaltungsakt", "Rechtsbehelfsbelehrung", "fristgerecht", "beantragt",
        "geprüft", "genehmigt", "abgelehnt", "übersandt", "die", "der", "und", "für", "mit", "vom", "zur", "nach", "gemäß", "über",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var pages = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var parallelism = Environment.ProcessorCount;
        var work = Directory.CreateTempSubdirectory("amtsweg-ocr-bench-");
        try
        {
            var files = Enumerable.Range(1, pages).Select(i => MakePage(work.FullName, i)).ToList();
            Console.WriteLine($"{pages} A4 pages at 300 dpi, 36 lines of German text each; {parallelism} at once; {rounds} rounds; load average {LoadAverage()}");
            var plain = new List<double>();
            var pipeline = new List<double>();
            var searchable = new List<double>();
            for (var round = 1; round <= rounds; round++)
            {
                plain.Add(await PlainAsync(files, parallelism));
                pipeline.Add(await PipelineAsync(files, parallelism, "off"));
                searchable.Add(await PipelineAsync(files, parallelism, "ocrmypdf"));
                Console.WriteLine($"round {round}: plain tesseract {PerMinute(pages, plain[^1]):0.0} pages/min, Posteingang {PerMinute(pages, pipeline[^1]):0.0} pages/min, "
                    + $"Posteingang with OCRmyPDF (PDF/A) {PerMinute(pages, searchable[^1]):0.0} pages/min, load average {LoadAverage()}");
            }

            var plainBest = PerMinute(pages, plain.Min());
            var pipelineBest = PerMinute(pages, pipeline.Min());
            var searchableBest = PerMinute(pages, searchable.Min());
            Console.WriteLine($"best: plain tesseract {plainBest:0.0} pages/min, Posteingang {pipelineBest:0.0} pages/min, ratio {pipelineBest / plainBest:P0}; with OCRmyPDF {searchableBest:0.0} pages/min, ratio {searchableBest / plainBest:P0}");
            Console.WriteLine($"median: plain tesseract {PerMinute(pages, Median(plain)):0.0} pages/min, Posteingang {PerMinute(pages, Median(pipeline)):0.0} pages/min, ratio {Median(plain) / Median(pipeline):P0}; "
                + $"with OCRmyPDF {PerMinute(pages, Median(searchable)):0.0} pages/min, ratio {Median(plain) / Median(searchable):P0}");
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    // The plain command as an operator would run it: one process per page, OMP_THREAD_LIMIT=1, as many at once as cores.
    private static async Task<double> PlainAsync(List<string> files, int parallelism)
    {
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (file, token) =>
        {
            var start = new ProcessStartInfo("tesseract") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { file, "stdout", "-l", "deu" })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["OMP_THREAD_LIMIT"] = "1";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(token);
            _ = await process.StandardError.ReadToEndAsync(token);
            await process.WaitForExitAsync(token);
            if (process.ExitCode != 0 || (await output).Length < 100)
            {
                throw new InvalidOperationException("tesseract failed on " + file);
            }
        });
        return watch.Elapsed.TotalSeconds;
    }

    // Every page a scan of its own through the Posteingang on a fresh SQLite store: receive, then process all waiting.
    private static async Task<double> PipelineAsync(List<string> files, int parallelism, string ocrMyPdf)
    {
        await using var store = await TestDataStore.CreateAsync(DatabaseProvider.Sqlite);
        var settings = new Dictionary<string, string?>(store.Settings)
        {
            ["Amtsweg:Records:Intake:OcrParallelism"] = parallelism.ToString(CultureInfo.InvariantCulture),
            ["Amtsweg:Records:Intake:OcrMyPdfCommand"] = ocrMyPdf,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddAmtswegData(configuration).AddAmtswegRecords(configuration).BuildServiceProvider();
        await using (services)
        {
            var tenant = Guid.CreateVersion7();
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            }

            var watch = Stopwatch.StartNew();
            foreach (var file in files)
            {
                await using var scope = services.CreateTenantScope(tenant);
                await using var content = File.OpenRead(file);
                await scope.ServiceProvider.GetRequiredService<IntakeReceiver>().ReceiveAsync(content, new IntakeDelivery(Path.GetFileName(file), IntakeSource.Import, "benchmark"), CancellationToken.None);
            }

            var processed = await services.GetRequiredService<IntakeWorker>().RunPendingAsync(CancellationToken.None);
            var seconds = watch.Elapsed.TotalSeconds;
            if (processed != files.Count)
            {
                throw new InvalidOperationException($"processed {processed} of {files.Count}");
            }

            return seconds;
        }
    }

    private static string MakePage(string folder, int number)
    {
        var random = new Random(number);
        var path = Path.Combine(folder, $"seite-{number:00}.png");
        var start = new ProcessStartInfo("/usr/bin/convert") { RedirectStandardError = true };
        foreach (var argument in new[] { "-size", "2480x3508", "xc:white", "-font", "DejaVu-Sans", "-pointsize", "11", "-density", "300", "-fill", "black" })
        {
            start.ArgumentList.Add(argument);
        }

        for (var line = 0; line < 36; line++)
        {
            start.ArgumentList.Add("-annotate");
            start.ArgumentList.Add($"+200+{300 + (line * 85)}");
            start.ArgumentList.Add(string.Join(' ', Enumerable.Range(0, 9).Select(_ => Vocabulary[random.Next(Vocabulary.Length)])));
        }

        start.ArgumentList.Add("-type");
        start.ArgumentList.Add("Grayscale");
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? path : throw new InvalidOperationException("convert failed: " + error);
    }

    private static double PerMinute(int pages, double seconds) => pages * 60 / seconds;

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
