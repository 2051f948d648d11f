using Amtsweg.Decisions.Compilation;
using Amtsweg.Decisions.Model;
using Amtsweg.Feel;

namespace Amtsweg.Decisions.Evaluation;

/// <summary>
/// The mutable state of one evaluation request: inputs, values of decisions already evaluated, the rules matched,
/// messages, and the call depth that stops endless recursion. Not shared between threads.
/// </summary>
internal sealed class EvaluationRun
{
    private readonly Shared _shared;
    private readonly Stack<List<MatchedRule>> _ruleCollectors = new();

    public EvaluationRun(DmnInputs inputs, DmnEngineOptions options)
    {
        Inputs = inputs;
        _shared = new Shared(options);
        InputScope = FeelScope.From(FeelContext.Create(inputs.Unqualified));
    }

    /// <summary>A run for a decision service call: own inputs and values, but the messages, decisions and limits of its parent.</summary>
    private EvaluationRun(DmnInputs inputs, EvaluationRun parent)
    {
        Inputs = inputs;
        _shared = parent._shared;
        InputScope = new FeelScope();
    }

    public DmnInputs Inputs { get; }

    /// <summary>The unqualified inputs as a scope, so that models without input data elements (as dmn-js writes them) see them.</summary>
    public FeelScope InputScope { get; }

    public DmnEngineOptions Options => _shared.Options;

    public Dictionary<ElementInfo, FeelValue> Values { get; } = [];

    public Dictionary<ElementInfo, FeelFunction> Functions { get; } = [];

    public HashSet<ElementInfo> InProgress { get; } = [];

    public List<EvaluatedDecision> Decisions => _shared.Decisions;

    public IReadOnlyList<DmnMessage> Messages => _shared.Messages;

    /// <summary>Set once a limit stopped the evaluation; every further step yields null at once.</summary>
    public bool Aborted
    {
        get => _shared.Aborted;
        private set => _shared.Aborted = value;
    }

    public EvaluationRun CreateChild(DmnInputs inputs) => new(inputs, this);

    public void Warn(DmnText text, string? elementId = null, SourceLocation location = default) =>
        Add(new DmnMessage(DmnMessageSeverity.Warning, text, elementId, location));

    public void Error(DmnText text, string? elementId = null, SourceLocation location = default) =>
        Add(new DmnMessage(DmnMessageSeverity.Error, text, elementId, location));

    public void Add(DmnMessage message)
    {
        if (_shared.Messages.Count < Options.MaxMessages)
        {
            _shared.Messages.Add(message);
        }
    }

    /// <summary>Records FEEL diagnostics against the element whose expression produced them.</summary>
    public void AddDiagnostics(FeelResult result, string? elementId, SourceLocation location)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            if (diagnostic.Severity == FeelSeverity.Error)
            {
                Error(FromFeel(diagnostic), elementId, location);
                if (IsLimit(diagnostic.Message))
                {
                    Aborted = true;
                }
            }
            else
            {
                Warn(FromFeel(diagnostic), elementId, location);
            }
        }
    }

    /// <summary>Enters a function call (business knowledge model, decision service, boxed function); false when the depth limit is hit.</summary>
    public bool Enter(string what, string? elementId, SourceLocation location)
    {
        if (Aborted)
        {
            return false;
        }

        if (_shared.Depth >= Options.MaxCallDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Error(DmnTexts.CallDepthLimit(Options.MaxCallDepth, what), elementId, location);
            Aborted = true;
            return false;
        }

        _shared.Depth++;
        return true;
    }

    public void Exit() => _shared.Depth--;

    /// <summary>Starts collecting the rules matched while one decision is evaluated.</summary>
    public void BeginDecision() => _ruleCollectors.Push([]);

    public List<MatchedRule> EndDecision() => _ruleCollectors.Pop();

    public void RecordRule(MatchedRule rule)
    {
        if (_ruleCollectors.Count > 0)
        {
            _ruleCollectors.Peek().Add(rule);
        }
    }

    public FeelEvaluationOptions FeelOptions => Options.FeelOptions;

    /// <summary>A FEEL diagnostic keeps its FEEL code and both its texts.</summary>
    private static DmnText FromFeel(FeelDiagnostic diagnostic) => new(diagnostic.Code, diagnostic.Message, diagnostic.MessageGerman);

    private static bool IsLimit(string message) =>
        message.Contains("limit", StringComparison.OrdinalIgnoreCase) || message.Contains("recursion", StringComparison.OrdinalIgnoreCase)
        || message.Contains("cancelled", StringComparison.OrdinalIgnoreCase) || message.Contains("nested too deeply", StringComparison.OrdinalIgnoreCase);

    private sealed class Shared(DmnEngineOptions options)
    {
        public DmnEngineOptions Options { get; } = options;

        public List<DmnMessage> Messages { get; } = [];

        public List<EvaluatedDecision> Decisions { get; } = [];

        public int Depth { get; set; }

        public bool Aborted { get; set; }
    }
}
