using Amtsweg.Bpmn.Diagram;
using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn;

/// <summary>A summary of one BPMN file, as the CLI prints it (<c>amtsweg bpmn read</c>).</summary>
/// <param name="Processes">Number of processes.</param>
/// <param name="Collaborations">Number of collaborations.</param>
/// <param name="Participants">Number of participants (pools).</param>
/// <param name="FlowNodes">Number of flow nodes in all processes, including nested sub-processes.</param>
/// <param name="SequenceFlows">Number of sequence flows in all processes, including nested sub-processes.</param>
/// <param name="MessageFlows">Number of message flows.</param>
/// <param name="DiShapes">Number of BPMNShape elements in all diagrams.</param>
/// <param name="DiEdges">Number of BPMNEdge elements in all diagrams.</param>
public sealed record BpmnFileReport(
    int Processes,
    int Collaborations,
    int Participants,
    int FlowNodes,
    int SequenceFlows,
    int MessageFlows,
    int DiShapes,
    int DiEdges)
{
    /// <summary>Counts the elements of a model.</summary>
    public static BpmnFileReport Create(BpmnDefinitions definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var all = definitions.DescendantsAndSelf().ToList();
        return new BpmnFileReport(
            Processes: definitions.Processes.Length,
            Collaborations: definitions.Collaborations.Length,
            Participants: all.OfType<Participant>().Count(),
            FlowNodes: all.OfType<FlowNode>().Count(),
            SequenceFlows: all.OfType<SequenceFlow>().Count(),
            MessageFlows: all.OfType<MessageFlow>().Count(),
            DiShapes: all.OfType<BpmnShape>().Count(),
            DiEdges: all.OfType<BpmnEdge>().Count());
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"processes: {Processes}, collaborations: {Collaborations}, participants: {Participants}, flow nodes: {FlowNodes}, " +
        $"sequence flows: {SequenceFlows}, message flows: {MessageFlows}, DI shapes: {DiShapes}, DI edges: {DiEdges}";
}
