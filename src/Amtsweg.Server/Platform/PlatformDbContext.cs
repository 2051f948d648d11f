using Amtsweg.Data.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Amtsweg.Server.Platform;

/// <summary>
/// Tenants and sign-in: municipalities, users and roles (ASP.NET Core Identity). Provider-specific subclasses
/// carry the migrations (<see cref="SqlitePlatformDbContext"/>, <see cref="PostgresPlatformDbContext"/>).
/// </summary>
public abstract class PlatformDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options), ITenantScopedContext, IDataProtectionKeyContext
{
    /// <inheritdoc />
    public TenantContext Tenant { get; set; } = new();

    /// <inheritdoc />
    public Guid? CurrentTenantId => Tenant.TenantId;

    /// <inheritdoc />
    public bool IsPlatformScope => Tenant.IsPlatformScope;

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

    /// <summary>The deployments waiting for (or decided by) a second person under the Vier-Augen-Prinzip.</summary>
    public DbSet<DeploymentApproval> DeploymentApprovals => Set<DeploymentApproval>();
    /// <summary>The DMN files designers saved in the decision editor and have not deployed yet.</summary>
    public DbSet<DecisionDraft> DecisionDrafts => Set<DecisionDraft>();

    /// <summary>The letterheads, at most one per municipality.</summary>
    public DbSet<MunicipalityLetterhead> Letterheads => Set<MunicipalityLetterhead>();

    /// <summary>The municipalities' own letter templates.</summary>
    public DbSet<MunicipalityLetterTemplate> LetterTemplates => Set<MunicipalityLetterTemplate>();

    /// <summary>The municipalities' teams, offered tasks as candidate groups.</summary>
    public DbSet<Team> Teams => Set<Team>();

    /// <summary>Who belongs to which team.</summary>
    public DbSet<TeamMembership> TeamMemberships => Set<TeamMembership>();

    /// <summary>The municipalities' named secrets for connectors, encrypted.</summary>
    public DbSet<MunicipalitySecret> Secrets => Set<MunicipalitySecret>();

    /// <summary>The municipalities' outgoing mail servers (issue 15.2).</summary>
    public DbSet<MunicipalityMailSettings> MailSettings => Set<MunicipalityMailSettings>();

    /// <summary>The municipalities' incoming mailboxes read into the Posteingang (issue 15).</summary>
    public DbSet<MunicipalityMailbox> Mailboxes => Set<MunicipalityMailbox>();

    /// <summary>The messages the mailbox reading refused, with their reasons.</summary>
    public DbSet<MailboxRejection> MailboxRejections => Set<MailboxRejection>();

    /// <summary>The municipalities' inbound webhooks.</summary>
    public DbSet<Webhook> Webhooks => Set<Webhook>();

    /// <summary>The calls of the webhooks, without bodies.</summary>
    public DbSet<WebhookCall> WebhookCalls => Set<WebhookCall>();

    /// <summary>The package versions this installation knows, installation-wide.</summary>
    public DbSet<LibraryPackage> LibraryPackages => Set<LibraryPackage>();

    /// <summary>Other installations' catalogues this installation pulls packages from.</summary>
    public DbSet<CatalogueSubscription> CatalogueSubscriptions => Set<CatalogueSubscription>();

    /// <summary>The publishers' keys pinned on first use, with key changes waiting for acceptance.</summary>
    public DbSet<PinnedPublisherKey> PinnedPublisherKeys => Set<PinnedPublisherKey>();

    /// <summary>Package versions a municipality asked to publish (issue 14.3), waiting for a second person.</summary>
    public DbSet<PublishingRequest> PublishingRequests => Set<PublishingRequest>();

    /// <summary>The packages each municipality installed.</summary>
    public DbSet<PackageInstallation> PackageInstallations => Set<PackageInstallation>();

    /// <summary>The municipalities' ratings and comments on library packages.</summary>
    public DbSet<PackageReview> PackageReviews => Set<PackageReview>();

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

        builder.Entity<DeploymentApproval>(approval =>
        {
            approval.ToTable("DeploymentRequests");
            approval.HasKey(a => a.Id);
            approval.Property(a => a.Id).ValueGeneratedNever();
            approval.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
            approval.Property(a => a.SubjectId).HasMaxLength(ProcessDraft.ProcessIdMaxLength);
            approval.Property(a => a.Name).HasMaxLength(ProcessDraft.NameMaxLength);
            approval.Property(a => a.ResourceName).HasMaxLength(DeploymentApproval.ResourceNameMaxLength);
            approval.Property(a => a.Comment).HasMaxLength(Amtsweg.Engine.DeploymentRequest.CommentMaxLength);
            approval.Property(a => a.RequestedBy).HasMaxLength(256);
            approval.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
            approval.Property(a => a.DecidedBy).HasMaxLength(256);
            approval.Property(a => a.Reason).HasMaxLength(DeploymentApproval.ReasonMaxLength);
            approval.Property(a => a.Revision).IsConcurrencyToken();
            approval.HasIndex(a => new { a.TenantId, a.State, a.RequestedAt });

            // One open request per process or form: two approvals can never deploy over each other.
            approval.HasIndex(a => new { a.TenantId, a.Kind, a.SubjectId }).IsUnique().HasFilter("\"State\" = 'Open'");
            approval.HasOne<Municipality>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<DecisionDraft>(draft =>
        {
            draft.ToTable("DecisionDrafts");
            draft.HasKey(d => d.Id);
            draft.Property(d => d.Id).ValueGeneratedNever();
            draft.Property(d => d.DefinitionsId).HasMaxLength(DecisionDraft.DefinitionsIdMaxLength);
            draft.Property(d => d.Name).HasMaxLength(DecisionDraft.NameMaxLength);
            draft.Property(d => d.DecisionIds).HasMaxLength(DecisionDraft.DecisionIdsMaxLength);
            draft.Property(d => d.CreatedBy).HasMaxLength(256);
            draft.Property(d => d.UpdatedBy).HasMaxLength(256);
            draft.Property(d => d.Revision).IsConcurrencyToken();
            draft.HasIndex(d => new { d.TenantId, d.DefinitionsId }).IsUnique();
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
            template.Property(t => t.PackageId).HasMaxLength(LibraryPackage.PackageIdMaxLength);
            template.HasIndex(t => new { t.TenantId, t.Key }).IsUnique();
            template.HasOne<Municipality>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Team>(team =>
        {
            team.ToTable("Teams");
            team.HasKey(t => t.Id);
            team.Property(t => t.Id).ValueGeneratedNever();
            team.Property(t => t.Key).HasMaxLength(Team.KeyMaxLength);
            team.Property(t => t.Name).HasMaxLength(Team.NameMaxLength);
            team.Property(t => t.Description).HasMaxLength(Team.DescriptionMaxLength);
            team.Property(t => t.CreatedBy).HasMaxLength(256);
            team.HasIndex(t => new { t.TenantId, t.Key }).IsUnique();
            team.HasOne<Municipality>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<TeamMembership>(membership =>
        {
            membership.ToTable("TeamMemberships");
            membership.HasKey(m => new { m.TeamId, m.UserId });
            membership.Property(m => m.AddedBy).HasMaxLength(256);
            membership.HasIndex(m => new { m.TenantId, m.UserId });
            membership.HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
            membership.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            membership.HasOne<Municipality>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<MunicipalitySecret>(secret =>
        {
            secret.ToTable("Secrets");
            secret.HasKey(s => s.Id);
            secret.Property(s => s.Id).ValueGeneratedNever();
            secret.Property(s => s.Name).HasMaxLength(Integration.Connectors.SecretNames.MaxLength);
            secret.Property(s => s.Kind).HasConversion<string>().HasMaxLength(30);
            secret.Property(s => s.UpdatedBy).HasMaxLength(256);
            secret.HasIndex(s => new { s.TenantId, s.Name }).IsUnique();
            secret.HasOne<Municipality>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<MunicipalityMailSettings>(mail =>
        {
            mail.ToTable("MailSettings");
            mail.HasKey(m => m.Id);
            mail.Property(m => m.Id).ValueGeneratedNever();
            mail.HasIndex(m => m.TenantId).IsUnique();
            mail.Property(m => m.Host).HasMaxLength(MunicipalityMailSettings.HostMaxLength);
            mail.Property(m => m.Security).HasConversion<string>().HasMaxLength(20);
            mail.Property(m => m.SenderAddress).HasMaxLength(Integration.Mail.MailLimits.MaxAddressLength);
            mail.Property(m => m.SenderName).HasMaxLength(MunicipalityMailSettings.SenderNameMaxLength);
            mail.Property(m => m.SecretName).HasMaxLength(Integration.Connectors.SecretNames.MaxLength);
            mail.Property(m => m.UpdatedBy).HasMaxLength(256);
            mail.HasOne<Municipality>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<MunicipalityMailbox>(mailbox =>
        {
            mailbox.ToTable("Mailboxes");
            mailbox.HasKey(m => m.Id);
            mailbox.Property(m => m.Id).ValueGeneratedNever();
            mailbox.HasIndex(m => m.TenantId).IsUnique();
            mailbox.Property(m => m.Host).HasMaxLength(MunicipalityMailSettings.HostMaxLength);
            mailbox.Property(m => m.Security).HasConversion<string>().HasMaxLength(20);
            mailbox.Property(m => m.SecretName).HasMaxLength(Integration.Connectors.SecretNames.MaxLength);
            mailbox.Property(m => m.Folder).HasMaxLength(MunicipalityMailbox.FolderMaxLength);
            mailbox.Property(m => m.UpdatedBy).HasMaxLength(256);
            mailbox.Property(m => m.LastError).HasMaxLength(MunicipalityMailbox.ErrorMaxLength);
            mailbox.HasOne<Municipality>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<MailboxRejection>(rejection =>
        {
            rejection.ToTable("MailboxRejections");
            rejection.HasKey(r => r.Id);
            rejection.Property(r => r.Id).ValueGeneratedNever();
            rejection.Property(r => r.MessageKey).HasMaxLength(1000);
            rejection.HasIndex(r => new { r.TenantId, r.MessageKey }).IsUnique();
            rejection.Property(r => r.Sender).HasMaxLength(300);
            rejection.Property(r => r.Subject).HasMaxLength(500);
            rejection.Property(r => r.Reason).HasMaxLength(2000);
            rejection.HasOne<Municipality>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Webhook>(hook =>
        {
            hook.ToTable("Webhooks");
            hook.HasKey(h => h.Id);
            hook.Property(h => h.Id).ValueGeneratedNever();
            hook.Property(h => h.Name).HasMaxLength(WebhookRules.NameMaxLength);
            hook.Property(h => h.MessageName).HasMaxLength(WebhookRules.MessageNameMaxLength);
            hook.Property(h => h.CorrelationKey).HasMaxLength(WebhookRules.ExpressionMaxLength);
            hook.Property(h => h.Variables).HasMaxLength(WebhookRules.ExpressionMaxLength);
            hook.Property(h => h.SecretName).HasMaxLength(Integration.Connectors.SecretNames.MaxLength);
            hook.Property(h => h.CreatedBy).HasMaxLength(256);

            // Unique in the installation, not per municipality: the URL names no municipality.
            hook.HasIndex(h => h.Name).IsUnique();
            hook.HasIndex(h => h.TenantId);
            hook.HasOne<Municipality>().WithMany().HasForeignKey(h => h.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<WebhookCall>(call =>
        {
            call.ToTable("WebhookCalls");
            call.HasKey(c => c.Id);
            call.Property(c => c.Id).ValueGeneratedNever();
            call.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(30);
            call.Property(c => c.Signature).HasMaxLength(64);
            call.HasIndex(c => new { c.WebhookId, c.ReceivedAt });
            call.HasIndex(c => new { c.WebhookId, c.Signature }).IsUnique();
            call.HasOne<Webhook>().WithMany().HasForeignKey(c => c.WebhookId).OnDelete(DeleteBehavior.Cascade);
        });

        // Installation-wide like the municipalities: not ITenantOwned, so neither filtered, stamped nor under row-level security.
        builder.Entity<LibraryPackage>(package =>
        {
            package.ToTable("LibraryPackages");
            package.HasKey(p => p.Id);
            package.Property(p => p.Id).ValueGeneratedNever();
            package.Property(p => p.PackageId).HasMaxLength(LibraryPackage.PackageIdMaxLength);
            package.Property(p => p.Version).HasMaxLength(LibraryPackage.VersionMaxLength);
            package.Property(p => p.Title).HasMaxLength(LibraryPackage.TitleMaxLength);
            package.Property(p => p.Description).HasMaxLength(LibraryPackage.DescriptionMaxLength);
            package.Property(p => p.LeikaKeys).HasMaxLength(1000);
            package.Property(p => p.PublisherAgs).HasMaxLength(8).IsFixedLength();
            package.Property(p => p.PublisherName).HasMaxLength(200);
            package.Property(p => p.PublisherPublicKey).HasMaxLength(100);
            package.Property(p => p.Sha256).HasMaxLength(64).IsFixedLength();
            package.Property(p => p.Origin).HasConversion<string>().HasMaxLength(20);
            package.Property(p => p.AddedBy).HasMaxLength(256);
            package.HasIndex(p => new { p.PackageId, p.Version }).IsUnique();
            package.Property(p => p.CatalogueUrl).HasMaxLength(CatalogueSubscription.UrlMaxLength);
        });

        builder.Entity<CatalogueSubscription>(subscription =>
        {
            subscription.ToTable("CatalogueSubscriptions");
            subscription.HasKey(s => s.Id);
            subscription.Property(s => s.Id).ValueGeneratedNever();
            subscription.Property(s => s.Url).HasMaxLength(CatalogueSubscription.UrlMaxLength);
            subscription.Property(s => s.Name).HasMaxLength(CatalogueSubscription.NameMaxLength);
            subscription.Property(s => s.AddedBy).HasMaxLength(256);
            subscription.Property(s => s.LastError).HasMaxLength(CatalogueSubscription.LastErrorMaxLength);
            subscription.HasIndex(s => s.Url).IsUnique();
        });

        builder.Entity<PinnedPublisherKey>(pin =>
        {
            pin.ToTable("PinnedPublisherKeys");
            pin.HasKey(p => p.Id);
            pin.Property(p => p.Id).ValueGeneratedNever();
            pin.Property(p => p.PublisherAgs).HasMaxLength(8).IsFixedLength();
            pin.Property(p => p.PublicKey).HasMaxLength(PinnedPublisherKey.PublicKeyMaxLength);
            pin.Property(p => p.CatalogueUrl).HasMaxLength(CatalogueSubscription.UrlMaxLength);
            pin.Property(p => p.PinnedBy).HasMaxLength(256);
            pin.Property(p => p.PendingPublicKey).HasMaxLength(PinnedPublisherKey.PublicKeyMaxLength);
            pin.Property(p => p.PendingCatalogueUrl).HasMaxLength(CatalogueSubscription.UrlMaxLength);
            pin.HasIndex(p => p.PublisherAgs).IsUnique();
        });

        builder.Entity<PackageInstallation>(installation =>
        {
            installation.ToTable("PackageInstallations");
            installation.HasKey(i => i.Id);
            installation.Property(i => i.Id).ValueGeneratedNever();
            installation.Property(i => i.PackageId).HasMaxLength(LibraryPackage.PackageIdMaxLength);
            installation.Property(i => i.Version).HasMaxLength(LibraryPackage.VersionMaxLength);
            installation.Property(i => i.Parameters).HasMaxLength(PackageInstallation.ParametersMaxLength);
            installation.Property(i => i.Deployed).HasMaxLength(PackageInstallation.DeployedMaxLength);
            installation.Property(i => i.InstalledBy).HasMaxLength(256);
            installation.Property(i => i.UpdatedBy).HasMaxLength(256);
            installation.Property(i => i.Revision).IsConcurrencyToken();
            installation.HasIndex(i => new { i.TenantId, i.PackageId }).IsUnique();
            installation.HasOne<LibraryPackage>().WithMany().HasForeignKey(i => i.LibraryPackageId).OnDelete(DeleteBehavior.Restrict);
            installation.HasOne<Municipality>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PublishingRequest>(request =>
        {
            request.ToTable("PublishingRequests");
            request.HasKey(r => r.Id);
            request.Property(r => r.Id).ValueGeneratedNever();
            request.Property(r => r.PackageId).HasMaxLength(LibraryPackage.PackageIdMaxLength);
            request.Property(r => r.Version).HasMaxLength(LibraryPackage.VersionMaxLength);
            request.Property(r => r.Title).HasMaxLength(LibraryPackage.TitleMaxLength);
            request.Property(r => r.PublisherPublicKey).HasMaxLength(PinnedPublisherKey.PublicKeyMaxLength);
            request.Property(r => r.Sha256).HasMaxLength(64).IsFixedLength();
            request.Property(r => r.RequestedBy).HasMaxLength(256);
            request.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
            request.Property(r => r.DecidedBy).HasMaxLength(256);
            request.Property(r => r.Reason).HasMaxLength(PublishingRequest.ReasonMaxLength);
            request.Property(r => r.Revision).IsConcurrencyToken();
            request.HasIndex(r => new { r.TenantId, r.State });

            // One open request per package version: a second upload of the same version waits for the first decision.
            request.HasIndex(r => new { r.TenantId, r.PackageId, r.Version }).IsUnique().HasFilter("\"State\" = 'Open'");
            request.HasOne<Municipality>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
            request.HasOne<LibraryPackage>().WithMany().HasForeignKey(r => r.LibraryPackageId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PackageReview>(review =>
        {
            review.ToTable("PackageReviews");
            review.HasKey(r => r.Id);
            review.Property(r => r.Id).ValueGeneratedNever();
            review.Property(r => r.PackageId).HasMaxLength(LibraryPackage.PackageIdMaxLength);
            review.Property(r => r.Version).HasMaxLength(LibraryPackage.VersionMaxLength);
            review.Property(r => r.Text).HasMaxLength(PackageReview.TextMaxLength);
            review.Property(r => r.WrittenBy).HasMaxLength(256);
            review.HasIndex(r => new { r.TenantId, r.PackageId }).IsUnique();
            review.HasIndex(r => r.PackageId);
            review.HasOne<Municipality>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.ApplyTenantFilters(this);
    }
}

/// <summary>The platform context on SQLite; owns the SQLite migrations.</summary>
public sealed class SqlitePlatformDbContext(DbContextOptions<SqlitePlatformDbContext> options)
    : PlatformDbContext(options)
{
    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // SQLite cannot compare or order DateTimeOffset text; the webhook calls are ordered and pruned by time.
        modelBuilder.Entity<WebhookCall>().Property(c => c.ReceivedAt).HasConversion<DateTimeOffsetToBinaryConverter>();

        // The operator's overview takes the latest sign-in per municipality (MAX), which SQLite cannot do on text.
        modelBuilder.Entity<AppUser>().Property(u => u.LastSignInAt).HasConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>The platform context on PostgreSQL; owns the PostgreSQL migrations.</summary>
public sealed class PostgresPlatformDbContext(DbContextOptions<PostgresPlatformDbContext> options)
    : PlatformDbContext(options);
