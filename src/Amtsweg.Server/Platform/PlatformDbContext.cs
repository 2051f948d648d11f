using Amtsweg.Data.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Server.Platform;

/// <summary>
/// Tenants and sign-in: municipalities, users and roles (ASP.NET Core Identity). Provider-specific subclasses
/// carry the migrations (<see cref="SqlitePlatformDbContext"/>, <see cref="PostgresPlatformDbContext"/>).
/// </summary>
public abstract class PlatformDbContext(DbContextOptions options, TenantContext tenant)
    : IdentityDbContext<AppUser, AppRole, Guid>(options), ITenantScopedContext, IDataProtectionKeyContext
{
    /// <inheritdoc />
    public Guid? CurrentTenantId => tenant.TenantId;

    /// <inheritdoc />
    public bool IsPlatformScope => tenant.IsPlatformScope;

    /// <summary>The tenants.</summary>
    public DbSet<Municipality> Municipalities => Set<Municipality>();

    /// <summary>Absences with deputies (Vertretung).</summary>
    public DbSet<Absence> Absences => Set<Absence>();

    /// <summary>The inbox filters users saved, each only for its owner.</summary>
    public DbSet<SavedTaskFilter> SavedTaskFilters => Set<SavedTaskFilter>();

    /// <summary>The BPMN diagrams designers saved in the modeler and have not deployed yet.</summary>
    public DbSet<ProcessDraft> ProcessDrafts => Set<ProcessDraft>();

    /// <summary>The test scenarios designers saved per process.</summary>
    public DbSet<ProcessScenario> ProcessScenarios => Set<ProcessScenario>();

    /// <summary>The forms designers saved in the form editor and have not deployed yet.</summary>
    public DbSet<FormDraft> FormDrafts => Set<FormDraft>();

    /// <summary>The letterheads, at most one per municipality.</summary>
    public DbSet<MunicipalityLetterhead> Letterheads => Set<MunicipalityLetterhead>();

    /// <summary>The municipalities' own letter templates.</summary>
    public DbSet<MunicipalityLetterTemplate> LetterTemplates => Set<MunicipalityLetterTemplate>();

    /// <summary>The keys that protect cookies and antiforgery tokens, shared by all server processes.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Municipality>(municipality =>
        {
            municipality.ToTable("Municipalities");
            municipality.HasKey(m => m.Id);
            municipality.Property(m => m.Id).ValueGeneratedNever();
            municipality.Property(m => m.Ags).HasMaxLength(8).IsFixedLength();
            municipality.HasIndex(m => m.Ags).IsUnique();
            municipality.Property(m => m.Name).HasMaxLength(200);
            municipality.Property(m => m.FederalState).HasConversion<string>().HasMaxLength(40);
            municipality.Property(m => m.SettingsUpdatedBy).HasMaxLength(256);
        });

        builder.Entity<AppUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.HasIndex(u => u.TenantId);
            user.HasOne<Municipality>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);

            // Users are not ITenantOwned (operators have no tenant) but are filtered the same way.
            user.HasQueryFilter(u => IsPlatformScope || u.TenantId == CurrentTenantId);
            user.Metadata.SetAnnotation(TenantModel.FilteredAnnotation, true);
        });

        builder.Entity<ApiClient>(client =>
        {
            client.ToTable("ApiClients");
            client.HasKey(c => c.Id);
            client.Property(c => c.Id).ValueGeneratedNever();
            client.Property(c => c.ClientId).HasMaxLength(64);
            client.HasIndex(c => c.ClientId).IsUnique();
            client.Property(c => c.Name).HasMaxLength(200);
            client.Property(c => c.Scopes).HasMaxLength(200);
            client.Property(c => c.SecretHash).HasMaxLength(32);
            client.Ignore(c => c.ScopeList);
            client.HasOne<Municipality>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Absence>(absence =>
        {
            absence.ToTable("Absences");
            absence.HasKey(a => a.Id);
            absence.Property(a => a.Id).ValueGeneratedNever();
            absence.Property(a => a.UserName).HasMaxLength(256);
            absence.Property(a => a.DeputyUserName).HasMaxLength(256);
            absence.Property(a => a.CreatedBy).HasMaxLength(256);
            absence.HasIndex(a => new { a.TenantId, a.DeputyUserName, a.Until });
            absence.HasIndex(a => new { a.TenantId, a.UserName, a.Until });
            absence.HasOne<Municipality>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<SavedTaskFilter>(filter =>
        {
            filter.ToTable("SavedTaskFilters");
            filter.HasKey(f => f.Id);
            filter.Property(f => f.Id).ValueGeneratedNever();
            filter.Property(f => f.UserName).HasMaxLength(256);
            filter.Property(f => f.Name).HasMaxLength(SavedTaskFilter.NameMaxLength);
            filter.Property(f => f.ProcessId).HasMaxLength(255);
            filter.Property(f => f.Due).HasMaxLength(30);
            filter.Property(f => f.Text).HasMaxLength(SavedTaskFilter.TextMaxLength);
            filter.Property(f => f.Sort).HasMaxLength(30);
            filter.HasIndex(f => new { f.TenantId, f.UserName, f.Name }).IsUnique();
            filter.HasOne<Municipality>().WithMany().HasForeignKey(f => f.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ProcessDraft>(draft =>
        {
            draft.ToTable("ProcessDrafts");
            draft.HasKey(d => d.Id);
            draft.Property(d => d.Id).ValueGeneratedNever();
            draft.Property(d => d.ProcessId).HasMaxLength(ProcessDraft.ProcessIdMaxLength);
            draft.Property(d => d.Name).HasMaxLength(ProcessDraft.NameMaxLength);
            draft.Property(d => d.CreatedBy).HasMaxLength(256);
            draft.Property(d => d.UpdatedBy).HasMaxLength(256);
            draft.Property(d => d.Revision).IsConcurrencyToken();
            draft.HasIndex(d => new { d.TenantId, d.ProcessId }).IsUnique();
            draft.HasOne<Municipality>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ProcessScenario>(scenario =>
        {
            scenario.ToTable("ProcessScenarios");
            scenario.HasKey(s => s.Id);
            scenario.Property(s => s.Id).ValueGeneratedNever();
            scenario.Property(s => s.ProcessId).HasMaxLength(ProcessDraft.ProcessIdMaxLength);
            scenario.Property(s => s.Name).HasMaxLength(ProcessScenario.NameMaxLength);
            scenario.Property(s => s.CreatedBy).HasMaxLength(256);
            scenario.Property(s => s.UpdatedBy).HasMaxLength(256);
            scenario.Property(s => s.Revision).IsConcurrencyToken();
            scenario.HasIndex(s => new { s.TenantId, s.ProcessId, s.Name }).IsUnique();
            scenario.HasOne<Municipality>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<FormDraft>(draft =>
        {
            draft.ToTable("FormDrafts");
            draft.HasKey(d => d.Id);
            draft.Property(d => d.Id).ValueGeneratedNever();
            draft.Property(d => d.FormId).HasMaxLength(FormDraft.FormIdMaxLength);
            draft.Property(d => d.CreatedBy).HasMaxLength(256);
            draft.Property(d => d.UpdatedBy).HasMaxLength(256);
            draft.Property(d => d.Revision).IsConcurrencyToken();
            draft.HasIndex(d => new { d.TenantId, d.FormId }).IsUnique();
            draft.HasOne<Municipality>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<MunicipalityLetterhead>(letterhead =>
        {
            letterhead.ToTable("Letterheads");
            letterhead.HasKey(l => l.Id);
            letterhead.Property(l => l.Id).ValueGeneratedNever();
            letterhead.HasIndex(l => l.TenantId).IsUnique();
            letterhead.Property(l => l.Title).HasMaxLength(200);
            letterhead.Property(l => l.Address).HasMaxLength(500);
            letterhead.Property(l => l.Phone).HasMaxLength(50);
            letterhead.Property(l => l.Email).HasMaxLength(200);
            letterhead.Property(l => l.Web).HasMaxLength(200);
            letterhead.Property(l => l.OpeningHours).HasMaxLength(500);
            letterhead.Property(l => l.BankDetails).HasMaxLength(500);
            letterhead.Property(l => l.LogoContentType).HasMaxLength(50);
            letterhead.Property(l => l.UpdatedBy).HasMaxLength(256);
            letterhead.HasOne<Municipality>().WithMany().HasForeignKey(l => l.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<MunicipalityLetterTemplate>(template =>
        {
            template.ToTable("LetterTemplates");
            template.HasKey(t => t.Id);
            template.Property(t => t.Id).ValueGeneratedNever();
            template.Property(t => t.Key).HasMaxLength(MunicipalityLetterTemplate.KeyMaxLength);
            template.Property(t => t.Text).HasMaxLength(MunicipalityLetterTemplate.TextMaxLength);
            template.Property(t => t.UpdatedBy).HasMaxLength(256);
            template.HasIndex(t => new { t.TenantId, t.Key }).IsUnique();
            template.HasOne<Municipality>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.ApplyTenantFilters(this);
    }
}

/// <summary>The platform context on SQLite; owns the SQLite migrations.</summary>
public sealed class SqlitePlatformDbContext(DbContextOptions<SqlitePlatformDbContext> options, TenantContext tenant)
    : PlatformDbContext(options, tenant);

/// <summary>The platform context on PostgreSQL; owns the PostgreSQL migrations.</summary>
public sealed class PostgresPlatformDbContext(DbContextOptions<PostgresPlatformDbContext> options, TenantContext tenant)
    : PlatformDbContext(options, tenant);
