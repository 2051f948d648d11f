using Amtsweg.Engine.Runtime;

namespace Amtsweg.Engine.Commands;

/// <summary>
/// One API call of the engine (Camunda 7 style): it runs inside a <see cref="CommandContext"/> whose changes are
/// flushed in one transaction by the <see cref="CommandExecutor"/>.
/// </summary>
internal abstract class EngineCommand<TResult>
{
    /// <summary>Who calls, recorded in the history; null for the engine itself.</summary>
    public string? UserId { get; init; }

    /// <summary>The verb-noun name of the command.</summary>
    public abstract string Name { get; }

    public abstract Task<TResult> ExecuteAsync(CommandContext context, CancellationToken cancellationToken);

    /// <summary>
    /// After a rollback caused by an incident: records the incident in a fresh context. By default it is attached
    /// to the instance where execution failed, or, when that instance did not exist before the command, to the
    /// instance the command worked on.
    /// </summary>
    public virtual async Task<IncidentInfo> RecordIncidentAsync(CommandContext context, IncidentException incident, Guid? primaryInstanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(incident);
        var runtime = incident.ProcessInstanceId is { } failed ? await context.TryLoadInstanceAsync(failed, cancellationToken).ConfigureAwait(false) : null;
        if (runtime is null && primaryInstanceId is { } primary)
        {
            runtime = await context.LoadInstanceAsync(primary, cancellationToken).ConfigureAwait(false);
        }

        return context.RecordIncident(runtime?.Id, runtime?.Definition.Id ?? Guid.Empty, incident.ElementId, incident.Type, incident.Message);
    }
}
