using Amtsweg.Bpmn.Model;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Engine.Commands;

/// <summary>
/// The active element instances of the municipality matching a query (Camunda 8's element instance search): the
/// executions of running instances, each described from the cached model of its definition.
/// </summary>
internal sealed class QueryElementInstancesCommand(ElementInstanceQuery query) : EngineCommand<ElementInstancePage>
{
    public override string Name => "QueryElementInstancesCommand";

    public override async Task<ElementInstancePage> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var executions = context.Db.Executions.AsNoTracking();
        if (query.ElementInstanceId is { } key)
        {
            executions = executions.Where(e => e.Id == key);
        }

        if (query.ProcessInstanceId is { } instanceId)
        {
            executions = executions.Where(e => e.ProcessInstanceId == instanceId);
        }

        if (query.ElementId is { } elementId)
        {
            executions = executions.Where(e => e.ElementId == elementId);
        }

        if (query.ProcessId is { } processId)
        {
            executions = executions.Where(e => context.Db.ProcessInstances.Any(i => i.Id == e.ProcessInstanceId && i.ProcessId == processId));
        }

        if (query.ProcessDefinitionId is { } definitionId)
        {
            executions = executions.Where(e => context.Db.ProcessInstances.Any(i => i.Id == e.ProcessInstanceId && i.ProcessDefinitionId == definitionId));
        }

        var rows = await executions.OrderBy(e => e.ProcessInstanceId).ThenBy(e => e.Sequence).ToListAsync(cancellationToken).ConfigureAwait(false);

        // The type comes from the model and the incident from another table, so these filters apply here, before the page is cut.
        var matching = (await ElementInstances.DescribeAsync(context, rows, cancellationToken).ConfigureAwait(false))
            .Where(i => (query.ElementType is null || i.ElementType == query.ElementType) && (query.HasIncident is null || (i.IncidentId is not null) == query.HasIncident))
            .ToList();
        return new ElementInstancePage([.. matching.Skip(query.Skip).Take(query.Take)], matching.Count);
    }
}

/// <summary>One active element instance of the municipality by its key.</summary>
internal sealed class GetElementInstanceCommand(Guid elementInstanceId) : EngineCommand<ElementInstanceInfo>
{
    public override string Name => "GetElementInstanceCommand";

    public override async Task<ElementInstanceInfo> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var execution = await context.Db.Executions.AsNoTracking().SingleOrDefaultAsync(e => e.Id == elementInstanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new EngineObjectNotFoundException($"Element instance {elementInstanceId} does not exist or is not active.");
        return (await ElementInstances.DescribeAsync(context, [execution], cancellationToken).ConfigureAwait(false)).Single();
    }
}

/// <summary>Turns executions into element instances: process, definition, element name and type, open incident.</summary>
internal static class ElementInstances
{
    public static async Task<List<ElementInstanceInfo>> DescribeAsync(CommandContext context, IReadOnlyList<ExecutionEntity> executions, CancellationToken cancellationToken)
    {
        if (executions.Count == 0)
        {
            return [];
        }

        var instanceIds = executions.Select(e => e.ProcessInstanceId).Distinct().ToList();
        var instances = await context.Db.ProcessInstances.AsNoTracking()
            .Where(i => instanceIds.Contains(i.Id))
            .Select(i => new { i.Id, i.ProcessDefinitionId, i.ProcessId })
            .ToDictionaryAsync(i => i.Id, cancellationToken).ConfigureAwait(false);
        var incidents = await context.Db.Incidents.AsNoTracking()
            .Where(i => i.ProcessInstanceId != null && instanceIds.Contains(i.ProcessInstanceId.Value) && i.ResolvedAt == null)
            .Select(i => new { InstanceId = i.ProcessInstanceId!.Value, i.ElementId, i.Id, i.CreatedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var models = new Dictionary<Guid, BpmnDefinitions>();
        var result = new List<ElementInstanceInfo>(executions.Count);
        foreach (var execution in executions)
        {
            var instance = instances[execution.ProcessInstanceId];
            if (!models.TryGetValue(instance.ProcessDefinitionId, out var model))
            {
                model = context.Configuration.GetModel(await context.LoadDefinitionAsync(instance.ProcessDefinitionId, cancellationToken).ConfigureAwait(false));
                models[instance.ProcessDefinitionId] = model;
            }

            var (elementId, name, type) = execution.Kind switch
            {
                ExecutionKind.ProcessInstance => (instance.ProcessId, model.FindProcess(instance.ProcessId)?.Name, "process"),
                ExecutionKind.MultiInstanceBody => (execution.ElementId, model.FindElement<FlowNode>(execution.ElementId)?.Name, "multiInstanceBody"),
                ExecutionKind.Token => (execution.ElementId, model.FindElement<FlowNode>(execution.ElementId)?.Name, TypeOf(model.FindElement<FlowNode>(execution.ElementId))),
                ExecutionKind.AdHocInnerInstance => (execution.ElementId, model.FindElement<FlowNode>(execution.ElementId)?.Name, "adHocSubProcessInnerInstance"),
                _ => throw new InvalidOperationException($"Unknown execution kind {execution.Kind}."),
            };
            // An incident at an ad-hoc sub-process belongs to the sub-process, not to each of its activations.
            var incident = execution.Kind == ExecutionKind.AdHocInnerInstance
                ? null
                : incidents.Where(i => i.InstanceId == execution.ProcessInstanceId && i.ElementId == elementId).OrderBy(i => i.CreatedAt).FirstOrDefault();
            result.Add(new ElementInstanceInfo(
                execution.Id, execution.ProcessInstanceId, instance.ProcessDefinitionId, instance.ProcessId, elementId, name, type, execution.EnteredAt, incident?.Id));
        }

        return result;
    }

    private static string TypeOf(FlowNode? node) => node switch
    {
        null => "unknown",
        SubProcess { TriggeredByEvent: true } => "eventSubProcess",
        _ => CommandContext.ElementType(node),
    };
}
