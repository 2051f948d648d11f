using Amtsweg.Casework;
using Amtsweg.Data;
using Amtsweg.Engine;
using Amtsweg.Records.Model;
using Amtsweg.Server.Features.Records;

namespace Amtsweg.Server.Features.Tasks.Pages;

/// <summary>An open task as the inbox and the task page show it: with its process's name, the Vorgang it works on and the display name of its assignee.</summary>
/// <param name="Task">The task.</param>
/// <param name="ProcessName">The name of its process.</param>
/// <param name="Vorgang">The Vorgang its instance is filed in, or null.</param>
/// <param name="AssigneeName">The assignee's display name, or null.</param>
/// <param name="StandInFor">The absent colleague (display name) for whom the viewer sees it as deputy, or null.</param>
public sealed record TaskRow(UserTaskInfo Task, string ProcessName, Vorgang? Vorgang, string? AssigneeName, string? StandInFor)
{
    /// <summary>The task's name; a generic word for a task without one, never its element id.</summary>
    public string Title(string unnamed) => TitleOf(Task, unnamed);

    /// <summary>A task's name; <paramref name="unnamed"/> for a task without one, never its element id.</summary>
    public static string TitleOf(UserTaskInfo task, string unnamed)
    {
        ArgumentNullException.ThrowIfNull(task);
        return string.IsNullOrWhiteSpace(task.Name) ? unnamed : task.Name.Trim();
    }
}

/// <summary>How urgent a task's due date is, seen on the Berlin calendar day.</summary>
public enum Urgency
{
    /// <summary>No due date.</summary>
    None,

    /// <summary>Due on a later day.</summary>
    Later,

    /// <summary>Due today.</summary>
    Today,

    /// <summary>Due on an earlier day.</summary>
    Overdue,
}

/// <summary>Builds <see cref="TaskRow"/>s: the process and the Vorgang of each task, read once per instance.</summary>
public sealed class TaskRows(IProcessEngine engine, ProcessVorgang processVorgang, ActorNames actorNames, TimeProvider clock)
{
    /// <summary>The rows of <paramref name="tasks"/>, in their order, as <paramref name="viewer"/> sees them.</summary>
    public async Task<IReadOnlyList<TaskRow>> ForAsync(IReadOnlyList<UserTaskInfo> tasks, TaskCaller viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);

        // A few reads for the whole page, not a few per task: an inbox page lists 25.
        var definitions = await engine.ListProcessDefinitionsAsync(cancellationToken);
        var names = RecordsReader.ProcessNames(definitions);
        var processIds = definitions.ToDictionary(d => d.Id, d => d.ProcessId);
        var vorgaenge = await processVorgang.FindAllAsync(engine, [.. tasks.Select(t => t.ProcessInstanceId)], cancellationToken);
        var people = await actorNames.LoadAsync(tasks.Select(t => t.Assignee).Concat(viewer.Represents.Select(r => r.UserId)), new Dictionary<Guid, string>(), cancellationToken);
        return [.. tasks.Select(task =>
        {
            var processId = processIds[task.ProcessDefinitionId];
            var standInFor = StandInFor(task, viewer);
            return new TaskRow(task, names.GetValueOrDefault(processId) ?? processId, vorgaenge[task.ProcessInstanceId], task.Assignee is null ? null : people.Name(task.Assignee), standInFor is null ? null : people.Name(standInFor));
        })];
    }

    // The absent colleague through whom the viewer sees the task: its assignee, or one it is offered to while the
    // viewer could not take it as themselves.
    private static string? StandInFor(UserTaskInfo task, TaskCaller viewer)
    {
        if (task.Assignee is { } assignee)
        {
            return viewer.Represents.FirstOrDefault(r => r.UserId == assignee)?.UserId;
        }

        return IsOffered(task, viewer) ? null : viewer.Represents.FirstOrDefault(r => IsOffered(task, r))?.UserId;
    }

    /// <summary>The engine's rule (Camunda's task command checker): offered to the user, to one of their groups, or, without candidates, to every clerk.</summary>
    private static bool IsOffered(UserTaskInfo task, TaskCaller caller)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(caller);
        return (task.CandidateUsers.Count == 0 && task.CandidateGroups.Count == 0)
            || task.CandidateUsers.Contains(caller.UserId, StringComparer.Ordinal)
            || task.CandidateGroups.Any(caller.IsMemberOf);
    }

    /// <summary>How urgent the task is today.</summary>
    public Urgency UrgencyOf(UserTaskInfo task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.DueDate is not { } due)
        {
            return Urgency.None;
        }

        var today = BerlinTime.Today(clock);
        var day = BerlinTime.Date(due);
        return day < today ? Urgency.Overdue : day == today ? Urgency.Today : Urgency.Later;
    }
}
