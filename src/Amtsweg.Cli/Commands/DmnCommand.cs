using System.CommandLine;
using System.Text.Json;
using Amtsweg.Decisions;
using Amtsweg.Decisions.Tck;
using Amtsweg.Feel;

namespace Amtsweg.Cli.Commands;

/// <summary><c>amtsweg dmn tck &lt;folder&gt;</c> and <c>amtsweg dmn eval &lt;file.dmn&gt; --decision ... --input ...</c>.</summary>
internal static class DmnCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Ordner mit DMN-TCK-Testfällen (wird rekursiv durchsucht)." };
        var json = new Option<FileInfo?>("--json") { Description = "Ergebnis zusätzlich als JSON in diese Datei schreiben." };
        var tck = new Command("tck", "Führt die DMN-TCK-Testfälle eines Ordners aus; letzte Zeile: passed N of M.") { folder, json };
        tck.SetAction(result =>
        {
            var root = result.GetValue(folder)!;
            if (!root.Exists)
            {
                Console.Error.WriteLine($"Fehler: Den Ordner {root.FullName} gibt es nicht.");
                return 1;
            }

            var report = TckRunner.Run(root.FullName);
            foreach (var failing in report.Cases.Where(c => !c.Passed))
            {
                Console.WriteLine($"FAILED {failing.Suite} {failing.CaseId}: expected {failing.Expected}; actual {failing.Actual}{(failing.Error is null ? "" : "; " + failing.Error)}");
            }

            foreach (var (group, figures) in report.ByGroup)
            {
                Console.WriteLine($"{group}: passed {figures.Passed} of {figures.Total}");
            }

            if (result.GetValue(json) is { } jsonFile)
            {
                using var output = jsonFile.Create();
                TckReportWriter.WriteJson(report, output);
            }

            Console.WriteLine($"passed {report.Passed} of {report.Total}");
            return report.Passed == report.Total ? 0 : 2;
        });

        var file = new Argument<FileInfo>("file") { Description = "DMN-Datei." };
        var decision = new Option<string>("--decision") { Description = "Id oder Name der Entscheidung.", Required = true };
        var input = new Option<string?>("--input") { Description = "Eingaben als JSON-Objekt, z. B. '{\"Alter\": 17}'." };
        var eval = new Command("eval", "Wertet eine Entscheidung aus; gibt das Ergebnis als JSON und die zutreffenden Regeln aus.") { file, decision, input };
        eval.SetAction(result =>
        {
            try
            {
                var definitions = DmnParser.ParseFile(result.GetValue(file)!.FullName);
                var wanted = result.GetValue(decision)!;
                if (!definitions.Decisions.Any(d => d.Id == wanted || d.Name == wanted))
                {
                    Console.Error.WriteLine($"Fehler: Die Datei enthält keine Entscheidung '{wanted}'.");
                    return 1;
                }

                var scope = FeelCommand.ToScope(result.GetValue(input));
                var inputs = scope.Names.Select(name => new KeyValuePair<string, FeelValue>(name, scope.TryGet(name, out var value) ? value : FeelValue.Null));
                var outcome = DmnEngine.Evaluate(definitions, wanted, inputs);
                Console.WriteLine(FeelConvert.ToJson(outcome.Value)?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null");
                foreach (var evaluated in outcome.Decisions)
                {
                    foreach (var rule in evaluated.MatchedRules)
                    {
                        Console.WriteLine($"{evaluated.Name}: {rule}");
                    }
                }

                foreach (var message in outcome.Messages)
                {
                    Console.Error.WriteLine(message.ToGermanString());
                }

                return outcome.HasErrors ? 1 : 0;
            }
            catch (DmnModelException error)
            {
                Console.Error.WriteLine("Fehler: " + error.MessageGerman);
                return 1;
            }
            catch (Exception error) when (error is JsonException or IOException or System.Xml.XmlException)
            {
                Console.Error.WriteLine("Fehler: " + error.Message);
                return 1;
            }
        });

        return new Command("dmn", "DMN-Entscheidungen auswerten und prüfen.") { tck, eval };
    }
}
