using System.Data.Common;
using System.Text.Json.Nodes;
using Amtsweg.Bpmn.Model;
using Amtsweg.Engine.Persistence;
using Amtsweg.Feel;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Amtsweg.Engine.Runtime;

/// <summary>
/// The unit of work of one command: the database context, the instances loaded so far, the agenda of atomic
/// operations and the step counter. All changes are flushed together in one transaction when the command ends.
/// </summary>
internal sealed partial class CommandContext(
    EngineDbContext db,
    ProcessEngineConfiguration configuration,
    IReadOnlyDictionary<string, IServiceTaskHandler> handlers,
    string? userId)
{
    private readonly Dictionary<Guid, InstanceRuntime> _instances = [];

    // Instance states read together with a job or user task, until the command loads the instance.
    private readonly Dictionary<Guid, InstanceState> _prefetched = [];
    private readonly Queue<AtomicOperation> _agenda = new();
    private readonly List<HistoryEventEntity> _history = [];

    /// <summary>Whether this command holds <see cref="ProcessEngineConfiguration.SqliteWriteGate"/>.</summary>
    private bool _holdsWriteGate;

    public EngineDbContext Db { get; } = db;

    public ProcessEngineConfiguration Configuration { get; } = configuration;

    public IReadOnlyDictionary<string, IServiceTaskHandler> Handlers { get; } = handlers;

    public string? UserId { get; } = userId;

    /// <summary>The time of the command; one value for all its changes.</summary>
    public DateTimeOffset Now { get; } = configuration.Clock.GetUtcNow();

    public Expressions Expressions => Configuration.Expressions;

    /// <summary>The first instance the command loaded or created: where an incident is recorded after a rollback.</summary>
    public Guid? PrimaryInstanceId { get; private set; }

    public int Steps { get; private set; }

    public static Guid NewId() => TimeOrderedIds.NewId();

    /// <summary>
    /// Loads an instance with everything a command may change, in one round trip (<see cref="InstanceStateQuery"/>);
    /// marks it changed (its revision goes up once). Synchronous for the agenda (a call activity's parent or child);
    /// command entry points use <see cref="LoadInstanceAsync"/>.
    /// </summary>
    public InstanceRuntime LoadInstance(Guid processInstanceId)
    {
        if (_instances.TryGetValue(processInstanceId, out var loaded))
        {
            return loaded;
        }

        var state = TakePrefetched(processInstanceId) ?? InstanceStateQuery.Load(Db, processInstanceId);
        var entity = state.Instance ?? throw InstanceNotFound(processInstanceId);
        return Register(state, LoadDefinition(entity.ProcessDefinitionId));
    }

    /// <summary>Loads an instance as <see cref="LoadInstance"/> does, asynchronously, in one round trip.</summary>
    public async Task<InstanceRuntime> LoadInstanceAsync(Guid processInstanceId, CancellationToken cancellationToken) =>
        await TryLoadInstanceAsync(processInstanceId, cancellationToken).ConfigureAwait(false) ?? throw InstanceNotFound(processInstanceId);

    /// <summary>Loads an instance as <see cref="LoadInstanceAsync"/> does; null when it does not exist.</summary>
    public async Task<InstanceRuntime?> TryLoadInstanceAsync(Guid processInstanceId, CancellationToken cancellationToken)
    {
        if (_instances.TryGetValue(processInstanceId, out var loaded))
        {
            return loaded;
        }

        var state = TakePrefetched(processInstanceId) ?? await InstanceStateQuery.LoadAsync(Db, processInstanceId, cancellationToken).ConfigureAwait(false);
        return state.Instance is { } entity
            ? Register(state, await LoadDefinitionAsync(entity.ProcessDefinitionId, cancellationToken).ConfigureAwait(false))
            : null;
    }

    /// <summary>
    /// Loads a job (tracked) and, in the same round trip, the state of its instance, which a later
    /// <see cref="LoadInstance"/> or <see cref="LoadInstanceAsync"/> then takes without a query. Null when the job does not exist.
    /// </summary>
    public async Task<JobEntity?> LoadJobAsync(Guid jobId, CancellationToken cancellationToken)
    {
        var state = await InstanceStateQuery.LoadByJobAsync(Db, jobId, cancellationToken).ConfigureAwait(false);
        await PrefetchAsync(state, cancellationToken).ConfigureAwait(false);
        return state.Job;
    }

    /// <summary>Loads a user task (tracked, in any state) and, in the same round trip, the state of its instance (see <see cref="LoadJobAsync"/>).</summary>
    public async Task<UserTaskEntity?> LoadUserTaskAsync(Guid taskId, CancellationToken cancellationToken)
    {
        var state = await InstanceStateQuery.LoadByUserTaskAsync(Db, taskId, cancellationToken).ConfigureAwait(false);
        await PrefetchAsync(state, cancellationToken).ConfigureAwait(false);
        return state.UserTask;
    }

    private async Task PrefetchAsync(InstanceState state, CancellationToken cancellationToken)
    {
        if (state.Instance is { } instance && !_instances.ContainsKey(instance.Id))
        {
            // The definition is read now, so that a synchronous LoadInstance later in the command needs no query either.
            await LoadDefinitionAsync(instance.ProcessDefinitionId, cancellationToken).ConfigureAwait(false);
            _prefetched[instance.Id] = state;
        }
    }

    private InstanceState? TakePrefetched(Guid processInstanceId) =>
        _prefetched.Remove(processInstanceId, out var state) ? state : null;

    private static EngineObjectNotFoundException InstanceNotFound(Guid processInstanceId) =>
        new($"Process instance {processInstanceId} does not exist.");

    private InstanceRuntime Register(InstanceState state, ProcessDefinitionEntity definition)
    {
        var entity = state.Instance!;
        var runtime = CreateRuntime(entity, definition);
        runtime.Executions.AddRange(state.Executions);
        runtime.Variables.AddRange(state.Variables);
        runtime.OpenTasks.AddRange(state.OpenTasks);
        runtime.Subscriptions.AddRange(state.Subscriptions);
        runtime.Jobs.AddRange(state.Jobs);
        entity.Revision++;
        Register(runtime);
        return runtime;
    }

    /// <summary>Creates a new instance with its root scope execution (whose id is the instance id).</summary>
    public InstanceRuntime CreateInstance(ProcessDefinitionEntity definition, string? businessKey, Guid? parentInstanceId, Guid? parentExecutionId, Guid? id = null)
    {
        var entity = new ProcessInstanceEntity
        {
            Id = id ?? NewId(),
            TenantId = definition.TenantId,
            ProcessDefinitionId = definition.Id,
            ProcessId = definition.ProcessId,
            BusinessKey = businessKey,
            State = ProcessInstanceState.Active,
            Revision = 1,
            StartedAt = Now,
            StartedBy = UserId,
            ParentProcessInstanceId = parentInstanceId,
            ParentExecutionId = parentExecutionId,
        };
        Db.ProcessInstances.Add(entity);
        var runtime = CreateRuntime(entity, definition);
        var root = new ExecutionEntity
        {
            Id = entity.Id,
            TenantId = entity.TenantId,
            ProcessInstanceId = entity.Id,
            Kind = ExecutionKind.ProcessInstance,
            ElementId = definition.ProcessId,
            Sequence = runtime.NextSequence(),
            EnteredAt = Now,
        };
        AddExecution(runtime, root);
        Register(runtime);
        History(runtime, HistoryEventTypes.ProcessInstanceStarted, root, definition.ProcessId, "process", detail: businessKey);
        return runtime;
    }

    /// <summary>A definition of the current tenant; definitions never change, so they come from the shared cache after the first read.</summary>
    public ProcessDefinitionEntity LoadDefinition(Guid definitionId)
    {
        if (Configuration.FindDefinition(definitionId) is { } cached && (Db.IsPlatformScope || cached.TenantId == Db.CurrentTenantId))
        {
            return cached;
        }

        var definition = Db.ProcessDefinitions.AsNoTracking().SingleOrDefault(d => d.Id == definitionId)
            ?? throw new EngineObjectNotFoundException($"Process definition {definitionId} does not exist.");
        return Configuration.CacheDefinition(definition);
    }

    /// <summary>A definition of the current tenant, as <see cref="LoadDefinition"/>, read asynchronously when it is not cached.</summary>
    public async Task<ProcessDefinitionEntity> LoadDefinitionAsync(Guid definitionId, CancellationToken cancellationToken)
    {
        if (Configuration.FindDefinition(definitionId) is { } cached && (Db.IsPlatformScope || cached.TenantId == Db.CurrentTenantId))
        {
            return cached;
        }

        var definition = await Db.ProcessDefinitions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == definitionId, cancellationToken).ConfigureAwait(false)
            ?? throw new EngineObjectNotFoundException($"Process definition {definitionId} does not exist.");
        return Configuration.CacheDefinition(definition);
    }

    public ExecutionEntity AddExecution(InstanceRuntime runtime, ExecutionEntity execution)
    {
        runtime.Executions.Add(execution);
        Db.Executions.Add(execution);
        return execution;
    }

    public ExecutionEntity NewToken(InstanceRuntime runtime, ExecutionEntity parent, string elementId, ExecutionKind kind = ExecutionKind.Token) =>
        AddExecution(runtime, new ExecutionEntity
        {
            Id = NewId(),
            TenantId = runtime.Entity.TenantId,
            ProcessInstanceId = runtime.Id,
            ParentId = parent.Id,
            Kind = kind,
            ElementId = elementId,
            Sequence = runtime.NextSequence(),
            EnteredAt = Now,
        });

    public void Schedule(AtomicOperation operation) => _agenda.Enqueue(operation);

    /// <summary>
    /// Runs the agenda until every token has reached a wait state or ended, then fires the conditional events whose
    /// condition turned true (which may give the agenda work again); enforces the step limit.
    /// </summary>
    public void RunAgenda()
    {
        do
        {
            RunOperations();
        }
        while (TriggerConditionalEvents());
    }

    private void RunOperations()
    {
        var limit = Configuration.Options.MaxStepsPerTransaction;
        while (_agenda.TryDequeue(out var operation))
        {
            if (!operation.Instance.Contains(operation.Execution))
            {
                continue;
            }

            if (++Steps > limit)
            {
                throw new IncidentException(
                    IncidentTypes.StepLimitExceeded,
                    operation.Execution.ElementId,
                    $"Mehr als {limit} Schritte in einer Transaktion bei '{operation.Execution.ElementId}': Der Prozess läuft im Kreis, ohne einen Wartezustand zu erreichen.",
                    operation.Instance.Id);
            }

            try
            {
                operation.Execute(this);
            }
            catch (IncidentException incident) when (incident.ProcessInstanceId is null)
            {
                throw new IncidentException(incident.Type, incident.ElementId, incident.Message, operation.Instance.Id);
            }
        }
    }

    /// <summary>
    /// The transaction this command opened before its flush (for a service task handler that writes through the
    /// command's connection), or null. <see cref="FlushAsync"/> commits it; the executor rolls it back on failure.
    /// </summary>
    public IDbContextTransaction? OwnTransaction { get; private set; }

    /// <summary>
    /// Opens the command's transaction now rather than at the flush, so that what a service task handler writes
    /// through the same connection commits or rolls back with the command. An open transaction (the command's own, or
    /// a caller's) is used as is.
    /// </summary>
    public async Task<DbTransaction> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        if (Db.Database.CurrentTransaction is { } current)
        {
            return current.GetDbTransaction();
        }

        await EnterWriteGateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            OwnTransaction = await Db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            LeaveWriteGate();
            throw;
        }

        return OwnTransaction.GetDbTransaction();
    }

    /// <summary>
    /// Writes all changes of the command in one transaction: the tracked rows, then its history events. When the
    /// caller already opened a transaction on this context (a command run inside the e-file's transaction), the
    /// changes join it and the caller commits; a transaction the command opened itself is committed here.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        AssignJobPriorities();
        if (OwnTransaction is { } own)
        {
            await SaveChangesWithoutSavepointAsync(cancellationToken).ConfigureAwait(false);
            await HistoryEventWriter.InsertAsync(Db, _history, cancellationToken).ConfigureAwait(false);
            await own.CommitAsync(cancellationToken).ConfigureAwait(false);
            await DisposeOwnTransactionAsync().ConfigureAwait(false);
            return;
        }

        if (Db.Database.CurrentTransaction is not null)
        {
            // The caller's transaction: it holds SQLite's write lock already, so the gate is not taken (that could
            // make another command wait for the gate while holding out for this lock).
            await Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            if (_history.Count > 0)
            {
                await HistoryEventWriter.InsertAsync(Db, _history, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (_history.Count == 0 && !Db.ChangeTracker.HasChanges())
        {
            return;
        }

        await EnterWriteGateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_history.Count == 0)
            {
                await Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            var transaction = await Db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await SaveChangesWithoutSavepointAsync(cancellationToken).ConfigureAwait(false);
                await HistoryEventWriter.InsertAsync(Db, _history, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            LeaveWriteGate();
        }
    }

    /// <summary>
    /// SaveChanges in the command's own transaction. Inside a transaction EF Core sets a savepoint around SaveChanges so
    /// that a failed save leaves the transaction usable; the command's own transaction is rolled back as a whole when
    /// anything in it fails, so the savepoint is never used, and it cost two statements per command on SQLite and a
    /// round trip (RELEASE SAVEPOINT) on PostgreSQL. A caller's transaction keeps EF Core's savepoint. On SQLite the added
    /// runtime rows are inserted directly after EF Core's updates and deletes (<see cref="SqliteRows"/>).
    /// </summary>
    private async Task SaveChangesWithoutSavepointAsync(CancellationToken cancellationToken)
    {
        var savepoints = Db.Database.AutoSavepointsEnabled;
        Db.Database.AutoSavepointsEnabled = false;
        try
        {
            if (Db.Database.GetDbConnection() is SqliteConnection sqlite)
            {
                var added = SqliteRows.TakeAdded(Db);
                await Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                SqliteRows.Insert(Db, sqlite, added);
            }
            else
            {
                await Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    /// <summary>Ends the command's own transaction; uncommitted, it rolls back (with what a handler wrote in it).</summary>
    public async Task DisposeOwnTransactionAsync()
    {
        if (OwnTransaction is { } own)
        {
            OwnTransaction = null;
            try
            {
                await own.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                LeaveWriteGate();
            }
        }
    }

    /// <summary>
    /// On SQLite, waits until no other engine command of this process writes: SQLite lets one writer at a time in,
    /// and a waiting writer in SQLite's busy handler sleeps in steps instead of starting when the other commits.
    /// </summary>
    private async Task EnterWriteGateAsync(CancellationToken cancellationToken)
    {
        if (!_holdsWriteGate && Db.Database.IsSqlite())
        {
            await Configuration.SqliteWriteGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            _holdsWriteGate = true;
        }
    }

    private void LeaveWriteGate()
    {
        if (_holdsWriteGate)
        {
            _holdsWriteGate = false;
            Configuration.SqliteWriteGate.Release();
        }
    }

    public void History(
        InstanceRuntime runtime,
        string type,
        ExecutionEntity? execution,
        string? elementId,
        string? elementType,
        JsonObject? before = null,
        JsonObject? after = null,
        string? detail = null) =>
        _history.Add(new HistoryEventEntity
        {
            Id = NewId(),
            TenantId = runtime.Entity.TenantId,
            ProcessInstanceId = runtime.Id,
            Sequence = runtime.NextSequence(),
            Type = type,
            Timestamp = Now,
            UserId = UserId,
            ElementId = elementId,
            ElementType = elementType,
            ExecutionId = execution?.Id,
            VariablesBefore = before?.ToJsonString(),
            VariablesAfter = after?.ToJsonString(),
            Detail = detail,
        });

    public void History(InstanceRuntime runtime, string type, ExecutionEntity execution, FlowNode node, string? detail = null) =>
        History(runtime, type, execution, node.Id, ElementType(node), detail: detail);

    public static string ElementType(BpmnElement element) => element.ElementName.LocalName;

    public IncidentInfo RecordIncident(Guid? processInstanceId, Guid definitionId, string elementId, string type, string message, Guid? jobId = null)
    {
        InstanceRuntime? runtime = null;
        if (processInstanceId is { } id && (_instances.ContainsKey(id) || _prefetched.ContainsKey(id) || Db.ProcessInstances.Any(i => i.Id == id)))
        {
            runtime = LoadInstance(id);
            definitionId = runtime.Definition.Id;
        }

        var incident = new IncidentEntity
        {
            Id = NewId(),
            TenantId = runtime?.Entity.TenantId ?? LoadDefinition(definitionId).TenantId,
            ProcessInstanceId = runtime?.Id,
            ProcessDefinitionId = definitionId,
            ElementId = elementId,
            Type = type,
            Message = Truncate(message),
            JobId = jobId,
            CreatedAt = Now,
        };
        Db.Incidents.Add(incident);
        if (runtime is not null)
        {
            History(runtime, HistoryEventTypes.IncidentCreated, null, elementId, null, detail: incident.Message);
        }

        return Commands.Snapshot.Incident(this, incident);
    }

    /// <summary>
    /// Stops a job whose run raised an incident that retrying cannot heal (a FEEL error, an uncaught BPMN error): no
    /// retries left, unlocked, the error kept; the incident is recorded for the job.
    /// </summary>
    public async Task<IncidentInfo> StopJobWithIncidentAsync(Guid jobId, IncidentException incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var job = await LoadJobAsync(jobId, cancellationToken).ConfigureAwait(false)
            ?? throw new EngineObjectNotFoundException($"Job {jobId} does not exist.");
        job.Retries = 0;
        job.LastError = Truncate(incident.Message);
        job.LockOwner = null;
        job.LockExpiresAt = null;
        job.Revision++;
        return RecordIncident(job.ProcessInstanceId, job.ProcessDefinitionId, incident.ElementId, incident.Type, incident.Message, job.Id);
    }

    /// <summary>Messages are kept to 4000 characters (the column size).</summary>
    public static string Truncate(string message) => message.Length > 4000 ? message[..4000] : message;

    private InstanceRuntime CreateRuntime(ProcessInstanceEntity entity, ProcessDefinitionEntity definition)
    {
        var model = Configuration.GetModel(definition);
        var process = model.FindProcess(definition.ProcessId)
            ?? throw new InvalidOperationException($"The deployed model of definition {definition.Id} has no process '{definition.ProcessId}'.");
        return new InstanceRuntime(entity, definition, model, process);
    }

    private void Register(InstanceRuntime runtime)
    {
        _instances[runtime.Id] = runtime;
        PrimaryInstanceId ??= runtime.Id;
    }

    /// <summary>FEEL values as a JSON object (for history and APIs).</summary>
    public static JsonObject ToJsonObject(IEnumerable<KeyValuePair<string, FeelValue>> values)
    {
        var result = new JsonObject();
        foreach (var (name, value) in values)
        {
            result[name] = FeelConvert.ToJson(value);
        }

        return result;
    }
}
