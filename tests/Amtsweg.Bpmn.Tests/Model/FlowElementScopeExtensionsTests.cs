using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Tests.Support;

namespace Amtsweg.Bpmn.Tests.Model;

public sealed class FlowElementScopeExtensionsTests
{
    [Fact]
    public void ScopeQueries_FindStartEventsEventSubProcessesAndLinkTargets()
    {
        var definitions = TestDiagrams.Read<FlowElementScopeExtensionsTests>();
        var process = definitions.Processes.Single();

        Assert.Equal(["Start", "MessageStart"], process.StartEvents().Select(e => e.Id));
        Assert.Equal("Start", process.NoneStartEvent()!.Id);
        var eventSubProcess = Assert.Single(process.EventSubProcesses());
        Assert.Equal("OnTimer", eventSubProcess.Id);
        Assert.Null(eventSubProcess.NoneStartEvent());
        Assert.Equal("TimerStart", Assert.Single(eventSubProcess.StartEvents()).Id);
        Assert.Equal("Landing", process.FindLinkCatch("jump")!.Id);
        Assert.Null(process.FindLinkCatch("elsewhere"));
        Assert.Same(process, definitions.FindElement<FlowNode>("TimerStart")!.Process);
        Assert.Same(eventSubProcess, definitions.FindElement<FlowNode>("TimerStart")!.Scope);
    }

    [Fact]
    public void Report_CountsProcessesNodesFlowsAndDiagramElements()
    {
        var definitions = TestDiagrams.Read<FlowElementScopeExtensionsTests>();

        var report = BpmnFileReport.Create(definitions);

        Assert.Equal(new BpmnFileReport(Processes: 1, Collaborations: 0, Participants: 0, FlowNodes: 8, SequenceFlows: 3, MessageFlows: 0, DiShapes: 2, DiEdges: 1), report);
        Assert.Contains("flow nodes: 8", report.ToString(), StringComparison.Ordinal);
    }
}
