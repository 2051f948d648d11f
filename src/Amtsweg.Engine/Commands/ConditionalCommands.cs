using Amtsweg.Bpmn.Model;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Amtsweg.Feel;

namespace Amtsweg.Engine.Commands;

/// <summary>
/// Evaluates the process-level conditional start events of the municipality (Camunda 8's "evaluate root-level
/// conditional start events"): every conditional start event of the latest version of each process (the subscriptions
/// deployment keeps, <see cref="EventSubscriptionKind.Conditional"/> without instance) whose condition holds for the given
/// variables starts an instance there, with those variables. Several conditional start events of one process may each
/// start an instance. A condition that cannot be evaluated (a result that is neither boolean nor null, a FEEL error)
/// records an incident at its start event without instance, and the other start events are still evaluated.
/// </summary>
internal sealed class EvaluateConditionalStartEventsCommand(EvaluateConditionalStartEventsRequest request) : EngineCommand<ConditionalStartEvaluationResult>
{
    // The definition of each instance this command started: an incident of one of them is recorded at that definition.
    private readonly Dictionary<Guid, Guid> _started = [];

    public override string Name => "EvaluateConditionalStartEventsCommand";

    public override async Task<ConditionalStartEvaluationResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var values = CommandContext.FromInput(request.Variables).ToList();
        var starts = context.Db.EventSubscriptions
            .Where(s => s.Kind == EventSubscriptionKind.Conditional && s.ProcessInstanceId == null)
            .Where(s => request.ProcessDefinitionId == null || s.ProcessDefinitionId == request.ProcessDefinitionId)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .ToList();
        var scope = new FeelScope();
        foreach (var (name, value) in values)
        {
            scope.Set(name, value);
        }

        var started = new List<ConditionalStart>();
        foreach (var start in starts)
        {
            var definition = context.LoadDefinition(start.ProcessDefinitionId);
            var node = context.Configuration.GetModel(definition).FindElement<FlowNode>(start.ElementId);
            bool holds;
            try
            {
                holds = node is not null && context.EvaluateCondition(CommandContext.ConditionalDefinition(node), scope, start.ElementId);
            }
            catch (IncidentException incident)
            {
                context.RecordIncident(null, definition.Id, incident.ElementId, incident.Type, incident.Message);
                continue;
            }

            if (holds)
            {
                var runtime = context.StartInstance(definition, null, start.ElementId, values);
                _started[runtime.Id] = definition.Id;
                started.Add(new ConditionalStart(definition.Id, runtime.Id));
            }
        }

        await context.RunAgendaAsync(cancellationToken).ConfigureAwait(false);
        return new ConditionalStartEvaluationResult(CommandContext.NewId(), started);
    }

    /// <summary>An instance this command started failed before its first wait state: nothing was started, the incident is recorded at its definition.</summary>
    public override Task<IncidentInfo> RecordIncidentAsync(CommandContext context, IncidentException incident, Guid? primaryInstanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(incident);
        var definitionId = incident.ProcessInstanceId is { } failed && _started.TryGetValue(failed, out var definition)
            ? definition
            : _started.Values.FirstOrDefault();
        return Task.FromResult(context.RecordIncident(null, definitionId, incident.ElementId, incident.Type, incident.Message));
    }
}
