using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Persistence;
using Amtsweg.Server.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests;

/// <summary>Intent methods for the e-file.</summary>
public sealed partial class AmtswegFactory
{
    /// <summary>Creates an Aktenplan position of the municipality, e.g. <c>32.10 Gewerbeangelegenheiten</c>.</summary>
    public async Task<AktenplanPosition> CreatePositionAsync(Municipality municipality, string code = "32.10", string title = "Gewerbeangelegenheiten")
    {
        await using var scope = Services.CreateTenantScope(municipality.Id);
        return await scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>()
            .ExecuteAsync(new CreateAktenplanPositionCommand(code, title, null, 10, DisposalRule.Appraise), "test", CancellationToken.None);
    }

    /// <summary>Runs a query on the municipality's e-file tables.</summary>
    public async Task<T> RecordsAsync<T>(Municipality municipality, Func<RecordsDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateTenantScope(municipality.Id);
        return await query(scope.ServiceProvider.GetRequiredService<RecordsDbContext>());
    }

    /// <summary>The municipality's audit actions, in order.</summary>
    public Task<List<string>> AuditActionsAsync(Municipality municipality) =>
        RecordsAsync(municipality, db => db.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());
}
