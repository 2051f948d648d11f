using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Xml;

namespace Amtsweg.Bpmn.Validation.Checks;

/// <summary>
/// Reports elements that the engine does not execute (see <see cref="BpmnValidationOptions.UnsupportedElements"/>):
/// in executable processes, whether the model types them or keeps them verbatim, and anywhere in the root elements
/// the model keeps verbatim (a <c>choreography</c> with its choreography tasks).
/// </summary>
internal sealed class UnsupportedElementCheck : IBpmnCheck
{
    public void Check(BpmnValidationContext context)
    {
        var unsupported = context.Options.UnsupportedElements;
        foreach (var element in context.ExecutableElements)
        {
            if (element.ElementName.Namespace == BpmnNamespaces.Model && unsupported.Contains(element.ElementName.LocalName))
            {
                // An event definition seldom has an id of its own, and its id means nothing to the modeller: name its event.
                var at = element is EventDefinition { Parent: { } owner } ? owner : element;
                Report(context, element.ElementName.LocalName, at.Id, at.Line, at.Column);
            }

            if (element is not IFlowElementScope)
            {
                continue;
            }

            ReportVerbatim(context, element.UninterpretedContent);
        }

        // A choreography is a root element of its own, beside the processes; the file that holds one is refused
        // as a whole, as the documentation of the engine's constructs promises, rather than deployed without it.
        ReportVerbatim(context, context.Definitions.UninterpretedContent);
    }

    private static void ReportVerbatim(BpmnValidationContext context, IEnumerable<XmlNodeData> content)
    {
        var unsupported = context.Options.UnsupportedElements;
        var pending = new Stack<XmlElementData>(content.OfType<XmlElementData>().Reverse());
        while (pending.TryPop(out var raw))
        {
            if (raw.Name.Namespace == BpmnNamespaces.Model && unsupported.Contains(raw.Name.LocalName))
            {
                Report(context, raw.Name.LocalName, raw.GetAttribute("id"), raw.Line, raw.Column);
            }

            foreach (var child in raw.Elements().Reverse())
            {
                pending.Push(child);
            }
        }
    }

    private static void Report(BpmnValidationContext context, string kind, string? id, int line, int column) =>
        context.Report(
            BpmnProblemCodes.UnsupportedElement,
            BpmnProblemSeverity.Error,
            id,
            line,
            column,
            $"Das Element '{kind}' ({id ?? "ohne ID"}) wird von der Prozess-Engine nicht ausgeführt.",
            $"The element '{kind}' ({id ?? "without id"}) is not supported by the process engine.");
}
