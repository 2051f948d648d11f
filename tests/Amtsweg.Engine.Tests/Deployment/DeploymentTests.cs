using Amtsweg.Bpmn.Validation;
using Amtsweg.Data.Providers;
using Amtsweg.Engine.Tests.Support;
using Amtsweg.Testing;

namespace Amtsweg.Engine.Tests.Deployment;

public sealed class DeploymentTests
{
    [Theory]
    [AllProviders]
    public async Task Deploy_AssignsNextVersionAndTag_WhenProcessIsDeployedAgain(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var first = await host.DeployAsync(typeof(DeploymentTests));
        var second = await host.DeployAsync(typeof(DeploymentTests));

        var v1 = Assert.Single(first.ProcessDefinitions);
        var v2 = Assert.Single(second.ProcessDefinitions);
        Assert.Equal(("antrag", 1, "2026-03"), (v1.ProcessId, v1.Version, v1.VersionTag));
        Assert.Equal(("antrag", 2, "2026-03"), (v2.ProcessId, v2.Version, v2.VersionTag));
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(v2.Id, (await host.StartAsync("antrag")).ProcessDefinitionId);
    }

    [Theory]
    [AllProviders]
    public async Task GetProcessDefinitionXml_ReturnsDeployedFile_WhenDefinitionExists(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var deployment = await host.DeployAsync(typeof(DeploymentTests));

        var xml = await host.Engine.GetProcessDefinitionXmlAsync(Assert.Single(deployment.ProcessDefinitions).Id);

        Assert.Equal(File.ReadAllText(Diagrams.Path(typeof(DeploymentTests), nameof(GetProcessDefinitionXml_ReturnsDeployedFile_WhenDefinitionExists))), xml);
        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => host.Engine.GetProcessDefinitionXmlAsync(Guid.CreateVersion7()));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_DeploysNothing_WhenOneFileIsInvalid(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var method = nameof(Deploy_DeploysNothing_WhenOneFileIsInvalid);
        var request = new DeploymentRequest("both", [Diagrams.Resource(typeof(DeploymentTests), method, "valid"), Diagrams.Resource(typeof(DeploymentTests), method, "invalid")]);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.Engine.DeployAsync(request));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(BpmnProblemCodes.GatewayFlowWithoutCondition, problem.Problem.Code);
        Assert.EndsWith(".invalid.bpmn", problem.Resource, StringComparison.Ordinal);
        Assert.Equal(0, await host.QueryAsync(db => db.ProcessDefinitions.Count() + db.Deployments.Count()));
        await Assert.ThrowsAsync<EngineObjectNotFoundException>(() => host.StartAsync("valid"));
    }

    [Theory]
    [AllProviders]
    public async Task ValidateDeployment_ReportsWhatDeployRefuses_AndWritesNothing(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var refused = new DeploymentRequest("constructs", [Diagrams.Resource(typeof(DeploymentTests), nameof(Deploy_RefusesWithElementsNamed_WhenEngineCannotRunConstructs))]);
        var valid = new DeploymentRequest("valid", [Diagrams.Resource(typeof(DeploymentTests), nameof(Deploy_DeploysNothing_WhenOneFileIsInvalid), "valid")]);

        var problems = await host.Engine.ValidateDeploymentAsync(refused);
        var validProblems = await host.Engine.ValidateDeploymentAsync(valid);
        var counted = await host.QueryAsync(db => db.ProcessDefinitions.Count() + db.Deployments.Count());
        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.Engine.DeployAsync(refused));

        // The same errors as the refused deployment (the engine's runtime checks, not the validator's alone), with element and German text.
        Assert.NotEmpty(error.Problems);
        Assert.Equal(
            error.Problems.Select(p => (p.Resource, p.Problem.Code, p.Problem.ElementId, p.Problem.MessageGerman)),
            problems.Where(p => p.Problem.Severity == BpmnProblemSeverity.Error).Select(p => (p.Resource, p.Problem.Code, p.Problem.ElementId, p.Problem.MessageGerman)));
        Assert.DoesNotContain(validProblems, p => p.Problem.Severity == BpmnProblemSeverity.Error);
        Assert.Equal(0, counted);
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_Fails_WhenXmlIsNotWellFormed(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.Engine.DeployAsync(new DeploymentRequest("broken", [new DeploymentResource("broken.bpmn", "<definitions")])));

        Assert.Equal("BPMN-XML", Assert.Single(error.Problems).Problem.Code);
    }

    [Theory]
    [AllProviders]
    public async Task Complete_StaysOnStartedVersion_WhenNewVersionIsDeployed(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var method = nameof(Complete_StaysOnStartedVersion_WhenNewVersionIsDeployed);
        await host.Engine.DeployAsync(new DeploymentRequest("v1", [Diagrams.Resource(typeof(DeploymentTests), method, "v1")]));
        var old = await host.StartAsync("antrag");
        await host.Engine.DeployAsync(new DeploymentRequest("v2", [Diagrams.Resource(typeof(DeploymentTests), method, "v2")]));
        var current = await host.StartAsync("antrag");

        await host.CompleteSingleTaskAsync(old.Id);
        await host.CompleteSingleTaskAsync(current.Id);

        Assert.Equal(["b"], (await host.GetAsync(old.Id)).ActiveElementIds);
        Assert.Equal(["c"], (await host.GetAsync(current.Id)).ActiveElementIds);
        Assert.NotEqual(old.ProcessDefinitionId, current.ProcessDefinitionId);
    }

    // Issue 10: DMN-COMPILE problems carried the English text as their German text too.
    [Theory]
    [AllProviders]
    public async Task Bug_DmnCompileProblemWasEnglishInGerman_WhenRequiredDecisionIsMissing(DatabaseProvider provider)
    {
        var error = await DeployDmnAsync(provider, """
            <decision id="gebuehr" name="Gebühr">
              <informationRequirement><requiredDecision href="#fehlt"/></informationRequirement>
              <literalExpression><text>1</text></literalExpression>
            </decision>
            """);

        var problem = Assert.Single(error.Problems).Problem;
        Assert.Equal(("DMN-COMPILE", "gebuehr"), (problem.Code, problem.ElementId));
        Assert.Equal("'Gebühr' benötigt '#fehlt', das weder im Modell noch in seinen Importen vorkommt.", problem.MessageGerman);
        Assert.Equal("'Gebühr' requires '#fehlt', which is not in the model or its imports.", problem.MessageEnglish);
    }

    // Issue 10: DMN-READ problems carried the English text (with position) as their German text too.
    [Theory]
    [AllProviders]
    public async Task Bug_DmnReadProblemWasEnglishInGerman_WhenHitPolicyIsUnknown(DatabaseProvider provider)
    {
        var error = await DeployDmnAsync(provider, """
            <decision id="gebuehr" name="Gebühr">
              <decisionTable id="table" hitPolicy="RANDOM">
                <input id="i1"><inputExpression id="ie1"><text>betrag</text></inputExpression></input>
                <output id="o1" name="gebuehr" />
              </decisionTable>
            </decision>
            """);

        var problem = Assert.Single(error.Problems).Problem;
        Assert.Equal(("DMN-READ", "table"), (problem.Code, problem.ElementId));
        Assert.Equal("Unbekannte Trefferrichtlinie 'RANDOM'.", problem.MessageGerman);
        Assert.Equal("Unknown hit policy 'RANDOM'.", problem.MessageEnglish);
        Assert.True(problem.Line > 0);
    }

    private static async Task<DeploymentFailedException> DeployDmnAsync(DatabaseProvider provider, string decisions)
    {
        await using var host = await EngineHost.StartAsync(provider);
        var dmn = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="Gebühr" namespace="http://camunda.org/schema/1.0/dmn">
            {decisions}
            </definitions>
            """;
        var bpmn = Diagrams.Resource(typeof(Execution.BusinessRuleTaskTests), nameof(Execution.BusinessRuleTaskTests.Start_SetsDecisionResult_WhenDecisionIsDeployed));

        return await Assert.ThrowsAsync<DeploymentFailedException>(() => host.Engine.DeployAsync(new DeploymentRequest("gebuehr", [bpmn, new DeploymentResource("gebuehr.dmn", dmn)])));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesWithElementsNamed_WhenEngineCannotRunConstructs(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(DeploymentTests)));

        Assert.All(error.Problems, p => Assert.Equal(BpmnProblemCodes.UnsupportedElement, p.Problem.Code));
        Assert.Equal(["changed", "errorStart", "twoDefinitions"], error.Problems.Select(p => p.Problem.ElementId).Order(StringComparer.Ordinal));
        var multiple = Assert.Single(error.Problems, p => p.Problem.ElementId == "twoDefinitions").Problem;
        Assert.Equal("Das Element 'twoDefinitions' ist ein Mehrfachereignis (mehrere Ereignisdefinitionen an einem Ereignis, auch „parallel mehrfach“), das Camunda 8 nicht unterstützt; das führt die Prozess-Engine nicht aus.", multiple.MessageGerman);
        Assert.Equal("The element 'twoDefinitions' is a multiple event (several event definitions on one event, also parallel multiple), which Camunda 8 does not support, which the process engine does not execute.", multiple.MessageEnglish);
        Assert.True(multiple.Line > 0);
        Assert.Equal("Das Element 'changed' ist ein bedingtes Ereignis ohne Bedingung; das führt die Prozess-Engine nicht aus.", Assert.Single(error.Problems, p => p.Problem.ElementId == "changed").Problem.MessageGerman);
        Assert.Equal(0, await host.QueryAsync(db => db.ProcessDefinitions.Count() + db.Deployments.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesWithElementsNamed_WhenErrorOrEscalationStartIsDirectlyInProcess(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(DeploymentTests)));

        Assert.All(error.Problems, p => Assert.Equal(BpmnProblemCodes.UnsupportedElement, p.Problem.Code));
        Assert.Equal(["errorStart", "escalationStart"], error.Problems.Select(p => p.Problem.ElementId).Order(StringComparer.Ordinal));
        Assert.Equal("Das Element 'errorStart' ist ein Startereignis dieser Art auf Prozessebene; das führt die Prozess-Engine nicht aus.", Assert.Single(error.Problems, p => p.Problem.ElementId == "errorStart").Problem.MessageGerman);
        Assert.Equal(0, await host.QueryAsync(db => db.ProcessDefinitions.Count() + db.Deployments.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesWithElementNamed_WhenStartEventInsideSubProcessHasTrigger(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(DeploymentTests)));

        var problem = Assert.Single(error.Problems).Problem;
        Assert.Equal((BpmnProblemCodes.UnsupportedElement, "timerStart"), (problem.Code, problem.ElementId));
        Assert.Equal("Das Element 'timerStart' ist ein Startereignis mit Auslöser in einem Teilprozess; das führt die Prozess-Engine nicht aus.", problem.MessageGerman);
        Assert.Equal(0, await host.QueryAsync(db => db.ProcessDefinitions.Count() + db.Deployments.Count() + db.Jobs.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesWithSubProcessNamed_WhenSubProcessHasNoNoneStartEvent(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(DeploymentTests)));

        // The task inside can never be reached either (BPMN103); the sub-process itself is named twice: the validator
        // misses a start event (BPMN111), the engine a none start event to begin with (BPMN101).
        Assert.Equal(
            [(BpmnProblemCodes.UnsupportedElement, "noStart"), (BpmnProblemCodes.MissingIncomingFlow, "a"), (BpmnProblemCodes.MissingStartEvent, "noStart")],
            error.Problems.Select(p => (p.Problem.Code, p.Problem.ElementId)).Order());
        var problem = Assert.Single(error.Problems, p => p.Problem.Code == BpmnProblemCodes.MissingStartEvent).Problem;
        Assert.Equal("'noStart' hat kein Startereignis und kann nicht gestartet werden.", problem.MessageGerman);
        Assert.True(problem.Line > 0);
        Assert.Equal(
            "Das Element 'noStart' ist ein Teilprozess ohne einfaches Startereignis; das führt die Prozess-Engine nicht aus.",
            Assert.Single(error.Problems, p => p.Problem.Code == BpmnProblemCodes.UnsupportedElement).Problem.MessageGerman);
        Assert.Equal(0, await host.QueryAsync(db => db.ProcessDefinitions.Count() + db.Deployments.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesWithElementNamed_WhenDefinitionsContainChoreography(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(DeploymentTests)));

        var problem = Assert.Single(error.Problems).Problem;
        Assert.Equal((BpmnProblemCodes.UnsupportedElement, "submit"), (problem.Code, problem.ElementId));
        Assert.Equal("Das Element 'choreographyTask' (submit) wird von der Prozess-Engine nicht ausgeführt.", problem.MessageGerman);
        Assert.True(problem.Line > 0);
        Assert.Equal(0, await host.QueryAsync(db => db.ProcessDefinitions.Count() + db.Deployments.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesWithElementsNamed_WhenCancelEventsAreUsed(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(DeploymentTests)));

        Assert.All(error.Problems, p => Assert.Equal(BpmnProblemCodes.UnsupportedElement, p.Problem.Code));
        Assert.Equal(["cancelEnd", "canceled"], error.Problems.Select(p => p.Problem.ElementId).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(0, await host.QueryAsync(db => db.ProcessDefinitions.Count() + db.Deployments.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesWithElementsNamed_WhenEventSubProcessHasNotExactlyOneStartEvent(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(DeploymentTests)));

        var problem = Assert.Single(error.Problems).Problem;
        Assert.Equal((BpmnProblemCodes.UnsupportedElement, "twoStarts"), (problem.Code, problem.ElementId));
        Assert.Equal("Das Element 'twoStarts' ist ein Ereignis-Teilprozess ohne genau ein Startereignis; das führt die Prozess-Engine nicht aus.", problem.MessageGerman);
        Assert.Equal(0, await host.QueryAsync(db => db.ProcessDefinitions.Count() + db.Deployments.Count() + db.Jobs.Count()));
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesWithElementsNamed_WhenCompensationHandlerOrEventBasedGatewayHasNoWayToRun(DatabaseProvider provider)
    {
        await using var host = await EngineHost.StartAsync(provider);

        var error = await Assert.ThrowsAsync<DeploymentFailedException>(() => host.DeployAsync(typeof(DeploymentTests)));

        Assert.All(error.Problems, p => Assert.Equal(BpmnProblemCodes.UnsupportedElement, p.Problem.Code));
        Assert.Equal(["gateway", "refund"], error.Problems.Select(p => p.Problem.ElementId).Order(StringComparer.Ordinal));
        Assert.Equal("Das Element 'refund' ist eine Kompensationsaktivität, der kein Kompensationsereignis zugeordnet ist; das führt die Prozess-Engine nicht aus.", Assert.Single(error.Problems, p => p.Problem.ElementId == "refund").Problem.MessageGerman);
        Assert.Equal("Das Element 'gateway' ist ein ereignisbasiertes Gateway, das nicht nur zu Zeit-, Nachrichten- oder Signalereignissen führt; das führt die Prozess-Engine nicht aus.", Assert.Single(error.Problems, p => p.Problem.ElementId == "gateway").Problem.MessageGerman);
        Assert.Equal(0, await host.QueryAsync(db => db.ProcessDefinitions.Count() + db.Deployments.Count()));
    }
}
