using Amtsweg.Data.Providers;
using Amtsweg.Engine;
using Amtsweg.Records.Audit;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Casework.Tests;

public sealed class RecordsHistoryRetentionTests
{
    [Theory]
    [AllProviders]
    public async Task HistoryCleanup_KeepsFiledInstanceUntilItsVorgangIsDisposed_AndAuditChainStaysIntact(DatabaseProvider provider)
    {
        await using var host = await CaseworkTestHost.StartAsync(provider);
        await host.DeployAsync("RecordsHistoryRetentionTests.Antrag.bpmn");
        var vorgang = await host.CreateVorgangAsync();
        var filed = await host.StartInAsync("Antrag", vorgang.Id, new Dictionary<string, object?> { ["antragsteller"] = "Erika Müller" });
        var unfiled = await host.EngineAsync(e => e.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "Antrag" }));
        foreach (var id in new[] { filed.Instance.Id, unfiled.Id })
        {
            var task = Assert.Single(await host.EngineAsync(e => e.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = id })));
            await host.EngineAsync(async e => { await e.CompleteUserTaskAsync(task.Id); return 0; });
        }

        await host.ExecuteAsync(new CloseVorgangCommand(vorgang.Id));
        host.Clock.Advance(TimeSpan.FromDays(31));

        var whileFiled = await CleanupAsync(host);
        var historyWhileFiled = await host.EngineAsync(e => e.GetHistoryAsync(filed.Instance.Id));

        // The Aussonderung itself (xdomea, tombstones) is tested in the e-file; here only its end state matters.
        await host.RecordsAsync(db => db.Vorgaenge.Where(v => v.Id == vorgang.Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.State, RecordState.Disposed)));
        var afterDisposal = await CleanupAsync(host);

        Assert.Equal((1, 1), (whileFiled.ProcessInstances, whileFiled.Retained));
        Assert.NotEmpty(historyWhileFiled);
        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => host.EngineAsync(e => e.GetProcessInstanceAsync(unfiled.Id)));
        Assert.Equal((1, 0), (afterDisposal.ProcessInstances, afterDisposal.Retained));
        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => host.EngineAsync(e => e.GetHistoryAsync(filed.Instance.Id)));
        var linked = await host.RecordsAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.ProcessLinked).ToListAsync());
        Assert.Contains(linked, a => a.Details.Contains(filed.Instance.Id.ToString("D"), StringComparison.Ordinal));
        await using var scope = host.Scope();
        var verification = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
        Assert.True(verification.IsIntact, verification.FirstProblem?.Message);
        Assert.True(verification.EntriesChecked >= 4);
    }

    private static async Task<HistoryCleanupResult> CleanupAsync(CaseworkTestHost host)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<HistoryCleanup>().RunAsync(dryRun: false);
    }
}
