using Amtsweg.Records.Intake;
using Amtsweg.Records.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Records.Tests.Intake;

/// <summary>Intent methods of the Posteingang tests.</summary>
internal static class IntakeTestSupport
{
    public const string Clerk = "sachbearbeitung@test";

    public static async Task<IntakeItem> ReceiveAsync(this RecordsTestHost host, Guid tenant, byte[] content, string name, Guid? target = null, IntakeSource source = IntakeSource.Upload)
    {
        await using var scope = host.ScopeFor(tenant);
        return await scope.ServiceProvider.GetRequiredService<IntakeReceiver>().ReceiveAsync(new MemoryStream(content), new IntakeDelivery(name, source, Clerk, target), CancellationToken.None);
    }

    public static async Task<int> ProcessPendingAsync(this RecordsTestHost host)
    {
        await using var scope = host.ScopeFor(RecordsTestHost.NewTenant());
        return await scope.ServiceProvider.GetRequiredService<IntakeWorker>().RunPendingAsync(CancellationToken.None);
    }

    public static Task<IntakeItem> ItemAsync(this RecordsTestHost host, Guid tenant, Guid id) =>
        host.QueryAsync(tenant, db => db.IntakeItems.AsNoTracking().SingleAsync(i => i.Id == id));

    public static Task<List<IntakeItem>> ItemsAsync(this RecordsTestHost host, Guid tenant) =>
        host.QueryAsync(tenant, db => db.IntakeItems.AsNoTracking().OrderBy(i => i.Id).ToListAsync());

    /// <summary>Every file in the blob folder, temporary ones included.</summary>
    public static string[] BlobFiles(this RecordsTestHost host) =>
        Directory.Exists(host.Blobs.Root) ? Directory.GetFiles(host.Blobs.Root, "*", SearchOption.AllDirectories) : [];
}
