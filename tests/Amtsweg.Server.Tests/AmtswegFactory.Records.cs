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

    /// <summary>Files a document with the given content into a new Vorgang of the municipality; the content is not checked as an upload would be.</summary>
    public async Task<(Guid VorgangId, Guid VersionId)> FileDokumentAsync(Municipality municipality, string title, string fileName, string mediaType, byte[] content, string? sender = null)
    {
        await using var scope = Services.CreateTenantScope(municipality.Id);
        var executor = scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>();
        var positionId = await scope.ServiceProvider.GetRequiredService<RecordsDbContext>().AktenplanPositionen.Where(p => p.Code == "32.10").Select(p => (Guid?)p.Id).SingleOrDefaultAsync()
            ?? (await executor.ExecuteAsync(new CreateAktenplanPositionCommand("32.10", "Gewerbeangelegenheiten", null, 10, DisposalRule.Appraise), "test", CancellationToken.None)).Id;
        var akte = await executor.ExecuteAsync(new CreateAkteCommand(positionId, "Gewerbe 2026"), "test", CancellationToken.None);
        var vorgang = await executor.ExecuteAsync(new OpenVorgangCommand(akte.Id, "Gewerbeanmeldung"), "test", CancellationToken.None);
        var metadata = new DokumentMetadata(title, new DateOnly(2026, 10, 1), "Antrag", sender, null, Confidentiality.Internal, fileName, mediaType);
        var version = await executor.ExecuteAsync(new AddDokumentCommand(vorgang.Id, metadata, new MemoryStream(content)), "test", CancellationToken.None);
        return (vorgang.Id, version.Id);
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
