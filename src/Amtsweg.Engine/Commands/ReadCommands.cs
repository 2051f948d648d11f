using Amtsweg.Bpmn.Model;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Engine.Commands;

/// <summary>Reads one user task, open or not.</summary>
internal sealed class GetUserTaskCommand(Guid taskId) : EngineCommand<UserTaskInfo>
{
    public override string Name => "GetUserTaskCommand";

    public override async Task<UserTaskInfo> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var task = await context.Db.UserTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken).ConfigureAwait(false)
            ?? throw new EngineObjectNotFoundException($"User task {taskId} does not exist.");
        return Snapshot.Task(task);
    }
}

/// <summary>The form-js schema a user task links to (see <see cref="TaskForms"/>).</summary>
internal sealed class GetUserTaskFormCommand(Guid taskId) : EngineCommand<string?>
{
    public override string Name => "GetUserTaskFormCommand";

    public override async Task<string?> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var task = await context.Db.UserTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken).ConfigureAwait(false)
            ?? throw new EngineObjectNotFoundException($"User task {taskId} does not exist.");
        return await TaskForms.FindAsync(context, task, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The form-js schema of a process definition's start form (see <see cref="TaskForms"/>).</summary>
internal sealed class GetStartFormCommand(Guid processDefinitionId) : EngineCommand<string?>
{
    public override string Name => "GetStartFormCommand";

    public override async Task<string?> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var definition = await context.LoadDefinitionAsync(processDefinitionId, cancellationToken).ConfigureAwait(false);
        return await TaskForms.FindStartAsync(context, definition, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The BPMN XML of a deployed process definition, as deployed (for the diagram of an instance).</summary>
internal sealed class GetProcessDefinitionXmlCommand(Guid processDefinitionId) : EngineCommand<string>
{
    public override string Name => "GetProcessDefinitionXmlCommand";

    public override async Task<string> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (await context.LoadDefinitionAsync(processDefinitionId, cancellationToken).ConfigureAwait(false)).BpmnXml;
    }
}

/// <summary>Finding the form of a user task.</summary>
internal static class TaskForms
{
    // Camunda Modeler links a form embedded in the diagram as "camunda-forms:bpmn:<id of zeebe:userTaskForm>".
    private const string EmbeddedFormPrefix = "camunda-forms:bpmn:";

    /// <summary>
    /// The form-js schema of <paramref name="task"/>: the deployed form version it was created with (a linked form,
    /// <c>zeebe:formDefinition formId</c>), or the form embedded in its diagram (<c>zeebe:userTaskForm</c>), or null.
    /// </summary>
    public static async Task<string?> FindAsync(CommandContext context, UserTaskEntity task, CancellationToken cancellationToken)
    {
        if (task.FormDefinitionId is { } formKey)
        {
            return await context.Db.FormDefinitions.AsNoTracking().Where(f => f.Id == formKey).Select(f => f.Schema)
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }

        if (task.FormId is not { Length: > 0 } formId)
        {
            return null;
        }

        var definition = context.LoadDefinition(task.ProcessDefinitionId);
        var model = context.Configuration.GetModel(definition);
        var link = model.Processes.SelectMany(p => p.AllFlowNodes).FirstOrDefault(n => n.Id == task.ElementId)?.Zeebe.FormDefinition;
        if (LinkedForms.LinkedId(link) is { } linkedId)
        {
            // A task created before the engine kept the resolved version: resolve it now by the same binding.
            return await LinkedForms.Candidates(context.Db, task.TenantId, linkedId, link!, definition).Select(f => f.Schema)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }

        return Embedded(model, formId);
    }

    /// <summary>
    /// The form-js schema of the none start event of <paramref name="definition"/>: linked (the version its binding
    /// picks) or embedded, or null when it has none.
    /// </summary>
    /// <exception cref="EngineObjectNotFoundException">The linked form is not deployed.</exception>
    public static async Task<string?> FindStartAsync(CommandContext context, ProcessDefinitionEntity definition, CancellationToken cancellationToken)
    {
        var model = context.Configuration.GetModel(definition);
        var start = model.Processes.Where(p => p.Id == definition.ProcessId)
            .SelectMany(p => p.FlowNodes.OfType<StartEvent>())
            .FirstOrDefault(s => s.IsNone);
        if (start?.Zeebe.FormDefinition is not { } link)
        {
            return null;
        }

        if (LinkedForms.LinkedId(link) is { } formId)
        {
            return await LinkedForms.Candidates(context.Db, definition.TenantId, formId, link, definition).Select(f => f.Schema)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new EngineObjectNotFoundException("Das Startformular kann nicht angezeigt werden: " + LinkedForms.NotFound(formId, link));
        }

        return Embedded(model, link.FormKey);
    }

    /// <summary>The body of the <c>zeebe:userTaskForm</c> a form key names, or null.</summary>
    public static string? Embedded(BpmnDefinitions model, string? formKey)
    {
        if (formKey is not { Length: > 0 })
        {
            return null;
        }

        var id = formKey.StartsWith(EmbeddedFormPrefix, StringComparison.Ordinal) ? formKey[EmbeddedFormPrefix.Length..] : formKey;
        return model.Processes.SelectMany(p => p.Zeebe.UserTaskForms).FirstOrDefault(f => f.Id == id)?.Body;
    }
}

/// <summary>The deployed process definitions of the tenant, by process id and newest version first.</summary>
internal sealed class ListProcessDefinitionsCommand : EngineCommand<IReadOnlyList<ProcessDefinitionInfo>>
{
    public override string Name => "ListProcessDefinitionsCommand";

    public override async Task<IReadOnlyList<ProcessDefinitionInfo>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rows = await context.Db.ProcessDefinitions.AsNoTracking()
            .Join(context.Db.Deployments.AsNoTracking(), d => d.DeploymentId, x => x.Id, (d, x) => new { Definition = d, x.DeployedBy, x.Comment })
            .OrderBy(r => r.Definition.ProcessId).ThenByDescending(r => r.Definition.Version)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new ProcessDefinitionInfo(r.Definition.Id, r.Definition.ProcessId, r.Definition.Version, r.Definition.VersionTag, r.Definition.Name, r.Definition.DeploymentId)
        {
            DeployedAt = r.Definition.DeployedAt,
            DeployedBy = r.DeployedBy,
            DeploymentComment = r.Comment,
        })];
    }
}

/// <summary>The deployed forms with who deployed each version and the deployment's comment.</summary>
internal sealed class ListFormDefinitionsCommand : EngineCommand<IReadOnlyList<FormDefinitionInfo>>
{
    public override string Name => "ListFormDefinitionsCommand";

    public override async Task<IReadOnlyList<FormDefinitionInfo>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rows = await context.Db.FormDefinitions.AsNoTracking()
            .Join(context.Db.Deployments.AsNoTracking(), f => f.DeploymentId, x => x.Id, (f, x) => new { f.Id, f.FormId, f.Version, f.VersionTag, f.ResourceName, f.DeploymentId, f.DeployedAt, x.DeployedBy, x.Comment })
            .OrderBy(r => r.FormId).ThenByDescending(r => r.Version)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new FormDefinitionInfo(r.Id, r.FormId, r.Version, r.VersionTag, r.ResourceName, r.DeploymentId)
        {
            DeployedAt = r.DeployedAt,
            DeployedBy = r.DeployedBy,
            DeploymentComment = r.Comment,
        })];
    }
}

/// <summary>The schema of one deployed form version, as deployed.</summary>
internal sealed class GetFormDefinitionSchemaCommand(Guid formDefinitionId) : EngineCommand<string>
{
    public override string Name => "GetFormDefinitionSchemaCommand";

    public override async Task<string> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await context.Db.FormDefinitions.AsNoTracking().Where(f => f.Id == formDefinitionId).Select(f => f.Schema)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new EngineObjectNotFoundException($"Die Formularversion {formDefinitionId} gibt es nicht.");
    }
}

/// <summary>
/// The deployed decisions with who deployed each version, the deployment's comment, and the processes that call each
/// decision id from a business rule task in their newest version.
/// </summary>
internal sealed class ListDecisionDefinitionsCommand : EngineCommand<IReadOnlyList<DecisionDefinitionInfo>>
{
    public override string Name => "ListDecisionDefinitionsCommand";

    public override async Task<IReadOnlyList<DecisionDefinitionInfo>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rows = await context.Db.DecisionDefinitions.AsNoTracking()
            .Join(context.Db.Deployments.AsNoTracking(), d => d.DeploymentId, x => x.Id, (d, x) => new { d.Id, d.DecisionId, d.Version, d.Name, d.DeploymentId, d.DeployedAt, x.DeployedBy, x.Comment })
            .OrderBy(r => r.DecisionId).ThenByDescending(r => r.Version)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return [];
        }

        // The newest version of each process, read whole once; its parsed model comes from the engine's cache.
        var newest = await context.Db.ProcessDefinitions.AsNoTracking()
            .Where(d => d.Version == context.Db.ProcessDefinitions.Where(o => o.ProcessId == d.ProcessId).Max(o => o.Version))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var callers = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var definition in newest)
        {
            var model = context.Configuration.GetModel(context.Configuration.CacheDefinition(definition));
            foreach (var process in model.Processes)
            {
                foreach (var node in process.AllFlowNodes)
                {
                    if (node.Zeebe.CalledDecision?.DecisionId is { IsFeel: false } called && called.Text.Trim() is { Length: > 0 } decisionId)
                    {
                        if (!callers.TryGetValue(decisionId, out var set))
                        {
                            callers[decisionId] = set = new SortedSet<string>(StringComparer.Ordinal);
                        }

                        set.Add(definition.ProcessId);
                    }
                }
            }
        }

        return [.. rows.Select(r => new DecisionDefinitionInfo(r.Id, r.DecisionId, r.Version, r.Name, r.DeploymentId)
        {
            DeployedAt = r.DeployedAt,
            DeployedBy = r.DeployedBy,
            DeploymentComment = r.Comment,
            CalledByProcesses = callers.TryGetValue(r.DecisionId, out var set) ? [.. set] : [],
        })];
    }
}

/// <summary>The DMN XML of one deployed decision version (the whole file it came in), as deployed.</summary>
internal sealed class GetDecisionDefinitionXmlCommand(Guid decisionDefinitionId) : EngineCommand<string>
{
    public override string Name => "GetDecisionDefinitionXmlCommand";

    public override async Task<string> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await context.Db.DecisionDefinitions.AsNoTracking().Where(d => d.Id == decisionDefinitionId).Select(d => d.DmnXml)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new EngineObjectNotFoundException($"Die Entscheidungsversion {decisionDefinitionId} gibt es nicht.");
    }
}

/// <summary>The tenants that have jobs due (platform scope), for a job executor that serves all tenants.</summary>
internal sealed class TenantsWithDueJobsCommand(DateTimeOffset now) : EngineCommand<IReadOnlyList<Guid>>
{
    public override string Name => "TenantsWithDueJobsCommand";

    public override Task<IReadOnlyList<Guid>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return JobQueries.TenantsWithDueJobsAsync(context.Db, now, cancellationToken);
    }
}
