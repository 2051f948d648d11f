using System.Xml.Linq;
using Amtsweg.Bpmn.Diagram;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Tests.Support;
using Amtsweg.Bpmn.Xml;
using Amtsweg.Bpmn.Zeebe;

namespace Amtsweg.Bpmn.Tests.Reading;

public sealed class BpmnReaderTests
{
    [Fact]
    public void Read_ResolvesReferences_WhenElementsAppearInAnyOrderWithPrefixesAndWithoutIncomingOutgoing()
    {
        var definitions = TestDiagrams.Read<BpmnReaderTests>();

        var process = Assert.Single(definitions.Processes);
        var work = definitions.FindElement<BpmnTask>("Work")!;
        var begin = definitions.FindElement<StartEvent>("Begin")!;
        var done = definitions.FindElement<EndEvent>("Done")!;
        Assert.Equal("F1", Assert.Single(begin.Outgoing).Id);
        Assert.Equal(["F1"], work.Incoming.Select(f => f.Id));
        Assert.Equal(["F2"], work.Outgoing.Select(f => f.Id));
        Assert.Equal("F2", Assert.Single(done.Incoming).Id);
        Assert.Same(work, done.Incoming[0].Source);
        Assert.Equal("tns:Work", done.Incoming[0].SourceRef);
        Assert.Same(done.Incoming[0], work.Default);
        Assert.True(done.Incoming[0].IsDefault);
        var late = Assert.Single(work.BoundaryEvents);
        Assert.Equal("Late", late.Id);
        Assert.Same(work, late.AttachedTo);
        Assert.False(late.CancelActivity);
        Assert.Equal("P3D", late.GetEventDefinition<TimerEventDefinition>()!.TimeDuration!.Text);
        Assert.Same(process, work.Scope);
        Assert.Same(process, work.Process);
        Assert.True(process.IsExecutable);
        Assert.Empty(definitions.Diagrams);
        Assert.Equal((10, 6), (work.Line, work.Column));
    }

    [Fact]
    public void Read_ReadsEveryEventDefinition_WhenInlineOrReferenced()
    {
        var definitions = TestDiagrams.Read<BpmnReaderTests>();

        var message = Definition<MessageEventDefinition>(definitions, "MessageStart");
        Assert.Equal("application", message.Message!.Name);
        Assert.Equal("2026-01-01T08:00:00Z", Definition<TimerEventDefinition>(definitions, "TimerDate").TimeDate!.Text);
        Assert.Equal("R3/PT10M", Definition<TimerEventDefinition>(definitions, "TimerCycle").TimeCycle!.Text);
        var condition = Definition<ConditionalEventDefinition>(definitions, "Conditional").Condition!;
        Assert.True(condition.Expression.IsFeel);
        Assert.Equal("x > 1", condition.Expression.Text);
        var signalCatch = definitions.FindElement<IntermediateCatchEvent>("SignalCatch")!;
        Assert.Empty(signalCatch.EventDefinitions);
        Assert.Equal("alarm", Assert.IsType<SignalEventDefinition>(Assert.Single(signalCatch.AllEventDefinitions)).Signal!.Name);
        var linkThrow = Definition<LinkEventDefinition>(definitions, "LinkThrow");
        Assert.Equal(("jump", "LinkCatchDef"), (linkThrow.Name, linkThrow.Target));
        Assert.Equal(["LinkThrow"], Definition<LinkEventDefinition>(definitions, "LinkCatch").Sources.ToArray());
        var compensate = Definition<CompensateEventDefinition>(definitions, "Compensate");
        Assert.Equal("Pay", compensate.Activity!.Id);
        Assert.False(compensate.WaitForCompletion);
        Assert.Equal("LATE", Definition<EscalationEventDefinition>(definitions, "EscalationThrow").Escalation!.EscalationCode);
        Assert.Equal("INVALID", Definition<ErrorEventDefinition>(definitions, "ErrorEnd").Error!.ErrorCode);
        Assert.IsType<TerminateEventDefinition>(definitions.FindElement<EndEvent>("Terminate")!.EventDefinitions.Single());
        var booking = definitions.FindElement<Transaction>("Booking")!;
        Assert.Equal("##Image", booking.Method);
        Assert.IsType<CancelEventDefinition>(definitions.FindElement<EndEvent>("CancelEnd")!.EventDefinitions.Single());
        Assert.Same(booking, definitions.FindElement<EndEvent>("CancelEnd")!.Scope);
        Assert.Equal("Cancelled", Assert.Single(booking.BoundaryEvents).Id);
        Assert.Null(Definition<ErrorEventDefinition>(definitions, "Failed").ErrorRef);
        var eventSubProcess = definitions.FindElement<SubProcess>("OnEscalation")!;
        Assert.True(eventSubProcess.TriggeredByEvent);
        Assert.False(Assert.IsType<StartEvent>(Assert.Single(eventSubProcess.FlowNodes)).IsInterrupting);
        var adHoc = definitions.FindElement<AdHocSubProcess>("AdHoc")!;
        Assert.Equal(("Sequential", false, "= done"), (adHoc.Ordering, adHoc.CancelRemainingInstances, adHoc.CompletionCondition!.Text));
        Assert.Equal("aktiv", adHoc.Zeebe.AdHoc!.ActiveElementsCollection!.Text);
        Assert.Equal("RootSignal", Assert.IsType<SignalEventDefinition>(definitions.RootElements.Single(r => r.Id == "RootSignal")).Id);
    }

    [Fact]
    public void Read_ReadsCollaborationLanesDataAndArtifacts_WhenPresent()
    {
        var definitions = TestDiagrams.Read<BpmnReaderTests>();

        var collaboration = Assert.Single(definitions.Collaborations);
        Assert.Equal(["TownHall", "Citizen"], collaboration.Participants.Select(p => p.Id));
        Assert.Same(definitions.FindProcess("Permit"), collaboration.Participants[0].Process);
        Assert.Null(collaboration.Participants[1].Process);
        var messageFlow = Assert.Single(collaboration.MessageFlows);
        Assert.Same(collaboration.Participants[1], messageFlow.Source);
        Assert.IsType<StartEvent>(messageFlow.Target);
        Assert.Equal("application", messageFlow.Message!.Name);
        Assert.Equal("Frist 3 Monate", Assert.IsType<TextAnnotation>(collaboration.Artifacts[0]).Text);
        var association = Assert.IsType<Association>(collaboration.Artifacts[1]);
        Assert.Equal(("Note", "Receive", "One"), (association.Source!.Id, association.Target!.Id, association.AssociationDirection));

        var process = definitions.FindProcess("Permit")!;
        Assert.Equal("Baugenehmigung", Assert.Single(process.Documentation).Text);
        var office = Assert.Single(Assert.Single(process.LaneSets).Lanes);
        var clerk = Assert.Single(office.ChildLaneSet!.Lanes);
        Assert.Equal(["Receive", "Review"], clerk.FlowNodes.Select(n => n.Id));
        Assert.Equal(["Office", "Clerk"], definitions.FindElement<FlowNode>("Receive")!.Lanes.Select(l => l.Id));

        Assert.True(definitions.FindElement<DataObject>("DO")!.IsCollection);
        Assert.Same(definitions.FindElement("DO"), definitions.FindElement<DataObjectReference>("DOR")!.DataObject);
        var store = definitions.FindElement<DataStoreReference>("DSR")!.DataStore!;
        Assert.Equal((10, false), (store.Capacity, store.IsUnlimited));
        var review = definitions.FindElement<UserTask>("Review")!;
        var input = Assert.Single(review.DataInputAssociations);
        Assert.Equal(["DOR"], input.SourceRefs.ToArray());
        Assert.Equal("DOR", Assert.Single(input.Sources).Id);
        Assert.Equal("DSR", Assert.Single(review.DataOutputAssociations).Target!.Id);
        var loop = Assert.IsType<MultiInstanceLoopCharacteristics>(review.LoopCharacteristics);
        Assert.True(loop.IsSequential);
        Assert.Equal("3", loop.LoopCardinality!.Text);
        Assert.Equal("CV1", Assert.IsType<Group>(Assert.Single(process.Artifacts)).CategoryValueRef);
        Assert.True(Assert.Single(definitions.ItemDefinitions).IsCollection);

        var plane = Assert.Single(definitions.Diagrams).Plane!;
        Assert.Same(collaboration, plane.BpmnElement);
        var shape = Assert.Single(plane.Shapes);
        Assert.Equal(new DiagramBounds(10, 20.5, 36, 36), shape.Bounds);
        Assert.Equal(new DiagramBounds(1, 2, 3, 4), shape.Label!.Bounds);
        Assert.Same(definitions.FindElement("Receive"), shape.BpmnElement);
        Assert.Equal([new DiagramPoint(46, 38), new DiagramPoint(100, 38)], Assert.Single(plane.Edges).Waypoints.ToArray());
    }

    [Fact]
    public void Read_ExposesZeebeExtensions_WhenCamunda8Dialect()
    {
        var definitions = TestDiagrams.Read<BpmnReaderTests>();

        var process = definitions.FindProcess("Permit")!;
        Assert.Equal("v1.2", process.Zeebe.VersionTag);
        Assert.Equal(new ZeebeProperty("owner", "Bauamt"), Assert.Single(process.Zeebe.Properties));

        var send = definitions.FindElement<ServiceTask>("Send")!.Zeebe;
        Assert.Equal(("mail", false, "5"), (send.TaskDefinition!.Type!.Text, send.TaskDefinition.Type.IsFeel, send.TaskDefinition.Retries!.Text));
        var input = Assert.Single(send.Inputs);
        Assert.Equal(("applicant.email", true, "to"), (input.Source!.Text, input.Source.IsFeel, input.Target));
        Assert.Equal("mailId", Assert.Single(send.Outputs).Target);
        Assert.Equal(new ZeebeHeader("template", "bescheid"), Assert.Single(send.TaskHeaders));

        var call = definitions.FindElement<CallActivity>("Call")!;
        var called = call.Zeebe.CalledElement!;
        Assert.Equal(("subProcessId", true, false, ZeebeBindingType.VersionTag, "v3"), (called.ProcessId!.Text, called.ProcessId.IsFeel, called.PropagateAllChildVariables, called.BindingType, called.VersionTag));
        Assert.Same(called.ProcessId, call.CalledProcessId);

        var decision = definitions.FindElement<BusinessRuleTask>("Fee")!.Zeebe.CalledDecision!;
        Assert.Equal(("fee", "gebuehr", ZeebeBindingType.Deployment), (decision.DecisionId!.Text, decision.ResultVariable, decision.BindingType));

        var approve = definitions.FindElement<UserTask>("Approve")!;
        Assert.True(approve.Zeebe.IsZeebeUserTask);
        Assert.Equal("approval-form", approve.Zeebe.FormDefinition!.FormId);
        var assignment = approve.Zeebe.AssignmentDefinition!;
        Assert.Equal(("initiator", true, "bauamt, leitung", false), (assignment.Assignee!.Text, assignment.Assignee.IsFeel, assignment.CandidateGroups!.Text, assignment.CandidateGroups.IsFeel));
        Assert.True(assignment.CandidateUsers!.IsFeel);
        Assert.Equal("now() + duration(\"P3D\")", approve.Zeebe.TaskSchedule!.DueDate!.Text);
        Assert.False(approve.Zeebe.TaskSchedule.FollowUpDate!.IsFeel);
        var loop = approve.LoopCharacteristics!.Zeebe.LoopCharacteristics!;
        Assert.Equal(("items", "item", "results", "result"), (loop.InputCollection!.Text, loop.InputElement, loop.OutputCollection, loop.OutputElement!.Text));

        Assert.Equal("camunda-forms:bpmn:Form_1", definitions.FindElement<UserTask>("Legacy")!.Zeebe.FormDefinition!.FormKey);
        Assert.False(definitions.FindElement<UserTask>("Legacy")!.Zeebe.IsZeebeUserTask);
        var script = definitions.FindElement<ScriptTask>("Compute")!.Zeebe.Script!;
        Assert.Equal(("a + b", "sum"), (script.Expression!.Text, script.ResultVariable));
        var wait = definitions.FindElement<ReceiveTask>("WaitDocs")!;
        Assert.Equal("aktenzeichen", wait.Message!.Zeebe.Subscription!.CorrelationKey!.Text);
        Assert.Same(ZeebeExtensions.Empty, wait.Zeebe);
    }

    [Fact]
    public void Read_KeepsForeignContent_WhenToolExtensionsArePresent()
    {
        var definitions = TestDiagrams.Read<BpmnReaderTests>();

        Assert.Equal(("ADONIS", "17.0"), (definitions.Exporter, definitions.ExporterVersion));
        var process = Assert.Single(definitions.Processes);
        XNamespace adonis = "http://www.boc-group.com";
        Assert.Equal("4711", process.GetAttribute(adonis + "modelId"));
        Assert.Equal([adonis + "attribute", XName.Get("signavioMetaData", "http://www.signavio.com")], process.ExtensionElements.Select(e => e.Name));
        Assert.Equal("Bauamt", process.ExtensionElements[0].Text);
        var task = definitions.FindElement<BpmnTask>("T")!;
        Assert.Equal("12.5", Assert.Single(task.ForeignAttributes).Value);
        Assert.Equal(["ioSpecification", "performer"], task.UninterpretedContent.OfType<XmlElementData>().Select(e => e.Name.LocalName));
        var kept = process.UninterpretedContent.ToList();
        Assert.Contains(kept, n => n is XmlCommentData { Text: " a comment kept in place " });
        Assert.Contains(kept, n => n is XmlElementData { Name.LocalName: "choreographyTask" });
        var unknown = kept.OfType<XmlElementData>().Single(e => e.Name == adonis + "unknownThing");
        Assert.Equal(new XmlTextData("<not xml>", IsCData: true), Assert.Single(unknown.Elements().Single().Children));
        Assert.Equal(14, unknown.Line);
        Assert.Contains(definitions.UninterpretedContent, n => n is XmlElementData { Name.LocalName: "interface" });
    }

    [Fact]
    public void Read_AcceptsSchemaVariants_WhenSubstitutionHeadsAndChildReferencesAreUsed()
    {
        var definitions = TestDiagrams.Read<BpmnReaderTests>();

        var process = Assert.Single(definitions.Processes);
        Assert.True(process.IsExecutable);
        Assert.Equal(["Start", "Wait", "End"], process.FlowNodes.Select(n => n.Id));
        Assert.Equal("Wait", definitions.FindElement<StartEvent>("Start")!.Outgoing.Single().Target!.Id);
        Assert.Equal("PT5M", definitions.FindElement<IntermediateCatchEvent>("Wait")!.GetEventDefinition<TimerEventDefinition>()!.TimeDuration!.Text);
        Assert.Equal("flowElement", process.FlowNodes[0].ElementName.LocalName);
        Assert.Contains(process.UninterpretedContent, n => n is XmlElementData e && e.GetAttribute("id") == "Strange");
        Assert.Empty(Amtsweg.Bpmn.Validation.BpmnValidator.Validate(definitions).Problems);
    }

    private static T Definition<T>(BpmnDefinitions definitions, string eventId)
        where T : EventDefinition => definitions.FindElement<BpmnEvent>(eventId)!.GetEventDefinition<T>()!;
}
