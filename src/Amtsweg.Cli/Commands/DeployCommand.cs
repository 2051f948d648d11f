using System.CommandLine;
using Amtsweg.Engine;

namespace Amtsweg.Cli.Commands;

/// <summary>
/// <c>amtsweg deploy --tenant AGS &lt;files or folders&gt; [--json]</c>: deploys BPMN, DMN and form (<c>.form</c>) files as
/// one deployment of a municipality, all or nothing, as <c>POST /v2/deployments</c> does. Folders contribute their
/// <c>.bpmn</c>, <c>.dmn</c> and <c>.form</c> files (with sub-folders), so the forms a diagram links go with it.
/// Exit code 0 when deployed, 1 on wrong input or a refused model (each problem named with its file).
/// </summary>
internal static class DeployCommand
{
    /// <summary>The most bytes of all files of one deployment, as the REST API allows.</summary>
    private const long MaxBytes = 4 * 1024 * 1024;

    private static readonly string[] Extensions = [".bpmn", ".dmn", ".form"];

    public static Command Create()
    {
        var paths = new Argument<string[]>("pfade") { Description = "BPMN-, DMN- und Formulardateien (.bpmn, .dmn, .form) oder Ordner mit ihnen.", Arity = ArgumentArity.OneOrMore };
        var tenant = OperationsCli.Tenant();
        var json = OperationsCli.JsonOutput();
        var command = new Command("deploy", "Stellt Prozesse, Entscheidungen und Formulare gemeinsam bereit (alles oder nichts).") { paths, tenant, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var files = new List<string>();
            foreach (var path in result.GetValue(paths)!)
            {
                if (Directory.Exists(path))
                {
                    files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(IsDeployable).Order(StringComparer.Ordinal));
                }
                else if (!File.Exists(path))
                {
                    return await OperationsCli.FailAsync($"{path} gibt es nicht.");
                }
                else if (!IsDeployable(path))
                {
                    return await OperationsCli.FailAsync($"{Path.GetFileName(path)} ist keine BPMN-, DMN- oder Formulardatei (erwartet: .bpmn, .dmn oder .form).");
                }
                else
                {
                    files.Add(path);
                }
            }

            if (files.Count == 0)
            {
                return await OperationsCli.FailAsync("In den angegebenen Ordnern liegt keine BPMN-, DMN- oder Formulardatei.");
            }

            if (files.Sum(f => new FileInfo(f).Length) > MaxBytes)
            {
                return await OperationsCli.FailAsync($"Die Dateien sind zusammen größer als {MaxBytes / 1024 / 1024} MB.");
            }

            var resources = new List<DeploymentResource>();
            foreach (var file in files)
            {
                resources.Add(new DeploymentResource(Path.GetFileName(file), await File.ReadAllTextAsync(file, cancellationToken)));
            }

            return await OperationsCli.RunAsync(result, result.GetValue(tenant)!, "Eintrag nicht gefunden.", async engine =>
            {
                DeploymentInfo deployment;
                try
                {
                    deployment = await engine.DeployAsync(new DeploymentRequest(string.Join(", ", resources.Select(r => r.Name)), resources, OperationsCli.Actor), cancellationToken);
                }
                catch (DeploymentFailedException refused)
                {
                    foreach (var problem in refused.Problems)
                    {
                        await Console.Error.WriteLineAsync($"{problem.Resource}: {problem.Problem.MessageGerman}" + (problem.Problem.ElementId is { } element ? $" (Element {element})" : string.Empty));
                    }

                    return await OperationsCli.FailAsync("Die Bereitstellung wurde abgelehnt; nichts wurde bereitgestellt.");
                }

                if (result.GetValue(json))
                {
                    OperationsCli.WriteJson(deployment);
                    return 0;
                }

                foreach (var process in deployment.ProcessDefinitions)
                {
                    Console.WriteLine($"Prozess „{process.ProcessId}“ Version {process.Version}");
                }

                foreach (var form in deployment.Forms)
                {
                    Console.WriteLine($"Formular „{form.FormId}“ Version {form.Version} ({form.ResourceName})");
                }

                Console.WriteLine($"Bereitgestellt: {deployment.ProcessDefinitions.Count} Prozess(e), {deployment.Forms.Count} Formular(e)");
                return 0;
            }, cancellationToken);
        });
        return command;
    }

    private static bool IsDeployable(string path) => Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);
}
