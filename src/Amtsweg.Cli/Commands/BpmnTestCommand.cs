using System.CommandLine;
using System.Xml;
using Amtsweg.Engine;
using Amtsweg.Engine.Simulation.Scenarios;
using Amtsweg.Xml;

namespace Amtsweg.Cli.Commands;

/// <summary>
/// <c>amtsweg bpmn test &lt;model.bpmn&gt; &lt;szenario.json|ordner&gt;... [--with datei.form|datei.dmn|ordner]...</c>: runs
/// scenarios (<c>amtsweg-scenario/1</c>) headless on the simulation, as the designer's studio does with „Alle Szenarien
/// ausführen“. One line per scenario and last <c>scenarios passed N of M</c> (<see cref="ScenarioSuite"/>, which the
/// process library's <c>package test</c> uses too). Exit code 0 when every scenario passed, 1 when one did not, 2 for bad
/// input (a file that cannot be read, a scenario the reader refuses), before anything runs.
/// </summary>
internal static class BpmnTestCommand
{
    /// <summary>The <c>test</c> subcommand of <c>bpmn</c>.</summary>
    public static Command Create()
    {
        var model = new Argument<FileInfo>("modell") { Description = "Die BPMN-Datei des Prozesses." };
        var scenarios = new Argument<string[]>("szenarien") { Description = "Szenario-Dateien (.json, Format amtsweg-scenario/1) oder Ordner mit solchen Dateien.", Arity = ArgumentArity.OneOrMore };
        var with = new Option<string[]>("--with") { Description = "Formulare (.form) und Entscheidungen (.dmn), die mit dem Prozess bereitgestellt werden: Dateien oder Ordner (mehrfach möglich).", AllowMultipleArgumentsPerToken = false };
        var test = new Command("test", "Führt Szenarien eines Prozesses in der Simulation aus; je Szenario eine Zeile, zuletzt: scenarios passed N of M.") { model, scenarios, with };
        test.SetAction(async (result, cancellationToken) =>
        {
            string xml;
            IReadOnlyList<ScenarioFile> files;
            IReadOnlyList<DeploymentResource> resources;
            try
            {
                xml = await ReadModelAsync(result.GetValue(model)!, cancellationToken);
                resources = await ResourcesAsync(result.GetValue(with) ?? [], cancellationToken);
                files = await ScenarioFiles.ReadAsync(result.GetValue(scenarios) ?? [], cancellationToken);
            }
            catch (Exception error) when (error is ScenarioFileException or ArgumentException or IOException or UnauthorizedAccessException or XmlException)
            {
                await Console.Error.WriteLineAsync("Fehler: " + error.Message);
                return 2;
            }

            var suite = await ScenarioSuite.RunAsync(xml, files.Select(f => f.Scenario), resources, cancellationToken: cancellationToken);
            foreach (var line in ScenarioSuite.Lines(suite))
            {
                Console.WriteLine(line);
            }

            return suite.AllPassed ? 0 : 1;
        });
        return test;
    }

    private static async Task<string> ReadModelAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new ArgumentException($"{file.Name}: Die BPMN-Datei existiert nicht.");
        }

        await using var stream = file.OpenRead();
        var text = SafeXml.Decode(stream);
        if (text.Warning is { } warning)
        {
            await Console.Error.WriteLineAsync(("Warnung: " + warning.MessageGerman).AsMemory(), cancellationToken);
        }

        return text.Text;
    }

    private static async Task<IReadOnlyList<DeploymentResource>> ResourcesAsync(string[] paths, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.GetFiles(path).Where(IsResource).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(IsResource(path) ? path : throw new ArgumentException($"--with {Path.GetFileName(path)}: erwartet wird ein Formular (.form) oder eine Entscheidung (.dmn)."));
            }
            else
            {
                throw new ArgumentException($"--with {path}: Die Datei oder der Ordner existiert nicht.");
            }
        }

        var resources = new List<DeploymentResource>();
        foreach (var file in files)
        {
            resources.Add(new DeploymentResource(Path.GetFileName(file), await File.ReadAllTextAsync(file, cancellationToken)));
        }

        return resources;
    }

    private static bool IsResource(string path) =>
        Path.GetExtension(path).Equals(".form", StringComparison.OrdinalIgnoreCase) || Path.GetExtension(path).Equals(".dmn", StringComparison.OrdinalIgnoreCase);
}
