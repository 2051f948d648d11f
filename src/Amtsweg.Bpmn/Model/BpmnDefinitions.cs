using System.Collections.Immutable;
using Amtsweg.Bpmn.Diagram;

namespace Amtsweg.Bpmn.Model;

/// <summary>The root of a BPMN document: root elements (processes, collaborations, messages, ...) and diagrams.</summary>
public sealed class BpmnDefinitions : BpmnElement
{
    internal BpmnDefinitions()
    {
    }

    /// <summary>The <c>targetNamespace</c> attribute.</summary>
    public string? TargetNamespace { get; internal set; }

    /// <summary>The <c>exporter</c> attribute (the tool that wrote the file).</summary>
    public string? Exporter { get; internal set; }

    /// <summary>The <c>exporterVersion</c> attribute.</summary>
    public string? ExporterVersion { get; internal set; }

    /// <summary>The <c>expressionLanguage</c> attribute, or null for the BPMN default (XPath).</summary>
    public string? ExpressionLanguage { get; internal set; }

    /// <summary>All root elements the model interprets, in document order.</summary>
    public ImmutableArray<BpmnRootElement> RootElements { get; internal set; } = [];

    /// <summary>The processes.</summary>
    public ImmutableArray<BpmnProcess> Processes { get; internal set; } = [];

    /// <summary>The collaborations (pools and message flows).</summary>
    public ImmutableArray<Collaboration> Collaborations { get; internal set; } = [];

    /// <summary>The messages.</summary>
    public ImmutableArray<Message> Messages { get; internal set; } = [];

    /// <summary>The errors.</summary>
    public ImmutableArray<Error> Errors { get; internal set; } = [];

    /// <summary>The escalations.</summary>
    public ImmutableArray<Escalation> Escalations { get; internal set; } = [];

    /// <summary>The signals.</summary>
    public ImmutableArray<Signal> Signals { get; internal set; } = [];

    /// <summary>The item definitions.</summary>
    public ImmutableArray<ItemDefinition> ItemDefinitions { get; internal set; } = [];

    /// <summary>The data stores.</summary>
    public ImmutableArray<DataStore> DataStores { get; internal set; } = [];

    /// <summary>The diagrams (BPMN DI); empty when the file has no layout.</summary>
    public ImmutableArray<BpmnDiagram> Diagrams { get; internal set; } = [];

    /// <summary>
    /// Warnings of reading (code <see cref="Validation.BpmnProblemCodes.EncodingNotAsDeclared"/>): the file was not
    /// read in the encoding it declares. <see cref="Validation.BpmnValidator"/> reports them with its findings.
    /// </summary>
    public ImmutableArray<Validation.BpmnProblem> ReadWarnings { get; internal set; } = [];

    /// <summary>Ids that occur more than once; references resolve to the first element with the id.</summary>
    public ImmutableArray<string> DuplicateIds { get; internal set; } = [];

    // Filled once by the reader and never changed afterwards; a FrozenDictionary costs more to build than it saves.
    internal IReadOnlyDictionary<string, BpmnElement> ElementsById { get; set; } = new Dictionary<string, BpmnElement>();

    /// <summary>Finds a typed element by id (a prefix such as <c>tns:</c> is ignored).</summary>
    public BpmnElement? FindElement(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        var local = BpmnReferences.LocalPart(id);
        return ElementsById.GetValueOrDefault(local);
    }

    /// <summary>Finds a typed element of a given type by id.</summary>
    public T? FindElement<T>(string? id)
        where T : BpmnElement => FindElement(id) as T;

    /// <summary>Finds a process by id.</summary>
    public BpmnProcess? FindProcess(string id) => FindElement<BpmnProcess>(id);
}

/// <summary>Helpers for reference values, which may be qualified names (<c>tns:Task_1</c>).</summary>
public static class BpmnReferences
{
    /// <summary>The local part of a reference: <c>tns:Task_1</c> gives <c>Task_1</c>.</summary>
    public static string LocalPart(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var trimmed = reference.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? trimmed[(colon + 1)..] : trimmed;
    }
}
