using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Server.Hosting;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Hosting;

public sealed class HistoryCleanupServiceTests
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="Auskunft" isExecutable="true" camunda:historyTimeToLive="1">
            <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:endEvent id="Ende"><bpmn:incoming>F1</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Ende" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Theory]
    [AllProviders]
    public async Task Service_DeletesExpiredHistoryOfEveryMunicipality_WhenClockPassesItsTimeOfDay(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var first = await factory.CreateMunicipalityAsync("Teststadt");
        var second = await factory.CreateMunicipalityAsync("Nachbarstadt");
        var instances = new List<Guid>();
        foreach (var municipality in new[] { first, second })
        {
            await using var scope = factory.Services.CreateTenantScope(municipality.Id);
            var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
            await engine.DeployAsync(new DeploymentRequest("auskunft.bpmn", [new DeploymentResource("auskunft.bpmn", Bpmn)]));
            instances.Add((await engine.StartProcessInstanceAsync(new StartProcessInstanceRequest { ProcessId = "Auskunft" })).Id);
        }

        // Started 2026-11-02 09:00 in Berlin with a time to live of one day: the run at 02:30 on 4 November deletes it.
        factory.Clock.Advance(TimeSpan.FromDays(2));
        var ran = await WaitUntilAsync(() => factory.Logs.Entries.Count(IsCleanupLog) >= 2);

        Assert.True(ran, "The history cleanup service did not run.");
        var logs = factory.Logs.Entries.Where(IsCleanupLog).ToList();
        Assert.Equal(new[] { first.Ags, second.Ags }.Order(StringComparer.Ordinal), logs.Select(l => l.Values["Ags"]).Order(StringComparer.Ordinal));
        Assert.All(logs, l => Assert.Equal("1", l.Values["Instances"]));
        for (var i = 0; i < 2; i++)
        {
            await using var scope = factory.Services.CreateTenantScope(i == 0 ? first.Id : second.Id);
            var engine = scope.ServiceProvider.GetRequiredService<IProcessEngine>();
            await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => engine.GetProcessInstanceAsync(instances[i]));
        }
    }

    [Theory]
    [InlineData("2026-11-02T08:00:00Z", "02:30:00", "1.00:00:00", "2026-11-03T01:30:00Z")]
    [InlineData("2026-11-03T01:29:00Z", "02:30:00", "1.00:00:00", "2026-11-03T01:30:00Z")]
    [InlineData("2026-07-01T12:00:00Z", "02:30:00", "1.00:00:00", "2026-07-02T00:30:00Z")]
    [InlineData("2026-11-02T08:00:00Z", "02:30:00", "06:00:00", "2026-11-02T13:30:00Z")]
    public void NextRun_IsTheTimeOfDayInBerlinThenEveryInterval(string now, string timeOfDay, string interval, string expected)
    {
        var options = new HistoryCleanupServiceOptions { TimeOfDay = TimeSpan.Parse(timeOfDay, System.Globalization.CultureInfo.InvariantCulture), Interval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) };

        var next = HistoryCleanupService.NextRun(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), options);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Theory]
    [InlineData("Amtsweg:HistoryCleanup:Interval", "00:00:10")]
    [InlineData("Amtsweg:HistoryCleanup:TimeOfDay", "1.02:00:00")]
    [InlineData("Amtsweg:Engine:DefaultHistoryTimeToLive", "P1M")]
    [InlineData("Amtsweg:Engine:HistoryCleanupBatchSize", "0")]
    public async Task Start_Fails_WhenHistoryCleanupSettingIsInvalid(string setting, string value)
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite, new() { [setting] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(setting, error.ToString(), StringComparison.Ordinal);
    }

    private static bool IsCleanupLog(CapturedLog log) =>
        log.Category.EndsWith(nameof(HistoryCleanupService), StringComparison.Ordinal) && log.Values.ContainsKey("Instances");

    // An explicit wait for the background service (no assertion on how long it took): looks again until it holds or a generous cap is reached.
    private static async Task<bool> WaitUntilAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
