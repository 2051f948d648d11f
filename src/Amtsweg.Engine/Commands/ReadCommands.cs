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

/// <summary>Finding the form of a user task.</summary>
internal static class TaskForms
{
    // Camunda Modeler links a form embedded in the diagram as "camunda-forms:bpmn:<id of zeebe:userTaskForm>".
    private const string EmbeddedFormPrefix = "camunda-forms:bpmn:";

    /// <summary>The form-js schema of <paramref name="task"/>: embedded in its diagram (<c>zeebe:userTaskForm</c>), or null.</summary>
    public static Task<string?> FindAsync(CommandContext context, UserTaskEntity task, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        if (task.FormId is not { Length: > 0 } formId)
        {
            return Task.FromResult<string?>(null);
        }

        var id = formId.StartsWith(EmbeddedFormPrefix, StringComparison.Ordinal) ? formId[EmbeddedFormPrefix.Length..] : formId;
        var model = context.Configuration.GetModel(context.LoadDefinition(task.ProcessDefinitionId));
        return Task.FromResult(model.Processes.SelectMany(p => p.Zeebe.UserTaskForms).FirstOrDefault(f => f.Id == id)?.Body);
    }
}

/// <summary>The deployed process definitions of the tenant, by process id and newest version first.</summary>
internal sealed class ListProcessDefinitionsCommand : EngineCommand<IReadOnlyList<ProcessDefinitionInfo>>
{
    public override string Name => "ListProcessDefinitionsCommand";

    public override async Task<IReadOnlyList<ProcessDefinitionInfo>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await context.Db.ProcessDefinitions.AsNoTracking()
            .OrderBy(d => d.ProcessId).ThenByDescending(d => d.Version)
            .Select(d => new ProcessDefinitionInfo(d.Id, d.ProcessId, d.Version, d.VersionTag, d.Name, d.DeploymentId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
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
