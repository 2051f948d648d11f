using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Amtsweg.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Amtsweg.Engine.Persistence;

/// <summary>
/// The rows a command needs of one instance (the instance, its executions, variables, open user tasks, event
/// subscriptions and jobs), optionally with the job or user task the command starts from, tracked by the context as
/// if an EF query had loaded them.
/// </summary>
internal sealed class InstanceState
{
    /// <summary>The job the load started from (<see cref="InstanceStateQuery.LoadByJobAsync"/>), or null.</summary>
    public JobEntity? Job { get; set; }

    /// <summary>The user task the load started from (<see cref="InstanceStateQuery.LoadByUserTaskAsync"/>), or null.</summary>
    public UserTaskEntity? UserTask { get; set; }

    /// <summary>The instance, or null when there is none (in this tenant).</summary>
    public ProcessInstanceEntity? Instance { get; set; }

    public List<ExecutionEntity> Executions { get; } = [];

    public List<VariableEntity> Variables { get; } = [];

    public List<UserTaskEntity> OpenTasks { get; } = [];

    public List<EventSubscriptionEntity> Subscriptions { get; } = [];

    public List<JobEntity> Jobs { get; } = [];
}

/// <summary>
/// Loads an instance's state in one database round trip: one command with a SELECT per table, read with
/// <see cref="DbDataReader.NextResult"/>, instead of six EF queries (issue 18: every command loads an instance, and
/// six round trips, synchronous ones on the async path, were a large part of a command's time). Hand-written SQL
/// bypasses EF's tenant filter, so the tenant is named in every WHERE clause (row-level security still applies on
/// PostgreSQL). Tables, columns and value conversions come from the EF model, and the rows are attached to the change
/// tracker as Unchanged, exactly as a tracking query leaves them: SaveChanges updates and deletes them with the same
/// optimistic revision checks. A row the context already tracks is returned as the tracked object (identity resolution,
/// as EF does). The command goes through EF's command pipeline, so its logging and interceptors see it.
/// </summary>
internal static class InstanceStateQuery
{
    private static readonly ConditionalWeakTable<IModel, Plan> Plans = new();

    /// <summary>Loads the state of an instance; <see cref="InstanceState.Instance"/> is null when it does not exist.</summary>
    public static InstanceState Load(EngineDbContext db, Guid processInstanceId) =>
        RunAsync(db, Anchor.Instance, processInstanceId, async: false, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Loads the state of an instance; <see cref="InstanceState.Instance"/> is null when it does not exist.</summary>
    public static Task<InstanceState> LoadAsync(EngineDbContext db, Guid processInstanceId, CancellationToken cancellationToken) =>
        RunAsync(db, Anchor.Instance, processInstanceId, async: true, cancellationToken);

    /// <summary>Loads a job and, in the same round trip, the state of its instance (none for a timer start job).</summary>
    public static Task<InstanceState> LoadByJobAsync(EngineDbContext db, Guid jobId, CancellationToken cancellationToken) =>
        RunAsync(db, Anchor.Job, jobId, async: true, cancellationToken);

    /// <summary>Loads a user task (in any state) and, in the same round trip, the state of its instance.</summary>
    public static Task<InstanceState> LoadByUserTaskAsync(EngineDbContext db, Guid taskId, CancellationToken cancellationToken) =>
        RunAsync(db, Anchor.UserTask, taskId, async: true, cancellationToken);

    /// <summary>The SQL of a load (for tests and for reading logs).</summary>
    internal static string Sql(EngineDbContext db, Anchor anchor, bool platformScope) =>
        PlanOf(db).Sql[(int)anchor, platformScope ? 1 : 0];

    /// <summary>What the load starts from: the instance id itself, or the id of a row that names the instance.</summary>
    internal enum Anchor
    {
        Instance,
        Job,
        UserTask,
    }

    private static Plan PlanOf(EngineDbContext db) => Plans.GetValue(db.Model, _ => new Plan(db));

    // With async false every await below completes synchronously, so the synchronous LoadInstance of the agenda (a
    // call activity's parent or child) shares this code without blocking on real asynchronous work.
    private static async Task<InstanceState> RunAsync(EngineDbContext db, Anchor anchor, Guid id, bool async, CancellationToken cancellationToken)
    {
        var state = new InstanceState();
        if (db.CurrentTenantId is null && !db.IsPlatformScope)
        {
            // Outside any tenant scope the EF filter shows no rows at all; so does this query, without asking the database.
            return state;
        }

        var plan = PlanOf(db);
        var command = plan.Command(db, anchor, db.IsPlatformScope);
        var parameters = new Dictionary<string, object?> { [Plan.IdParameter] = id };
        if (!db.IsPlatformScope)
        {
            parameters[Plan.TenantParameter] = db.CurrentTenantId;
        }

        var commandParameters = new RelationalCommandParameterObject(
            db.GetService<IRelationalConnection>(), parameters, null, db, db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.FromSqlQuery);
        var tracker = db.ChangeTracker;
        var detectChanges = tracker.AutoDetectChangesEnabled;

        // DbSet.Local and Entry would otherwise scan every tracked entity for changes on each row; a tracking query does not either.
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            var relationalReader = async
                ? await command.ExecuteReaderAsync(commandParameters, cancellationToken).ConfigureAwait(false)
                : command.ExecuteReader(commandParameters);
            try
            {
                var reader = relationalReader.DbDataReader;
                List<JobEntity> anchorJobs = [];
                List<UserTaskEntity> anchorTasks = [];
                if (anchor == Anchor.Job)
                {
                    await ReadAsync(db, reader, plan.Jobs, anchorJobs, async, cancellationToken).ConfigureAwait(false);
                    await NextAsync(reader, async, cancellationToken).ConfigureAwait(false);
                }
                else if (anchor == Anchor.UserTask)
                {
                    await ReadAsync(db, reader, plan.UserTasks, anchorTasks, async, cancellationToken).ConfigureAwait(false);
                    await NextAsync(reader, async, cancellationToken).ConfigureAwait(false);
                }

                List<ProcessInstanceEntity> instances = [];
                await ReadAsync(db, reader, plan.Instances, instances, async, cancellationToken).ConfigureAwait(false);
                await NextAsync(reader, async, cancellationToken).ConfigureAwait(false);
                await ReadAsync(db, reader, plan.Executions, state.Executions, async, cancellationToken).ConfigureAwait(false);
                await NextAsync(reader, async, cancellationToken).ConfigureAwait(false);
                await ReadAsync(db, reader, plan.Variables, state.Variables, async, cancellationToken).ConfigureAwait(false);
                await NextAsync(reader, async, cancellationToken).ConfigureAwait(false);
                await ReadAsync(db, reader, plan.UserTasks, state.OpenTasks, async, cancellationToken).ConfigureAwait(false);
                await NextAsync(reader, async, cancellationToken).ConfigureAwait(false);
                await ReadAsync(db, reader, plan.Subscriptions, state.Subscriptions, async, cancellationToken).ConfigureAwait(false);
                await NextAsync(reader, async, cancellationToken).ConfigureAwait(false);
                await ReadAsync(db, reader, plan.Jobs, state.Jobs, async, cancellationToken).ConfigureAwait(false);
                state.Job = anchorJobs.SingleOrDefault();
                state.UserTask = anchorTasks.SingleOrDefault();
                state.Instance = instances.SingleOrDefault();
            }
            finally
            {
                if (async)
                {
                    await relationalReader.DisposeAsync().ConfigureAwait(false);
                }
                else
                {
                    relationalReader.Dispose();
                }
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detectChanges;
        }

        return state;
    }

    private static async Task NextAsync(DbDataReader reader, bool async, CancellationToken cancellationToken)
    {
        if (!(async ? await reader.NextResultAsync(cancellationToken).ConfigureAwait(false) : reader.NextResult()))
        {
            throw new InvalidOperationException("The instance state query returned fewer result sets than it has statements.");
        }
    }

    private static async Task ReadAsync<T>(EngineDbContext db, DbDataReader reader, EntityPlan<T> plan, List<T> into, bool async, CancellationToken cancellationToken)
        where T : class, ITenantOwned
    {
        LocalView<T>? local = null;
        while (async ? await reader.ReadAsync(cancellationToken).ConfigureAwait(false) : reader.Read())
        {
            var entity = plan.Materialize(reader);
            local ??= db.Set<T>().Local;
            if (local.FindEntry(plan.Key(entity)) is { } tracked)
            {
                // As a tracking query: the object the context already tracks wins, with its (possibly changed) values.
                into.Add(tracked.Entity);
                continue;
            }

            db.Entry(entity).State = EntityState.Unchanged;
            into.Add(entity);
        }
    }

    /// <summary>The statements and materializers of one model (one per provider), built once.</summary>
    private sealed class Plan
    {
        public const string IdParameter = "id";
        public const string TenantParameter = "tenant";

        private readonly string _idParameterName;
        private readonly string _tenantParameterName;
        private readonly RelationalTypeMapping _idMapping;
        private readonly RelationalTypeMapping _tenantMapping;

        public Plan(EngineDbContext db)
        {
            var model = db.Model;
            var sql = db.GetService<ISqlGenerationHelper>();
            Instances = new EntityPlan<ProcessInstanceEntity>(model, sql);
            Executions = new EntityPlan<ExecutionEntity>(model, sql);
            Variables = new EntityPlan<VariableEntity>(model, sql);
            UserTasks = new EntityPlan<UserTaskEntity>(model, sql);
            Subscriptions = new EntityPlan<EventSubscriptionEntity>(model, sql);
            Jobs = new EntityPlan<JobEntity>(model, sql);

            var id = sql.GenerateParameterNamePlaceholder(IdParameter);
            var tenant = sql.GenerateParameterNamePlaceholder(TenantParameter);
            _idParameterName = sql.GenerateParameterName(IdParameter);
            _tenantParameterName = sql.GenerateParameterName(TenantParameter);
            _idMapping = Instances.Property(nameof(ProcessInstanceEntity.Id)).GetRelationalTypeMapping();
            _tenantMapping = Instances.Property(nameof(ITenantOwned.TenantId)).GetRelationalTypeMapping();
            var createdState = UserTasks.Property(nameof(UserTaskEntity.State)).GetRelationalTypeMapping().GenerateSqlLiteral(UserTaskState.Created);
            foreach (var anchor in Enum.GetValues<Anchor>())
            {
                foreach (var platform in (bool[])[false, true])
                {
                    // The tenant is named in every WHERE clause: hand-written SQL bypasses EF's tenant filter.
                    string Where(IEntityPlan entity, string condition) =>
                        platform ? condition : $"{condition} AND {entity.Column(nameof(ITenantOwned.TenantId))} = {tenant}";

                    var instanceId = anchor switch
                    {
                        Anchor.Instance => id,
                        Anchor.Job => $"(SELECT {Jobs.Column(nameof(JobEntity.ProcessInstanceId))} FROM {Jobs.Table} WHERE {Where(Jobs, $"{Jobs.Column(nameof(JobEntity.Id))} = {id}")})",
                        Anchor.UserTask => $"(SELECT {UserTasks.Column(nameof(UserTaskEntity.ProcessInstanceId))} FROM {UserTasks.Table} WHERE {Where(UserTasks, $"{UserTasks.Column(nameof(UserTaskEntity.Id))} = {id}")})",
                    };
                    string OfInstance(IEntityPlan entity) => Where(entity, $"{entity.Column(nameof(ExecutionEntity.ProcessInstanceId))} = {instanceId}");

                    var text = new StringBuilder();
                    switch (anchor)
                    {
                        case Anchor.Job:
                            Jobs.Select(text, Where(Jobs, $"{Jobs.Column(nameof(JobEntity.Id))} = {id}"));
                            break;
                        case Anchor.UserTask:
                            UserTasks.Select(text, Where(UserTasks, $"{UserTasks.Column(nameof(UserTaskEntity.Id))} = {id}"));
                            break;
                        case Anchor.Instance:
                            break;
                    }

                    Instances.Select(text, Where(Instances, $"{Instances.Column(nameof(ProcessInstanceEntity.Id))} = {instanceId}"));
                    Executions.Select(text, OfInstance(Executions) + $" ORDER BY {Executions.Column(nameof(ExecutionEntity.Sequence))}");
                    Variables.Select(text, OfInstance(Variables));
                    UserTasks.Select(text, OfInstance(UserTasks) + $" AND {UserTasks.Column(nameof(UserTaskEntity.State))} = {createdState}");
                    Subscriptions.Select(text, OfInstance(Subscriptions));
                    Jobs.Select(text, OfInstance(Jobs));

                    Sql[(int)anchor, platform ? 1 : 0] = text.ToString();
                }
            }
        }

        public EntityPlan<ProcessInstanceEntity> Instances { get; }

        public EntityPlan<ExecutionEntity> Executions { get; }

        public EntityPlan<VariableEntity> Variables { get; }

        public EntityPlan<UserTaskEntity> UserTasks { get; }

        public EntityPlan<EventSubscriptionEntity> Subscriptions { get; }

        public EntityPlan<JobEntity> Jobs { get; }

        /// <summary>The SQL by anchor and scope (0: a tenant, 1: platform).</summary>
        public string[,] Sql { get; } = new string[3, 2];

        /// <summary>
        /// A new command for one execution: an EF <see cref="IRelationalCommand"/> keeps the reader of its execution,
        /// so one instance must not be shared by commands that run at the same time.
        /// </summary>
        public IRelationalCommand Command(EngineDbContext db, Anchor anchor, bool platform)
        {
            var builder = db.GetService<IRelationalCommandBuilderFactory>().Create().Append(Sql[(int)anchor, platform ? 1 : 0]);
            builder.AddParameter(IdParameter, _idParameterName, _idMapping, nullable: false);
            if (!platform)
            {
                builder.AddParameter(TenantParameter, _tenantParameterName, _tenantMapping, nullable: false);
            }

            return builder.Build();
        }
    }

    private interface IEntityPlan
    {
        string Table { get; }

        string Column(string propertyName);
    }

    /// <summary>
    /// How the rows of one entity type are read: every mapped property, in model order, as a column of the SELECT, and
    /// a compiled materializer that reads each column with the reader method and value converter of the property's type
    /// mapping (as EF's own shaper does). A property added to the entity is read without a change here.
    /// </summary>
    private sealed class EntityPlan<T> : IEntityPlan
        where T : class, ITenantOwned
    {
        private readonly IEntityType _entityType;
        private readonly ISqlGenerationHelper _sql;
        private readonly string _columns;

        public EntityPlan(IModel model, ISqlGenerationHelper sql)
        {
            _entityType = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the engine model.");
            _sql = sql;
            var properties = _entityType.GetProperties().ToList();
            Table = sql.DelimitIdentifier(_entityType.GetTableName()!, _entityType.GetSchema());
            _columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName())));
            Materialize = CompileMaterializer(properties);
            var key = _entityType.FindPrimaryKey()!.Properties.Single();
            var entity = Expression.Parameter(typeof(T), "entity");
            Key = Expression.Lambda<Func<T, Guid>>(Expression.Property(entity, key.PropertyInfo!), entity).Compile();
        }

        public string Table { get; }

        public Func<DbDataReader, T> Materialize { get; }

        public Func<T, Guid> Key { get; }

        public IProperty Property(string name) =>
            _entityType.FindProperty(name) ?? throw new InvalidOperationException($"{typeof(T).Name} has no property {name}.");

        public string Column(string propertyName) => _sql.DelimitIdentifier(Property(propertyName).GetColumnName());

        public void Select(StringBuilder text, string where)
        {
            if (text.Length > 0)
            {
                text.Append(";\n");
            }

            text.Append("SELECT ").Append(_columns).Append(" FROM ").Append(Table).Append(" WHERE ").Append(where);
        }

        private static Func<DbDataReader, T> CompileMaterializer(List<IProperty> properties)
        {
            var reader = Expression.Parameter(typeof(DbDataReader), "reader");
            var isNull = typeof(DbDataReader).GetMethod(nameof(DbDataReader.IsDBNull), [typeof(int)])!;
            var bindings = new List<MemberBinding>();
            for (var ordinal = 0; ordinal < properties.Count; ordinal++)
            {
                var property = properties[ordinal];
                if (property.PropertyInfo is not { CanWrite: true } clrProperty)
                {
                    throw new NotSupportedException($"{typeof(T).Name}.{property.Name} is not a settable CLR property; the instance state query cannot read it.");
                }

                var mapping = property.GetRelationalTypeMapping();
                var method = mapping.GetDataReaderMethod();
                var source = method.DeclaringType!.IsAssignableFrom(typeof(DbDataReader)) ? (Expression)reader : Expression.Convert(reader, method.DeclaringType);
                var value = mapping.CustomizeDataReaderExpression(Expression.Call(source, method, Expression.Constant(ordinal)));
                if (mapping.Converter is { } converter)
                {
                    var fromProvider = converter.ConvertFromProviderExpression;
                    var parameterType = fromProvider.Parameters[0].Type;
                    value = Expression.Invoke(fromProvider, value.Type == parameterType ? value : Expression.Convert(value, parameterType));
                }

                if (value.Type != property.ClrType)
                {
                    value = Expression.Convert(value, property.ClrType);
                }

                if (property.IsNullable)
                {
                    value = Expression.Condition(Expression.Call(reader, isNull, Expression.Constant(ordinal)), Expression.Default(property.ClrType), value);
                }

                bindings.Add(Expression.Bind(clrProperty, value));
            }

            var constructor = typeof(T).GetConstructor(BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)
                ?? throw new NotSupportedException($"{typeof(T).Name} has no public parameterless constructor.");
            return Expression.Lambda<Func<DbDataReader, T>>(Expression.MemberInit(Expression.New(constructor), bindings), reader).Compile();
        }
    }
}
