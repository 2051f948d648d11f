using System.Text.Json.Nodes;

namespace Amtsweg.Engine.Simulation.Scenarios;

/// <summary>
/// A scenario test of a process (format <c>amtsweg-scenario/1</c>, see <c>docs/scenarios.md</c>): start variables, the
/// steps taken in order (task completions, messages, clock advances) and the outcome expected. The designer's studio
/// saves them, the CLI and the process library run them.
/// </summary>
/// <param name="Name">A short name.</param>
/// <param name="Description">What the scenario shows, or null.</param>
/// <param name="ProcessId">The process to start; null for the first executable process of the file.</param>
/// <param name="StartTime">When the virtual clock starts, or null for the simulation's default.</param>
/// <param name="StartVariables">The variables the instance starts with.</param>
/// <param name="ServiceTaskOutputs">What service tasks return, per element id (a service task without an entry returns nothing).</param>
/// <param name="Steps">The actions in order.</param>
/// <param name="Expected">The outcome expected.</param>
public sealed record Scenario(
    string Name,
    string? Description,
    string? ProcessId,
    DateTimeOffset? StartTime,
    IReadOnlyDictionary<string, JsonNode?> StartVariables,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonNode?>> ServiceTaskOutputs,
    IReadOnlyList<SimulationAction> Steps,
    ScenarioExpectation Expected);

/// <summary>The end state a scenario expects.</summary>
public enum ScenarioEndState
{
    /// <summary>The instance completed.</summary>
    Completed,

    /// <summary>The instance waits (at a task, a message or a timer).</summary>
    Waiting,

    /// <summary>An incident stopped the instance.</summary>
    Incident,
}

/// <summary>The outcome a scenario expects; every part that is given is checked.</summary>
/// <param name="State">How the run ends.</param>
/// <param name="EndEvents">End events reached (each must be among those passed), or empty.</param>
/// <param name="WaitingAt">The elements the instance waits at, exactly (order does not matter), or null to not check.</param>
/// <param name="Passed">Elements passed, in this order (others may lie between), or empty.</param>
/// <param name="NotPassed">Elements that must not be passed, or empty.</param>
/// <param name="Variables">Variables with their expected values (JSON equality; 1 and 1.0 are equal).</param>
public sealed record ScenarioExpectation(
    ScenarioEndState State,
    IReadOnlyList<string> EndEvents,
    IReadOnlyList<string>? WaitingAt,
    IReadOnlyList<string> Passed,
    IReadOnlyList<string> NotPassed,
    IReadOnlyDictionary<string, JsonNode?> Variables)
{
    /// <summary>Deadlines that must be set at the end of the run: a timer waits at the element, due at the time given; others may wait too.</summary>
    public IReadOnlyList<ScenarioDeadline> Deadlines { get; init; } = [];

    /// <summary>Letters that must have been written, each by a letter of its own; other letters may be written too.</summary>
    public IReadOnlyList<ScenarioLetter> Letters { get; init; } = [];
}

/// <summary>A letter a scenario expects: written from a letter template, with key phrases in its subject or text.</summary>
/// <param name="Template">The letter template's key (the task's header <c>brief</c>).</param>
/// <param name="Contains">Phrases the letter contains; white space is compared as one space.</param>
public sealed record ScenarioLetter(string Template, IReadOnlyList<string> Contains);

/// <summary>A deadline a scenario expects: a timer that waits at an element at the end of the run, due at a time.</summary>
/// <param name="ElementId">The timer event.</param>
/// <param name="After">When it is due, counted from the scenario's start time; null when <paramref name="Due"/> is given.</param>
/// <param name="Due">When it is due, as a point in time; null when <paramref name="After"/> is given.</param>
public sealed record ScenarioDeadline(string ElementId, TimeSpan? After, DateTimeOffset? Due)
{
    /// <summary>The due time this deadline names, for a run that started at <paramref name="startTime"/>.</summary>
    public DateTimeOffset DueFrom(DateTimeOffset startTime) => Due ?? startTime + (After ?? TimeSpan.Zero);
}
