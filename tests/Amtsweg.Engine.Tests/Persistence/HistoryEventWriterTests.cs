using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Persistence;

public sealed class HistoryEventWriterTests
{
    [Theory]
    [AllProviders]
    public async Task Insert_RoundTripsEveryColumnInSequenceOrder_WhenRowsHoldValuesEmptyTextsAndNulls(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var instanceId = Guid.CreateVersion7();

        // More rows than PostgreSQL takes in one statement (2000 parameters), so that two statements are written there.
        var events = Enumerable.Range(1, 160).Select(i => (i % 3) switch
        {
            0 => Full(host.TenantId, instanceId, i),
            1 => Empty(host.TenantId, instanceId, i),
            _ => EmptyTexts(host.TenantId, instanceId, i),
        }).ToList();
        await using (var scope = host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EngineDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await HistoryEventWriter.InsertAsync(db, events, CancellationToken.None);
            await transaction.CommitAsync();
        }

        await using var readScope = host.CreateScope();
        var read = readScope.ServiceProvider.GetRequiredService<EngineDbContext>();
        var stored = await read.HistoryEvents.AsNoTracking().Where(e => e.ProcessInstanceId == instanceId).OrderBy(e => e.Sequence).ToListAsync();

        Assert.Equal(events.Count, stored.Count);
        var properties = read.Model.FindEntityType(typeof(HistoryEventEntity))!.GetProperties().ToList();
        Assert.Equal(13, properties.Count);
        for (var i = 0; i < events.Count; i++)
        {
            foreach (var property in properties)
            {
                var getter = property.GetGetter();
                Assert.True(Equals(getter.GetClrValue(events[i]), getter.GetClrValue(stored[i])), $"Row {i}, column {property.Name}: {getter.GetClrValue(events[i])} was stored as {getter.GetClrValue(stored[i])}");
            }
        }
    }

    [Theory]
    [AllProviders]
    public async Task Insert_WritesNothingAndFails_WhenNoTransactionIsOpen(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EngineDbContext>();
        var instanceId = Guid.CreateVersion7();

        await Assert.ThrowsAsync<InvalidOperationException>(() => HistoryEventWriter.InsertAsync(db, [Full(host.TenantId, instanceId, 1)], CancellationToken.None));

        Assert.False(await db.HistoryEvents.AnyAsync(e => e.ProcessInstanceId == instanceId));
    }

    private static HistoryEventEntity Full(Guid tenantId, Guid instanceId, int sequence) => new()
    {
        Id = Guid.CreateVersion7(),
        TenantId = tenantId,
        ProcessInstanceId = instanceId,
        Sequence = sequence,
        Type = HistoryEventTypes.VariablesUpdated,
        // The model keeps a timestamp to 0.1 ms (DateTimeOffsetToBinaryConverter drops the last three digits of the ticks).
        Timestamp = EngineHost.StartTime.AddTicks(sequence * 1_234_000L),
        UserId = "sachbearbeiterin.müller",
        ElementId = "Aktivität_" + sequence,
        ElementType = "serviceTask",
        ExecutionId = Guid.CreateVersion7(),
        VariablesBefore = """{"Name":"Jörg \"der Ältere\" Weiß","Betrag":120.5,"Liste":[1,null,"ß"]}""",
        VariablesAfter = """{"Name":null,"Betrag":-0.01,"Bescheid":{"Datum":"2026-03-02"}}""",
        Detail = new string('ä', 5000),
    };

    // SQLite is bound directly there; an empty text must stay an empty text, not become null.
    private static HistoryEventEntity EmptyTexts(Guid tenantId, Guid instanceId, int sequence) => new()
    {
        Id = Guid.CreateVersion7(),
        TenantId = tenantId,
        ProcessInstanceId = instanceId,
        Sequence = sequence,
        Type = HistoryEventTypes.VariablesUpdated,
        Timestamp = EngineHost.StartTime.AddTicks(sequence * 1_000L),
        UserId = "",
        ElementId = "",
        ElementType = "",
        VariablesBefore = "",
        VariablesAfter = "",
        Detail = "",
    };

    private static HistoryEventEntity Empty(Guid tenantId, Guid instanceId, int sequence) => new()
    {
        Id = Guid.CreateVersion7(),
        TenantId = tenantId,
        ProcessInstanceId = instanceId,
        Sequence = sequence,
        Type = HistoryEventTypes.ProcessInstanceStarted,
        Timestamp = EngineHost.StartTime,
    };
}
