using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Model;
using Amtsweg.Records.Search;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Persistence;

/// <summary>
/// The e-file's tables. Provider-specific subclasses own the migrations (<see cref="SqliteRecordsDbContext"/>,
/// <see cref="PostgresRecordsDbContext"/>). Document versions, notes and audit entries are insert-only: saving a
/// change or deletion of one of them is refused here, and the audit table also refuses it in the database.
/// </summary>
public abstract class RecordsDbContext(DbContextOptions options) : DbContext(options), ITenantScopedContext
{
    /// <inheritdoc />
    public TenantContext Tenant { get; set; } = new();

    /// <inheritdoc />
    public Guid? CurrentTenantId => Tenant.TenantId;

    /// <inheritdoc />
    public bool IsPlatformScope => Tenant.IsPlatformScope;

    /// <summary>Aktenplan positions.</summary>
    public DbSet<AktenplanPosition> AktenplanPositionen => Set<AktenplanPosition>();

    /// <summary>Counters of the running numbers of Aktenzeichen.</summary>
    public DbSet<AktenzeichenCounter> AktenzeichenCounters => Set<AktenzeichenCounter>();

    /// <summary>Akten.</summary>
    public DbSet<Akte> Akten => Set<Akte>();

    /// <summary>Vorgänge.</summary>
    public DbSet<Vorgang> Vorgaenge => Set<Vorgang>();

    /// <summary>Dokumente.</summary>
    public DbSet<Dokument> Dokumente => Set<Dokument>();

    /// <summary>Document versions.</summary>
    public DbSet<DokumentVersion> DokumentVersionen => Set<DokumentVersion>();

    /// <summary>Vermerke.</summary>
    public DbSet<Vermerk> Vermerke => Set<Vermerk>();

    /// <summary>Follow-up dates.</summary>
    public DbSet<Wiedervorlage> Wiedervorlagen => Set<Wiedervorlage>();

    /// <summary>The process instances working each Vorgang.</summary>
    public DbSet<VorgangProcess> VorgangProcesses => Set<VorgangProcess>();

    /// <summary>The audit trail.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>The end of each tenant's audit chain.</summary>
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();

    /// <summary>What remains of deleted records (Löschnachweise).</summary>
    public DbSet<Loeschnachweis> Loeschnachweise => Set<Loeschnachweis>();

    /// <summary>Aussonderungen (xdomea processes).</summary>
    public DbSet<Archive.Aussonderung> Aussonderungen => Set<Archive.Aussonderung>();

    /// <summary>The Akten and Vorgänge offered in Aussonderungen.</summary>
    public DbSet<Archive.AussonderungObjekt> AussonderungObjekte => Set<Archive.AussonderungObjekt>();
    /// <summary>The persons taking part in Vorgänge.</summary>
    public DbSet<Beteiligter> Beteiligte => Set<Beteiligter>();

    /// <summary>Restrictions of processing (Art. 18 DSGVO).</summary>
    public DbSet<Privacy.Restriction> Restrictions => Set<Privacy.Restriction>();

    /// <summary>What search knows of Vorgänge and Dokumente.</summary>
    public DbSet<SearchEntry> SearchEntries => Set<SearchEntry>();

    /// <summary>The items of the Posteingang.</summary>
    public DbSet<Intake.IntakeItem> IntakeItems => Set<Intake.IntakeItem>();

    // The blob hashes that rows saved since the last check point to; see Blobs.BlobReferences.EnsureStoredAsync.
    private readonly SortedSet<string> _savedBlobReferences = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseChangesToImmutableRows();
        var references = Blobs.BlobReferences.Pending(this);
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        _savedBlobReferences.UnionWith(references);
        return saved;
    }

    /// <inheritdoc />
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseChangesToImmutableRows();
        var references = Blobs.BlobReferences.Pending(this);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        _savedBlobReferences.UnionWith(references);
        return saved;
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        // The context goes back to the pool: the next unit of work starts with nothing saved.
        _savedBlobReferences.Clear();
        base.Dispose();
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        _savedBlobReferences.Clear();
        return base.DisposeAsync();
    }

    /// <summary>Returns and forgets the blob hashes that rows saved since the last call point to.</summary>
    internal IReadOnlyList<string> TakeSavedBlobReferences()
    {
        var references = _savedBlobReferences.ToList();
        _savedBlobReferences.Clear();
        return references;
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<AktenplanPosition>(position =>
        {
            position.ToTable("AktenplanPositionen");
            position.HasKey(p => p.Id);
            position.Property(p => p.Id).ValueGeneratedNever();
            position.Property(p => p.Code).HasMaxLength(40);
            position.Property(p => p.Title).HasMaxLength(300);
            position.Property(p => p.DisposalRule).HasConversion<string>().HasMaxLength(20);
            position.HasIndex(p => new { p.TenantId, p.Code }).IsUnique();
            position.HasOne<AktenplanPosition>().WithMany().HasForeignKey(p => p.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<AktenzeichenCounter>(counter =>
        {
            counter.ToTable("AktenzeichenCounters");
            counter.HasKey(c => new { c.TenantId, c.PositionId, c.Year });
            counter.HasOne<AktenplanPosition>().WithMany().HasForeignKey(c => c.PositionId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Akte>(akte =>
        {
            akte.ToTable("Akten");
            akte.HasKey(a => a.Id);
            akte.Property(a => a.Id).ValueGeneratedNever();
            akte.Property(a => a.Aktenzeichen).HasMaxLength(100);
            akte.Property(a => a.Title).HasMaxLength(500);
            akte.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
            akte.Property(a => a.LegalHoldReason).HasMaxLength(1000);
            akte.HasIndex(a => new { a.TenantId, a.State });
            akte.HasIndex(a => new { a.TenantId, a.Aktenzeichen }).IsUnique();
            akte.HasIndex(a => new { a.TenantId, a.PositionId, a.Year, a.Number }).IsUnique();
            akte.HasOne<AktenplanPosition>().WithMany().HasForeignKey(a => a.PositionId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Vorgang>(vorgang =>
        {
            vorgang.ToTable("Vorgaenge");
            vorgang.HasKey(v => v.Id);
            vorgang.Property(v => v.Id).ValueGeneratedNever();
            vorgang.Property(v => v.Aktenzeichen).HasMaxLength(120);
            vorgang.Property(v => v.Title).HasMaxLength(500);
            vorgang.Property(v => v.State).HasConversion<string>().HasMaxLength(20);
            vorgang.HasIndex(v => new { v.AkteId, v.Number }).IsUnique();
            vorgang.HasIndex(v => new { v.TenantId, v.Aktenzeichen }).IsUnique();
            vorgang.HasOne<Akte>().WithMany().HasForeignKey(v => v.AkteId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Dokument>(dokument =>
        {
            dokument.ToTable("Dokumente");
            dokument.HasKey(d => d.Id);
            dokument.Property(d => d.Id).ValueGeneratedNever();
            dokument.HasIndex(d => d.VorgangId);
            dokument.HasOne<Vorgang>().WithMany().HasForeignKey(d => d.VorgangId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<DokumentVersion>(version =>
        {
            version.ToTable("DokumentVersionen");
            version.HasKey(v => v.Id);
            version.Property(v => v.Id).ValueGeneratedNever();
            version.Property(v => v.Title).HasMaxLength(500);
            version.Property(v => v.DokumentType).HasMaxLength(100);
            version.Property(v => v.Sender).HasMaxLength(300);
            version.Property(v => v.Recipient).HasMaxLength(300);
            version.Property(v => v.Confidentiality).HasConversion<string>().HasMaxLength(30);
            version.Property(v => v.FileName).HasMaxLength(260);
            version.Property(v => v.MediaType).HasMaxLength(200);
            version.Property(v => v.ContentHash).HasMaxLength(64).IsFixedLength();
            version.Property(v => v.CreatedBy).HasMaxLength(200);
            version.HasIndex(v => new { v.DokumentId, v.Number }).IsUnique();
            version.HasIndex(v => v.ContentHash);
            version.HasOne<Dokument>().WithMany().HasForeignKey(v => v.DokumentId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Vermerk>(note =>
        {
            note.ToTable("Vermerke");
            note.HasKey(n => n.Id);
            note.Property(n => n.Id).ValueGeneratedNever();
            note.Property(n => n.Text).HasMaxLength(20_000);
            note.Property(n => n.CreatedBy).HasMaxLength(200);
            note.HasIndex(n => n.VorgangId);
            note.HasOne<Vorgang>().WithMany().HasForeignKey(n => n.VorgangId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Wiedervorlage>(wiedervorlage =>
        {
            wiedervorlage.ToTable("Wiedervorlagen");
            wiedervorlage.HasKey(w => w.Id);
            wiedervorlage.Property(w => w.Id).ValueGeneratedNever();
            wiedervorlage.Property(w => w.Reason).HasMaxLength(1000);
            wiedervorlage.Property(w => w.CreatedBy).HasMaxLength(200);
            wiedervorlage.HasIndex(w => new { w.TenantId, w.DueOn });
            wiedervorlage.HasOne<Vorgang>().WithMany().HasForeignKey(w => w.VorgangId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Beteiligter>(beteiligter =>
        {
            beteiligter.ToTable("Beteiligte");
            beteiligter.HasKey(b => b.Id);
            beteiligter.Property(b => b.Id).ValueGeneratedNever();
            beteiligter.Property(b => b.Role).HasMaxLength(100);
            beteiligter.Property(b => b.Name).HasMaxLength(300);
            beteiligter.Property(b => b.Address).HasMaxLength(500);
            beteiligter.Property(b => b.Email).HasMaxLength(300);
            beteiligter.Property(b => b.CreatedBy).HasMaxLength(200);
            beteiligter.Property(b => b.RemovedBy).HasMaxLength(200);
            beteiligter.HasIndex(b => b.VorgangId);
            beteiligter.HasOne<Vorgang>().WithMany().HasForeignKey(b => b.VorgangId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Privacy.Restriction>(restriction =>
        {
            restriction.ToTable("Restrictions");
            restriction.HasKey(r => r.Id);
            restriction.Property(r => r.Id).ValueGeneratedNever();
            restriction.Property(r => r.SubjectType).HasMaxLength(20);
            restriction.Property(r => r.Reason).HasMaxLength(1000);
            restriction.Property(r => r.CreatedBy).HasMaxLength(200);
            restriction.Property(r => r.PersonFingerprint).HasMaxLength(64);
            restriction.HasIndex(r => new { r.TenantId, r.SubjectId, r.PersonFingerprint }).IsUnique();
        });

        modelBuilder.Entity<VorgangProcess>(link =>
        {
            link.ToTable("VorgangProcesses");
            link.HasKey(l => l.Id);
            link.Property(l => l.Id).ValueGeneratedNever();
            link.Property(l => l.ProcessId).HasMaxLength(200);
            link.Property(l => l.LinkedBy).HasMaxLength(200);
            link.HasIndex(l => l.VorgangId);
            link.HasIndex(l => new { l.TenantId, l.ProcessInstanceId }).IsUnique();
            link.HasOne<Vorgang>().WithMany().HasForeignKey(l => l.VorgangId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable(AuditTable);
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Id).ValueGeneratedNever();
            entry.Property(e => e.Actor).HasMaxLength(200);
            entry.Property(e => e.Action).HasMaxLength(60);
            entry.Property(e => e.SubjectType).HasMaxLength(60);
            entry.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength();
            entry.Property(e => e.Hash).HasMaxLength(64).IsFixedLength();
            entry.HasIndex(e => new { e.TenantId, e.Sequence }).IsUnique();
            entry.HasIndex(e => new { e.TenantId, e.SubjectId });
        });

        modelBuilder.Entity<AuditChainHead>(head =>
        {
            head.ToTable("AuditChainHeads");
            head.HasKey(h => h.TenantId);
            head.Property(h => h.LastHash).HasMaxLength(64).IsFixedLength();
        });

        modelBuilder.Entity<SearchEntry>(entry =>
        {
            // SQLite mirrors the terms into the contentless FTS5 tables "SearchIndex" and "SearchTitles" by triggers;
            // PostgreSQL derives the generated tsvector columns "Vector" and "TitleVector". These, and the column
            // "Sequence" (the order of writing, which the search's candidate cap follows), are created by the
            // migrations, outside the EF model (ADR 0008).
            entry.ToTable("SearchEntries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Id).ValueGeneratedNever();
            entry.Property(e => e.Kind).HasMaxLength(20);
            entry.Property(e => e.Aktenzeichen).HasMaxLength(120);
            entry.Property(e => e.Title).HasMaxLength(500);
            entry.Property(e => e.DokumentType).HasMaxLength(100);
            entry.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
            entry.HasIndex(e => new { e.TenantId, e.VorgangId });
            entry.HasIndex(e => new { e.TenantId, e.Date });
        });

        modelBuilder.Entity<Loeschnachweis>(tombstone =>
        {
            tombstone.ToTable("Loeschnachweise");
            tombstone.HasKey(t => t.Id);
            tombstone.Property(t => t.Id).ValueGeneratedNever();
            tombstone.Property(t => t.SubjectType).HasMaxLength(40);
            tombstone.Property(t => t.Aktenzeichen).HasMaxLength(120);
            tombstone.Property(t => t.Title).HasMaxLength(500);
            tombstone.Property(t => t.ContentHash).HasMaxLength(64).IsFixedLength();
            tombstone.Property(t => t.Fingerprint).HasMaxLength(64).IsFixedLength();
            tombstone.Property(t => t.Reason).HasConversion<string>().HasMaxLength(20);
            tombstone.Property(t => t.LegalBasis).HasMaxLength(300);
            tombstone.Property(t => t.DecisionReference).HasMaxLength(200);
            tombstone.Property(t => t.DeletedBy).HasMaxLength(200);
            tombstone.HasIndex(t => new { t.TenantId, t.SubjectId }).IsUnique();
            tombstone.HasIndex(t => new { t.TenantId, t.AkteId });
        });

        modelBuilder.Entity<Archive.Aussonderung>(aussonderung =>
        {
            aussonderung.ToTable("Aussonderungen");
            aussonderung.HasKey(a => a.Id);
            aussonderung.Property(a => a.Id).ValueGeneratedNever();
            aussonderung.Property(a => a.OfferedBy).HasMaxLength(200);
            aussonderung.Property(a => a.ArchiveName).HasMaxLength(300);
        });

        modelBuilder.Entity<Archive.AussonderungObjekt>(objekt =>
        {
            objekt.ToTable("AussonderungObjekte");
            objekt.HasKey(o => o.Id);
            objekt.Property(o => o.Id).ValueGeneratedNever();
            objekt.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
            objekt.Property(o => o.Aktenzeichen).HasMaxLength(120);
            objekt.Property(o => o.Proposed).HasConversion<string>().HasMaxLength(20);
            objekt.Property(o => o.Decision).HasConversion<string>().HasMaxLength(20);
            objekt.HasIndex(o => new { o.AussonderungId, o.ObjectId }).IsUnique();
            objekt.HasIndex(o => new { o.TenantId, o.ObjectId });
            objekt.HasOne<Archive.Aussonderung>().WithMany().HasForeignKey(o => o.AussonderungId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.ApplyConfiguration(new Intake.IntakeItemConfiguration());
        modelBuilder.ApplyTenantFilters(this);
    }

    /// <summary>The audit table, named for the triggers that guard it.</summary>
    internal const string AuditTable = "AuditEntries";

    // A document version or a note may be deleted only in the unit of work that writes its tombstone.
    private bool HasLoeschnachweis(object entity, ref HashSet<Guid>? tombstoned)
    {
        var id = entity switch
        {
            DokumentVersion version => version.Id,
            Vermerk note => note.Id,
            _ => (Guid?)null,
        };
        tombstoned ??= ChangeTracker.Entries<Loeschnachweis>().Where(t => t.State == EntityState.Added).Select(t => t.Entity.SubjectId).ToHashSet();
        return id is { } subject && tombstoned.Contains(subject);
    }

    private void RefuseChangesToImmutableRows()
    {
        HashSet<Guid>? tombstoned = null;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted
                && entry.Entity is DokumentVersion or Vermerk or AuditEntry or Loeschnachweis
                && !(entry.State == EntityState.Deleted && HasLoeschnachweis(entry.Entity, ref tombstoned)))
            {
                throw new InvalidOperationException($"{entry.Metadata.ClrType.Name} is insert-only and cannot be changed or deleted (a document version or note only together with its tombstone).");
            }
        }
    }
}

/// <summary>The e-file context on SQLite; owns the SQLite migrations.</summary>
public sealed class SqliteRecordsDbContext(DbContextOptions<SqliteRecordsDbContext> options)
    : RecordsDbContext(options);

/// <summary>The e-file context on PostgreSQL; owns the PostgreSQL migrations.</summary>
public sealed class PostgresRecordsDbContext(DbContextOptions<PostgresRecordsDbContext> options)
    : RecordsDbContext(options);
