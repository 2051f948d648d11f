using Amtsweg.Data.Providers;
using Amtsweg.Engine.Persistence;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Execution;

public sealed class BusinessRuleTaskTests
{
    [Theory]
    [AllProviders]
    public async Task Start_SetsDecisionResult_WhenDecisionIsDeployed(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var name = nameof(Start_SetsDecisionResult_WhenDecisionIsDeployed);
        var dmn = Path.ChangeExtension(Diagrams.Path(typeof(BusinessRuleTaskTests), name), ".dmn");
        await host.Engine.DeployAsync(new DeploymentRequest("gebuehr", [Diagrams.Resource(typeof(BusinessRuleTaskTests), name), new DeploymentResource(Path.GetFileName(dmn), await File.ReadAllTextAsync(dmn))]));

        var large = await host.StartAsync("fee", new { betrag = 150 });
        var small = await host.StartAsync("fee", new { betrag = 80 });

        Assert.Equal(["after"], large.ActiveElementIds);
        Assert.Equal(50, large.Variables["gebuehr"]!.GetValue<int>());
        Assert.Equal(20, small.Variables["gebuehr"]!.GetValue<int>());
        Assert.Equal(1, await host.QueryAsync(db => db.DecisionDefinitions.Single().Version));
    }

    [Theory]
    [AllProviders]
    public async Task Start_RaisesIncident_WhenDecisionIsNotDeployed(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.DeployAsync(typeof(BusinessRuleTaskTests));

        var error = await Assert.ThrowsAsync<ProcessIncidentException>(() => host.StartAsync("fee", new { betrag = 150 }));

        Assert.Equal(IncidentTypes.CalledElementNotFound, error.Incident.Type);
        Assert.Equal("decide", error.Incident.ElementId);
    }

    // Issue 10: the incident read "Die Entscheidung 'gebuehr' ist fehlgeschlagen: Hit policy UNIQUE violated: rules 1, 2 match."
    [Theory]
    [AllProviders]
    public async Task Bug_DecisionIncidentWasEnglishInsideGerman_WhenUniqueHitPolicyIsViolated(DatabaseProvider provider)
    {
        var error = await StartWithDecisionAsync(provider, """
              <decision id="gebuehr" name="Gebühr">
                <decisionTable id="table">
                  <input id="i1" label="Betrag"><inputExpression id="ie1" typeRef="number"><text>betrag</text></inputExpression></input>
                  <output id="o1" name="gebuehr" typeRef="number" />
                  <rule id="r1"><inputEntry id="u1"><text>&gt; 100</text></inputEntry><outputEntry id="l1"><text>50</text></outputEntry></rule>
                  <rule id="r2"><inputEntry id="u2"><text>&gt; 10</text></inputEntry><outputEntry id="l2"><text>20</text></outputEntry></rule>
                </decisionTable>
              </decision>
            """);

        Assert.Equal(IncidentTypes.ExpressionFailed, error.Incident.Type);
        Assert.Equal("Die Entscheidung 'gebuehr' ist fehlgeschlagen: Trefferrichtlinie UNIQUE verletzt: die Regeln 1, 2 treffen zu.", error.Incident.Message);
    }

    // Issue 10: the incident read "Die Entscheidung 'a' ist fehlgeschlagen: Decision 'A' requires itself (a cycle in the requirements)."
    [Theory]
    [AllProviders]
    public async Task Bug_DecisionIncidentWasEnglishInsideGerman_WhenDecisionRequiresItself(DatabaseProvider provider)
    {
        var error = await StartWithDecisionAsync(provider, """
              <decision id="gebuehr" name="Gebühr">
                <informationRequirement><requiredDecision href="#basis"/></informationRequirement>
                <literalExpression><text>Basis + 1</text></literalExpression>
              </decision>
              <decision id="basis" name="Basis">
                <informationRequirement><requiredDecision href="#gebuehr"/></informationRequirement>
                <literalExpression><text>Gebühr + 1</text></literalExpression>
              </decision>
            """);

        Assert.Equal(IncidentTypes.ExpressionFailed, error.Incident.Type);
        Assert.StartsWith("Die Entscheidung 'gebuehr' ist fehlgeschlagen: Die Entscheidung 'Gebühr' benötigt sich selbst", error.Incident.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("requires", error.Incident.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("cycle", error.Incident.Message, StringComparison.Ordinal);
    }

    private static async Task<ProcessIncidentException> StartWithDecisionAsync(DatabaseProvider provider, string decisions)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var dmn = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="Gebühr" namespace="http://camunda.org/schema/1.0/dmn">
            {decisions}
            </definitions>
            """;
        var bpmn = Diagrams.Resource(typeof(BusinessRuleTaskTests), nameof(Start_SetsDecisionResult_WhenDecisionIsDeployed));
        await host.Engine.DeployAsync(new DeploymentRequest("gebuehr", [bpmn, new DeploymentResource("gebuehr.dmn", dmn)]));

        return await Assert.ThrowsAsync<ProcessIncidentException>(() => host.StartAsync("fee", new { betrag = 150 }));
    }

    [Theory]
    [AllProviders]
    public async Task Start_CallsHandlerOfJobType_WhenBusinessRuleTaskHasJobType(DatabaseProvider provider)
    {
        // As in Camunda 8, a task with a zeebe:taskDefinition is worked like a service task instead of evaluating anything itself.
        var handler = new DelegateHandler("gebuehr-entscheiden", c => new Dictionary<string, object?> { ["gebuehr"] = c.Variables["flaeche"]!.GetValue<int>() * 2 });
        await using var host = await EngineHost.StartAsync(provider, s => s.AddSingleton<IServiceTaskHandler>(handler));
        await host.DeployAsync(typeof(BusinessRuleTaskTests));

        var instance = await host.StartAsync("rule", new { flaeche = 120 });

        var call = Assert.Single(handler.Calls);
        Assert.Equal(("compute", "gebuehr-entscheiden", "2026"), (call.ElementId, call.JobType, call.Headers["tarif"]));
        Assert.Equal(["check"], instance.ActiveElementIds);
        Assert.Equal(240, instance.Variables["gebuehr"]!.GetValue<int>());
        Assert.Equal(0, await host.QueryAsync(db => db.Jobs.Count()));
    }
}
