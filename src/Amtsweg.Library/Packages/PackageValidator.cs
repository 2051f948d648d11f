using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Amtsweg.Bpmn;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Reading;
using Amtsweg.Bpmn.Validation;
using Amtsweg.Decisions;
using Amtsweg.Decisions.Evaluation;
using Amtsweg.Documents;
using Amtsweg.Engine;
using Amtsweg.Engine.Simulation;
using Amtsweg.Engine.Simulation.Scenarios;
using Amtsweg.Forms.Schema;
using Amtsweg.Xml;

namespace Amtsweg.Library.Packages;

/// <summary>
/// Checks a package as a whole (<c>amtsweg package validate</c>): the layout, the manifest, every BPMN model as one
/// deployment of the package's models, forms and decisions together would be checked by the engine (on a throwaway
/// simulation engine), every form with <c>Amtsweg.Forms</c>, every decision with <see cref="DmnCheck"/>, every letter
/// template, the letters the models' tasks name, the job types used against those listed, the parameters the models
/// refer to, and every scenario with the scenario reader. Each problem names its file and element, in German.
/// </summary>
public static partial class PackageValidator
{
    /// <summary>
    /// The built-in job type that writes a letter (<c>Amtsweg.Casework.GenerateDokumentHandler.Type</c>); its header
    /// <c>brief</c> names a letter template.
    /// </summary>
    public const string LetterJobType = "amtsweg:dokument-erzeugen";

    /// <summary>The name of the start variable that carries the parameter values.</summary>
    public const string ParameterVariable = "parameter";

    /// <summary>Reads a folder or archive and checks it.</summary>
    /// <exception cref="PackageReadException">The package cannot be read at all.</exception>
    public static async Task<PackageValidation> ValidateAsync(string path, CancellationToken cancellationToken = default) =>
        await ValidateAsync(await PackageReader.ReadAsync(path, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>Checks a package's files.</summary>
    public static async Task<PackageValidation> ValidateAsync(PackageFiles files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<PackageProblem>(PackageLayout.Problems(files));
        var warnings = new List<PackageProblem>();
        var texts = Texts(files, problems);
        var manifest = Manifest(texts, problems);

        var forms = FormProblems(texts, problems);
        var decisions = DecisionProblems(texts, problems);
        var templates = Templates(texts, problems);
        var models = Models(texts);
        await DeploymentProblemsAsync(manifest?.Id ?? "paket", texts, forms.Concat(decisions).ToHashSet(StringComparer.Ordinal), problems, warnings, cancellationToken).ConfigureAwait(false);
        foreach (var (path, model) in models)
        {
            problems.AddRange(LetterProblems(path, model, templates));
        }

        if (manifest is not null)
        {
            problems.AddRange(JobTypeProblems(manifest, models));
            problems.AddRange(ParameterReferenceProblems(manifest, texts));
        }

        var scenarios = Scenarios(texts, manifest, models, problems);
        return new PackageValidation(
            files,
            manifest,
            [.. problems.OrderBy(p => FileOrder(p.File)).ThenBy(p => p.File, StringComparer.Ordinal)],
            [.. warnings.OrderBy(p => p.File, StringComparer.Ordinal)],
            scenarios);
    }

    /// <summary>
    /// The model a scenario runs against: the one that holds its <c>processId</c>, or, when it names none, the one model
    /// whose processes no other model calls; null with <paramref name="problem"/> when there is none or the choice is not clear.
    /// </summary>
    public static string? ModelOf(Scenario scenario, IReadOnlyList<(string Path, BpmnDefinitions Model)> models, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(models);
        problem = null;
        if (scenario.ProcessId is { } processId)
        {
            var holding = models.Where(m => m.Model.Processes.Any(p => p.Id == processId)).Select(m => m.Path).FirstOrDefault();
            problem = holding is null ? $"Den Prozess '{processId}' (processId) gibt es in keinem Modell des Pakets." : null;
            return holding;
        }

        // Without processId: the one model whose processes no other model calls (a main process with its called sub-processes).
        var called = models
            .SelectMany(m => m.Model.Processes.SelectMany(p => p.AllFlowNodes))
            .Select(n => n.Zeebe.CalledElement?.ProcessId)
            .Where(id => id is { IsFeel: false })
            .Select(id => id!.Text.Trim())
            .ToHashSet(StringComparer.Ordinal);
        var starting = models.Where(m => m.Model.Processes.Any(p => p.Id is not null && !called.Contains(p.Id))).ToList();
        if (starting.Count == 1)
        {
            return starting[0].Path;
        }

        problem = "Das Paket hat mehrere Modelle, die kein anderes aufruft: Das Szenario muss mit \"processId\" sagen, welcher Prozess startet.";
        return null;
    }

    /// <summary>The start variables of a scenario in a package: <c>parameter</c> is the defaults, merged with the scenario's own <c>parameter</c> object (whose values win).</summary>
    public static IReadOnlyDictionary<string, JsonNode?> StartVariables(Scenario scenario, PackageManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(manifest);
        var merged = manifest.ParameterDefaults();
        if (scenario.StartVariables.GetValueOrDefault(ParameterVariable) is JsonObject own)
        {
            foreach (var (name, value) in own)
            {
                merged[name] = value?.DeepClone();
            }
        }

        var variables = scenario.StartVariables.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal);
        variables[ParameterVariable] = merged;
        return variables;
    }

    /// <summary>The BPMN models of the package that read, by path.</summary>
    internal static List<(string Path, BpmnDefinitions Model)> Models(IReadOnlyDictionary<string, string> texts)
    {
        var models = new List<(string Path, BpmnDefinitions Model)>();
        foreach (var (path, text) in texts.Where(t => IsIn(t.Key, "prozesse", ".bpmn")))
        {
            try
            {
                models.Add((path, BpmnReader.Parse(text)));
            }
            catch (BpmnModelException)
            {
                // The engine's check of the deployment reports the file with its line.
            }
        }

        return models;
    }

    /// <summary>Every file of the layout as text; a file that is not UTF-8 is a problem and left out.</summary>
    internal static Dictionary<string, string> Texts(PackageFiles files, List<PackageProblem> problems)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in files.Files.Keys)
        {
            try
            {
                texts[path] = files.Text(path);
            }
            catch (PackageTextException error)
            {
                problems.Add(new PackageProblem(path, null, error.Message));
            }
        }

        return texts;
    }

    private static PackageManifest? Manifest(Dictionary<string, string> texts, List<PackageProblem> problems)
    {
        if (!texts.TryGetValue(PackageLayout.Manifest, out var text))
        {
            return null;
        }

        try
        {
            return ManifestReader.Read(text);
        }
        catch (PackageManifestException error)
        {
            problems.Add(new PackageProblem(PackageLayout.Manifest, error.Path.Length == 0 ? null : error.Path, error.Problem));
            return null;
        }
    }

    private static IEnumerable<string> FormProblems(Dictionary<string, string> texts, List<PackageProblem> problems)
    {
        foreach (var (path, text) in texts.Where(t => IsIn(t.Key, "formulare", ".form")))
        {
            string? problem = null;
            string? element = null;
            try
            {
                FormSchemaReader.Read(text);
            }
            catch (FormSchemaException error)
            {
                problem = error.Message;
                element = error.ComponentId;
            }

            if (problem is not null)
            {
                problems.Add(new PackageProblem(path, element, problem));
                yield return path;
            }
        }
    }

    private static IEnumerable<string> DecisionProblems(Dictionary<string, string> texts, List<PackageProblem> problems)
    {
        foreach (var (path, text) in texts.Where(t => IsIn(t.Key, "entscheidungen", ".dmn")))
        {
            var errors = DmnCheck.Check(text).Where(p => p.Severity == DmnMessageSeverity.Error).ToList();
            problems.AddRange(errors.Select(p => new PackageProblem(path, p.ElementId ?? p.DecisionId ?? Line(p.Location.Line), p.TextGerman)));
            if (errors.Count > 0)
            {
                yield return path;
            }
        }
    }

    /// <summary>The letter templates of a valid package's <c>briefe/</c> folder, by key.</summary>
    internal static Dictionary<string, LetterTemplate> Letters(Dictionary<string, string> texts) =>
        texts.Where(t => IsIn(t.Key, "briefe", ".txt"))
            .Select(t => LetterTemplate.Parse(t.Key["briefe/".Length..^".txt".Length], t.Value))
            .ToDictionary(t => t.Key, StringComparer.Ordinal);

    private static HashSet<string> Templates(Dictionary<string, string> texts, List<PackageProblem> problems)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, text) in texts.Where(t => IsIn(t.Key, "briefe", ".txt")))
        {
            var key = path["briefe/".Length..^".txt".Length];
            try
            {
                LetterTemplate.Parse(key, text);
                keys.Add(key);
            }
            catch (TemplateException error)
            {
                problems.Add(new PackageProblem(path, null, error.Message));
            }
        }

        return keys;
    }

    private static async Task DeploymentProblemsAsync(string name, Dictionary<string, string> texts, HashSet<string> reported, List<PackageProblem> problems, List<PackageProblem> warnings, CancellationToken cancellationToken)
    {
        var resources = texts
            .Where(t => IsIn(t.Key, "prozesse", ".bpmn") || IsIn(t.Key, "formulare", ".form") || IsIn(t.Key, "entscheidungen", ".dmn"))
            .Select(t => new DeploymentResource(t.Key, t.Value))
            .ToList();
        if (!resources.Any(r => IsIn(r.Name, "prozesse", ".bpmn")))
        {
            return;
        }

        foreach (var found in await ProcessSimulation.ValidateDeploymentAsync(name, resources, cancellationToken).ConfigureAwait(false))
        {
            // A form or decision that its own reader refused is reported once, by that reader.
            if (reported.Contains(found.Resource))
            {
                continue;
            }

            var problem = new PackageProblem(found.Resource, found.Problem.ElementId ?? Line(found.Problem.Line), found.Problem.MessageGerman);
            (found.Problem.Severity == BpmnProblemSeverity.Error ? problems : warnings).Add(problem);
        }
    }

    private static IEnumerable<PackageProblem> LetterProblems(string path, BpmnDefinitions model, HashSet<string> templates) =>
        from node in ServiceTasks(model)
        where node.Zeebe.TaskDefinition!.Type!.Text.Trim() == LetterJobType
        let letter = node.Zeebe.TaskHeaders.LastOrDefault(h => h.Key == "brief")?.Value.Trim()
        where letter is not null && !templates.Contains(letter) && LetterTemplate.Find(letter) is null
        select new PackageProblem(path, node.Id, $"Die Briefvorlage „{letter}“ (Header „brief“) gibt es weder im Paket (briefe/{letter}.txt) noch unter den mitgelieferten Vorlagen ({string.Join(", ", LetterTemplate.Defaults.Select(t => t.Key))}).");

    private static IEnumerable<PackageProblem> JobTypeProblems(PackageManifest manifest, List<(string Path, BpmnDefinitions Model)> models)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, model) in models)
        {
            foreach (var node in ServiceTasks(model))
            {
                var type = node.Zeebe.TaskDefinition!.Type!.Text.Trim();
                used.Add(type);
                if (!manifest.JobTypes.Contains(type, StringComparer.Ordinal))
                {
                    yield return new PackageProblem(path, node.Id, $"Der Auftragstyp '{type}' steht nicht in \"jobTypes\" des Manifests.");
                }
            }
        }

        for (var i = 0; i < manifest.JobTypes.Count; i++)
        {
            if (!used.Contains(manifest.JobTypes[i]))
            {
                yield return new PackageProblem(PackageLayout.Manifest, $"jobTypes[{i}]", $"Den Auftragstyp '{manifest.JobTypes[i]}' verwendet kein Modell des Pakets.");
            }
        }
    }

    private static IEnumerable<FlowNode> ServiceTasks(BpmnDefinitions model) =>
        model.Processes.SelectMany(p => p.AllFlowNodes).Where(n => n.Zeebe.TaskDefinition?.Type is { IsFeel: false });

    /// <summary>Every <c>parameter.name</c> in models, decisions, forms and letters whose name the manifest does not declare.</summary>
    private static IEnumerable<PackageProblem> ParameterReferenceProblems(PackageManifest manifest, Dictionary<string, string> texts)
    {
        var declared = manifest.Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<(string, string?, string)>();
        foreach (var (path, text) in texts.Where(t => IsIn(t.Key, "prozesse", ".bpmn") || IsIn(t.Key, "entscheidungen", ".dmn") || IsIn(t.Key, "formulare", ".form") || IsIn(t.Key, "briefe", ".txt")))
        {
            foreach (var (element, name) in References(path, text))
            {
                if (!declared.Contains(name) && seen.Add((path, element, name)))
                {
                    yield return new PackageProblem(path, element, $"Der Parameter '{name}' (parameter.{name}) ist im Manifest nicht erklärt.");
                }
            }
        }
    }

    /// <summary>The parameter names a file refers to, with the id of the XML element they stand in (null outside XML).</summary>
    private static IEnumerable<(string? Element, string Name)> References(string path, string text)
    {
        if (!path.EndsWith(".bpmn", StringComparison.Ordinal) && !path.EndsWith(".dmn", StringComparison.Ordinal))
        {
            return ParameterReference().Matches(text).Select(m => ((string?)null, m.Groups[1].Value));
        }

        XDocument document;
        try
        {
            document = SafeXml.ParseDocument(text);
        }
        catch (XmlException)
        {
            // The engine's check reports a file that does not read.
            return [];
        }

        return document.Descendants()
            .SelectMany(e => e.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => a.Value).Concat(e.Nodes().OfType<XText>().Select(t => t.Value))
                .SelectMany(value => ParameterReference().Matches(value))
                .Select(m => (Id(e), m.Groups[1].Value)))
            .ToList();
    }

    private static string? Id(XElement element) =>
        element.AncestorsAndSelf().Select(e => (string?)e.Attribute("id")).FirstOrDefault(id => id is not null);

    private static List<ScenarioFile> Scenarios(Dictionary<string, string> texts, PackageManifest? manifest, List<(string Path, BpmnDefinitions Model)> models, List<PackageProblem> problems)
    {
        var scenarios = new List<ScenarioFile>();
        foreach (var (path, text) in texts.Where(t => IsIn(t.Key, "szenarien", ".json")))
        {
            Scenario scenario;
            try
            {
                scenario = ScenarioReader.Read(text);
            }
            catch (ScenarioFormatException error)
            {
                problems.Add(new PackageProblem(path, error.Path.Length == 0 ? null : error.Path, error.Problem));
                continue;
            }

            scenarios.Add(new ScenarioFile(path, scenario));
            if (models.Count > 0 && ModelOf(scenario, models, out var problem) is null)
            {
                problems.Add(new PackageProblem(path, "processId", problem!));
            }

            if (manifest is not null)
            {
                problems.AddRange(OverrideProblems(path, scenario, manifest));
            }
        }

        return scenarios;
    }

    /// <summary>A scenario's own <c>parameter</c> start variable: an object of declared parameters, each of its type.</summary>
    private static IEnumerable<PackageProblem> OverrideProblems(string path, Scenario scenario, PackageManifest manifest)
    {
        if (!scenario.StartVariables.TryGetValue(ParameterVariable, out var node))
        {
            yield break;
        }

        var where = $"startVariables.{ParameterVariable}";
        if (node is not JsonObject own)
        {
            yield return new PackageProblem(path, where, "Erwartet wird ein JSON-Objekt mit Parameterwerten { … }.");
            yield break;
        }

        foreach (var (name, value) in own)
        {
            var parameter = manifest.Parameters.FirstOrDefault(p => p.Name == name);
            if (parameter is null)
            {
                yield return new PackageProblem(path, $"{where}.{name}", $"Den Parameter '{name}' erklärt das Manifest nicht.");
            }
            else if (ManifestReader.TypeProblem(parameter.Type, value) is { } problem)
            {
                yield return new PackageProblem(path, $"{where}.{name}", problem);
            }
        }
    }

    /// <summary>The manifest's problems first, then the files in order.</summary>
    private static int FileOrder(string file) => file == PackageLayout.Manifest ? 0 : 1;

    private static bool IsIn(string path, string folder, string extension) =>
        path.StartsWith(folder + "/", StringComparison.Ordinal) && path.EndsWith(extension, StringComparison.Ordinal) && path.Count(c => c == '/') == 1;

    private static string? Line(int line) => line > 0 ? $"Zeile {line}" : null;

    [GeneratedRegex(@"(?<![\p{L}\p{Nd}_.])parameter\.([\p{L}_][\p{L}\p{Nd}_]*)", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterReference();
}
