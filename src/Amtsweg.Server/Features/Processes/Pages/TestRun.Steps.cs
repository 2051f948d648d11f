using System.Globalization;
using System.Text.Json.Nodes;
using Amtsweg.Bpmn.Model;
using Amtsweg.Engine.Simulation;
using Amtsweg.Engine.Simulation.Scenarios;
using Microsoft.AspNetCore.Mvc;

namespace Amtsweg.Server.Features.Processes.Pages;

/// <summary>
/// The ordered steps of the test-run form (issue 13.3): user tasks completed (with a role and form values), messages
/// delivered (with correlation key and variables) and the virtual clock moved on, as a scenario (<c>amtsweg-scenario/1</c>)
/// holds them. Adding, removing and moving a step is a form post that shows the list again with every value kept, so the
/// form works without JavaScript. A run gives the steps to the simulation as its script: user tasks are completed only by
/// steps and the clock moves only when a step moves it, exactly as a saved scenario replays.
/// </summary>
public sealed partial class TestRunModel
{
    /// <summary>The most steps the form holds (each step is up to eight form fields; ASP.NET Core reads at most 1,024).</summary>
    public const int MaxSteps = 100;

    /// <summary>The longest role or correlation key accepted (characters).</summary>
    public const int MaxTextLength = 255;

    /// <summary>The steps as typed, in order.</summary>
    [BindProperty(Name = "schritt")]
    public List<TestRunStepInput> Steps { get; set; } = [];

    /// <summary>When the virtual clock starts, as ISO 8601 (kept from an opened scenario); empty for the simulation's default.</summary>
    [BindProperty(Name = "beginn")]
    public string? StartTimeText { get; set; }

    /// <summary>The messages the model waits for (message catch events, receive tasks, boundary events, event sub-processes).</summary>
    public IReadOnlyList<TestRunMessage> Messages { get; private set; } = [];

    /// <summary>The candidate groups the model's user tasks name, offered as roles of a task step.</summary>
    public IReadOnlyList<string> Roles { get; private set; } = [];

    /// <summary>The user tasks of the model, offered by name in a task step.</summary>
    public IEnumerable<TestRunTask> UserTasks => Tasks.Where(t => t.IsUserTask);

    /// <summary>The service tasks of the model, whose results are given per task.</summary>
    public IEnumerable<TestRunTask> ServiceTasks => Tasks.Where(t => !t.IsUserTask);

    /// <summary>When the virtual clock starts in this run.</summary>
    public DateTimeOffset StartTime => ParseStartTime(StartTimeText) ?? new SimulationOptions().StartTime;

    /// <summary>Adds, removes or moves a step (<c>aktion</c>: <c>neu-aufgabe</c>, <c>neu-nachricht</c>, <c>neu-zeit</c>, <c>weg-N</c>, <c>hoch-N</c>, <c>runter-N</c>, N from 1) and shows the form again with every value kept; nothing runs.</summary>
    public async Task<IActionResult> OnPostStepsAsync(string? aktion, CancellationToken cancellationToken)
    {
        var xml = await LoadAsync(cancellationToken);
        if (xml is null)
        {
            return NotFound();
        }

        await LoadScenariosAsync(cancellationToken);
        StartVariables ??= "{}";
        var (verb, number) = SplitAction(aktion);
        var index = number - 1;
        switch (verb)
        {
            case "neu-aufgabe" or "neu-nachricht" or "neu-zeit" when Steps.Count >= MaxSteps:
                Errors["schritte"] = text["TestRun.Error.TooManySteps", MaxSteps];
                return Page();
            case "neu-aufgabe":
                Steps.Add(new TestRunStepInput { Kind = TestRunStepInput.TaskKind, Task = UserTasks.FirstOrDefault()?.ElementId });
                break;
            case "neu-nachricht":
                Steps.Add(new TestRunStepInput { Kind = TestRunStepInput.MessageKind, Message = Messages.FirstOrDefault()?.Name });
                break;
            case "neu-zeit":
                Steps.Add(new TestRunStepInput { Kind = TestRunStepInput.ClockKind, Duration = "P1D" });
                break;
            case "weg" when index >= 0 && index < Steps.Count:
                Steps.RemoveAt(index);
                break;
            case "hoch" when index > 0 && index < Steps.Count:
                (Steps[index - 1], Steps[index]) = (Steps[index], Steps[index - 1]);
                break;
            case "runter" when index >= 0 && index < Steps.Count - 1:
                (Steps[index + 1], Steps[index]) = (Steps[index], Steps[index + 1]);
                break;
            default:
                // A step that is no longer there (the list was posted from an older page): nothing changes.
                Errors[string.Empty] = text["TestRun.Error.UnknownStepAction"];
                break;
        }

        return Page();
    }

    private static (string Verb, int Number) SplitAction(string? action)
    {
        if (string.IsNullOrEmpty(action))
        {
            return (string.Empty, 0);
        }

        var dash = action.LastIndexOf('-');
        return dash > 0 && int.TryParse(action.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? (action[..dash], number)
            : (action, 0);
    }

    /// <summary>Reads the steps of the form into the simulation's script; each problem goes to <see cref="Errors"/> at its field.</summary>
    private List<SimulationAction> ReadSteps()
    {
        var actions = new List<SimulationAction>();
        if (Steps.Count > MaxSteps)
        {
            Errors["schritte"] = text["TestRun.Error.TooManySteps", MaxSteps];
            return actions;
        }

        for (var i = 0; i < Steps.Count; i++)
        {
            var step = Steps[i];
            var field = $"schritt[{i}]";
            switch (step.Kind)
            {
                case TestRunStepInput.TaskKind:
                    if (string.IsNullOrEmpty(step.Task) || UserTasks.All(t => t.ElementId != step.Task))
                    {
                        Errors[$"{field}.Task"] = text["TestRun.Error.StepTask"];
                    }

                    var role = string.IsNullOrWhiteSpace(step.Role) ? null : step.Role;
                    if (role is { Length: > MaxTextLength })
                    {
                        Errors[$"{field}.Role"] = text["TestRun.Error.TooLong", MaxTextLength];
                    }

                    var values = ReadObject(step.Values, $"{field}.Values");
                    actions.Add(new SimulationTaskCompletion(step.Task ?? string.Empty, role, values));
                    break;
                case TestRunStepInput.MessageKind:
                    if (string.IsNullOrEmpty(step.Message) || Messages.All(m => m.Name != step.Message))
                    {
                        Errors[$"{field}.Message"] = text["TestRun.Error.StepMessage"];
                    }

                    var key = string.IsNullOrEmpty(step.CorrelationKey) ? null : step.CorrelationKey;
                    if (key is { Length: > MaxTextLength })
                    {
                        Errors[$"{field}.CorrelationKey"] = text["TestRun.Error.TooLong", MaxTextLength];
                    }

                    var variables = ReadObject(step.Variables, $"{field}.Variables");
                    actions.Add(new SimulationMessageDelivery(step.Message ?? string.Empty, key, variables));
                    break;
                case TestRunStepInput.ClockKind:
                    if (ScenarioReader.ParseDuration(step.Duration ?? string.Empty) is { } duration)
                    {
                        actions.Add(new SimulationClockAdvance(duration));
                    }
                    else
                    {
                        Errors[$"{field}.Duration"] = text["TestRun.Error.StepDuration", step.Duration ?? string.Empty];
                    }

                    break;
                default:
                    Errors[string.Empty] = text["TestRun.Error.UnknownStepAction"];
                    break;
            }
        }

        if (!string.IsNullOrEmpty(StartTimeText) && ParseStartTime(StartTimeText) is null)
        {
            Errors[string.Empty] = text["TestRun.Error.StartTime"];
        }

        return actions;
    }

    /// <summary>Fills the form's steps with a scenario's steps, one for one.</summary>
    private void FillSteps(Scenario scenario)
    {
        Steps = [.. scenario.Steps.Select(step => step switch
        {
            SimulationTaskCompletion c => new TestRunStepInput { Kind = TestRunStepInput.TaskKind, Task = c.ElementId, Role = c.Role, Values = c.Variables is null ? null : ToJson(Nodes(c.Variables)) },
            SimulationMessageDelivery m => new TestRunStepInput { Kind = TestRunStepInput.MessageKind, Message = m.Name, CorrelationKey = m.CorrelationKey, Variables = m.Variables is null ? null : ToJson(Nodes(m.Variables)) },
            SimulationClockAdvance a => new TestRunStepInput { Kind = TestRunStepInput.ClockKind, Duration = ScenarioReader.IsoDuration(a.Duration) },
            _ => throw new InvalidOperationException($"Unbekannter Schritt {step.GetType().Name}."),
        })];
    }

    /// <summary>The start time as the form keeps it (UTC, ISO 8601), or null for the default.</summary>
    private static string? StartTimeField(DateTimeOffset? startTime) =>
        startTime?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseStartTime(string? value) =>
        !string.IsNullOrEmpty(value) && DateTimeOffset.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;

    /// <summary>The messages the model's elements wait for, by name, each once, with the name of the first element that waits for it.</summary>
    private static List<TestRunMessage> MessagesOf(BpmnProcess process)
    {
        var messages = new List<TestRunMessage>();
        foreach (var node in process.AllFlowNodes)
        {
            var message = node switch
            {
                ReceiveTask receive => receive.Message,
                CatchEvent catchEvent when catchEvent is not StartEvent || catchEvent.Parent is SubProcess => catchEvent.GetEventDefinition<MessageEventDefinition>()?.Message,
                _ => null,
            };

            // A name given as a FEEL expression is only known while the process runs.
            if (message?.Name is { Length: > 0 } name && !name.StartsWith('=') && messages.All(m => m.Name != name))
            {
                messages.Add(new TestRunMessage(name, node.Name));
            }
        }

        return messages;
    }

    /// <summary>The candidate groups the model's user tasks name as text (not as FEEL), each once, in order.</summary>
    private static List<string> RolesOf(BpmnProcess process) =>
        [.. process.AllFlowNodes.OfType<UserTask>()
            .Select(t => t.Zeebe.AssignmentDefinition?.CandidateGroups)
            .Where(g => g is { IsFeel: false })
            .SelectMany(g => g!.Text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)];
}

/// <summary>One step of the test-run form as typed; which fields count depends on <see cref="Kind"/>.</summary>
public sealed class TestRunStepInput
{
    /// <summary>The kind of a step that completes a user task.</summary>
    public const string TaskKind = "aufgabe";

    /// <summary>The kind of a step that delivers a message.</summary>
    public const string MessageKind = "nachricht";

    /// <summary>The kind of a step that moves the virtual clock on.</summary>
    public const string ClockKind = "zeit";

    /// <summary><see cref="TaskKind"/>, <see cref="MessageKind"/> or <see cref="ClockKind"/>.</summary>
    public string? Kind { get; set; }

    /// <summary>The user task's element id.</summary>
    public string? Task { get; set; }

    /// <summary>The role that completes the task, or empty for any.</summary>
    public string? Role { get; set; }

    /// <summary>The form values the task is completed with (a JSON object), or empty for none.</summary>
    public string? Values { get; set; }

    /// <summary>The message name.</summary>
    public string? Message { get; set; }

    /// <summary>The message's correlation key, or empty.</summary>
    public string? CorrelationKey { get; set; }

    /// <summary>The variables the message carries (a JSON object), or empty for none.</summary>
    public string? Variables { get; set; }

    /// <summary>How far the clock moves, ISO 8601 in days and time (<c>P14D</c>).</summary>
    public string? Duration { get; set; }
}

/// <summary>A message the model waits for.</summary>
/// <param name="Name">The message name (what a step delivers).</param>
/// <param name="ElementName">The name of the element that waits for it, or null.</param>
public sealed record TestRunMessage(string Name, string? ElementName);
