using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Amtsweg.Engine.Simulation.Scenarios;

/// <summary>The outcome of one scenario: the run and what differed from the expectation.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Run">The simulation's result.</param>
/// <param name="Findings">What differed, in German, naming elements by their names; empty when the scenario passed.</param>
public sealed record ScenarioResult(Scenario Scenario, SimulationResult Run, IReadOnlyList<string> Findings)
{
    /// <summary>True when the run matched every expectation.</summary>
    public bool Passed => Findings.Count == 0;
}

/// <summary>Runs scenarios on <see cref="ProcessSimulation"/> (a throwaway in-memory engine) and compares the outcome with the expectation.</summary>
public static class ScenarioRunner
{
    /// <summary>
    /// Runs one scenario against a BPMN file, with the forms and decisions it links beside it. With a
    /// <paramref name="letters"/> writer its letter tasks write letters and the expected letters are compared; without
    /// one, a scenario that expects letters gets a finding that they cannot be checked here.
    /// </summary>
    public static async Task<ScenarioResult> RunAsync(string bpmnXml, Scenario scenario, IReadOnlyList<DeploymentResource>? resources = null, IScenarioLetterWriter? letters = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bpmnXml);
        ArgumentNullException.ThrowIfNull(scenario);
        var options = new SimulationOptions
        {
            ProcessId = scenario.ProcessId,
            Variables = ScenarioReader.ToEngine(scenario.StartVariables),
            TaskOutputs = scenario.ServiceTaskOutputs.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, object?>)ScenarioReader.ToEngine(p.Value), StringComparer.Ordinal),
            Actions = scenario.Steps,
            Resources = resources ?? [],
            Handlers = letters is null ? [] : [letters],
        };
        if (scenario.StartTime is { } start)
        {
            options = options with { StartTime = start };
        }

        var run = await ProcessSimulation.RunAsync(bpmnXml, options, cancellationToken).ConfigureAwait(false);
        return new ScenarioResult(scenario, run, Compare(scenario.Expected, run, ProcessSimulation.ElementNames(bpmnXml), options.StartTime, letters?.Written));
    }

    /// <summary>The expected outcome a run would satisfy: its end state, the end events reached, where it waits, every element entered in order, and its variables.</summary>
    public static ScenarioExpectation ExpectationOf(SimulationResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var entered = Entered(run);
        return new ScenarioExpectation(
            State(run.Outcome),
            [.. run.Trace.Where(s => s is { Transition: "entered", ElementType: "endEvent" }).Select(s => s.ElementId).Distinct(StringComparer.Ordinal)],
            run.Outcome == SimulationOutcome.Waiting ? run.WaitingAt : null,
            entered,
            [],
            run.Variables.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal));
    }

    /// <summary>Compares a run with an expectation; returns German findings, empty when everything matched.</summary>
    /// <param name="expected">The expectation.</param>
    /// <param name="run">The run.</param>
    /// <param name="names">The elements' names by id.</param>
    /// <param name="startTime">When the run's virtual clock started (deadlines given as <c>after</c> count from it); default the simulation's.</param>
    /// <param name="letters">The letters the run wrote, or null when it had no letter writer.</param>
    public static IReadOnlyList<string> Compare(ScenarioExpectation expected, SimulationResult run, IReadOnlyDictionary<string, string> names, DateTimeOffset? startTime = null, IReadOnlyList<WrittenLetter>? letters = null)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(names);
        var findings = new List<string>();
        if (run.ActionProblem is { } problem)
        {
            findings.Add(problem.Message);
        }

        var actualState = State(run.Outcome);
        var reachedEnds = run.Trace.Where(s => s is { Transition: "entered", ElementType: "endEvent" }).Select(s => s.ElementId).ToList();
        var actual = Describe(run, reachedEnds, names);
        if (actualState != expected.State)
        {
            findings.Add($"Erwartet: {DescribeExpected(expected, names)}, tatsächlich: {actual}.");
        }
        else
        {
            var missingEnds = expected.EndEvents.Where(e => !reachedEnds.Contains(e, StringComparer.Ordinal)).ToList();
            if (missingEnds.Count > 0)
            {
                findings.Add($"Erwartet: Ende {List(missingEnds, names)}, tatsächlich: {actual}.");
            }

            if (expected.WaitingAt is { } waitingAt && !waitingAt.Order(StringComparer.Ordinal).SequenceEqual(run.WaitingAt.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            {
                findings.Add($"Erwartet: wartet bei {List(waitingAt, names)}, tatsächlich: {actual}.");
            }
        }

        var entered = Entered(run);
        var position = 0;
        foreach (var element in expected.Passed)
        {
            var found = entered.IndexOf(element, position);
            if (found >= 0)
            {
                position = found + 1;
            }
            else if (entered.Contains(element, StringComparer.Ordinal))
            {
                findings.Add($"Erwartet: {Name(element, names)} wird durchlaufen, tatsächlich: nicht in der erwarteten Reihenfolge.");
            }
            else
            {
                findings.Add($"Erwartet: {Name(element, names)} wird durchlaufen, tatsächlich: nicht durchlaufen.");
            }
        }

        foreach (var element in expected.NotPassed.Where(e => entered.Contains(e, StringComparer.Ordinal)))
        {
            findings.Add($"Erwartet: {Name(element, names)} wird nicht durchlaufen, tatsächlich: durchlaufen.");
        }

        foreach (var (name, value) in expected.Variables)
        {
            if (!run.Variables.TryGetValue(name, out var actualValue))
            {
                findings.Add($"Erwartet: Variable '{name}' = {Show(value)}, tatsächlich: nicht gesetzt.");
            }
            else if (!JsonEquals(value, actualValue))
            {
                findings.Add($"Erwartet: Variable '{name}' = {Show(value)}, tatsächlich: {Show(actualValue)}.");
            }
        }

        var start = startTime ?? new SimulationOptions().StartTime;
        foreach (var deadline in expected.Deadlines)
        {
            var due = deadline.DueFrom(start);
            var set = run.Timers.Where(t => t.ElementId == deadline.ElementId).Select(t => t.DueAt).ToList();
            if (!set.Contains(due))
            {
                findings.Add($"Erwartet: Frist bei {Name(deadline.ElementId, names)} fällig am {ScenarioReader.WriteTime(due)}, tatsächlich: "
                    + (set.Count == 0 ? "keine Frist wartet dort." : $"fällig am {string.Join(", ", set.Select(ScenarioReader.WriteTime))}."));
            }
        }

        findings.AddRange(CompareLetters(expected.Letters, letters));
        return findings;
    }

    /// <summary>JSON equality where numbers compare by value (1 equals 1.0) and object members in any order.</summary>
    public static bool JsonEquals(JsonNode? left, JsonNode? right) => (left, right) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (JsonObject a, JsonObject b) => a.Count == b.Count && a.All(p => b.TryGetPropertyValue(p.Key, out var other) && JsonEquals(p.Value, other)),
        (JsonArray a, JsonArray b) => a.Count == b.Count && a.Zip(b).All(pair => JsonEquals(pair.First, pair.Second)),
        (JsonValue a, JsonValue b) when a.GetValueKind() == JsonValueKind.Number && b.GetValueKind() == JsonValueKind.Number =>
            decimal.TryParse(a.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            && decimal.TryParse(b.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
                ? x == y
                : a.ToJsonString() == b.ToJsonString(),
        _ => JsonNode.DeepEquals(left, right),
    };

    // The k-th expected letter of a template is the k-th letter written from it.
    private static IEnumerable<string> CompareLetters(IReadOnlyList<ScenarioLetter> expected, IReadOnlyList<WrittenLetter>? written)
    {
        if (expected.Count > 0 && written is null)
        {
            yield return $"Erwartet: Brief aus der Vorlage '{expected[0].Template}', tatsächlich: nicht prüfbar, weil hier keine Briefvorlagen vorliegen.";
            yield break;
        }

        foreach (var group in expected.GroupBy(l => l.Template, StringComparer.Ordinal))
        {
            var fromTemplate = written!.Where(l => l.Template == group.Key).ToList();
            var k = 0;
            foreach (var letter in group)
            {
                if (k >= fromTemplate.Count)
                {
                    yield return $"Erwartet: Brief aus der Vorlage '{group.Key}'{(k == 0 ? "" : $" zum {k + 1}. Mal")}, tatsächlich: {(k == 0 ? "nicht geschrieben" : $"nur {k}-mal geschrieben")}.";
                    break;
                }

                var actual = fromTemplate[k++];
                var text = OneSpace($"{actual.Subject}\n{actual.Text}");
                foreach (var phrase in letter.Contains.Where(p => !text.Contains(OneSpace(p), StringComparison.Ordinal)))
                {
                    yield return $"Erwartet: Brief '{actual.Name}' enthält „{phrase}“, tatsächlich: nicht enthalten.";
                }
            }
        }
    }

    private static string OneSpace(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static List<string> Entered(SimulationResult run) =>
        [.. run.Trace.Where(s => s.Transition == "entered").Select(s => s.ElementId)];

    private static ScenarioEndState State(SimulationOutcome outcome) => outcome switch
    {
        SimulationOutcome.Completed => ScenarioEndState.Completed,
        SimulationOutcome.Waiting => ScenarioEndState.Waiting,
        SimulationOutcome.Incident => ScenarioEndState.Incident,
    };

    private static string Describe(SimulationResult run, List<string> reachedEnds, IReadOnlyDictionary<string, string> names) => run.Outcome switch
    {
        SimulationOutcome.Completed => reachedEnds.Count > 0 ? $"Ende {List(reachedEnds.Distinct(StringComparer.Ordinal).ToList(), names)}" : "abgeschlossen",
        SimulationOutcome.Waiting => run.WaitingAt.Count > 0 ? $"wartet bei {List(run.WaitingAt, names)}" : "wartet",
        SimulationOutcome.Incident => run.IncidentElementId is { } element ? $"Störung bei {Name(element, names)} ({run.Message})" : $"Störung ({run.Message})",
    };

    private static string DescribeExpected(ScenarioExpectation expected, IReadOnlyDictionary<string, string> names) => expected.State switch
    {
        ScenarioEndState.Completed => expected.EndEvents.Count > 0 ? $"Ende {List(expected.EndEvents, names)}" : "abgeschlossen",
        ScenarioEndState.Waiting => expected.WaitingAt is { Count: > 0 } waitingAt ? $"wartet bei {List(waitingAt, names)}" : "wartet",
        ScenarioEndState.Incident => "Störung",
    };

    private static string List(IReadOnlyList<string> elements, IReadOnlyDictionary<string, string> names) =>
        string.Join(", ", elements.Select(e => Name(e, names)));

    private static string Name(string element, IReadOnlyDictionary<string, string> names) =>
        names.TryGetValue(element, out var name) ? $"'{name}'" : $"'{element}'";

    private static string Show(JsonNode? value) => value?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";
}
