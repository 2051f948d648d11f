using System.Text.Json.Nodes;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Reading;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Engine.Simulation;

/// <summary>What a simulation should do.</summary>
public sealed record SimulationOptions
{
    /// <summary>The process to start; default: the first executable process of the file.</summary>
    public string? ProcessId { get; init; }

    /// <summary>Start variables.</summary>
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }

    /// <summary>
    /// Variables to complete tasks with, per element id: user tasks are completed with them, service tasks return
    /// them from their handler. A service task without an entry completes without variables; a user task without
    /// an entry waits (the simulation stops there) unless <see cref="CompleteOpenTasks"/> is set.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> TaskOutputs { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, object?>>();

    /// <summary>Completes user tasks that have no entry in <see cref="TaskOutputs"/> without variables instead of waiting at them.</summary>
    public bool CompleteOpenTasks { get; init; }

    /// <summary>Messages (name, correlation key) to deliver, each once, as soon as something waits for it.</summary>
    public IReadOnlyList<SimulationMessage> Messages { get; init; } = [];

    /// <summary>When the virtual clock starts.</summary>
    public DateTimeOffset StartTime { get; init; } = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    /// <summary>How far the virtual clock may run ahead to fire timers before the simulation gives up waiting.</summary>
    public TimeSpan Horizon { get; init; } = TimeSpan.FromDays(3 * 365);

    /// <summary>Upper bound of rounds (completions, correlations, timer firings) against processes that never end.</summary>
    public int MaxRounds { get; init; } = 10_000;

    /// <summary>
    /// Further files deployed together with the diagram: the forms (<c>.form</c>) its tasks and start event link with
    /// <c>zeebe:formDefinition formId</c> (a linked form that is missing is an incident, as in a real engine) and the
    /// decisions (<c>.dmn</c>) its business rule tasks call.
    /// </summary>
    public IReadOnlyList<DeploymentResource> Resources { get; init; } = [];

    /// <summary>
    /// A script of actions applied one after the other (a scenario): each action waits until the instance has done all
    /// it can at the current time (service tasks, due timers), then a user task is completed, a message delivered or the
    /// clock moved on. With a script, <see cref="TaskOutputs"/> still feed service tasks, but user tasks are completed
    /// only by the script and the clock moves only when the script moves it; <see cref="CompleteOpenTasks"/>,
    /// <see cref="Messages"/> and <see cref="Horizon"/> are not used. An action that cannot be applied (no task waits at
    /// the element, nobody waits for the message) stops the script and is reported in <see cref="SimulationResult.ActionProblem"/>.
    /// </summary>
    public IReadOnlyList<SimulationAction>? Actions { get; init; }

    /// <summary>
    /// Handlers that do the work of their job types' service tasks in the simulation (a package's test run writes its
    /// letters with one); what <see cref="TaskOutputs"/> gives for the element is added to what the handler returns.
    /// Their deployment checks apply as in a real engine.
    /// </summary>
    public IReadOnlyList<IServiceTaskHandler> Handlers { get; init; } = [];
}

/// <summary>One action of a simulation script.</summary>
public abstract record SimulationAction;

/// <summary>Completes the open user task at an element.</summary>
/// <param name="ElementId">The user task's element id.</param>
/// <param name="Role">The role (candidate group) that completes it; when given and the task names candidate groups, it must be one of them.</param>
/// <param name="Variables">The form values the task is completed with.</param>
public sealed record SimulationTaskCompletion(string ElementId, string? Role, IReadOnlyDictionary<string, object?>? Variables) : SimulationAction;

/// <summary>Delivers a message to a subscription that waits for it now.</summary>
/// <param name="Name">The message name.</param>
/// <param name="CorrelationKey">The correlation key.</param>
/// <param name="Variables">Variables the message carries.</param>
public sealed record SimulationMessageDelivery(string Name, string? CorrelationKey, IReadOnlyDictionary<string, object?>? Variables) : SimulationAction;

/// <summary>Moves the virtual clock on; timers that fall due on the way fire at their due time.</summary>
/// <param name="Duration">How far.</param>
public sealed record SimulationClockAdvance(TimeSpan Duration) : SimulationAction;

/// <summary>Why an action of a script could not be applied.</summary>
/// <param name="Index">The action's position in the script, from 0.</param>
/// <param name="Message">What went wrong, in German, naming the element.</param>
public sealed record SimulationActionProblem(int Index, string Message);

/// <summary>A message to deliver in a simulation.</summary>
public sealed record SimulationMessage(string Name, string? CorrelationKey);

/// <summary>How a simulation ended.</summary>
public enum SimulationOutcome
{
    /// <summary>The process instance completed.</summary>
    Completed,

    /// <summary>Nothing more can happen: the instance waits at a user task without given outputs, for a message not given, or for a timer beyond the horizon.</summary>
    Waiting,

    /// <summary>An incident stopped the instance (or the file could not be deployed or started).</summary>
    Incident,
}

/// <summary>One step of the trace.</summary>
/// <param name="ElementId">The element.</param>
/// <param name="ElementType">The BPMN type (for example <c>userTask</c>).</param>
/// <param name="Transition"><c>entered</c>, <c>completed</c> or <c>canceled</c>.</param>
/// <param name="Time">The virtual time.</param>
public sealed record SimulationStep(string ElementId, string? ElementType, string Transition, DateTimeOffset Time)
{
    /// <summary>
    /// The instance's variables right after this step (every scope merged, the innermost write last), for showing how
    /// they changed step by step; not written to JSON, where the final <see cref="SimulationResult.Variables"/> suffice.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, JsonNode?> VariablesAfter { get; init; } = new Dictionary<string, JsonNode?>();
}

/// <summary>The outcome of a simulation.</summary>
public sealed record SimulationResult(
    SimulationOutcome Outcome,
    Guid? ProcessInstanceId,
    IReadOnlyList<SimulationStep> Trace,
    IReadOnlyList<string> WaitingAt,
    IReadOnlyDictionary<string, JsonNode?> Variables,
    string? IncidentElementId,
    string? Message,
    DateTimeOffset EndTime)
{
    /// <summary>How many actions of <see cref="SimulationOptions.Actions"/> were applied.</summary>
    public int ActionsApplied { get; init; }

    /// <summary>The sequence flows taken, in order (a flow taken twice appears twice).</summary>
    public IReadOnlyList<string> FlowsTaken { get; init; } = [];

    /// <summary>The script action that could not be applied (the script stopped there), or null.</summary>
    public SimulationActionProblem? ActionProblem { get; init; }

    /// <summary>The timers still waiting at the end of the run (deadlines set), by due time.</summary>
    public IReadOnlyList<SimulationTimer> Timers { get; init; } = [];
}

/// <summary>A timer that waits: a deadline the process has set.</summary>
/// <param name="ElementId">The timer event (intermediate catch, boundary, event-based gateway's) that fires.</param>
/// <param name="DueAt">When it falls due, on the virtual clock.</param>
public sealed record SimulationTimer(string ElementId, DateTimeOffset DueAt);

/// <summary>
/// Runs a BPMN file in a throwaway in-memory engine (SQLite <c>:memory:</c>) on a virtual clock: deploys it, starts
/// the process, completes tasks with given outputs, delivers given messages and fires timers by moving the clock to the
/// next due time, until the process ends or nothing more can happen. For trying out models and for scenario tests.
/// </summary>
public static class ProcessSimulation
{
    private static readonly Guid SimulationTenant = new("0194f0a0-0000-7000-8000-000000000001");

    /// <summary>Simulates a BPMN file.</summary>
    public static async Task<SimulationResult> RunAsync(string bpmnXml, SimulationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bpmnXml);
        ArgumentNullException.ThrowIfNull(options);
        var clock = new VirtualClock(options.StartTime);
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var db = await OpenDatabaseAsync(connection, cancellationToken).ConfigureAwait(false);

        // Service tasks of processes the diagram calls (other BPMN files among the resources) are answered the same way.
        var handlers = new[] { bpmnXml }.Concat(options.Resources.Where(IsBpmn).Select(r => r.Content))
            .SelectMany(JobTypes)
            .Distinct(StringComparer.Ordinal)
            .Select(type => (IServiceTaskHandler)new OutputHandler(type, options.TaskOutputs, options.Handlers.FirstOrDefault(h => h.JobType == type)))
            .ToList();
        var engine = new ProcessEngine(db, new ProcessEngineConfiguration(new ProcessEngineOptions(), clock), handlers);

        Guid? instanceId = null;
        ScriptState? script = null;
        try
        {
            var deployment = await engine.DeployAsync(new DeploymentRequest("simulation", [new DeploymentResource("simulation.bpmn", bpmnXml), .. options.Resources]), cancellationToken).ConfigureAwait(false);
            var processId = options.ProcessId ?? deployment.ProcessDefinitions[0].ProcessId;
            var started = await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = processId, Variables = options.Variables }, cancellationToken).ConfigureAwait(false);
            instanceId = started.Id;
            if (options.Actions is { } actions)
            {
                script = new ScriptState(actions);
                await RunScriptAsync(engine, db, clock, options, script, started.Id, ElementNames(bpmnXml), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await RunRoundsAsync(engine, db, clock, options, started.Id, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ProcessIncidentException incident)
        {
            instanceId ??= incident.Incident.ProcessInstanceId;
        }
        catch (DeploymentFailedException failed)
        {
            return new SimulationResult(SimulationOutcome.Incident, null, [], [], new Dictionary<string, JsonNode?>(), null, failed.Message, clock.GetUtcNow());
        }
        catch (ProcessEngineException failed)
        {
            return new SimulationResult(SimulationOutcome.Incident, instanceId, [], [], new Dictionary<string, JsonNode?>(), null, failed.Message, clock.GetUtcNow());
        }

        var simulated = await ResultAsync(engine, db, clock, instanceId!.Value, cancellationToken).ConfigureAwait(false);
        return script is null ? simulated : simulated with { ActionsApplied = script.Applied, ActionProblem = script.Problem };
    }

    /// <summary>
    /// Checks files as one deployment on a throwaway engine (<see cref="IProcessEngine.ValidateDeploymentAsync"/>), with no
    /// service task handlers registered: every problem the deployment would be refused for and the validator's warnings,
    /// as the modeler shows them, without touching any municipality's engine. Job handlers' header checks do not run here
    /// (no handler is registered); callers that know a job type's rules check its headers themselves.
    /// </summary>
    public static async Task<IReadOnlyList<DeploymentProblem>> ValidateDeploymentAsync(string name, IReadOnlyList<DeploymentResource> resources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(resources);
        var clock = new VirtualClock(new SimulationOptions().StartTime);
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var db = await OpenDatabaseAsync(connection, cancellationToken).ConfigureAwait(false);
        var engine = new ProcessEngine(db, new ProcessEngineConfiguration(new ProcessEngineOptions(), clock), []);
        return await engine.ValidateDeploymentAsync(new DeploymentRequest(name, resources), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<SqliteEngineDbContext> OpenDatabaseAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var tenant = new TenantContext();
        tenant.UseTenant(SimulationTenant);
        var dbOptions = new DbContextOptionsBuilder<SqliteEngineDbContext>()
            .UseSqlite(connection)
            .AddInterceptors(new TenantStampingInterceptor())
            .Options;
        var db = new SqliteEngineDbContext(dbOptions) { Tenant = tenant };
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        return db;
    }

    /// <summary>How far a script got.</summary>
    private sealed class ScriptState(IReadOnlyList<SimulationAction> actions)
    {
        public IReadOnlyList<SimulationAction> Actions { get; } = actions;

        public int Applied { get; set; }

        public SimulationActionProblem? Problem { get; set; }
    }

    private static async Task RunScriptAsync(ProcessEngine engine, EngineDbContext db, VirtualClock clock, SimulationOptions options, ScriptState script, Guid instanceId, IReadOnlyDictionary<string, string> names, CancellationToken cancellationToken)
    {
        await SettleAsync(engine, db, options, instanceId, cancellationToken).ConfigureAwait(false);
        for (var index = 0; index < script.Actions.Count; index++)
        {
            if (await StoppedAsync(db, instanceId, cancellationToken).ConfigureAwait(false))
            {
                script.Problem = new SimulationActionProblem(index, $"Schritt {index + 1} wurde nicht ausgeführt: Der Prozess wartet auf nichts mehr (beendet oder gestört).");
                return;
            }

            var problem = await ApplyAsync(engine, db, clock, script.Actions[index], instanceId, options, names, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                script.Problem = new SimulationActionProblem(index, $"Schritt {index + 1}: {problem}");
                return;
            }

            script.Applied = index + 1;
            await SettleAsync(engine, db, options, instanceId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Applies one action; returns what prevented it, in German, or null.</summary>
    private static async Task<string?> ApplyAsync(ProcessEngine engine, EngineDbContext db, VirtualClock clock, SimulationAction action, Guid instanceId, SimulationOptions options, IReadOnlyDictionary<string, string> names, CancellationToken cancellationToken)
    {
        switch (action)
        {
            case SimulationTaskCompletion completion:
                var tasks = await engine.QueryUserTasksAsync(new UserTaskQuery(), cancellationToken).ConfigureAwait(false);
                // Inner instances of a multi-instance task can be offered to different groups: take the one the step's role may work.
                var atElement = tasks.Where(t => t.ElementId == completion.ElementId).ToList();
                var task = (completion.Role is { Length: > 0 } stepRole
                    ? atElement.FirstOrDefault(t => t.CandidateGroups.Count == 0 || t.CandidateGroups.Contains(stepRole, StringComparer.Ordinal))
                    : null) ?? atElement.FirstOrDefault();
                if (task is null)
                {
                    var waiting = tasks.Select(t => $"'{t.Name ?? t.ElementId}'").Distinct(StringComparer.Ordinal).ToList();
                    return $"Die Aufgabe {Named(names, completion.ElementId)} ist nicht offen" + (waiting.Count == 0 ? "." : $" (offen: {string.Join(", ", waiting)}).");
                }

                if (completion.Role is { Length: > 0 } role && task.CandidateGroups.Count > 0 && !task.CandidateGroups.Contains(role, StringComparer.Ordinal))
                {
                    return $"Die Rolle '{role}' darf die Aufgabe '{task.Name ?? task.ElementId}' nicht erledigen (zugelassen: {string.Join(", ", task.CandidateGroups)}).";
                }

                // Each role acts as a person of its own, so that a four-eyes step completed under another role than the
                // step it guards passes, and one completed under the same role is refused as it would be for one clerk.
                var person = completion.Role is { Length: > 0 } actingRole ? $"simulation-{actingRole}" : "simulation";
                await engine.CompleteUserTaskAsync(task.Id, completion.Variables, person, cancellationToken).ConfigureAwait(false);
                return null;
            case SimulationMessageDelivery message:
                var correlated = await engine.CorrelateMessageAsync(new CorrelateMessageRequest(message.Name, message.CorrelationKey, message.Variables, "simulation"), cancellationToken).ConfigureAwait(false);
                return correlated.Correlated ? null : $"Niemand wartet auf die Nachricht '{message.Name}'" + (message.CorrelationKey is null ? "." : $" mit dem Schlüssel '{message.CorrelationKey}'.");
            case SimulationClockAdvance advance:
                if (advance.Duration <= TimeSpan.Zero)
                {
                    return "Die Zeit kann nur vorwärts gestellt werden.";
                }

                var target = clock.GetUtcNow() + advance.Duration;
                for (var round = 0; round < options.MaxRounds; round++)
                {
                    if (await StoppedAsync(db, instanceId, cancellationToken).ConfigureAwait(false))
                    {
                        break;
                    }

                    var next = await NextDueAsync(db, cancellationToken).ConfigureAwait(false);
                    if (next is not { } due || due > target)
                    {
                        break;
                    }

                    // Timers that fall due on the way fire at their own time, so the trace shows when they fired.
                    clock.MoveTo(due);
                    await SettleAsync(engine, db, options, instanceId, cancellationToken).ConfigureAwait(false);
                }

                clock.MoveTo(target);
                return null;
            default:
                throw new ArgumentException($"Unbekannte Aktion {action.GetType().Name}.", nameof(action));
        }
    }

    /// <summary>Runs what is due at the current time (service tasks, timers) until nothing more happens.</summary>
    private static async Task SettleAsync(ProcessEngine engine, EngineDbContext db, SimulationOptions options, Guid instanceId, CancellationToken cancellationToken)
    {
        for (var round = 0; round < options.MaxRounds; round++)
        {
            if (await StoppedAsync(db, instanceId, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var jobs = await engine.ExecuteDueJobsAsync(cancellationToken).ConfigureAwait(false);
            if (jobs.Executed + jobs.Failed == 0)
            {
                return;
            }
        }
    }

    private static Task<DateTimeOffset?> NextDueAsync(EngineDbContext db, CancellationToken cancellationToken) =>
        db.Jobs.Where(j => j.Retries > 0 && j.Kind != JobKind.ExternalTask).OrderBy(j => j.DueAt).Select(j => (DateTimeOffset?)j.DueAt).FirstOrDefaultAsync(cancellationToken);

    private static async Task RunRoundsAsync(ProcessEngine engine, EngineDbContext db, VirtualClock clock, SimulationOptions options, Guid instanceId, CancellationToken cancellationToken)
    {
        var pending = options.Messages.ToList();
        var horizon = options.StartTime + options.Horizon;
        for (var round = 0; round < options.MaxRounds; round++)
        {
            if (await StoppedAsync(db, instanceId, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var progress = false;
            var jobs = await engine.ExecuteDueJobsAsync(cancellationToken).ConfigureAwait(false);
            progress |= jobs.Executed + jobs.Failed > 0;

            var tasks = await engine.QueryUserTasksAsync(new UserTaskQuery(), cancellationToken).ConfigureAwait(false);
            foreach (var task in tasks.Where(t => options.CompleteOpenTasks || options.TaskOutputs.ContainsKey(t.ElementId)))
            {
                await engine.CompleteUserTaskAsync(task.Id, options.TaskOutputs.GetValueOrDefault(task.ElementId), "simulation", cancellationToken).ConfigureAwait(false);
                progress = true;
                break;
            }

            if (!progress)
            {
                foreach (var message in pending)
                {
                    var result = await engine.CorrelateMessageAsync(new CorrelateMessageRequest(message.Name, message.CorrelationKey, null, "simulation"), cancellationToken).ConfigureAwait(false);
                    if (result.Correlated)
                    {
                        pending.Remove(message);
                        progress = true;
                        break;
                    }
                }
            }

            if (!progress)
            {
                var next = await db.Jobs.Where(j => j.Retries > 0 && j.Kind != JobKind.ExternalTask).OrderBy(j => j.DueAt).Select(j => (DateTimeOffset?)j.DueAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                if (next is not { } due || due > horizon)
                {
                    return;
                }

                clock.MoveTo(due);
            }
        }
    }

    private static async Task<bool> StoppedAsync(EngineDbContext db, Guid instanceId, CancellationToken cancellationToken) =>
        await db.Incidents.AnyAsync(i => i.ResolvedAt == null, cancellationToken).ConfigureAwait(false)
        || await db.ProcessInstances.AnyAsync(i => i.Id == instanceId && i.State != ProcessInstanceState.Active, cancellationToken).ConfigureAwait(false);

    private static async Task<SimulationResult> ResultAsync(ProcessEngine engine, EngineDbContext db, VirtualClock clock, Guid instanceId, CancellationToken cancellationToken)
    {
        var state = await engine.GetProcessInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var history = await engine.GetHistoryAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var trace = new List<SimulationStep>();
        var flows = new List<string>();
        var variables = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var e in history)
        {
            switch (e.Type)
            {
                case HistoryEventTypes.VariablesUpdated when e.VariablesAfter is JsonObject changed:
                    foreach (var (name, value) in changed)
                    {
                        variables[name] = value?.DeepClone();
                    }

                    break;
                case HistoryEventTypes.SequenceFlowTaken when e.ElementId is not null:
                    flows.Add(e.ElementId);
                    break;
                case HistoryEventTypes.ElementEntered or HistoryEventTypes.ElementCompleted or HistoryEventTypes.ElementCanceled when e.ElementId is not null:
                    trace.Add(new SimulationStep(e.ElementId, e.ElementType, e.Type switch
                    {
                        HistoryEventTypes.ElementEntered => "entered",
                        HistoryEventTypes.ElementCompleted => "completed",
                        _ => "canceled",
                    }, e.Timestamp)
                    {
                        VariablesAfter = variables.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal),
                    });
                    break;
                default:
                    break;
            }
        }

        var incident = await db.Incidents.AsNoTracking().Where(i => i.ResolvedAt == null).OrderBy(i => i.CreatedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var outcome = incident is not null ? SimulationOutcome.Incident
            : state.State == ProcessInstanceState.Completed ? SimulationOutcome.Completed
            : SimulationOutcome.Waiting;
        var timers = await db.Jobs.AsNoTracking().Where(j => j.Kind == JobKind.Timer && j.Retries > 0).Select(j => new { j.ElementId, j.DueAt }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new SimulationResult(outcome, instanceId, trace, state.ActiveElementIds, state.Variables, incident?.ElementId, incident?.Message, clock.GetUtcNow())
        {
            FlowsTaken = flows,
            Timers = [.. timers.OrderBy(t => t.DueAt).ThenBy(t => t.ElementId, StringComparer.Ordinal).Select(t => new SimulationTimer(t.ElementId, t.DueAt))],
        };
    }

    /// <summary>An element as a clerk knows it: its name, or its id when it has none.</summary>
    private static string Named(IReadOnlyDictionary<string, string> names, string elementId) =>
        names.TryGetValue(elementId, out var name) ? $"'{name}'" : $"'{elementId}'";

    /// <summary>The names of the flow nodes of a file by id (unnamed ones left out); empty when the file does not read.</summary>
    internal static Dictionary<string, string> ElementNames(string bpmnXml)
    {
        try
        {
            return BpmnReader.Parse(bpmnXml).Processes
                .SelectMany(p => p.AllFlowNodes)
                .Where(n => n.Id is not null && !string.IsNullOrWhiteSpace(n.Name))
                .GroupBy(n => n.Id!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Name!.Trim(), StringComparer.Ordinal);
        }
        catch (Bpmn.BpmnModelException)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }
    }

    private static bool IsBpmn(DeploymentResource resource) =>
        !resource.Name.EndsWith(".dmn", StringComparison.OrdinalIgnoreCase) && !resource.Name.EndsWith(".form", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> JobTypes(string bpmnXml)
    {
        try
        {
            return BpmnReader.Parse(bpmnXml).Processes
                .SelectMany(p => p.AllFlowNodes)
                .Select(n => n.Zeebe.TaskDefinition?.Type)
                .Where(t => t is { IsFeel: false })
                .Select(t => t!.Text)
                .Distinct(StringComparer.Ordinal)
                .ToList();
        }
        catch (Bpmn.BpmnModelException)
        {
            // The deployment reports the broken file with its position.
            return [];
        }
    }

    /// <summary>Completes every service task of one job type with the outputs given for its element, after the handler given for the type did its work.</summary>
    private sealed class OutputHandler(string jobType, IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> outputs, IServiceTaskHandler? handler) : IServiceTaskHandler
    {
        public string JobType { get; } = jobType;

        public IEnumerable<ServiceTaskProblem> Validate(IReadOnlyDictionary<string, string> headers) => handler?.Validate(headers) ?? [];

        public async Task<IReadOnlyDictionary<string, object?>> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
        {
            var given = outputs.GetValueOrDefault(context.ElementId);
            if (handler is null)
            {
                return given ?? new Dictionary<string, object?>();
            }

            var result = new Dictionary<string, object?>(await handler.ExecuteAsync(context, cancellationToken).ConfigureAwait(false), StringComparer.Ordinal);
            foreach (var (name, value) in given ?? new Dictionary<string, object?>())
            {
                result[name] = value;
            }

            return result;
        }
    }

    /// <summary>A clock that only moves when the simulation moves it.</summary>
    private sealed class VirtualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void MoveTo(DateTimeOffset time)
        {
            if (time > _now)
            {
                _now = time;
            }
        }
    }
}
