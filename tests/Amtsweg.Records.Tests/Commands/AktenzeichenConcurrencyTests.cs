using Amtsweg.Data.Providers;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;

namespace Amtsweg.Records.Tests.Commands;

public sealed class AktenzeichenConcurrencyTests
{
    [Theory]
    [AllProviders]
    public async Task CreateAkte_GivesGapFreeUniqueNumbers_WhenManyTasksCreateAtOnce(DatabaseProvider provider)
    {
        const int Tasks = 8, PerTask = 6;
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var other = RecordsTestHost.NewTenant();
        var position = await host.ExecuteAsync(tenant, new CreateAktenplanPositionCommand("10.1", "Ratsangelegenheiten", null, 5, DisposalRule.Destroy));
        var otherPosition = await host.ExecuteAsync(other, new CreateAktenplanPositionCommand("10.1", "Ratsangelegenheiten", null, 5, DisposalRule.Destroy));
        using var start = new ManualResetEventSlim();

        var workers = Enumerable.Range(0, Tasks).Select(worker => Task.Run(async () =>
        {
            start.Wait();
            var created = new List<string>();
            for (var i = 0; i < PerTask; i++)
            {
                var (t, p) = (worker + i) % 3 == 0 ? (other, otherPosition.Id) : (tenant, position.Id);
                created.Add((await host.ExecuteAsync(t, new CreateAkteCommand(p, $"Akte {worker}/{i}"))).Aktenzeichen);
            }

            return created;
        })).ToList();
        start.Set();
        await Task.WhenAll(workers);

        var numbersTenant = await host.QueryAsync(tenant, db => db.Akten.Select(a => a.Number).ToListAsync());
        var numbersOther = await host.QueryAsync(other, db => db.Akten.Select(a => a.Number).ToListAsync());
        Assert.Equal(Enumerable.Range(1, numbersTenant.Count), numbersTenant.Order());
        Assert.Equal(Enumerable.Range(1, numbersOther.Count), numbersOther.Order());
        Assert.Equal(Tasks * PerTask, numbersTenant.Count + numbersOther.Count);
        var returned = workers.SelectMany(w => w.Result).Order(StringComparer.Ordinal).ToList();
        var stored = (await host.QueryAsync(tenant, db => db.Akten.Select(a => a.Aktenzeichen).ToListAsync()))
            .Concat(await host.QueryAsync(other, db => db.Akten.Select(a => a.Aktenzeichen).ToListAsync()))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(stored, returned);
        Assert.Contains("10.1-" + numbersTenant.Count.ToString("0000", System.Globalization.CultureInfo.InvariantCulture) + "/2026", returned);
    }

    [Theory]
    [AllProviders]
    public async Task OpenVorgang_GivesGapFreeNumbers_WhenManyTasksOpenInOneAkte(DatabaseProvider provider)
    {
        await using var host = await RecordsTestHost.StartAsync(provider);
        var tenant = RecordsTestHost.NewTenant();
        var (_, akte, _) = await host.CreateVorgangAsync(tenant);
        using var start = new ManualResetEventSlim();

        var workers = Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            start.Wait();
            for (var i = 0; i < 5; i++)
            {
                await host.ExecuteAsync(tenant, new OpenVorgangCommand(akte.Id, $"Vorgang {worker}/{i}"));
            }
        })).ToList();
        start.Set();
        await Task.WhenAll(workers);

        var numbers = await host.QueryAsync(tenant, db => db.Vorgaenge.Where(v => v.AkteId == akte.Id).Select(v => v.Number).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 31), numbers.Order());
        var sequences = await host.QueryAsync(tenant, db => db.AuditEntries.Select(e => e.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences.Order());
    }
}
