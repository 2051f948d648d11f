using System.Collections.Immutable;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Xml;

namespace Amtsweg.Bpmn.Zeebe;

/// <summary>Interprets the Zeebe elements among an element's extension elements.</summary>
internal static class ZeebeExtensionReader
{
    public static ZeebeExtensions Read(ImmutableArray<XmlElementData> extensionElements)
    {
        var zeebe = BpmnNamespaces.Zeebe;
        if (extensionElements.IsEmpty || !extensionElements.Any(e => e.Name.Namespace == zeebe))
        {
            return ZeebeExtensions.Empty;
        }

        var result = new ZeebeExtensions();
        foreach (var element in extensionElements.Where(e => e.Name.Namespace == zeebe))
        {
            result = element.Name.LocalName switch
            {
                "taskDefinition" => result with { TaskDefinition = new ZeebeTaskDefinition(Expr(element, "type"), Expr(element, "retries")) },
                "ioMapping" => result with
                {
                    HasIoMapping = true,
                    Inputs = result.Inputs.AddRange(Mappings(element, "input")),
                    Outputs = result.Outputs.AddRange(Mappings(element, "output")),
                },
                "taskHeaders" => result with
                {
                    TaskHeaders = result.TaskHeaders.AddRange(element.Elements(zeebe + "header")
                        .Select(h => new ZeebeHeader(h.GetAttribute("key") ?? string.Empty, h.GetAttribute("value") ?? string.Empty))),
                },
                "subscription" => result with { Subscription = new ZeebeSubscription(Expr(element, "correlationKey")) },
                "calledElement" => result with
                {
                    CalledElement = new ZeebeCalledElement(
                        Expr(element, "processId"),
                        Bool(element, "propagateAllChildVariables", defaultValue: true),
                        Bool(element, "propagateAllParentVariables", defaultValue: true),
                        Binding(element),
                        element.GetAttribute("versionTag")),
                },
                "calledDecision" => result with
                {
                    CalledDecision = new ZeebeCalledDecision(Expr(element, "decisionId"), element.GetAttribute("resultVariable"), Binding(element), element.GetAttribute("versionTag")),
                },
                "formDefinition" => result with
                {
                    FormDefinition = new ZeebeFormDefinition(
                        element.GetAttribute("formKey"), element.GetAttribute("formId"), element.GetAttribute("externalReference"), Binding(element), element.GetAttribute("versionTag")),
                },
                "userTask" => result with { IsZeebeUserTask = true },
                "userTaskForm" => result with { UserTaskForms = result.UserTaskForms.Add(new ZeebeUserTaskForm(element.GetAttribute("id"), element.Text)) },
                "assignmentDefinition" => result with
                {
                    AssignmentDefinition = new ZeebeAssignmentDefinition(Expr(element, "assignee"), Expr(element, "candidateGroups"), Expr(element, "candidateUsers")),
                },
                "taskSchedule" => result with { TaskSchedule = new ZeebeTaskSchedule(Expr(element, "dueDate"), Expr(element, "followUpDate")) },
                "loopCharacteristics" => result with
                {
                    LoopCharacteristics = new ZeebeLoopCharacteristics(
                        Expr(element, "inputCollection"), element.GetAttribute("inputElement"), element.GetAttribute("outputCollection"), Expr(element, "outputElement")),
                },
                "script" => result with { Script = new ZeebeScript(Expr(element, "expression"), element.GetAttribute("resultVariable")) },
                "adHoc" => result with { AdHoc = new ZeebeAdHoc(Expr(element, "activeElementsCollection"), element.GetAttribute("outputCollection"), Expr(element, "outputElement")) },
                "versionTag" => result with { VersionTag = element.GetAttribute("value") },
                "properties" => result with
                {
                    Properties = result.Properties.AddRange(element.Elements(zeebe + "property")
                        .Select(p => new ZeebeProperty(p.GetAttribute("name") ?? string.Empty, p.GetAttribute("value")))),
                },
                _ => result,
            };
        }

        return result;
    }

    private static IEnumerable<ZeebeMapping> Mappings(XmlElementData ioMapping, string kind) =>
        ioMapping.Elements(BpmnNamespaces.Zeebe + kind)
            .Select(m => new ZeebeMapping(Expr(m, "source"), m.GetAttribute("target") ?? string.Empty));

    private static BpmnExpression? Expr(XmlElementData element, string attribute) =>
        BpmnExpression.ParseOptional(element.GetAttribute(attribute));

    private static bool Bool(XmlElementData element, string attribute, bool defaultValue) =>
        element.GetAttribute(attribute) is { } value ? string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase) : defaultValue;

    private static ZeebeBindingType Binding(XmlElementData element) => element.GetAttribute("bindingType")?.Trim() switch
    {
        "deployment" => ZeebeBindingType.Deployment,
        "versionTag" => ZeebeBindingType.VersionTag,
        _ => ZeebeBindingType.Latest,
    };
}
