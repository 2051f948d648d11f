using Amtsweg.Data.Providers;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Records.Tests.Archive;

public sealed class LoeschnachweisTests
{
    [Theory]
    [AllProviders]
    public async Task DeleteVersion_IsRefused_WithoutLoeschnachweis_AndAllowed_WithIt(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var (_, akte, vorgang) = await host.CreateVorgangAsync(tenant);
        var version = await host.ExecuteAsync(tenant, new AddDokumentCommand(vorgang.Id, RecordsTestHost.Metadata(), RecordsTestHost.Content("Inhalt")));

        await using var scope = host.ScopeFor(tenant);
        var db = scope.ServiceProvider.GetRequiredService<RecordsDbContext>();
        var row = await db.DokumentVersionen.SingleAsync(v => v.Id == version.Id);
        db.DokumentVersionen.Remove(row);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.Loeschnachweise.Add(new Loeschnachweis
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenant,
            SubjectType = LoeschnachweisSubjects.DokumentVersion,
            SubjectId = row.Id,
            AkteId = akte.Id,
            VorgangId = vorgang.Id,
            DokumentId = row.DokumentId,
            VersionNumber = row.Number,
            Aktenzeichen = vorgang.Aktenzeichen,
            Title = row.DokumentType,
            ContentHash = row.ContentHash,
            ContentLength = row.ContentLength,
            Reason = DeletionReason.Erased,
            LegalBasis = "Art. 17 Abs. 1 DSGVO",
            DeletedBy = "test",
            DeletedAt = host.Clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
        var tombstone = await db.Loeschnachweise.SingleAsync();
        tombstone.Title = "geändert";
        var changed = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains("tombstone", refused.Message, StringComparison.Ordinal);
        Assert.Contains("insert-only", changed.Message, StringComparison.Ordinal);
        Assert.False(await host.QueryAsync(tenant, d => d.DokumentVersionen.AnyAsync(v => v.Id == version.Id)));
    }

    [Theory]
    [AllProviders]
    public async Task Database_RefusesToChangeOrDeleteLoeschnachweise(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        await using var scope = host.ScopeFor(tenant);
        var db = scope.ServiceProvider.GetRequiredService<RecordsDbContext>();
        db.Loeschnachweise.Add(new Loeschnachweis
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenant,
            SubjectType = LoeschnachweisSubjects.Vermerk,
            SubjectId = Guid.CreateVersion7(),
            Title = "Vermerk",
            Reason = DeletionReason.Erased,
            LegalBasis = "Art. 17 Abs. 1 DSGVO",
            DeletedBy = "test",
            DeletedAt = host.Clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();

        var update = await Assert.ThrowsAnyAsync<Exception>(() => db.Loeschnachweise.ExecuteUpdateAsync(u => u.SetProperty(t => t.Title, "anders")));
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => db.Loeschnachweise.ExecuteDeleteAsync());

        Assert.Contains("nur fortschreibbar", update.Message, StringComparison.Ordinal);
        Assert.Contains("nur fortschreibbar", delete.Message, StringComparison.Ordinal);
        Assert.Equal("Vermerk", await host.QueryAsync(tenant, d => d.Loeschnachweise.Select(t => t.Title).SingleAsync()));
    }
}
