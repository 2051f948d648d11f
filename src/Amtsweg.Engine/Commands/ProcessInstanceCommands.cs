using System.Text.Json.Nodes;
using Amtsweg.Bpmn.Model;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Amtsweg.Feel;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Engine.Commands;

/// <summary>Starts an instance at its none start event and runs it to its first wait states.</summary>
internal sealed class StartProcessInstanceCommand(StartProcessInstanceRequest request) : EngineCommand<ProcessInstanceInfo>
{
    private Guid _instanceId = request.ProcessInstanceId ?? Guid.Empty;
    private ProcessDefinitionEntity? _definition;
    private List<KeyValuePair<string, FeelValue>> _variables = [];

    public override string Name => "StartProcessInstanceCommand";

    public override async Task<ProcessInstanceInfo> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        _definition = await FindDefinitionAsync(context, cancellationToken).ConfigureAwait(false);
        _variables = CommandContext.FromInput(request.Variables).ToList();
        if (context.Configuration.FormCheck is { } formCheck && await TaskForms.FindStartAsync(context, _definition, cancellationToken).ConfigureAwait(false) is { } form)
        {
            // The start form decides what an instance starts with, whoever starts it (the REST API too). It shows no
            // process data yet, so nothing is shown that a hidden or read-only field could keep.
            JsonObject checkedValues;
            try
            {
                checkedValues = formCheck.Check(form, CommandContext.ToJsonObject(_variables), []);
            }
            catch (TaskFormInvalidException invalid)
            {
                throw TaskFormInvalidException.ForStartForm(invalid.Errors);
            }

            _variables = [.. checkedValues.Select(p => new KeyValuePair<string, FeelValue>(p.Key, FeelConvert.FromJson(p.Value)))];
        }

        // Merged here too, so that an instance kept at its start event after an incident has them as well.
        _variables = [.. context.WithStartVariables(_definition, _variables)];
        _variables.AddRange(CommandContext.FromInput(request.HostVariables).Where(host => !_variables.Exists(v => v.Key == host.Key)).ToList());
        var runtime = context.StartInstance(_definition, request.BusinessKey, null, _variables, instanceId: _instanceId == Guid.Empty ? null : _instanceId);
        _instanceId = runtime.Id;
        await context.RunAgendaAsync(cancellationToken).ConfigureAwait(false);
        return Snapshot.Of(context, runtime);
    }

    /// <summary>
    /// The instance did not exist before the command, so its last wait state is its creation: it is created again with
    /// its start variables and a token parked at the start event, and the incident is attached to it.
    /// </summary>
    public override async Task<IncidentInfo> RecordIncidentAsync(CommandContext context, IncidentException incident, Guid? primaryInstanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(incident);
        var definition = await context.LoadDefinitionAsync(_definition!.Id, cancellationToken).ConfigureAwait(false);
        var runtime = context.CreateInstance(definition, request.BusinessKey, null, null, _instanceId);
        var root = runtime.Find(runtime.Id)!;
        context.SetLocal(runtime, root, _variables);
        var start = CommandContext.FindStartEvent(runtime, null);
        var token = context.NewToken(runtime, root, start.Id!);
        token.IsWaiting = true;
        return context.RecordIncident(runtime.Id, definition.Id, incident.ElementId, incident.Type, incident.Message);
    }

    private async Task<ProcessDefinitionEntity> FindDefinitionAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (request.ProcessDefinitionId is { } id)
        {
            return await context.LoadDefinitionAsync(id, cancellationToken).ConfigureAwait(false);
        }

        var processId = request.ProcessId ?? throw new ArgumentException("A process id or a process definition id is required.", nameof(request));
        var latest = await EngineQueries.LatestDefinitionIdAsync(context.Db, processId, cancellationToken).ConfigureAwait(false)
            ?? throw new EngineObjectNotFoundException($"No process '{processId}' is deployed.");
        return await context.LoadDefinitionAsync(latest, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Reads the state of an instance.</summary>
internal sealed class GetProcessInstanceCommand(Guid processInstanceId) : EngineCommand<ProcessInstanceInfo>
{
    public override string Name => "GetProcessInstanceCommand";

    public override async Task<ProcessInstanceInfo> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = context.Db;
        var instance = await db.ProcessInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == processInstanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new EngineObjectNotFoundException($"Process instance {processInstanceId} does not exist.");
        var executions = await db.Executions.AsNoTracking().Where(e => e.ProcessInstanceId == processInstanceId).OrderBy(e => e.Sequence).ToListAsync(cancellationToken).ConfigureAwait(false);
        var variables = await db.Variables.AsNoTracking().Where(v => v.ExecutionId == processInstanceId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.ProcessInstanceId == processInstanceId && i.ResolvedAt == null).OrderBy(i => i.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        return Snapshot.Of(context, instance, executions, variables, incidents);
    }
}

/// <summary>Builds the public view of an instance.</summary>
internal static class Snapshot
{
    public static ProcessInstanceInfo Of(CommandContext context, InstanceRuntime runtime) =>
        Of(context, runtime.Entity, runtime.Executions, runtime.Variables.Where(v => v.ExecutionId == runtime.Id), context.Db.Incidents.Local.Where(i => i.ProcessInstanceId == runtime.Id && i.ResolvedAt == null));

    public static ProcessInstanceInfo Of(CommandContext context, ProcessInstanceEntity instance, IEnumerable<ExecutionEntity> executions, IEnumerable<VariableEntity> rootVariables, IEnumerable<IncidentEntity> incidents) =>
        new(
            instance.Id,
            instance.ProcessDefinitionId,
            instance.ProcessId,
            instance.BusinessKey,
            instance.State,
            instance.Revision,
            instance.StartedAt,
            instance.EndedAt,
            instance.ParentProcessInstanceId,
            [.. executions.Where(e => e.Kind != ExecutionKind.ProcessInstance).OrderBy(e => e.Sequence).Select(e => e.ElementId).Distinct(StringComparer.Ordinal)],
            rootVariables.OrderBy(v => v.Name, StringComparer.Ordinal).ToDictionary(v => v.Name, v => JsonNode.Parse(v.Json), StringComparer.Ordinal),
            [.. incidents.Select(i => Incident(context, i))]);

    /// <summary>An incident with its element's name and kind from the engine's cached model of the deployed definition.</summary>
    public static IncidentInfo Incident(CommandContext context, IncidentEntity incident)
    {
        var model = context.Configuration.GetModel(context.LoadDefinition(incident.ProcessDefinitionId));
        var element = model.FindElement(incident.ElementId);
        return new(
            incident.Id,
            incident.ProcessInstanceId,
            incident.ElementId,
            incident.Type,
            incident.Message,
            incident.CreatedAt,
            incident.JobId,
            incident.ResolvedAt,
            ElementName(model, incident.ElementId),
            element is null ? null : CommandContext.ElementType(element));
    }

    /// <summary>
    /// What people call an element: its name in the model. An unnamed sequence flow (the usual case: a condition's
    /// incident) is named by the step it leaves, e.g. the gateway's question.
    /// </summary>
    public static string? ElementName(BpmnDefinitions model, string? elementId) => model.FindElement(elementId) switch
    {
        SequenceFlow { Name: null or "" } flow => flow.Source?.Name,
        var element => element?.Name,
    };

    public static UserTaskInfo Task(UserTaskEntity task) =>
        new(
            task.Id,
            task.ProcessInstanceId,
            task.ElementId,
            task.Name,
            task.Assignee,
            Split(task.CandidateGroups),
            Split(task.CandidateUsers),
            task.DueDate,
            task.FollowUpDate,
            task.FormId,
            task.State,
            task.CreatedAt,
            task.ProcessDefinitionId);

    public static IReadOnlyList<string> Split(string? list) =>
        string.IsNullOrEmpty(list) ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static Dictionary<string, JsonNode?> Json(IEnumerable<KeyValuePair<string, FeelValue>> values) =>
        values.ToDictionary(p => p.Key, p => FeelConvert.ToJson(p.Value), StringComparer.Ordinal);
}

/// <summary>Reads the history of an instance in order.</summary>
internal sealed class GetHistoryCommand(Guid processInstanceId) : EngineCommand<IReadOnlyList<HistoryEventInfo>>
{
    public override string Name => "GetHistoryCommand";

    public override async Task<IReadOnlyList<HistoryEventInfo>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var definitionId = await context.Db.ProcessInstances.Where(i => i.Id == processInstanceId).Select(i => (Guid?)i.ProcessDefinitionId)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new EngineObjectNotFoundException($"Process instance {processInstanceId} does not exist.");

        // Names come from the engine's cached model of the deployed definition: people read "Antrag prüfen", not "Task_0x1".
        var model = context.Configuration.GetModel(context.LoadDefinition(definitionId));
        var events = await context.Db.HistoryEvents.AsNoTracking()
            .Where(e => e.ProcessInstanceId == processInstanceId)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. events.Select(e => Info(e, Snapshot.ElementName(model, e.ElementId)))];
    }

    public static HistoryEventInfo Info(HistoryEventEntity e, string? elementName = null) => new(
        e.Sequence,
        e.Type,
        e.Timestamp,
        e.UserId,
        e.ElementId,
        e.ElementType,
        e.VariablesBefore is null ? null : JsonNode.Parse(e.VariablesBefore),
        e.VariablesAfter is null ? null : JsonNode.Parse(e.VariablesAfter),
        e.Detail,
        elementName);
}
