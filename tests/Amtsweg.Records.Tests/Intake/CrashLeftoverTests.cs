using System.Text;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Intake;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Amtsweg.Records.Tests.Intake;

/// <summary>What a killed process leaves behind is cleaned up or taken up again by the next one.</summary>
public sealed class CrashLeftoverTests
{
    [Theory]
    [AllProviders]
    public async Task Bug_PartialFilesOfAKilledProcess_StayedInBlobsTmpForever(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tmp = Directory.CreateDirectory(Path.Combine(host.Blobs.Root, "tmp")).FullName;
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var stale = Path.Combine(tmp, "0123456789abcdef0123456789abcdef.part");
        var staged = Path.Combine(tmp, "intake-0123456789abcdef0123456789abcdef.part");
        var fresh = Path.Combine(tmp, "fedcba9876543210fedcba9876543210.part");
        foreach (var (path, age) in new[] { (stale, TimeSpan.FromHours(7)), (staged, TimeSpan.FromDays(3)), (fresh, TimeSpan.FromHours(1)) })
        {
            await File.WriteAllTextAsync(path, "halb geschrieben");
            File.SetLastWriteTimeUtc(path, now - age);
        }

        await host.ProcessPendingAsync();

        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(staged));
        Assert.True(File.Exists(fresh), "A file written an hour ago may still be an upload in progress.");

        // Later runs sweep again once an hour has passed: the fresh file is stale by then.
        host.Clock.Advance(TimeSpan.FromHours(6));
        await host.ProcessPendingAsync();
        Assert.False(File.Exists(fresh));
    }

    [Theory]
    [AllProviders]
    public async Task Bug_ItemLeftProcessingByAKilledProcess_WaitedHalfAnHourForItsClaim(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var item = await host.ReceiveAsync(tenant, Encoding.UTF8.GetBytes("Antrag auf Sondernutzung"), "antrag.txt");
        var claimDuration = ClaimDurationOf(host);

        // The killed process had claimed the item as the worker claims it, and then died.
        var claimedAt = host.Clock.GetUtcNow();
        await host.QueryAsync(tenant, db => db.IntakeItems.Where(i => i.Id == item.Id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Status, IntakeStatus.Processing)
            .SetProperty(i => i.ClaimToken, Guid.CreateVersion7())
            .SetProperty(i => i.ClaimedUntil, claimedAt + claimDuration)
            .SetProperty(i => i.Progress, 1)));
        host.Clock.Advance(TimeSpan.FromMinutes(3));

        // A restarted process: new services on the same store and clock.
        await using (var restarted = RecordsTestHost.BuildServices(host.Store.Settings, host.Clock))
        {
            await using var scope = restarted.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().UsePlatformScope();
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<IntakeWorker>().RunPendingAsync(CancellationToken.None));
        }

        var after = await host.ItemAsync(tenant, item.Id);
        Assert.Equal(IntakeStatus.WaitingForFiling, after.Status);
        Assert.Equal("Antrag auf Sondernutzung", after.Text);
    }

    private static TimeSpan ClaimDurationOf(RecordsTestHost host)
    {
        using var services = RecordsTestHost.BuildServices(host.Store.Settings, host.Clock);
        return services.GetRequiredService<IOptions<IntakeOptions>>().Value.ClaimDuration;
    }
}
