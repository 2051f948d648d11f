using Amtsweg.Data.Providers;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Engine.Tests.Deployment;

/// <summary>
/// Issue 13.2: the deployed decisions as the decision editor lists and opens them, and what a deployment of a DMN file
/// refuses (a FEEL text that does not parse, a duplicate id), with the element named.
/// </summary>
public sealed class DecisionDefinitionTests
{
    [Theory]
    [AllProviders]
    public async Task ListDecisionDefinitions_ListsVersionsNewestFirst_WithCommentAndCallingProcesses(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var name = nameof(ListDecisionDefinitions_ListsVersionsNewestFirst_WithCommentAndCallingProcesses);
        var dmn = await File.ReadAllTextAsync(Path.ChangeExtension(Diagrams.Path(typeof(DecisionDefinitionTests), name), ".dmn"));
        var changed = dmn.Replace("<text>50</text>", "<text>60</text>", StringComparison.Ordinal);
        await host.Engine.DeployAsync(new DeploymentRequest("gebuehr", [Diagrams.Resource(typeof(DecisionDefinitionTests), name), new DeploymentResource("gebuehr.dmn", dmn)], "anna"));
        var second = await host.Engine.DeployAsync(new DeploymentRequest("gebuehr", [new DeploymentResource("gebuehr.dmn", changed)], "ben") { Comment = "Gebühr erhöht" });

        var list = await host.Engine.ListDecisionDefinitionsAsync();

        Assert.Equal([("gebuehr", 2), ("gebuehr", 1)], list.Select(d => (d.DecisionId, d.Version)));
        Assert.All(list, d => Assert.Equal("Gebühr", d.Name));
        Assert.All(list, d => Assert.Equal(["fee"], d.CalledByProcesses));
        Assert.Equal((second.Id, "ben", "Gebühr erhöht"), (list[0].DeploymentId, list[0].DeployedBy, list[0].DeploymentComment));
        Assert.Equal(("anna", (string?)null), (list[1].DeployedBy, list[1].DeploymentComment));
        Assert.Equal(EngineHost.StartTime, list[0].DeployedAt);
        Assert.Equal(changed, await host.Engine.GetDecisionDefinitionXmlAsync(list[0].Id));
        Assert.Equal(dmn, await host.Engine.GetDecisionDefinitionXmlAsync(list[1].Id));
    }

    [Theory]
    [AllProviders]
    public async Task DecisionDefinitions_AreNotFound_ForAnotherTenant(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        await host.Engine.DeployAsync(new DeploymentRequest("gebuehr", [new DeploymentResource("gebuehr.dmn", Dmn("&gt; 100"))]));
        var id = (await host.Engine.ListDecisionDefinitionsAsync()).Single().Id;
        await using var other = host.CreateScope(Guid.CreateVersion7());
        var foreignEngine = other.ServiceProvider.GetRequiredService<IProcessEngine>();

        var foreignList = await foreignEngine.ListDecisionDefinitionsAsync();
        var error = await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => foreignEngine.GetDecisionDefinitionXmlAsync(id));

        Assert.Empty(foreignList);
        Assert.Equal($"Die Entscheidungsversion {id} gibt es nicht.", error.Message);
        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => host.Engine.GetDecisionDefinitionXmlAsync(Guid.CreateVersion7()));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesDecision_WhenAnInputEntryIsNoFeel_AndNamesItsRule(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var request = new DeploymentRequest("gebuehr", [new DeploymentResource("gebuehr.dmn", Dmn("&gt;&gt; 100"))]);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.Engine.DeployAsync(request));
        var checkedOnly = await host.Engine.ValidateDeploymentAsync(request);

        var problem = Assert.Single(error.Problems).Problem;
        Assert.Equal(("DMN-FEEL", "Rule_1"), (problem.Code, problem.ElementId));
        Assert.StartsWith("FEEL-Syntaxfehler in den Vergleichstests '>> 100'", problem.MessageGerman, StringComparison.Ordinal);
        Assert.True(problem.Line > 0);
        Assert.Contains(checkedOnly, p => p.Problem.Code == "DMN-FEEL" && p.Problem.ElementId == "Rule_1");
        Assert.Empty(await host.Engine.ListDecisionDefinitionsAsync());
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesDecision_WhenARuleIdIsUsedTwice(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var dmn = Dmn("&gt; 100").Replace("<rule id=\"Rule_2\">", "<rule id=\"Rule_1\">", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.Engine.DeployAsync(new DeploymentRequest("gebuehr", [new DeploymentResource("gebuehr.dmn", dmn)])));

        var problem = Assert.Single(error.Problems).Problem;
        Assert.Equal(("DMN-COMPILE", "Rule_1"), (problem.Code, problem.ElementId));
        Assert.Equal("Die Id 'Rule_1' wird zweimal verwendet.", problem.MessageGerman);
    }

    private static string Dmn(string firstEntry) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_Gebuehr" name="Gebühr" namespace="http://camunda.org/schema/1.0/dmn">
          <decision id="gebuehr" name="Gebühr">
            <decisionTable id="DecisionTable_1">
              <input id="Input_1" label="Betrag">
                <inputExpression id="InputExpression_1" typeRef="number"><text>betrag</text></inputExpression>
              </input>
              <output id="Output_1" name="gebuehr" typeRef="number" />
              <rule id="Rule_1">
                <inputEntry id="UnaryTests_1"><text>{firstEntry}</text></inputEntry>
                <outputEntry id="LiteralExpression_1"><text>50</text></outputEntry>
              </rule>
              <rule id="Rule_2">
                <inputEntry id="UnaryTests_2"><text>&lt;= 100</text></inputEntry>
                <outputEntry id="LiteralExpression_2"><text>20</text></outputEntry>
              </rule>
            </decisionTable>
          </decision>
        </definitions>
        """;
}
