using System.CommandLine;
using System.Text.Json;
using Amtsweg.Bpmn;
using Amtsweg.Bpmn.Reading;
using Amtsweg.Bpmn.Validation;
using Amtsweg.Bpmn.Writing;

namespace Amtsweg.Cli.Commands;

/// <summary>
/// <c>amtsweg bpmn read|validate|roundtrip</c>: reads models of any tool into the model, reports executability,
/// writes a model back.
/// </summary>
internal static class BpmnCommand
{
    public static Command Create(params Command[] more)
    {
        var command = new Command("bpmn", "BPMN-Modelle lesen, prüfen, zurückschreiben.") { Read(), Validate(), Roundtrip() };
        foreach (var extra in more)
        {
            command.Subcommands.Add(extra);
        }

        return command;
    }

    private static Command Read()
    {
        var path = new Argument<string>("path") { Description = "BPMN-Datei oder Ordner (rekursiv)." };
        var json = new Option<bool>("--json") { Description = "Ausgabe als JSON." };
        var command = new Command("read", "Liest jede Datei ins Modell; je Datei ok mit Zählungen oder der Fehler; zuletzt: read N of M.") { path, json };
        command.SetAction(result =>
        {
            var files = Files(result.GetValue(path)!);
            if (files is null)
            {
                return 1;
            }

            var ok = 0;
            var rows = new List<object>();
            foreach (var file in files)
            {
                try
                {
                    var report = BpmnFileReport.Create(BpmnReader.Read(file));
                    ok++;
                    rows.Add(new { file, ok = true, report });
                    if (!result.GetValue(json))
                    {
                        Console.WriteLine($"ok    {file}: {report}");
                    }
                }
                catch (Exception error) when (error is BpmnModelException or System.Xml.XmlException or IOException)
                {
                    rows.Add(new { file, ok = false, error = error.Message });
                    if (!result.GetValue(json))
                    {
                        Console.WriteLine($"error {file}: {error.Message}");
                    }
                }
            }

            if (result.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { files = rows, read = ok, total = files.Count }, new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                Console.WriteLine($"read {ok} of {files.Count}");
            }

            return ok == files.Count ? 0 : 2;
        });
        return command;
    }

    private static Command Validate()
    {
        var path = new Argument<string>("path") { Description = "BPMN-Datei oder Ordner (rekursiv)." };
        var command = new Command("validate", "Prüft, ob die Engine die Modelle ausführen kann; zuletzt: valid N of M.") { path };
        command.SetAction(result =>
        {
            var files = Files(result.GetValue(path)!);
            if (files is null)
            {
                return 1;
            }

            var valid = 0;
            foreach (var file in files)
            {
                try
                {
                    var validation = BpmnValidator.Validate(BpmnReader.Read(file));
                    if (validation.IsValid)
                    {
                        valid++;
                    }

                    Console.WriteLine($"{(validation.IsValid ? "valid  " : "invalid")} {file}");
                    foreach (var problem in validation.Problems)
                    {
                        Console.WriteLine($"  {problem}");
                    }
                }
                catch (Exception error) when (error is BpmnModelException or System.Xml.XmlException or IOException)
                {
                    Console.WriteLine($"error   {file}: {error.Message}");
                }
            }

            Console.WriteLine($"valid {valid} of {files.Count}");
            return valid == files.Count ? 0 : 2;
        });
        return command;
    }

    private static Command Roundtrip()
    {
        var input = new Argument<FileInfo>("in") { Description = "BPMN-Datei." };
        var output = new Argument<FileInfo>("out") { Description = "Zieldatei." };
        var command = new Command("roundtrip", "Liest ein Modell und schreibt es ohne Verlust wieder.") { input, output };
        command.SetAction(result =>
        {
            try
            {
                var definitions = BpmnReader.Read(result.GetValue(input)!.FullName);
                BpmnWriter.Write(definitions, result.GetValue(output)!.FullName);
                Console.WriteLine($"geschrieben: {result.GetValue(output)!.FullName} ({BpmnFileReport.Create(definitions)})");
                return 0;
            }
            catch (Exception error) when (error is BpmnModelException or System.Xml.XmlException or IOException)
            {
                Console.Error.WriteLine("Fehler: " + error.Message);
                return 1;
            }
        });
        return command;
    }

    private static List<string>? Files(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path, "*.bpmn*", SearchOption.AllDirectories)
                .Concat(Directory.EnumerateFiles(path, "*.xml", SearchOption.AllDirectories))
                .Distinct()
                .Order(StringComparer.Ordinal)
                .ToList();
        }

        Console.Error.WriteLine($"Fehler: {path} gibt es nicht.");
        return null;
    }
}
