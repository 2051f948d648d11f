using Amtsweg.Bpmn.Comparison;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Reading;

namespace Amtsweg.Bpmn.Tests.Comparison;

public sealed class BpmnComparisonTests
{
    // A small process in the dialect Camunda Modeler writes: start, a user task with form and assignment, a gateway with a
    // condition, a service task, a timer boundary event, two ends.
    private const string Base = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Defs" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:message id="Msg" name="Unterlagen" />
          <bpmn:process id="Antrag" name="Antrag" isExecutable="true">
            <bpmn:startEvent id="Start" name="Eingang"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:userTask id="Pruefen" name="Antrag prüfen">
              <bpmn:extensionElements>
                <zeebe:formDefinition formId="pruefung" />
                <zeebe:assignmentDefinition candidateGroups="sachbearbeitung" />
              </bpmn:extensionElements>
              <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:boundaryEvent id="Frist" name="Frist" attachedToRef="Pruefen">
              <bpmn:timerEventDefinition id="TimerDef_1"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P14D</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:exclusiveGateway id="Vollstaendig" name="Vollständig?" default="F4" />
            <bpmn:serviceTask id="Bescheid" name="Bescheid erstellen">
              <bpmn:extensionElements><zeebe:taskDefinition type="bescheid" retries="3" /></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:endEvent id="Ende" name="Erledigt" />
            <bpmn:endEvent id="Abgelehnt" name="Abgelehnt" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Pruefen" />
            <bpmn:sequenceFlow id="F2" sourceRef="Pruefen" targetRef="Vollstaendig" />
            <bpmn:sequenceFlow id="F3" name="ja" sourceRef="Vollstaendig" targetRef="Bescheid">
              <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">= vollstaendig = true</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="F4" name="nein" sourceRef="Vollstaendig" targetRef="Abgelehnt" />
            <bpmn:sequenceFlow id="F5" sourceRef="Bescheid" targetRef="Ende" />
          </bpmn:process>
          <bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="P" bpmnElement="Antrag">
            <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
          </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;

    private static BpmnDefinitions Read(string xml) => BpmnReader.Parse(xml);

    private static BpmnModelDiff Compare(string after) => BpmnComparison.Compare(Read(Base), Read(after));

    private static string Changed(string find, string replace)
    {
        Assert.Contains(find, Base, StringComparison.Ordinal);
        return Base.Replace(find, replace, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_FindsNoChange_WhenOnlyLayoutPrefixesAndWhitespaceDiffer()
    {
        var after = Base
            .Replace("x=\"100\"", "x=\"420\"", StringComparison.Ordinal)
            .Replace("bpmn:", "semantic:", StringComparison.Ordinal)
            .Replace("xmlns:bpmn=", "xmlns:semantic=", StringComparison.Ordinal)
            .Replace("<zeebe:taskDefinition type=\"bescheid\" retries=\"3\" />", "<zeebe:taskDefinition retries=\"3\"   type=\"bescheid\"/>", StringComparison.Ordinal)
            .Replace("id=\"TimerDef_1\"", "id=\"TimerEventDefinition_0x9a\"", StringComparison.Ordinal);

        var diff = Compare(after);

        Assert.True(diff.IsEmpty, string.Join(", ", diff.Changes));
    }

    [Fact]
    public void Compare_ReportsEveryElementAsAdded_WhenThereIsNoEarlierVersion()
    {
        var diff = BpmnComparison.Compare(null, Read(Base));

        Assert.All(diff.Changes, c => Assert.Equal(BpmnChangeKind.Added, c.Kind));
        Assert.Contains(diff.Changes, c => c.Element.Id == "Pruefen" && c.Element.Type == "userTask" && c.Element.Name == "Antrag prüfen");
        Assert.Contains(diff.Changes, c => c.Element.Id == "Msg" && c.Element.Type == "message");
        Assert.Contains(diff.Changes, c => c.Element.Id == "Antrag" && c.Element.Type == "process");
    }

    [Fact]
    public void Compare_ReportsAddedTaskAndItsFlows_WhenATaskIsInserted()
    {
        var after = Changed(
            "<bpmn:sequenceFlow id=\"F5\" sourceRef=\"Bescheid\" targetRef=\"Ende\" />",
            """
            <bpmn:sendTask id="Versand" name="Bescheid versenden"><bpmn:extensionElements><zeebe:taskDefinition type="versand" /></bpmn:extensionElements></bpmn:sendTask>
            <bpmn:sequenceFlow id="F5" sourceRef="Bescheid" targetRef="Versand" />
            <bpmn:sequenceFlow id="F6" sourceRef="Versand" targetRef="Ende" />
            """);

        var diff = Compare(after);

        Assert.Equal(["Versand", "F6"], diff.OfKind(BpmnChangeKind.Added).Select(c => c.Element.Id));
        var rewired = Assert.Single(diff.OfKind(BpmnChangeKind.Changed));
        Assert.Equal("F5", rewired.Element.Id);
        var connection = Assert.Single(rewired.Aspects);
        Assert.Equal((BpmnAspects.Connection, "Bescheid → Ende", "Bescheid → Versand"), (connection.Aspect, connection.Before, connection.After));
        Assert.Equal(("Versand", "Ende"), (diff.After["F6"].SourceId, diff.After["F6"].TargetId));
    }

    [Fact]
    public void Compare_ReportsRemovedElement_WithItsOldName()
    {
        var after = Changed("<bpmn:boundaryEvent id=\"Frist\" name=\"Frist\" attachedToRef=\"Pruefen\">", "<bpmn:boundaryEvent id=\"Frist2\" name=\"Frist\" attachedToRef=\"Pruefen\">");

        var diff = Compare(after);

        var removed = Assert.Single(diff.OfKind(BpmnChangeKind.Removed));
        Assert.Equal(("Frist", "boundaryEvent", "Frist"), (removed.Element.Id, removed.Element.Type, removed.Element.Name));
        Assert.Equal("Frist2", Assert.Single(diff.OfKind(BpmnChangeKind.Added)).Element.Id);
    }

    [Fact]
    public void Compare_ReportsChangedCondition_WithBothExpressions()
    {
        var diff = Compare(Changed("= vollstaendig = true", "= vollstaendig and gebuehrBezahlt"));

        var change = Assert.Single(diff.Changes);
        Assert.Equal(("F3", BpmnChangeKind.Changed), (change.Element.Id, change.Kind));
        var aspect = Assert.Single(change.Aspects);
        Assert.Equal(BpmnAspects.Condition, aspect.Aspect);
        Assert.Contains("vollstaendig = true", aspect.Before, StringComparison.Ordinal);
        Assert.Contains("gebuehrBezahlt", aspect.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("type=\"bescheid\"", "type=\"bescheid-v2\"", "Bescheid", BpmnAspects.TaskDefinition)]
    [InlineData("formId=\"pruefung\"", "formId=\"pruefung-neu\"", "Pruefen", BpmnAspects.Form)]
    [InlineData("candidateGroups=\"sachbearbeitung\"", "candidateGroups=\"leitung\"", "Pruefen", BpmnAspects.Assignment)]
    [InlineData("P14D", "P30D", "Frist", BpmnAspects.Timer)]
    [InlineData("default=\"F4\"", "default=\"F3\"", "Vollstaendig", BpmnAspects.DefaultFlow)]
    [InlineData("name=\"Antrag prüfen\"", "name=\"Antrag sorgfältig prüfen\"", "Pruefen", BpmnAspects.Name)]
    [InlineData("<bpmn:endEvent id=\"Abgelehnt\" name=\"Abgelehnt\" />", "<bpmn:endEvent id=\"Abgelehnt\" name=\"Abgelehnt\"><bpmn:terminateEventDefinition id=\"T1\" /></bpmn:endEvent>", "Abgelehnt", BpmnAspects.EventDefinition)]
    [InlineData("<bpmn:message id=\"Msg\" name=\"Unterlagen\" />", "<bpmn:message id=\"Msg\" name=\"Nachreichung\" />", "Msg", BpmnAspects.Name)]
    public void Compare_ReportsTheAspectThatMattersForExecution_WhenItChanges(string find, string replace, string elementId, string aspect)
    {
        var diff = Compare(Changed(find, replace));

        var change = Assert.Single(diff.Changes);
        Assert.Equal((elementId, BpmnChangeKind.Changed), (change.Element.Id, change.Kind));
        Assert.Equal(aspect, Assert.Single(change.Aspects).Aspect);
    }

    [Fact]
    public void Compare_ReportsTypeChange_WhenAServiceTaskBecomesAUserTask()
    {
        var after = Changed(
            "<bpmn:serviceTask id=\"Bescheid\" name=\"Bescheid erstellen\">\n      <bpmn:extensionElements><zeebe:taskDefinition type=\"bescheid\" retries=\"3\" /></bpmn:extensionElements>\n    </bpmn:serviceTask>",
            "<bpmn:userTask id=\"Bescheid\" name=\"Bescheid erstellen\" />");

        var change = Assert.Single(Compare(after).Changes);

        Assert.Equal([BpmnAspects.Type, BpmnAspects.TaskDefinition], change.Aspects.Select(a => a.Aspect));
        Assert.Equal(("serviceTask", "userTask"), (change.Aspects[0].Before, change.Aspects[0].After));
        Assert.Null(change.Aspects[1].After);
    }

    [Fact]
    public void Compare_ReportsElementsInsideASubProcess_OnTheirOwn()
    {
        var before = Changed("<bpmn:endEvent id=\"Ende\" name=\"Erledigt\" />",
            "<bpmn:endEvent id=\"Ende\" name=\"Erledigt\" /><bpmn:subProcess id=\"Sub\" name=\"Nacharbeit\"><bpmn:task id=\"Innen\" name=\"Innen\" /></bpmn:subProcess>");
        var after = before.Replace("<bpmn:task id=\"Innen\" name=\"Innen\" />", "<bpmn:task id=\"Innen\" name=\"Innen neu\" />", StringComparison.Ordinal);

        var diff = BpmnComparison.Compare(Read(before), Read(after));

        var change = Assert.Single(diff.Changes);
        Assert.Equal("Innen", change.Element.Id);
    }
}
