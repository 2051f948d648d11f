using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Execution;

/// <summary>
/// The complex gateway (BPMN 2.0, 10.5.5): splits like an inclusive gateway; joins when its activation condition
/// (with <c>activationCount</c>) holds, fires once, then consumes the late tokens and resets without firing again.
/// </summary>
public sealed class ComplexGatewayTests
{
    [Theory]
    [AllProviders]
    public async Task Split_TakesEveryFlowWhoseConditionHolds_WhenComplexGatewaySplits(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ComplexGatewayTests));

        var both = await host.StartAsync("verteilen", new { betrag = 500, eilig = true });
        var neither = await host.StartAsync("verteilen", new { betrag = 50, eilig = false });

        Assert.Equal(["eilbearbeitung", "leitung"], both.ActiveElementIds.Order(StringComparer.Ordinal));
        Assert.Equal(["sachbearbeitung"], neither.ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task Join_FiresOnceAndConsumesLateToken_WhenActivationConditionHolds(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ComplexGatewayTests));
        var instance = await host.StartAsync("pruefung");

        await CompleteAsync(host, instance.Id, "pruefungA");
        Assert.Equal(["join", "pruefungB", "pruefungC"], (await host.GetAsync(instance.Id)).ActiveElementIds.Order(StringComparer.Ordinal));
        await CompleteAsync(host, instance.Id, "pruefungB");
        Assert.Equal(["entscheiden", "join", "pruefungC"], (await host.GetAsync(instance.Id)).ActiveElementIds.Order(StringComparer.Ordinal));

        await CompleteAsync(host, instance.Id, "pruefungC");

        Assert.Equal(["entscheiden"], (await host.GetAsync(instance.Id)).ActiveElementIds);
        Assert.Single(await host.EnteredAsync(instance.Id), "entscheiden");
        await CompleteAsync(host, instance.Id, "entscheiden");
        Assert.Equal(ProcessInstanceState.Completed, (await host.GetAsync(instance.Id)).State);
    }

    [Theory]
    [AllProviders]
    public async Task Join_ResetsAndInstanceCompletes_WhenRemainingBranchEndsElsewhere(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ComplexGatewayTests));
        var instance = await host.StartAsync("pruefung");
        await CompleteAsync(host, instance.Id, "pruefungA");
        await CompleteAsync(host, instance.Id, "pruefungB");
        await CompleteAsync(host, instance.Id, "entscheiden");
        Assert.Equal(["join", "pruefungC"], (await host.GetAsync(instance.Id)).ActiveElementIds.Order(StringComparer.Ordinal));

        await CompleteAsync(host, instance.Id, "pruefungC", new { verzichtet = true });

        var state = await host.GetAsync(instance.Id);
        Assert.Equal(ProcessInstanceState.Completed, state.State);
        Assert.Single(await host.EnteredAsync(instance.Id), "entscheiden");
    }

    [Theory]
    [AllProviders]
    public async Task Join_RaisesIncident_WhenActivationConditionCanNoLongerHold(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ComplexGatewayTests));
        var instance = await host.StartAsync("pruefung");
        await CompleteAsync(host, instance.Id, "pruefungA");
        await CompleteAsync(host, instance.Id, "pruefungB");

        var failure = await Assert.ThrowsAsync<ProcessIncidentException>(() => CompleteAsync(host, instance.Id, "pruefungC", new { verzichtet = true }));

        Assert.Equal("join", failure.Incident.ElementId);
        Assert.Equal(
            "Die Aktivierungsbedingung '= activationCount >= 3' des komplexen Gateways 'join' ist mit 2 angekommenen Token nicht erfüllt, und es kann kein weiteres Token mehr ankommen.",
            failure.Incident.Message);
        Assert.Equal(["join", "pruefungC"], (await host.GetAsync(instance.Id)).ActiveElementIds.Order(StringComparer.Ordinal));
        Assert.Equal(2, await host.QueryAsync(db => db.Executions.Count(e => e.ProcessInstanceId == instance.Id && e.ElementId == "join" && e.IsWaiting)));
    }

    [Theory]
    [AllProviders]
    public async Task Join_WaitsForEveryTokenThatCanArrive_WhenNoActivationCondition(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(ComplexGatewayTests));
        var all = await host.StartAsync("pruefung");
        var withoutC = await host.StartAsync("pruefung");

        foreach (var id in new[] { all.Id, withoutC.Id })
        {
            await CompleteAsync(host, id, "pruefungA");
            await CompleteAsync(host, id, "pruefungB");
            Assert.DoesNotContain("entscheiden", (await host.GetAsync(id)).ActiveElementIds);
        }

        await CompleteAsync(host, all.Id, "pruefungC");
        await CompleteAsync(host, withoutC.Id, "pruefungC", new { verzichtet = true });

        Assert.Equal(["entscheiden"], (await host.GetAsync(all.Id)).ActiveElementIds);
        Assert.Equal(["entscheiden"], (await host.GetAsync(withoutC.Id)).ActiveElementIds);
    }

    private static async Task CompleteAsync(EngineHost host, Guid instanceId, string elementId, object? variables = null)
    {
        var task = Assert.Single(await host.Engine.QueryUserTasksAsync(new UserTaskQuery { ProcessInstanceId = instanceId, ElementId = elementId }));
        await host.Engine.CompleteUserTaskAsync(task.Id, Variables.Of(variables));
    }
}
