using Amtsweg.Decisions.Model;
using Amtsweg.Feel;

namespace Amtsweg.Decisions.Evaluation;

/// <summary>How serious a message is.</summary>
public enum DmnMessageSeverity
{
    /// <summary>Something worth knowing; the result is as modelled.</summary>
    Info,

    /// <summary>A part of the evaluation gave null (a type violation, a FEEL warning, a value outside the allowed values).</summary>
    Warning,

    /// <summary>The evaluation could not do what the model says (hit policy violated, recursion limit, unsupported feature).</summary>
    Error,
}

/// <summary>A message from compiling or evaluating a model, with the element it is about.</summary>
/// <param name="Severity">How serious.</param>
/// <param name="Text">What happened, in English.</param>
/// <param name="ElementId">The id of the element concerned, if known.</param>
/// <param name="Location">Where that element is in its file.</param>
public sealed record DmnMessage(DmnMessageSeverity Severity, string Text, string? ElementId = null, SourceLocation Location = default)
{
    /// <summary>Creates a message from a text in both languages.</summary>
    public DmnMessage(DmnMessageSeverity severity, DmnText text, string? elementId = null, SourceLocation location = default)
        : this(severity, (text ?? throw new ArgumentNullException(nameof(text))).English, elementId, location)
    {
        Code = text.Code;
        TextGerman = text.German;
    }

    /// <summary>A stable code (see <see cref="DmnText.Code"/>).</summary>
    public string Code { get; init; } = DmnText.PlainCode;

    /// <summary>What happened, in German, for clerks and designers.</summary>
    public string TextGerman { get; init; } = Text;

    /// <summary>
    /// For a cell of a decision table (<see cref="ElementId"/> is then its rule): the id of the input or output column
    /// the cell is in; otherwise null.
    /// </summary>
    public string? ColumnId { get; init; }

    /// <summary>The message in German with severity, element and position, e.g. for the German CLI.</summary>
    public string ToGermanString() =>
        $"{SeverityGerman}: {TextGerman}" + (ElementId is null ? "" : $" [{ElementId}]") + (Location.Line > 0 ? $" (Zeile {Location.Line}, Spalte {Location.Column})" : "");

    private string SeverityGerman => Severity switch
    {
        DmnMessageSeverity.Info => "Hinweis",
        DmnMessageSeverity.Warning => "Warnung",
        _ => "Fehler",
    };

    /// <inheritdoc />
    public override string ToString() =>
        $"{Severity}: {Text}" + (ElementId is null ? "" : $" [{ElementId}]") + (Location.Line > 0 ? $" ({Location})" : "");
}

/// <summary>
/// The outcome of evaluating a decision (or decision service): its value, every decision evaluated on the way with
/// the rules that matched, and the messages. Suitable for the e-file record of why a result came out as it did.
/// </summary>
/// <param name="Id">Id of the evaluated decision or service.</param>
/// <param name="Name">Its name.</param>
/// <param name="Value">The result (FEEL null when the evaluation failed).</param>
/// <param name="Decisions">Every decision evaluated, in evaluation (dependency) order; the requested one is last.</param>
/// <param name="Messages">Warnings and errors.</param>
public sealed record DecisionResult(
    string Id,
    string Name,
    FeelValue Value,
    IReadOnlyList<EvaluatedDecision> Decisions,
    IReadOnlyList<DmnMessage> Messages)
{
    /// <summary>True if any message is an error.</summary>
    public bool HasErrors => Messages.Any(m => m.Severity == DmnMessageSeverity.Error);

    /// <summary>The rules that matched in the requested decision itself.</summary>
    public IReadOnlyList<MatchedRule> MatchedRules => Decisions.LastOrDefault(d => d.Id == Id)?.MatchedRules ?? [];

    /// <summary>
    /// A plain-text account of how the result came about, one line per decision and per matched rule, for a file
    /// note (e.g. why a fee came out as it did).
    /// </summary>
    public string Explain()
    {
        var lines = new List<string>();
        foreach (var decision in Decisions)
        {
            lines.Add($"{decision.Name} = {decision.Value}");
            foreach (var rule in decision.MatchedRules)
            {
                var annotation = rule.Annotations.Count == 0 ? "" : " [" + string.Join("; ", rule.Annotations) + "]";
                lines.Add($"  {rule}{annotation}");
            }
        }

        lines.AddRange(Messages.Select(m => "  " + m));
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>One evaluated decision.</summary>
/// <param name="Id">Decision id.</param>
/// <param name="Name">Decision name.</param>
/// <param name="Namespace">Namespace of the model the decision belongs to.</param>
/// <param name="Value">Its value.</param>
/// <param name="MatchedRules">The decision-table rules that matched while evaluating it (in all its tables), in order.</param>
public sealed record EvaluatedDecision(string Id, string Name, string Namespace, FeelValue Value, IReadOnlyList<MatchedRule> MatchedRules);

/// <summary>A decision-table rule that matched: which one, the input values it tested, what it gave.</summary>
/// <param name="TableId">Id of the decision table.</param>
/// <param name="RuleId">Id of the rule, if it has one.</param>
/// <param name="RuleIndex">1-based position of the rule in the table.</param>
/// <param name="Inputs">Each input: its expression, the value it had, the entry it was tested against.</param>
/// <param name="Outputs">The rule's output values by output name.</param>
/// <param name="Annotations">The rule's annotation texts.</param>
public sealed record MatchedRule(
    string? TableId,
    string? RuleId,
    int RuleIndex,
    IReadOnlyList<MatchedInput> Inputs,
    IReadOnlyList<KeyValuePair<string, FeelValue>> Outputs,
    IReadOnlyList<string> Annotations)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"rule {RuleIndex}{(RuleId is null ? "" : " (" + RuleId + ")")}: "
        + string.Join(", ", Inputs.Select(i => $"{i.Expression} = {i.Value} matches {i.Entry}"))
        + " => " + string.Join(", ", Outputs.Select(o => $"{o.Key} = {o.Value}"));
}

/// <summary>An input of a matched rule.</summary>
/// <param name="Expression">The input expression text.</param>
/// <param name="Value">Its value.</param>
/// <param name="Entry">The rule's input entry (unary tests) that the value satisfied.</param>
public sealed record MatchedInput(string Expression, FeelValue Value, string Entry);
