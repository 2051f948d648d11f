using Amtsweg.Data.Providers;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Retention;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Records.Tests.Retention;

public sealed class DisposalListTests
{
    [Theory]
    [AllProviders]
    public async Task ListDue_CountsRetentionFromClose_AndOmitsOpenAndHeldAkten(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var (position, akte, vorgang) = await host.CreateVorgangAsync(tenant); // 10 years, archive
        var stillOpen = await host.ExecuteAsync(tenant, new CreateAkteCommand(position.Id, "Noch offen"));
        var held = await host.ExecuteAsync(tenant, new CreateAkteCommand(position.Id, "Rechtsstreit"));
        await host.ExecuteAsync(tenant, new CloseVorgangCommand(vorgang.Id));
        await host.ExecuteAsync(tenant, new CloseAkteCommand(akte.Id)); // 2026-06-15
        await host.ExecuteAsync(tenant, new CloseAkteCommand(held.Id));
        await host.ExecuteAsync(tenant, new SetLegalHoldCommand(held.Id, "Klage vor dem Verwaltungsgericht"));

        var dayBefore = await ListAsync(host, tenant, new DateOnly(2036, 6, 14));
        var due = await ListAsync(host, tenant, new DateOnly(2036, 6, 15));

        Assert.Empty(dayBefore);
        var candidate = Assert.Single(due);
        Assert.Equal(new DisposalCandidate(akte.Id, akte.Aktenzeichen, akte.Title, "32.10", host.Clock.GetUtcNow(), 10, new DateOnly(2036, 6, 15), DisposalRule.Archive), candidate);
        Assert.DoesNotContain(due, c => c.AkteId == stillOpen.Id);
    }

    [Theory]
    [AllProviders]
    public async Task ListDue_IncludesAkte_AfterLegalHoldIsReleased_AndFollowsRetentionChanges(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var (position, akte, vorgang) = await host.CreateVorgangAsync(tenant);
        await host.ExecuteAsync(tenant, new CloseVorgangCommand(vorgang.Id));
        await host.ExecuteAsync(tenant, new CloseAkteCommand(akte.Id));
        await host.ExecuteAsync(tenant, new SetLegalHoldCommand(akte.Id, "Prüfung durch den Rechnungshof"));
        var twice = await Assert.ThrowsAsync<RecordsException>(() => host.ExecuteAsync(tenant, new SetLegalHoldCommand(akte.Id, "nochmals")));
        var asOf = new DateOnly(2031, 7, 1);
        var whileHeld = await ListAsync(host, tenant, asOf);

        await host.ExecuteAsync(tenant, new ReleaseLegalHoldCommand(akte.Id, "Prüfung abgeschlossen"));
        var afterRelease = await ListAsync(host, tenant, asOf);
        await host.ExecuteAsync(tenant, new ChangeRetentionCommand(position.Id, 5, DisposalRule.Destroy, "Neue Richtlinie"));
        var afterChange = await ListAsync(host, tenant, asOf);

        Assert.Equal(RecordsErrors.LegalHoldUnchanged, twice.Code);
        Assert.Empty(whileHeld);
        Assert.Empty(afterRelease); // 10 years not yet over
        var candidate = Assert.Single(afterChange);
        Assert.Equal((new DateOnly(2031, 6, 15), DisposalRule.Destroy), (candidate.DueOn, candidate.DisposalRule));
        var actions = await host.QueryAsync(tenant, db => db.AuditEntries.Where(e => e.SubjectId == akte.Id || e.SubjectId == position.Id).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditActions.PositionCreated, AuditActions.AkteCreated, AuditActions.AkteClosed, AuditActions.LegalHoldSet, AuditActions.LegalHoldReleased, AuditActions.RetentionChanged], actions);
    }

    [Fact]
    public void DueOn_CountsInBerlinDays()
    {
        // 31 Dec 23:30 UTC is already 1 January in Berlin.
        Assert.Equal(new DateOnly(2037, 1, 1), DisposalList.DueOn(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero), 10));
        Assert.Equal(new DateOnly(2028, 2, 29), DisposalList.DueOn(new DateTimeOffset(2024, 2, 29, 12, 0, 0, TimeSpan.Zero), 4));
    }

    private static async Task<IReadOnlyList<DisposalCandidate>> ListAsync(RecordsTestHost host, Guid tenant, DateOnly asOf)
    {
        await using var scope = host.ScopeFor(tenant);
        return await scope.ServiceProvider.GetRequiredService<DisposalList>().ListDueAsync(asOf, CancellationToken.None);
    }
}
