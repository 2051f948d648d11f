using Amtsweg.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Amtsweg.Engine.Persistence;

/// <summary>
/// The engine's tables: deployments, definitions, instances with their token tree, variables, user tasks, event
/// subscriptions, jobs, incidents and history. Provider-specific subclasses own the migrations
/// (<see cref="SqliteEngineDbContext"/>, <see cref="PostgresEngineDbContext"/>).
/// </summary>
public abstract class EngineDbContext(DbContextOptions options) : DbContext(options), ITenantScopedContext
{
    /// <inheritdoc />
    public TenantContext Tenant { get; set; } = new();

    /// <inheritdoc />
    public Guid? CurrentTenantId => Tenant.TenantId;

    /// <inheritdoc />
    public bool IsPlatformScope => Tenant.IsPlatformScope;

    /// <summary>Deployments.</summary>
    public DbSet<DeploymentEntity> Deployments => Set<DeploymentEntity>();

    /// <summary>Process definitions (one row per version).</summary>
    public DbSet<ProcessDefinitionEntity> ProcessDefinitions => Set<ProcessDefinitionEntity>();

    /// <summary>Decision definitions (one row per version).</summary>
    public DbSet<DecisionDefinitionEntity> DecisionDefinitions => Set<DecisionDefinitionEntity>();

    /// <summary>Forms deployed as <c>.form</c> resources (one row per version).</summary>
    public DbSet<FormDefinitionEntity> FormDefinitions => Set<FormDefinitionEntity>();

    /// <summary>Process instances.</summary>
    public DbSet<ProcessInstanceEntity> ProcessInstances => Set<ProcessInstanceEntity>();

    /// <summary>Executions (the token trees of running instances).</summary>
    public DbSet<ExecutionEntity> Executions => Set<ExecutionEntity>();

    /// <summary>Variables.</summary>
    public DbSet<VariableEntity> Variables => Set<VariableEntity>();

    /// <summary>User tasks.</summary>
    public DbSet<UserTaskEntity> UserTasks => Set<UserTaskEntity>();

    /// <summary>Event subscriptions (messages, signals).</summary>
    public DbSet<EventSubscriptionEntity> EventSubscriptions => Set<EventSubscriptionEntity>();

    /// <summary>Jobs (timers, service tasks).</summary>
    public DbSet<JobEntity> Jobs => Set<JobEntity>();

    /// <summary>Published messages kept for their time to live.</summary>
    public DbSet<MessageEntity> Messages => Set<MessageEntity>();

    /// <summary>Incidents.</summary>
    public DbSet<IncidentEntity> Incidents => Set<IncidentEntity>();

    /// <summary>History events.</summary>
    public DbSet<HistoryEventEntity> HistoryEvents => Set<HistoryEventEntity>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<DeploymentEntity>(e =>
        {
            e.ToTable("EngineDeployments");
            Key(e);
            e.Property(x => x.Name).HasMaxLength(400);
            e.Property(x => x.DeployedBy).HasMaxLength(200);
            e.Property(x => x.Comment).HasMaxLength(DeploymentRequest.CommentMaxLength);
        });

        modelBuilder.Entity<ProcessDefinitionEntity>(e =>
        {
            e.ToTable("EngineProcessDefinitions");
            Key(e);
            e.Property(x => x.ProcessId).HasMaxLength(255);
            e.Property(x => x.VersionTag).HasMaxLength(255);
            e.Property(x => x.Name).HasMaxLength(400);
            e.Property(x => x.Checksum).HasMaxLength(64);
            e.HasIndex(x => new { x.TenantId, x.ProcessId, x.Version }).IsUnique();
            e.HasOne<DeploymentEntity>().WithMany().HasForeignKey(x => x.DeploymentId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<DecisionDefinitionEntity>(e =>
        {
            e.ToTable("EngineDecisionDefinitions");
            Key(e);
            e.Property(x => x.DecisionId).HasMaxLength(255);
            e.Property(x => x.Name).HasMaxLength(400);
            e.HasIndex(x => new { x.TenantId, x.DecisionId, x.Version }).IsUnique();
            e.HasOne<DeploymentEntity>().WithMany().HasForeignKey(x => x.DeploymentId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<FormDefinitionEntity>(e =>
        {
            e.ToTable("EngineFormDefinitions");
            Key(e);
            e.Property(x => x.FormId).HasMaxLength(255);
            e.Property(x => x.VersionTag).HasMaxLength(255);
            e.Property(x => x.ResourceName).HasMaxLength(400);
            e.Property(x => x.Checksum).HasMaxLength(64);
            e.HasIndex(x => new { x.TenantId, x.FormId, x.Version }).IsUnique();
            e.HasIndex(x => x.DeploymentId);
            e.HasOne<DeploymentEntity>().WithMany().HasForeignKey(x => x.DeploymentId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ProcessInstanceEntity>(e =>
        {
            e.ToTable("EngineProcessInstances");
            Key(e);
            e.Property(x => x.ProcessId).HasMaxLength(255);
            e.Property(x => x.BusinessKey).HasMaxLength(255);
            e.Property(x => x.StartedBy).HasMaxLength(200);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.HasIndex(x => x.BusinessKey);
            e.HasIndex(x => x.ParentProcessInstanceId);
            e.HasIndex(x => x.EndedAt);
            e.HasOne<ProcessDefinitionEntity>().WithMany().HasForeignKey(x => x.ProcessDefinitionId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ExecutionEntity>(e =>
        {
            e.ToTable("EngineExecutions");
            Key(e);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.ElementId).HasMaxLength(255);
            e.Property(x => x.ArrivedVia).HasMaxLength(255);
            e.HasIndex(x => x.ProcessInstanceId);
        });

        modelBuilder.Entity<VariableEntity>(e =>
        {
            e.ToTable("EngineVariables");
            Key(e);
            e.Property(x => x.Name).HasMaxLength(255);
            e.HasIndex(x => x.ProcessInstanceId);
            e.HasIndex(x => new { x.ExecutionId, x.Name }).IsUnique();
        });

        modelBuilder.Entity<UserTaskEntity>(e =>
        {
            e.ToTable("EngineUserTasks");
            Key(e);
            e.Property(x => x.ElementId).HasMaxLength(255);
            e.Property(x => x.Name).HasMaxLength(400);
            e.Property(x => x.Assignee).HasMaxLength(200);
            e.Property(x => x.CandidateGroups).HasMaxLength(2000);
            e.Property(x => x.CandidateUsers).HasMaxLength(2000);
            e.Property(x => x.FormId).HasMaxLength(255);
            e.Property(x => x.CompletedBy).HasMaxLength(200);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.HasIndex(x => x.ProcessInstanceId);
            e.HasIndex(x => new { x.State, x.Assignee });
        });

        modelBuilder.Entity<EventSubscriptionEntity>(e =>
        {
            e.ToTable("EngineEventSubscriptions");
            Key(e);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.EventName).HasMaxLength(255);
            e.Property(x => x.CorrelationKey).HasMaxLength(400);
            e.Property(x => x.ElementId).HasMaxLength(255);
            e.HasIndex(x => new { x.Kind, x.EventName, x.CorrelationKey });
            e.HasIndex(x => x.ProcessInstanceId);
        });

        modelBuilder.Entity<MessageEntity>(e =>
        {
            e.ToTable("EngineMessages");
            Key(e);
            e.Property(x => x.Name).HasMaxLength(255);
            e.Property(x => x.CorrelationKey).HasMaxLength(400);
            e.Property(x => x.MessageId).HasMaxLength(255);
            e.Property(x => x.CorrelatedProcessIds).HasMaxLength(4000);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.HasIndex(x => new { x.Name, x.CorrelationKey });
            e.HasIndex(x => x.ExpiresAt);
        });

        modelBuilder.Entity<JobEntity>(e =>
        {
            e.ToTable("EngineJobs");
            Key(e);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.ElementId).HasMaxLength(255);
            e.Property(x => x.JobType).HasMaxLength(255);
            e.Property(x => x.RepeatInterval).HasMaxLength(100);
            e.Property(x => x.LockOwner).HasMaxLength(200);
            e.Property(x => x.LastError).HasMaxLength(4000);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.HasIndex(x => new { x.DueAt, x.Retries });
            e.HasIndex(x => new { x.ProcessInstanceId, x.LockExpiresAt });
        });

        modelBuilder.Entity<IncidentEntity>(e =>
        {
            e.ToTable("EngineIncidents");
            Key(e);
            e.Property(x => x.ElementId).HasMaxLength(255);
            e.Property(x => x.Type).HasMaxLength(60);
            e.Property(x => x.Message).HasMaxLength(4000);
            e.HasIndex(x => x.ProcessInstanceId);
        });

        modelBuilder.Entity<HistoryEventEntity>(e =>
        {
            e.ToTable("EngineHistoryEvents");
            Key(e);
            e.Property(x => x.Type).HasMaxLength(60);
            e.Property(x => x.UserId).HasMaxLength(200);
            e.Property(x => x.ElementId).HasMaxLength(255);
            e.Property(x => x.ElementType).HasMaxLength(60);
            e.HasIndex(x => new { x.ProcessInstanceId, x.Sequence });
        });

        modelBuilder.ApplyTenantFilters(this);
    }

    private static void Key<T>(EntityTypeBuilder<T> entity)
        where T : class
    {
        entity.HasKey("Id");
        entity.Property<Guid>("Id").ValueGeneratedNever();
    }
}

/// <summary>The engine context on SQLite; owns the SQLite migrations.</summary>
public sealed class SqliteEngineDbContext(DbContextOptions<SqliteEngineDbContext> options)
    : EngineDbContext(options)
{
    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite cannot compare or order DateTimeOffset text; the engine stores UTC only, so the binary form orders correctly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>The engine context on PostgreSQL; owns the PostgreSQL migrations.</summary>
public sealed class PostgresEngineDbContext(DbContextOptions<PostgresEngineDbContext> options)
    : EngineDbContext(options);
