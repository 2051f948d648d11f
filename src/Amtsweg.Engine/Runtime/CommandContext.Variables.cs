using System.Text.Json.Nodes;
using Amtsweg.Engine.Persistence;
using Amtsweg.Feel;

namespace Amtsweg.Engine.Runtime;

/// <summary>Variables: local to an execution, looked up from an execution towards the root.</summary>
internal sealed partial class CommandContext
{
    /// <summary>The FEEL scope of an execution: its locals, shadowing its parents' up to the root.</summary>
    public FeelScope Scope(InstanceRuntime runtime, ExecutionEntity execution)
    {
        var chain = new List<ExecutionEntity>();
        for (var current = execution; current is not null; current = runtime.Parent(current))
        {
            chain.Add(current);
        }

        FeelScope? scope = null;
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            scope = new FeelScope(scope);
            var executionId = chain[i].Id;
            foreach (var variable in runtime.Variables)
            {
                if (variable.ExecutionId == executionId)
                {
                    scope.Set(variable.Name, FeelConvert.FromJson(variable.Json));
                }
            }
        }

        return scope ?? new FeelScope();
    }

    /// <summary>All variables visible at an execution (inner ones shadow outer ones).</summary>
    public Dictionary<string, FeelValue> Visible(InstanceRuntime runtime, ExecutionEntity execution)
    {
        var result = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        for (var current = execution; current is not null; current = runtime.Parent(current))
        {
            foreach (var variable in runtime.Variables.Where(v => v.ExecutionId == current.Id))
            {
                result.TryAdd(variable.Name, FeelConvert.FromJson(variable.Json));
            }
        }

        return result;
    }

    /// <summary>The variables local to an execution.</summary>
    public Dictionary<string, FeelValue> Locals(InstanceRuntime runtime, ExecutionEntity execution) =>
        runtime.Variables.Where(v => v.ExecutionId == execution.Id)
            .ToDictionary(v => v.Name, v => FeelConvert.FromJson(v.Json), StringComparer.Ordinal);

    /// <summary>Sets variables local to an execution.</summary>
    public void SetLocal(InstanceRuntime runtime, ExecutionEntity execution, IEnumerable<KeyValuePair<string, FeelValue>> values)
    {
        var before = new JsonObject();
        var after = new JsonObject();
        foreach (var (name, value) in values)
        {
            Write(runtime, execution, name, value, before, after);
        }

        RecordChange(runtime, execution, before, after);
    }

    /// <summary>
    /// Sets variables with propagation (Camunda 8): each goes to the nearest scope from <paramref name="start"/> up
    /// that already has it, otherwise to the root scope of the instance.
    /// </summary>
    public void Propagate(InstanceRuntime runtime, ExecutionEntity start, IEnumerable<KeyValuePair<string, FeelValue>> values)
    {
        var before = new JsonObject();
        var after = new JsonObject();
        foreach (var (name, value) in values)
        {
            var target = start;
            for (var current = start; current is not null; current = runtime.Parent(current))
            {
                target = current;
                if (runtime.Variables.Exists(v => v.ExecutionId == current.Id && v.Name == name))
                {
                    break;
                }
            }

            Write(runtime, target, name, value, before, after);
        }

        RecordChange(runtime, start, before, after);
    }

    /// <summary>Removes the variables local to an execution (when it leaves its element).</summary>
    public void RemoveLocals(InstanceRuntime runtime, ExecutionEntity execution)
    {
        foreach (var variable in runtime.Variables.Where(v => v.ExecutionId == execution.Id).ToList())
        {
            runtime.Variables.Remove(variable);
            Db.Variables.Remove(variable);
        }
    }

    private void Write(InstanceRuntime runtime, ExecutionEntity execution, string name, FeelValue value, JsonObject before, JsonObject after)
    {
        var json = ToStoredJson(name, value);
        var existing = runtime.Variables.Find(v => v.ExecutionId == execution.Id && v.Name == name);
        CheckInstanceSize(runtime, name, json.Length - (existing?.Json.Length ?? 0));
        if (existing is null)
        {
            var variable = new VariableEntity
            {
                Id = NewId(),
                TenantId = runtime.Entity.TenantId,
                ProcessInstanceId = runtime.Id,
                ExecutionId = execution.Id,
                Name = name,
                Json = json,
            };
            runtime.Variables.Add(variable);
            Db.Variables.Add(variable);
            before[name] = null;
        }
        else
        {
            if (existing.Json == json)
            {
                return;
            }

            before[name] = JsonNode.Parse(existing.Json);
            existing.Json = json;
        }

        after[name] = JsonNode.Parse(json);
        NoteVariableChange(runtime, execution, name, existing is null);
    }

    private string ToStoredJson(string name, FeelValue value)
    {
        string json;
        try
        {
            json = FeelConvert.ToJson(value)?.ToJsonString() ?? "null";
        }
        catch (ArgumentException error)
        {
            // System.Text.Json refuses a lone UTF-16 surrogate; it would never read back.
            throw new InvalidVariableException(InvalidVariableException.Invalid, $"Die Variable „{name}“ enthält ein ungültiges Zeichen (ein halbes UTF-16-Zeichenpaar).", error);
        }

        var limit = Configuration.Options.MaxVariableBytes;
        return json.Length > limit
            ? throw new InvalidVariableException(InvalidVariableException.TooLarge, $"Die Variable „{name}“ ist mit {json.Length / 1024} KB größer als erlaubt ({limit / 1024} KB).")
            : json;
    }

    private void CheckInstanceSize(InstanceRuntime runtime, string name, long growth)
    {
        if (growth <= 0)
        {
            return;
        }

        var limit = Configuration.Options.MaxInstanceVariableBytes;
        var total = runtime.Variables.Sum(v => (long)v.Json.Length) + growth;
        if (total > limit)
        {
            throw new InvalidVariableException(InvalidVariableException.TooLarge,
                $"Mit der Variable „{name}“ wären die Variablen der Prozessinstanz {total / 1024} KB groß; erlaubt sind {limit / 1024} KB.");
        }
    }

    private void RecordChange(InstanceRuntime runtime, ExecutionEntity execution, JsonObject before, JsonObject after)
    {
        if (after.Count == 0)
        {
            return;
        }

        var elementId = execution.Kind == ExecutionKind.ProcessInstance ? runtime.Process.Id : execution.ElementId;
        History(runtime, HistoryEventTypes.VariablesUpdated, execution, elementId, null, before, after);
    }

    /// <summary>Converts API input (CLR values, JSON nodes or elements) to FEEL values.</summary>
    public static IEnumerable<KeyValuePair<string, FeelValue>> FromInput(IReadOnlyDictionary<string, object?>? variables) =>
        variables is null ? [] : variables.Select(p => new KeyValuePair<string, FeelValue>(p.Key, FeelConvert.FromObject(p.Value))).ToList();
}
