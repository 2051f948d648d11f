using System.Text.Json.Nodes;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Engine.Commands;

/// <summary>Reads everything stored about some instances and the instances they called: variables of every scope and the history.</summary>
internal sealed class GetProcessInstanceDataCommand(IReadOnlyCollection<Guid> processInstanceIds) : EngineCommand<IReadOnlyList<ProcessInstanceData>>
{
    public override string Name => "GetProcessInstanceDataCommand";

    public override async Task<IReadOnlyList<ProcessInstanceData>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = context.Db;
        var instances = await ProcessInstanceTree.LoadAsync(db, processInstanceIds, cancellationToken).ConfigureAwait(false);
        var ids = instances.Select(i => i.Id).ToList();
        var variables = (await db.Variables.AsNoTracking().Where(v => ids.Contains(v.ProcessInstanceId)).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(v => v.ProcessInstanceId);
        var history = (await db.HistoryEvents.AsNoTracking().Where(e => ids.Contains(e.ProcessInstanceId)).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(e => e.ProcessInstanceId);
        return [.. instances.Select(i => new ProcessInstanceData(
            i.Id,
            i.ParentProcessInstanceId,
            i.ProcessId,
            i.BusinessKey,
            i.State,
            i.StartedAt,
            i.EndedAt,
            [.. variables[i.Id].OrderBy(v => v.ExecutionId == i.Id ? 0 : 1).ThenBy(v => v.ExecutionId).ThenBy(v => v.Name, StringComparer.Ordinal)
                .Select(v => new VariableData(v.ExecutionId, v.Name, JsonNode.Parse(v.Json)))],
            [.. history[i.Id].OrderBy(e => e.Sequence).Select(e => GetHistoryCommand.Info(e))]))];
    }
}

/// <summary>
/// Replaces matching strings in the variables and history of some instances and the instances they called. Refused as
/// a whole when a running instance would change.
/// </summary>
internal sealed class RedactProcessInstanceDataCommand(ProcessDataRedactionRequest request) : EngineCommand<ProcessDataRedaction>
{
    public override string Name => "RedactProcessInstanceDataCommand";

    public override async Task<ProcessDataRedaction> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = context.Db;
        var instances = await ProcessInstanceTree.LoadAsync(db, request.ProcessInstanceIds, cancellationToken).ConfigureAwait(false);
        var ids = instances.Select(i => i.Id).ToList();
        var variables = new Dictionary<Guid, int>();
        foreach (var variable in await db.Variables.Where(v => ids.Contains(v.ProcessInstanceId)).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (RedactJson(variable.Json) is { } json)
            {
                variable.Json = json;
                variables[variable.ProcessInstanceId] = variables.GetValueOrDefault(variable.ProcessInstanceId) + 1;
            }
        }

        var events = new Dictionary<Guid, int>();
        foreach (var entry in await db.HistoryEvents.Where(e => ids.Contains(e.ProcessInstanceId)).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            var before = entry.VariablesBefore is { } b ? RedactJson(b) : null;
            var after = entry.VariablesAfter is { } a ? RedactJson(a) : null;
            var detail = entry.Detail is { } d && request.Matches(d);
            if (before is null && after is null && !detail)
            {
                continue;
            }

            entry.VariablesBefore = before ?? entry.VariablesBefore;
            entry.VariablesAfter = after ?? entry.VariablesAfter;
            entry.Detail = detail ? request.Replacement : entry.Detail;
            events[entry.ProcessInstanceId] = events.GetValueOrDefault(entry.ProcessInstanceId) + 1;
        }

        var changed = instances.Where(i => variables.ContainsKey(i.Id) || events.ContainsKey(i.Id)).ToList();
        var running = changed.Where(i => i.State == ProcessInstanceState.Active).Select(i => i.Id).ToList();
        if (running.Count > 0)
        {
            throw new InvalidEngineStateException($"{running.Count} der betroffenen Prozesse laufen noch; ihre Daten werden nicht hinter ihrem Rücken geändert. Es wurde nichts geändert.");
        }

        return new ProcessDataRedaction([.. changed.Select(i => new RedactedProcessInstance(i.Id, variables.GetValueOrDefault(i.Id), events.GetValueOrDefault(i.Id)))]);
    }

    // The JSON with every matching string value replaced, or null when nothing matched.
    private string? RedactJson(string json)
    {
        var node = JsonNode.Parse(json);
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue && Redact(node) is { } replaced)
        {
            return replaced.ToJsonString();
        }

        return Replace(node) ? node.ToJsonString() : null;
    }

    // Replaces matching strings inside an object or array in place; true when anything changed.
    private bool Replace(JsonNode node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    changed |= ReplaceChild(obj[name], value => obj[name] = value);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var index = i;
                    changed |= ReplaceChild(array[index], value => array[index] = value);
                }

                break;
        }

        return changed;
    }

    private bool ReplaceChild(JsonNode? child, Action<JsonNode> set)
    {
        if (child is null)
        {
            return false;
        }

        if (Redact(child) is { } replaced)
        {
            set(replaced);
            return true;
        }

        return Replace(child);
    }

    private JsonValue? Redact(JsonNode node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && request.Matches(text) ? JsonValue.Create(request.Replacement) : null;
}

/// <summary>Instances and the instances they called, level by level.</summary>
internal static class ProcessInstanceTree
{
    public static async Task<List<ProcessInstanceEntity>> LoadAsync(EngineDbContext db, IReadOnlyCollection<Guid> processInstanceIds, CancellationToken cancellationToken)
    {
        var all = new List<ProcessInstanceEntity>();
        var seen = new HashSet<Guid>();
        var wanted = processInstanceIds.Distinct().ToList();
        var level = await db.ProcessInstances.AsNoTracking().Where(i => wanted.Contains(i.Id)).OrderBy(i => i.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        while (level.Count > 0)
        {
            level = [.. level.Where(i => seen.Add(i.Id))];
            all.AddRange(level);
            var parents = level.Select(i => i.Id).ToList();
            level = parents.Count == 0 ? [] : await db.ProcessInstances.AsNoTracking()
                .Where(i => i.ParentProcessInstanceId != null && parents.Contains(i.ParentProcessInstanceId.Value))
                .OrderBy(i => i.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        return all;
    }
}
