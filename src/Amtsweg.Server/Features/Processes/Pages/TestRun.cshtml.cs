using System.Text.Json;
using System.Text.Json.Nodes;
using Amtsweg.Bpmn.Model;
using Amtsweg.Documents;
using Amtsweg.Engine;
using Amtsweg.Engine.Simulation;
using Amtsweg.Engine.Simulation.Scenarios;
using Amtsweg.Library.Packages;
using Amtsweg.Server.Features.Records.Cases;
using Amtsweg.Server.Platform;
using Amtsweg.Server.Resources;
using Amtsweg.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amtsweg.Server.Features.Processes.Pages;

/// <summary>
/// <c>/prozesse/testen</c> (issue 13.3, "Try before going live"): a test run of the latest deployed version of a process
/// (<c>?prozess=</c>) or of a draft (<c>?entwurf=</c>) on the engine's simulation, a throwaway engine in memory on a virtual
/// clock that never touches the municipality's engine. A form without JavaScript takes the start variables, the results
/// per service task and the ordered steps (<c>TestRun.Steps.cs</c>); the result shows the path on the diagram, what happened
/// with the variables it changed, and at which step and why the run stopped.
/// Prozessgestaltung, Administration and Leitung may run it: it changes nothing. The saved scenarios of the process are
/// handled in <c>TestRun.Scenarios.cs</c>.
/// </summary>
[Authorize(Policy = Policies.CaseWork, Roles = ProcessPages.ReadingRoles)]
public sealed partial class TestRunModel(IProcessEngine engine, PlatformDbContext db, ILetterTemplateSource letterTemplates, TimeProvider clock, IStringLocalizer<Ui> text) : PageModel
{
    /// <summary>The longest JSON accepted per field (characters).</summary>
    public const int MaxJsonLength = 100_000;

    /// <summary>The process id from the query, or null.</summary>
    [BindProperty(SupportsGet = true, Name = "prozess")]
    public string? Prozess { get; set; }

    /// <summary>The draft id from the query, or null.</summary>
    [BindProperty(SupportsGet = true, Name = "entwurf")]
    public Guid? Entwurf { get; set; }

    /// <summary>The start variables as the designer typed them (a JSON object).</summary>
    [BindProperty(Name = "start")]
    public string? StartVariables { get; set; }

    /// <summary>The results per service task (element id → JSON object) as typed.</summary>
    [BindProperty(Name = "ergebnis")]
    public Dictionary<string, string?> Outputs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The heading's process name.</summary>
    public string Title { get; private set; } = "";

    /// <summary>Where the diagram comes from: the version, or null for a draft.</summary>
    public int? Version { get; private set; }

    /// <summary>The user and service tasks of the model, by name.</summary>
    public IReadOnlyList<TestRunTask> Tasks { get; private set; } = [];

    /// <summary>Field errors (field name → German message); empty when the input was fine.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>The run, after "Probelauf starten".</summary>
    public SimulationResult? Result { get; private set; }

    /// <summary>Names of the model's elements by id.</summary>
    public IReadOnlyDictionary<string, (string? Name, string? Kind)> Elements { get; private set; } = new Dictionary<string, (string?, string?)>();

    /// <summary>The query string that names the source, for links and the form.</summary>
    public string Query => Entwurf is { } draft ? $"entwurf={draft}" : $"prozess={Uri.EscapeDataString(Prozess ?? string.Empty)}";

    /// <summary>Shows the form.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var xml = await LoadAsync(cancellationToken);
        if (xml is null)
        {
            return NotFound();
        }

        StartVariables ??= "{}";
        return await ShowScenariosAsync(cancellationToken);
    }

    /// <summary>The diagram's XML for the bpmn-js viewer.</summary>
    public async Task<IActionResult> OnGetXmlAsync(CancellationToken cancellationToken)
    {
        var xml = await LoadAsync(cancellationToken);
        return xml is null ? NotFound() : Content(xml, "application/xml", System.Text.Encoding.UTF8);
    }

    /// <summary>Runs the simulation with the form's input; bad input is shown at its field and nothing runs.</summary>
    public async Task<IActionResult> OnPostRunAsync(CancellationToken cancellationToken)
    {
        var xml = await LoadAsync(cancellationToken);
        if (xml is null)
        {
            return NotFound();
        }

        var (variables, outputs, actions) = ReadInputs();
        await LoadScenariosAsync(cancellationToken);
        if (Errors.Count > 0)
        {
            return Page();
        }

        Result = await ProcessSimulation.RunAsync(xml, Options(variables, outputs, actions, await DeployedFormsAsync(cancellationToken), new ScenarioLetters(await LetterTemplatesAsync(cancellationToken))), cancellationToken);
        return Page();
    }

    /// <summary>The simulation of the form's input: the steps are its script, so user tasks wait for a step and the clock moves only by a step.</summary>
    private SimulationOptions Options(Dictionary<string, object?>? variables, Dictionary<string, IReadOnlyDictionary<string, object?>> outputs, List<SimulationAction> actions, IReadOnlyList<DeploymentResource> resources, ScenarioLetters letters) => new()
    {
        Handlers = [letters],
        ProcessId = ProcessIdOfModel,
        Variables = variables,
        TaskOutputs = outputs,
        Actions = actions,
        Resources = resources,
        StartTime = StartTime,
    };

    /// <summary>Reads the start variables, the results per service task and the steps of the form; problems go to <see cref="Errors"/>.</summary>
    private (Dictionary<string, object?>? Variables, Dictionary<string, IReadOnlyDictionary<string, object?>> Outputs, List<SimulationAction> Actions) ReadInputs()
    {
        var variables = ReadObject(StartVariables, "start");
        var outputs = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
        foreach (var (elementId, value) in Outputs)
        {
            if (ServiceTasks.All(t => t.ElementId != elementId))
            {
                Errors[string.Empty] = text["TestRun.Error.UnknownTask", elementId];
                continue;
            }

            if (!string.IsNullOrWhiteSpace(value) && ReadObject(value, $"ergebnis[{elementId}]") is { } read)
            {
                outputs[elementId] = read;
            }
        }

        return (variables, outputs, ReadSteps());
    }

    // The forms a task links (zeebe:formDefinition formId) come from the municipality's deployed forms, each in its
    // latest version, as the running process would find them; without them the run stopped at every such task.
    /// <summary>The municipality's letter templates by key: a run's letter tasks write from them, as its engine would (one <see cref="ScenarioLetters"/> per run).</summary>
    private async Task<Dictionary<string, LetterTemplate>> LetterTemplatesAsync(CancellationToken cancellationToken) =>
        (await letterTemplates.ListAsync(cancellationToken)).DistinctBy(t => t.Key).ToDictionary(t => t.Key, StringComparer.Ordinal);

    private async Task<IReadOnlyList<DeploymentResource>> DeployedFormsAsync(CancellationToken cancellationToken)
    {
        var resources = new List<DeploymentResource>();
        foreach (var form in (await engine.ListFormDefinitionsAsync(cancellationToken)).GroupBy(f => f.FormId, StringComparer.Ordinal).Select(g => g.MaxBy(f => f.Version)!))
        {
            resources.Add(new DeploymentResource(form.FormId + ".form", await engine.GetFormDefinitionSchemaAsync(form.Id, cancellationToken)));
        }

        return resources;
    }

    /// <summary>The German name of an element: its name in the model, else a word for its kind, never its id.</summary>
    public string StepName(string elementId) =>
        Elements.TryGetValue(elementId, out var element) ? VorgangTimeline.StepName(text, element.Name, element.Kind) : VorgangTimeline.StepName(text, null, null);

    /// <summary>The variables a step changed, compared with the step before.</summary>
    public static IReadOnlyList<KeyValuePair<string, JsonNode?>> Changed(SimulationStep step, SimulationStep? previous) =>
        [.. step.VariablesAfter.Where(p => previous is null || !previous.VariablesAfter.TryGetValue(p.Key, out var before) || !ScenarioRunner.JsonEquals(before, p.Value))];

    /// <summary>A variable's value as shown: text as it is, everything else as JSON.</summary>
    public static string Show(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
    };

    private Dictionary<string, object?>? ReadObject(string? json, string field)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        if (json.Length > MaxJsonLength)
        {
            Errors[field] = text["TestRun.Error.TooLong", MaxJsonLength];
            return null;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException error)
        {
            Errors[field] = text["TestRun.Error.Json", (error.LineNumber ?? 0) + 1, (error.BytePositionInLine ?? 0) + 1];
            return null;
        }

        if (node is not JsonObject)
        {
            Errors[field] = text["TestRun.Error.NotObject"];
            return null;
        }

        try
        {
            return ScenarioReader.ToEngine(ScenarioReader.Variables(node, field));
        }
        catch (ScenarioFormatException)
        {
            var bad = ((JsonObject)node).Select(p => p.Key).First(k => !ScenarioReader.IsAllowedVariableName(k));
            Errors[field] = text["TestRun.Error.VariableName", bad];
            return null;
        }
    }

    /// <summary>Reads the draft or the latest deployed version; null when there is none in this municipality.</summary>
    private async Task<string?> LoadAsync(CancellationToken cancellationToken)
    {
        string xml;
        if (Entwurf is { } draftId)
        {
            var draft = await db.ProcessDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == draftId, cancellationToken);
            if (draft is null)
            {
                return null;
            }

            xml = draft.Xml;
            Title = draft.Name ?? draft.ProcessId;
            ScenarioProcessId = draft.ProcessId;
        }
        else if (!string.IsNullOrEmpty(Prozess))
        {
            var catalog = await ProcessCatalog.LoadAsync(engine, cancellationToken);
            if (catalog.Processes.FirstOrDefault(p => p.ProcessId == Prozess) is not { } process)
            {
                return null;
            }

            xml = await engine.GetProcessDefinitionXmlAsync(process.Versions[0].Id, cancellationToken);
            Title = process.Name;
            Version = process.Versions[0].Version;
            ScenarioProcessId = process.ProcessId;
        }
        else
        {
            return null;
        }

        var read = ModelerModel.Read(xml);
        if (read.Model is { } model && ModelerModel.ProcessOf(model) is { } main)
        {
            Elements = model.Processes.SelectMany(p => p.AllFlowNodes).Where(n => n.Id is not null)
                .GroupBy(n => n.Id!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (g.First().Name, (string?)Kind(g.First())), StringComparer.Ordinal);
            Tasks = [.. main.AllFlowNodes
                .Where(n => n.Id is not null && (n is UserTask || n.Zeebe.TaskDefinition is not null))
                .Select(n => new TestRunTask(main.Id!, n.Id!, VorgangTimeline.StepName(text, n.Name, Kind(n)), n is UserTask))];
            ProcessIdOfModel = main.Id;
            Messages = MessagesOf(main);
            Roles = RolesOf(main);
        }

        return xml;
    }

    /// <summary>The test run of the latest deployed version of a process.</summary>
    public static string ProcessUrl(string processId) => $"/prozesse/testen?prozess={Uri.EscapeDataString(processId)}";

    /// <summary>The test run of a draft (as last saved).</summary>
    public static string DraftUrl(Guid draftId) => $"/prozesse/testen?entwurf={draftId}";

    /// <summary>The process the run starts.</summary>
    public string? ProcessIdOfModel { get; private set; }

    /// <summary>The BPMN kind as the engine's history names it (<c>userTask</c>, <c>endEvent</c>, ...).</summary>
    private static string Kind(FlowNode node) => node.ElementName.LocalName;
}

/// <summary>A task of the model that takes results in a test run.</summary>
/// <param name="ProcessId">The process it belongs to.</param>
/// <param name="ElementId">Its element id (the form field's key).</param>
/// <param name="Name">Its German name.</param>
/// <param name="IsUserTask">True for a user task (without results it waits), false for a service task (without results it returns nothing).</param>
public sealed record TestRunTask(string ProcessId, string ElementId, string Name, bool IsUserTask);
