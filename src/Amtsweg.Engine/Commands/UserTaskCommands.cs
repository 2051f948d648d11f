using System.Text.Json.Nodes;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Amtsweg.Feel;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Engine.Commands;

/// <summary>Finds open user tasks.</summary>
internal sealed class QueryUserTasksCommand(UserTaskQuery query) : EngineCommand<IReadOnlyList<UserTaskInfo>>
{
    public override string Name => "QueryUserTasksCommand";

    public override async Task<IReadOnlyList<UserTaskInfo>> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tasks = context.Db.UserTasks.AsNoTracking().Where(t => t.State == UserTaskState.Created);
        if (query.ProcessInstanceId is { } instanceId)
        {
            tasks = tasks.Where(t => t.ProcessInstanceId == instanceId);
        }

        if (query.Assignee is { } assignee)
        {
            tasks = tasks.Where(t => t.Assignee == assignee);
        }

        if (query.ElementId is { } elementId)
        {
            tasks = tasks.Where(t => t.ElementId == elementId);
        }

        var list = await tasks.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToListAsync(cancellationToken).ConfigureAwait(false);

        // Candidate lists are comma separated; matching them exactly is done here rather than with LIKE in SQL.
        var groups = query.CandidateGroups ?? [];
        if (query.CandidateUser is { } user)
        {
            list = [.. list.Where(t => t.Assignee == user
                || (t.Assignee is null && (Snapshot.Split(t.CandidateUsers).Contains(user) || Snapshot.Split(t.CandidateGroups).Intersect(groups).Any())))];
        }
        else if (groups.Count > 0)
        {
            list = [.. list.Where(t => Snapshot.Split(t.CandidateGroups).Intersect(groups).Any())];
        }

        return [.. list.Select(Snapshot.Task)];
    }
}

/// <summary>A page of open user tasks, filtered, sorted and counted in the database.</summary>
internal sealed class PageUserTasksCommand(UserTaskPageQuery query) : EngineCommand<UserTaskPage>
{
    public override string Name => "PageUserTasksCommand";

    public override async Task<UserTaskPage> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tasks = context.Db.UserTasks.AsNoTracking().Where(t => t.State == UserTaskState.Created);
        if (query.AssignedTo is { } assignees)
        {
            var users = assignees.ToList();
            tasks = tasks.Where(t => t.Assignee != null && users.Contains(t.Assignee));
        }

        if (query.OfferedTo is { } callers)
        {
            // Candidate lists are stored comma separated without blanks; with a comma on either side a name is found
            // whole ("leitung" is not found in "abteilungsleitung"). Groups compare in lower case, as TaskCaller.IsMemberOf
            // does (SQLite lowers ASCII letters only).
            var users = callers.Select(c => "," + c.UserId + ",").Distinct().ToList();
            var groups = callers.SelectMany(c => c.Groups).Select(g => "," + g.ToLowerInvariant() + ",").Distinct().ToList();
            tasks = tasks.Where(t => t.Assignee == null
                && (((t.CandidateUsers == null || t.CandidateUsers == string.Empty) && (t.CandidateGroups == null || t.CandidateGroups == string.Empty))
                    || users.Any(u => ("," + t.CandidateUsers + ",").Contains(u))
                    || groups.Any(g => ("," + t.CandidateGroups + ",").ToLower().Contains(g))));
        }

        if (query.CandidateGroup is { } candidateGroup)
        {
            // Found whole and in lower case, as with OfferedTo.
            var group = "," + candidateGroup.ToLowerInvariant() + ",";
            tasks = tasks.Where(t => ("," + t.CandidateGroups + ",").ToLower().Contains(group));
        }

        tasks = await FilterAsync(context, tasks, query, cancellationToken).ConfigureAwait(false);
        var total = await tasks.CountAsync(cancellationToken).ConfigureAwait(false);
        if (query.Take == 0 || total <= query.Skip)
        {
            return new UserTaskPage([], total);
        }

        var sorted = query.Sort switch
        {
            UserTaskSort.Due => tasks.OrderBy(t => t.DueDate == null).ThenBy(t => t.DueDate).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id),
            UserTaskSort.Newest => tasks.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id),
            UserTaskSort.Oldest => tasks.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.Sort, "Unknown sort order."),
        };
        // Sorted and skipped by id alone, then the page's rows read by id: the database sorts and skips narrow rows instead
        // of whole tasks, which matters on the last of hundreds of pages (docs/benchmarks.md, the inbox).
        var ids = await sorted
            .Select(t => t.Id)
            .Skip(query.Skip)
            .Take(query.Take)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var rows = await context.Db.UserTasks.AsNoTracking().Where(t => ids.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, cancellationToken).ConfigureAwait(false);
        return new UserTaskPage([.. ids.Where(rows.ContainsKey).Select(id => Snapshot.Task(rows[id]))], total);
    }

    private static async Task<IQueryable<UserTaskEntity>> FilterAsync(CommandContext context, IQueryable<UserTaskEntity> tasks, UserTaskPageQuery query, CancellationToken cancellationToken)
    {
        if (query.ProcessId is { } processId)
        {
            var definitions = context.Db.ProcessDefinitions;
            tasks = tasks.Where(t => definitions.Any(d => d.Id == t.ProcessDefinitionId && d.ProcessId == processId));
        }

        // SQLite stores instants as UTC ticks (EngineDbContext): a parameter with another offset would compare wrongly.
        if (query.WithoutDueDate)
        {
            tasks = tasks.Where(t => t.DueDate == null);
        }

        if (query.DueFrom is { } dueFrom)
        {
            var from = dueFrom.ToUniversalTime();
            tasks = tasks.Where(t => t.DueDate != null && t.DueDate >= from);
        }

        if (query.DueBefore is { } dueBefore)
        {
            var before = dueBefore.ToUniversalTime();
            tasks = tasks.Where(t => t.DueDate != null && t.DueDate < before);
        }

        if (query.FollowUpBefore is { } followUpBefore)
        {
            var before = followUpBefore.ToUniversalTime();
            tasks = tasks.Where(t => t.FollowUpDate != null && t.FollowUpDate < before);
        }

        if (!string.IsNullOrWhiteSpace(query.NameContains))
        {
            // lower() of SQLite folds ASCII letters only: the text as typed is tried as well, so "Ärger" finds "Ärger".
            var text = query.NameContains.Trim();
            var lower = text.ToLowerInvariant();
            var instances = await WithCalledAsync(context, query.OrInProcessInstances ?? [], cancellationToken).ConfigureAwait(false);
            tasks = tasks.Where(t => (t.Name != null && (t.Name.Contains(text) || t.Name.ToLower().Contains(lower))) || instances.Contains(t.ProcessInstanceId));
        }

        return tasks;
    }

    // The instances and, level by level, the instances they called (call activities), as far as they still run.
    private static async Task<List<Guid>> WithCalledAsync(CommandContext context, IReadOnlyCollection<Guid> instanceIds, CancellationToken cancellationToken)
    {
        if (instanceIds.Count > MaxInstances)
        {
            throw new ArgumentException($"At most {MaxInstances} process instances can be searched at once.", nameof(instanceIds));
        }

        var all = instanceIds.Distinct().ToList();
        var level = all;
        for (var depth = 0; level.Count > 0 && depth < MaxCallDepth; depth++)
        {
            var parents = level;
            level = await context.Db.ProcessInstances.AsNoTracking()
                .Where(i => i.ParentProcessInstanceId != null && parents.Contains(i.ParentProcessInstanceId.Value) && i.State == ProcessInstanceState.Active)
                .Select(i => i.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            all.AddRange(level);
        }

        return all;
    }

    private const int MaxInstances = 1_000;
    private const int MaxCallDepth = 8;
}

/// <summary>Base of the commands on one open task: loads the task and its instance (single writer per instance).</summary>
internal abstract class UserTaskCommand<TResult>(Guid taskId) : EngineCommand<TResult>
{
    protected Guid TaskId { get; } = taskId;

    protected async Task<(UserTaskEntity Task, InstanceRuntime Runtime)> LoadAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The task and its instance's state come in one round trip.
        var task = await context.LoadUserTaskAsync(TaskId, cancellationToken).ConfigureAwait(false)
            ?? throw new EngineObjectNotFoundException($"User task {TaskId} does not exist.");
        if (task.State != UserTaskState.Created)
        {
            throw new InvalidEngineStateException(task.State == UserTaskState.Completed
                ? "Diese Aufgabe ist bereits erledigt."
                : "Diese Aufgabe ist nicht mehr offen; der Prozess ist weitergegangen oder wurde beendet.");
        }

        var runtime = await context.LoadInstanceAsync(task.ProcessInstanceId, cancellationToken).ConfigureAwait(false);
        return (task, runtime);
    }

    /// <summary>
    /// The rule of Camunda's task command checker: the assignee may work a task; an unassigned task may be worked by a
    /// candidate user or a member of a candidate group; a task with neither assignee nor candidates by any clerk of the
    /// municipality. A null caller is the trusted system caller (simulation, engine-internal use) that the HTTP API never passes.
    /// </summary>
    protected static void EnsureMayWork(UserTaskEntity task, TaskCaller? caller)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (caller is null || MayWork(task, caller) || caller.Represents.Any(absent => MayWork(task, absent)))
        {
            return;
        }

        throw new TaskAccessDeniedException(task.Assignee is not null
            ? "Diese Aufgabe ist einer anderen Person zugewiesen; nur sie darf sie bearbeiten."
            : "Sie gehören nicht zu den vorgesehenen Bearbeitern dieser Aufgabe.");
    }

    private static bool MayWork(UserTaskEntity task, TaskCaller caller)
    {
        if (task.Assignee is { } assignee)
        {
            return string.Equals(assignee, caller.UserId, StringComparison.Ordinal);
        }

        var users = Snapshot.Split(task.CandidateUsers);
        var groups = Snapshot.Split(task.CandidateGroups);
        var open = !users.Any() && !groups.Any();
        return open || users.Contains(caller.UserId, StringComparer.Ordinal) || groups.Any(caller.IsMemberOf);
    }

    /// <summary>True when <paramref name="caller"/> stands in for <paramref name="userId"/> (Vertretung).</summary>
    protected static bool StandsInFor(TaskCaller? caller, string userId) =>
        caller is not null && caller.Represents.Any(absent => string.Equals(absent.UserId, userId, StringComparison.Ordinal));

    /// <summary>
    /// The four-eyes rule (Engine README, "Task permissions"): when the task names an earlier user task, by the task header
    /// <c>amtsweg:vierAugen</c> or the process property <c>amtsweg:vierAugen</c> = <c>laterId=earlierId</c>, nobody who
    /// completed that earlier task in the same instance may claim or complete this one, nor be handed it.
    /// </summary>
    protected static async Task EnsureFourEyesAsync(CommandContext context, InstanceRuntime runtime, UserTaskEntity task, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(task);
        if (userId is null || FourEyesElement(runtime, task.ElementId) is not { } earlierId)
        {
            return;
        }

        var completers = await context.Db.UserTasks.AsNoTracking()
            .Where(t => t.ProcessInstanceId == task.ProcessInstanceId && t.ElementId == earlierId && t.State == UserTaskState.Completed)
            .Select(t => t.CompletedBy)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (completers.Contains(userId, StringComparer.Ordinal))
        {
            var earlier = runtime.Model.FindElement(earlierId)?.Name ?? earlierId;
            throw new TaskAccessDeniedException(
                $"Vier-Augen-Prinzip: {userId} hat bereits den Schritt „{earlier}“ erledigt und darf diese Aufgabe deshalb nicht bearbeiten.");
        }
    }

    /// <summary>The id of the earlier user task whose completer may not work <paramref name="elementId"/>, or null.</summary>
    internal static string? FourEyesElement(InstanceRuntime runtime, string elementId)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var header = runtime.Model.FindElement(elementId)?.Zeebe.TaskHeaders.FirstOrDefault(h => h.Key == FourEyesKey);
        if (header is not null && !string.IsNullOrWhiteSpace(header.Value))
        {
            return header.Value.Trim();
        }

        foreach (var property in runtime.Process.Zeebe.Properties.Where(p => p.Name == FourEyesKey))
        {
            foreach (var pair in (property.Value ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length == 2 && parts[0] == elementId && parts[1].Length > 0)
                {
                    return parts[1];
                }
            }
        }

        return null;
    }

    /// <summary>The task header and process property key of the four-eyes rule.</summary>
    public const string FourEyesKey = "amtsweg:vierAugen";
}

/// <summary>Assigns an open task to a user; fails when somebody else has it.</summary>
internal sealed class ClaimUserTaskCommand(Guid taskId, string userId, TaskCaller? caller = null) : UserTaskCommand<UserTaskInfo>(taskId)
{
    public override string Name => "ClaimUserTaskCommand";

    public override async Task<UserTaskInfo> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var (task, runtime) = await LoadAsync(context, cancellationToken).ConfigureAwait(false);
        // A deputy takes over a task assigned to the colleague they stand in for.
        if (task.Assignee is { } assignee && assignee != userId && !StandsInFor(caller, assignee))
        {
            throw new InvalidEngineStateException("Diese Aufgabe hat bereits eine andere Person übernommen.");
        }

        EnsureMayWork(task, caller);
        await EnsureFourEyesAsync(context, runtime, task, userId, cancellationToken).ConfigureAwait(false);

        task.Assignee = userId;
        task.Revision++;
        context.History(runtime, HistoryEventTypes.UserTaskClaimed, runtime.Find(task.ExecutionId), task.ElementId, "userTask", detail: userId);
        return Snapshot.Task(task);
    }
}

/// <summary>Removes the assignee of an open task.</summary>
internal sealed class UnclaimUserTaskCommand(Guid taskId, TaskCaller? caller = null) : UserTaskCommand<UserTaskInfo>(taskId)
{
    public override string Name => "UnclaimUserTaskCommand";

    public override async Task<UserTaskInfo> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (task, runtime) = await LoadAsync(context, cancellationToken).ConfigureAwait(false);
        if (caller is not { MayReassign: true })
        {
            // Leitung may unclaim any task; everybody else only a task they may work.
            EnsureMayWork(task, caller);
        }

        var previous = task.Assignee;
        task.Assignee = null;
        task.Revision++;
        context.History(runtime, HistoryEventTypes.UserTaskUnclaimed, runtime.Find(task.ExecutionId), task.ElementId, "userTask", detail: previous);
        return Snapshot.Task(task);
    }
}

/// <summary>The variables an open task sees, as JSON.</summary>
internal sealed class GetUserTaskVariablesCommand(Guid taskId) : UserTaskCommand<JsonObject>(taskId)
{
    public override string Name => "GetUserTaskVariablesCommand";

    public override async Task<JsonObject> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (task, runtime) = await LoadAsync(context, cancellationToken).ConfigureAwait(false);
        var execution = runtime.Find(task.ExecutionId)
            ?? throw new InvalidEngineStateException(StateMessages.TaskNotWaiting);
        return CommandContext.ToJsonObject(context.Visible(runtime, execution));
    }
}

/// <summary>Completes an open task with variables and moves its token on to the next wait states.</summary>
internal sealed class CompleteUserTaskCommand(Guid taskId, IReadOnlyDictionary<string, object?>? variables, TaskCaller? caller = null) : UserTaskCommand<bool>(taskId)
{
    public override string Name => "CompleteUserTaskCommand";

    public override async Task<bool> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (task, runtime) = await LoadAsync(context, cancellationToken).ConfigureAwait(false);
        EnsureMayWork(task, caller);
        await EnsureFourEyesAsync(context, runtime, task, UserId, cancellationToken).ConfigureAwait(false);
        var execution = runtime.Find(task.ExecutionId)
            ?? throw new InvalidEngineStateException(StateMessages.TaskNotWaiting);
        var node = runtime.RequiredNode(execution);
        var values = CommandContext.FromInput(variables).ToList();
        if (context.Configuration.FormCheck is { } formCheck && await TaskForms.FindAsync(context, task, cancellationToken).ConfigureAwait(false) is { } form)
        {
            // The form decides what is stored, against the variables as they are now: a stale page cannot bring back
            // a value the form hides or reads only.
            var shown = CommandContext.ToJsonObject(context.Visible(runtime, execution));
            var checkedValues = formCheck.Check(form, CommandContext.ToJsonObject(values), shown);
            values = [.. checkedValues.Select(p => new KeyValuePair<string, FeelValue>(p.Key, FeelConvert.FromJson(p.Value)))];
        }

        task.State = UserTaskState.Completed;
        task.EndedAt = context.Now;
        task.CompletedBy = UserId;
        task.Revision++;
        runtime.OpenTasks.Remove(task);
        context.History(runtime, HistoryEventTypes.UserTaskCompleted, execution, task.ElementId, "userTask", after: CommandContext.ToJsonObject(values), detail: task.Id.ToString());
        execution.IsWaiting = false;
        context.SetResultVariables(runtime, execution, node, values);
        context.Schedule(new LeaveElementOperation(runtime, execution));
        await context.RunAgendaAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}

/// <summary>
/// Hands an open task to another user. The assignee may hand it to somebody who may work it by the candidate rules;
/// Leitung (<see cref="TaskCaller.MayReassign"/>) may reassign any task to any named user. The four-eyes rule holds for the
/// new assignee in both cases. History records who handed the task from whom to whom.
/// </summary>
internal sealed class DelegateUserTaskCommand(Guid taskId, TaskCaller target, TaskCaller caller) : UserTaskCommand<UserTaskInfo>(taskId)
{
    public override string Name => "DelegateUserTaskCommand";

    public override async Task<UserTaskInfo> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentException.ThrowIfNullOrWhiteSpace(target.UserId);
        var (task, runtime) = await LoadAsync(context, cancellationToken).ConfigureAwait(false);
        if (!caller.MayReassign)
        {
            if (!string.Equals(task.Assignee, caller.UserId, StringComparison.Ordinal))
            {
                throw new TaskAccessDeniedException("Nur die Person, der die Aufgabe zugewiesen ist, oder die Leitung darf sie abgeben.");
            }

            var hasCandidates = Snapshot.Split(task.CandidateUsers).Any() || Snapshot.Split(task.CandidateGroups).Any();
            if (hasCandidates && !Snapshot.Split(task.CandidateUsers).Contains(target.UserId, StringComparer.Ordinal)
                && !Snapshot.Split(task.CandidateGroups).Any(target.IsMemberOf))
            {
                throw new TaskAccessDeniedException(
                    $"{target.UserId} gehört nicht zu den vorgesehenen Bearbeitern dieser Aufgabe; die Aufgabe kann nicht an diese Person abgegeben werden.");
            }
        }

        if (string.Equals(task.Assignee, target.UserId, StringComparison.Ordinal))
        {
            throw new InvalidEngineStateException($"Die Aufgabe ist {target.UserId} bereits zugewiesen.");
        }

        await EnsureFourEyesAsync(context, runtime, task, target.UserId, cancellationToken).ConfigureAwait(false);

        var previous = task.Assignee;
        task.Assignee = target.UserId;
        task.Revision++;
        var handover = new System.Text.Json.Nodes.JsonObject { ["from"] = previous, ["to"] = target.UserId, ["by"] = caller.UserId };
        context.History(runtime, HistoryEventTypes.UserTaskDelegated, runtime.Find(task.ExecutionId), task.ElementId, "userTask", detail: handover.ToJsonString());
        return Snapshot.Task(task);
    }
}
