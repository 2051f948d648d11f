using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amtsweg.Engine.Simulation;
using Amtsweg.Engine.Simulation.Scenarios;
using Amtsweg.Library.Packages;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Features.Processes.Pages;

/// <summary>
/// The saved scenarios of the test run page (issue 13.3): "Als Szenario speichern" after a run, the list with the last
/// result, open (fills the form), edit the expected outcome, delete, download, upload, and "Alle Szenarien ausführen".
/// Scenarios belong to the process id and are kept in the format <c>amtsweg-scenario/1</c>, which the CLI
/// (<c>amtsweg bpmn test</c>) and the process library run the same way (<see cref="ScenarioSuite"/>). Reading roles see
/// and download them; Prozessgestaltung and Administration change and run them.
/// </summary>
public sealed partial class TestRunModel
{
    /// <summary>The largest scenario file taken by the upload (bytes), as the reader's limit.</summary>
    public const int MaxUploadBytes = ScenarioReader.MaxLength;

    /// <summary>The process id the scenarios belong to: the deployed process's or the draft's.</summary>
    public string? ScenarioProcessId { get; private set; }

    /// <summary>The saved scenarios of the process, by name.</summary>
    public IReadOnlyList<ScenarioRow> Scenarios { get; private set; } = [];

    /// <summary>The scenario named in the query (<c>?szenario=</c>, <c>?bearbeiten=</c>, <c>?loeschen=</c>), or null.</summary>
    public ProcessScenario? Selected { get; private set; }

    /// <summary>True when the opened scenario has more steps than the form holds (<see cref="MaxSteps"/>): the form shows none of them.</summary>
    public bool TooManyStepsToOpen { get; private set; }

    /// <summary>True when the expected outcome of <see cref="Selected"/> is being edited.</summary>
    public bool Editing { get; private set; }

    /// <summary>True when the deletion of <see cref="Selected"/> waits for its confirmation.</summary>
    public bool ConfirmDelete { get; private set; }

    /// <summary>The outcome of "Alle Szenarien ausführen", or null.</summary>
    public ScenarioSuiteResult? Suite { get; private set; }

    /// <summary>The scenario's name for "Als Szenario speichern".</summary>
    [BindProperty(Name = "name")]
    public string? ScenarioName { get; set; }

    /// <summary>The parts of the outcome ticked as expected: <c>ende</c>, <c>wartet</c>, <c>weg</c>.</summary>
    [BindProperty(Name = "erwartung")]
    public List<string> Ticked { get; set; } = [];

    /// <summary>The variables ticked as expected, by name.</summary>
    [BindProperty(Name = "variable")]
    public List<string> TickedVariables { get; set; } = [];

    /// <summary>The expected outcome as JSON, while it is edited.</summary>
    [BindProperty(Name = "erwartet")]
    public string? ExpectedJson { get; set; }

    /// <summary>The revision the edit or deletion was made on.</summary>
    [BindProperty(Name = "revision")]
    public int? Revision { get; set; }

    /// <summary>What the last post did (German), shown once after the redirect.</summary>
    [TempData(Key = ProcessPages.NoticeKey)]
    public string? Notice { get; set; }

    /// <summary>Why the last post changed nothing (German), shown once after the redirect.</summary>
    [TempData(Key = ProcessPages.ProblemKey)]
    public string? Problem { get; set; }

    /// <summary>True when the user may save, change, delete and run scenarios (Prozessgestaltung, Administration).</summary>
    public bool MayDesign => ProcessPages.MayDesign(User);

    /// <summary>Answers the page with the scenario named by <c>?szenario=</c> (opened into the form), <c>?bearbeiten=</c> or <c>?loeschen=</c>.</summary>
    private async Task<IActionResult> ShowScenariosAsync(CancellationToken cancellationToken)
    {
        await LoadScenariosAsync(cancellationToken);
        var query = Request.Query;
        if (Guid.TryParse(query["szenario"].ToString(), out var open))
        {
            if (await FindScenarioAsync(open, cancellationToken) is not { } scenario)
            {
                return NotFound();
            }

            Selected = scenario;
            Fill(ScenarioReader.Read(scenario.Json));
        }
        else if (Guid.TryParse(query["bearbeiten"].ToString(), out var edit))
        {
            if (await FindScenarioAsync(edit, cancellationToken) is not { } scenario)
            {
                return NotFound();
            }

            (Selected, Editing) = (scenario, true);
            ExpectedJson = ScenarioReader.WriteExpectation(ScenarioReader.Read(scenario.Json).Expected);
            Revision = scenario.Revision;
        }
        else if (Guid.TryParse(query["loeschen"].ToString(), out var delete))
        {
            if (await FindScenarioAsync(delete, cancellationToken) is not { } scenario)
            {
                return NotFound();
            }

            (Selected, ConfirmDelete) = (scenario, true);
        }
        else if (query.ContainsKey("szenario") || query.ContainsKey("bearbeiten") || query.ContainsKey("loeschen"))
        {
            return NotFound();
        }

        return Page();
    }

    /// <summary>"Als Szenario speichern": runs the form's input again, keeps the ticked parts of its outcome as expected, and saves the scenario once it replays to that outcome.</summary>
    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (!MayDesign)
        {
            return Forbid();
        }

        var xml = await LoadAsync(cancellationToken);
        if (xml is null)
        {
            return NotFound();
        }

        var (variables, outputs, actions) = ReadInputs();
        await LoadScenariosAsync(cancellationToken);
        if (Errors.Count > 0)
        {
            return BadInput();
        }

        var resources = await DeployedFormsAsync(cancellationToken);
        Result = await ProcessSimulation.RunAsync(xml, Options(variables, outputs, actions, resources, new ScenarioLetters(await LetterTemplatesAsync(cancellationToken))), cancellationToken);
        var name = ScenarioName?.Trim() ?? string.Empty;
        CheckName(name, null);
        if (Errors.Count > 0)
        {
            return BadInput();
        }

        var full = ScenarioRunner.ExpectationOf(Result);
        var expected = new ScenarioExpectation(
            full.State,
            Ticked.Contains("ende") ? full.EndEvents : [],
            Ticked.Contains("wartet") ? full.WaitingAt : null,
            Ticked.Contains("weg") ? full.Passed : [],
            [],
            full.Variables.Where(v => TickedVariables.Contains(v.Key, StringComparer.Ordinal)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal));
        var scenario = new Scenario(
            name,
            null,
            ProcessIdOfModel,
            ParseStartTime(StartTimeText),
            (variables ?? new Dictionary<string, object?>()).ToDictionary(v => v.Key, v => (JsonNode?)v.Value, StringComparer.Ordinal),
            outputs.ToDictionary(o => o.Key, o => Nodes(o.Value), StringComparer.Ordinal),
            actions,
            expected);

        // What is saved must replay to what the designer saw: checked here rather than trusted.
        var replay = await ScenarioRunner.RunAsync(xml, scenario, resources, new ScenarioLetters(await LetterTemplatesAsync(cancellationToken)), cancellationToken);
        if (!replay.Passed)
        {
            Errors["name"] = text["Scenarios.Error.NoReplay", string.Join(" ", replay.Findings)];
            return BadInput();
        }

        var now = clock.GetUtcNow();
        db.ProcessScenarios.Add(new ProcessScenario
        {
            Id = Guid.CreateVersion7(),
            ProcessId = ScenarioProcessId!,
            Name = name,
            Json = ScenarioReader.Write(scenario),
            Revision = 1,
            CreatedBy = User.Identity!.Name!,
            CreatedAt = now,
            UpdatedBy = User.Identity!.Name!,
            UpdatedAt = now,
        });
        if (!await SaveUniqueAsync(cancellationToken))
        {
            Errors["name"] = text["Scenarios.Error.NameTaken", name];
            return BadInput();
        }

        Notice = text["Scenarios.Saved", name];
        return Redirect(SelfUrl);
    }

    /// <summary>Changes the expected outcome of a scenario; the reader's German error is shown at the field and nothing changes.</summary>
    public async Task<IActionResult> OnPostEditAsync(Guid szenario, CancellationToken cancellationToken)
    {
        if (!MayDesign)
        {
            return Forbid();
        }

        if (await LoadAsync(cancellationToken) is null || await FindScenarioAsync(szenario, cancellationToken, tracked: true) is not { } stored)
        {
            return NotFound();
        }

        await LoadScenariosAsync(cancellationToken);
        (Selected, Editing) = (stored, true);
        StartVariables ??= "{}";
        ScenarioExpectation expected;
        try
        {
            expected = ScenarioReader.ReadExpectation(ExpectedJson ?? string.Empty);
        }
        catch (ScenarioFormatException refused)
        {
            Errors["erwartet"] = refused.Message;
            return BadInput();
        }

        if (Revision != stored.Revision)
        {
            Errors["erwartet"] = text["Scenarios.Error.Stale", stored.Name, stored.UpdatedBy, Display.DateTime(stored.UpdatedAt)];
            return ConflictPage();
        }

        var scenario = ScenarioReader.Read(stored.Json) with { Expected = expected };
        stored.Json = ScenarioReader.Write(scenario);
        stored.Revision++;
        stored.UpdatedBy = User.Identity!.Name!;
        stored.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            Errors["erwartet"] = text["Scenarios.Error.StaleUnknown", stored.Name];
            return ConflictPage();
        }

        Notice = text["Scenarios.Changed", stored.Name];
        return Redirect(SelfUrl);
    }

    /// <summary>Deletes a scenario (after the confirmation step of the page); a deletion from a stale copy changes nothing.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid szenario, CancellationToken cancellationToken)
    {
        if (!MayDesign)
        {
            return Forbid();
        }

        if (await LoadAsync(cancellationToken) is null || await FindScenarioAsync(szenario, cancellationToken, tracked: true) is not { } stored)
        {
            return NotFound();
        }

        if (Revision != stored.Revision)
        {
            Problem = text["Scenarios.Error.Stale", stored.Name, stored.UpdatedBy, Display.DateTime(stored.UpdatedAt)];
            return Redirect(SelfUrl);
        }

        db.ProcessScenarios.Remove(stored);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            Notice = text["Scenarios.Deleted", stored.Name];
        }
        catch (DbUpdateConcurrencyException)
        {
            Problem = text["Scenarios.Error.StaleUnknown", stored.Name];
        }

        return Redirect(SelfUrl);
    }

    /// <summary>The scenario as a <c>.json</c> file in the format <c>amtsweg-scenario/1</c>.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(Guid szenario, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is null || await FindScenarioAsync(szenario, cancellationToken) is not { } stored)
        {
            return NotFound();
        }

        return File(Encoding.UTF8.GetBytes(stored.Json), "application/json", FileName(stored.Name));
    }

    /// <summary>Takes a scenario file; a file the reader refuses is answered with its German error and the place, and nothing is saved.</summary>
    public async Task<IActionResult> OnPostUploadAsync(IFormFile? datei, CancellationToken cancellationToken)
    {
        if (!MayDesign)
        {
            return Forbid();
        }

        if (await LoadAsync(cancellationToken) is null)
        {
            return NotFound();
        }

        await LoadScenariosAsync(cancellationToken);
        StartVariables ??= "{}";
        if (datei is null || datei.Length == 0)
        {
            Errors["datei"] = text["Scenarios.Error.NoFile"];
            return BadInput();
        }

        if (datei.Length > MaxUploadBytes)
        {
            Errors["datei"] = text["Scenarios.Error.FileTooLarge", MaxUploadBytes / 1000];
            return BadInput();
        }

        Scenario scenario;
        try
        {
            using var reader = new StreamReader(datei.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true));
            scenario = ScenarioFiles.Read(Path.GetFileName(datei.FileName), await reader.ReadToEndAsync(cancellationToken));
        }
        catch (DecoderFallbackException)
        {
            Errors["datei"] = text["Scenarios.Error.NotUtf8", Path.GetFileName(datei.FileName)];
            return BadInput();
        }
        catch (ScenarioFileException refused)
        {
            Errors["datei"] = refused.Message;
            return BadInput();
        }

        if (scenario.ProcessId is { } processId && processId != ProcessIdOfModel)
        {
            Errors["datei"] = text["Scenarios.Error.OtherProcess", processId];
            return BadInput();
        }

        var name = scenario.Name.Trim();
        CheckName(name, "datei");
        if (Errors.Count > 0)
        {
            return BadInput();
        }

        var now = clock.GetUtcNow();
        db.ProcessScenarios.Add(new ProcessScenario
        {
            Id = Guid.CreateVersion7(),
            ProcessId = ScenarioProcessId!,
            Name = name,
            Json = ScenarioReader.Write(scenario with { Name = name }),
            Revision = 1,
            CreatedBy = User.Identity!.Name!,
            CreatedAt = now,
            UpdatedBy = User.Identity!.Name!,
            UpdatedAt = now,
        });
        if (!await SaveUniqueAsync(cancellationToken))
        {
            Errors["datei"] = text["Scenarios.Error.NameTaken", name];
            return BadInput();
        }

        Notice = text["Scenarios.Uploaded", name];
        return Redirect(SelfUrl);
    }

    /// <summary>"Alle Szenarien ausführen": runs every saved scenario against the version or draft the page shows, on the simulation, and keeps each one's result.</summary>
    public async Task<IActionResult> OnPostRunAllAsync(CancellationToken cancellationToken)
    {
        if (!MayDesign)
        {
            return Forbid();
        }

        var xml = await LoadAsync(cancellationToken);
        if (xml is null)
        {
            return NotFound();
        }

        StartVariables ??= "{}";
        var stored = await db.ProcessScenarios.Where(s => s.ProcessId == ScenarioProcessId).ToListAsync(cancellationToken);
        stored = [.. stored.OrderBy(s => s.Name, StringComparer.CurrentCulture)];
        if (stored.Count == 0)
        {
            Problem = text["Scenarios.NoneToRun"];
            return Redirect(SelfUrl);
        }

        var templates = await LetterTemplatesAsync(cancellationToken);
        Suite = await ScenarioSuite.RunAsync(xml, stored.Select(s => ScenarioReader.Read(s.Json)), await DeployedFormsAsync(cancellationToken), () => new ScenarioLetters(templates), cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var (scenario, result) in stored.Zip(Suite.Results))
        {
            scenario.LastRunAt = now;
            scenario.LastPassed = result.Passed;
            scenario.LastFindings = JsonSerializer.Serialize(result.Findings);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone changed or deleted a scenario while it ran: its result belongs to the old copy and is not kept.
            db.ChangeTracker.Clear();
        }

        await LoadScenariosAsync(cancellationToken);
        return Page();
    }

    /// <summary>The URL of this page for the process or draft shown.</summary>
    public string SelfUrl => $"/prozesse/testen?{Query}";

    private async Task LoadScenariosAsync(CancellationToken cancellationToken)
    {
        if (ScenarioProcessId is null)
        {
            return;
        }

        var rows = await db.ProcessScenarios.AsNoTracking().Where(s => s.ProcessId == ScenarioProcessId).ToListAsync(cancellationToken);
        Scenarios = [.. rows.OrderBy(s => s.Name, StringComparer.CurrentCulture).Select(s => new ScenarioRow(
            s,
            s.LastFindings is null ? [] : JsonSerializer.Deserialize<List<string>>(s.LastFindings) ?? []))];
    }

    private async Task<ProcessScenario?> FindScenarioAsync(Guid id, CancellationToken cancellationToken, bool tracked = false)
    {
        var query = tracked ? db.ProcessScenarios : db.ProcessScenarios.AsNoTracking();
        return await query.SingleOrDefaultAsync(s => s.Id == id && s.ProcessId == ScenarioProcessId, cancellationToken);
    }

    /// <summary>Fills the form with a scenario: start variables, service task results and its steps, one for one.</summary>
    private void Fill(Scenario scenario)
    {
        StartVariables = ToJson(scenario.StartVariables);
        StartTimeText = StartTimeField(scenario.StartTime);
        foreach (var (elementId, values) in scenario.ServiceTaskOutputs)
        {
            Outputs[elementId] = ToJson(values);
        }

        if (scenario.Steps.Count > MaxSteps)
        {
            TooManyStepsToOpen = true;
            return;
        }

        FillSteps(scenario);
    }

    private void CheckName(string name, string? field)
    {
        var at = field ?? "name";
        if (name.Length == 0)
        {
            Errors[at] = text["Scenarios.Error.NameMissing"];
        }
        else if (name.Length > ProcessScenario.NameMaxLength)
        {
            Errors[at] = text["Scenarios.Error.NameTooLong", ProcessScenario.NameMaxLength];
        }
        else if (Scenarios.Any(s => string.Equals(s.Scenario.Name, name, StringComparison.Ordinal)))
        {
            Errors[at] = text["Scenarios.Error.NameTaken", name];
        }
    }

    /// <summary>Saves; false when the unique name per process was taken meanwhile (the index decides, not the check before).</summary>
    private async Task<bool> SaveUniqueAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private PageResult BadInput()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private PageResult ConflictPage()
    {
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private static IReadOnlyDictionary<string, JsonNode?> Nodes(IReadOnlyDictionary<string, object?> values) =>
        values.ToDictionary(p => p.Key, p => p.Value as JsonNode, StringComparer.Ordinal);

    private static string ToJson(IReadOnlyDictionary<string, JsonNode?> values)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in values)
        {
            obj[key] = value?.DeepClone();
        }

        return obj.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>A file name from the scenario's name: letters, digits, <c>-</c> and <c>_</c> kept, the rest <c>-</c>.</summary>
    public static string FileName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var safe = new string([.. name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-')]).Trim('-');
        return (safe.Length == 0 ? "szenario" : safe[..Math.Min(safe.Length, 100)]) + ".json";
    }
}

/// <summary>A saved scenario in the list, with the findings of its last run.</summary>
/// <param name="Scenario">The stored scenario.</param>
/// <param name="LastFindings">The German findings of the last run; empty when it passed or never ran.</param>
public sealed record ScenarioRow(ProcessScenario Scenario, IReadOnlyList<string> LastFindings);
