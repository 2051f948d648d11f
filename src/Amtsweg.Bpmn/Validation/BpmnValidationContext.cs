using System.Collections.Immutable;
using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn.Validation;

/// <summary>What a check sees: the model, the options, the processes to check, and where to report.</summary>
internal sealed class BpmnValidationContext
{
    private readonly List<BpmnProblem> _problems = [];

    public BpmnValidationContext(BpmnDefinitions definitions, BpmnValidationOptions options)
    {
        Definitions = definitions;
        Options = options;
        ExecutableProcesses = [.. definitions.Processes.Where(p => p.IsExecutable != false)];
        ExecutableElements = [.. ExecutableProcesses.SelectMany(p => p.DescendantsAndSelf())];
    }

    public BpmnDefinitions Definitions { get; }

    public BpmnValidationOptions Options { get; }

    /// <summary>Processes the engine would deploy: <c>isExecutable</c> true or absent (absent counts as executable, as in Camunda 7).</summary>
    public ImmutableArray<BpmnProcess> ExecutableProcesses { get; }

    /// <summary>Every typed element of the executable processes, collected once for all checks.</summary>
    public ImmutableArray<BpmnElement> ExecutableElements { get; }

    /// <summary>Every flow-element scope of the executable processes (the processes and their sub-processes).</summary>
    public IEnumerable<IFlowElementScope> ExecutableScopes => ExecutableElements.OfType<IFlowElementScope>();

    public ImmutableArray<BpmnProblem> Problems => [.. _problems];

    public void Report(string code, BpmnProblemSeverity severity, BpmnElement? element, string german, string english) =>
        _problems.Add(new BpmnProblem(code, severity, element?.Id, element?.Line ?? 0, element?.Column ?? 0, german, english));

    public void Report(string code, BpmnProblemSeverity severity, string? elementId, int line, int column, string german, string english) =>
        _problems.Add(new BpmnProblem(code, severity, elementId, line, column, german, english));

    /// <summary>A short label of an element for messages: its name if it has one, otherwise its id.</summary>
    public static string Label(BpmnElement element) =>
        string.IsNullOrWhiteSpace(element.Name) ? $"'{element.Id}'" : $"'{element.Name}' ({element.Id})";
}

/// <summary>One executability rule.</summary>
internal interface IBpmnCheck
{
    void Check(BpmnValidationContext context);
}
