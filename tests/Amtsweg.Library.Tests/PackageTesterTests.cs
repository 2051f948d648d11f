using Amtsweg.Library.Packages;

namespace Amtsweg.Library.Tests;

/// <summary><c>package test</c>: validation first, then every scenario with the parameter defaults merged with the scenario's own values.</summary>
public sealed class PackageTesterTests
{
    [Fact]
    public async Task Test_PassesEveryScenario_WithDefaultsAndOverride()
    {
        using var package = new TestPackage();

        var test = await PackageTester.TestAsync(package.Path);

        Assert.True(test.Passed, string.Join("\n", test.Lines()));
        Assert.Equal(["bestanden  Ein Hund zum Standardsatz", "bestanden  Zwei Hunde zum Satz der Gemeinde", "scenarios passed 2 of 2"], test.Lines());
    }

    [Fact]
    public async Task Test_UsesParameterDefault_WhenScenarioGivesNoValue()
    {
        using var package = new TestPackage();
        package.Manifest(m => m["parameters"]![0]!["default"] = 100);

        var test = await PackageTester.TestAsync(package.Path);

        Assert.False(test.Passed);
        Assert.Equal(
            [
                "nicht bestanden  Ein Hund zum Standardsatz: Erwartet: Variable 'steuer' = 90, tatsächlich: 100.",
                "bestanden  Zwei Hunde zum Satz der Gemeinde",
                "scenarios passed 1 of 2",
            ],
            test.Lines());
    }

    [Fact]
    public async Task Test_ScenarioValueWins_OverDefault()
    {
        using var package = new TestPackage();
        package.Replace("szenarien/2-eigener-steuersatz.json", "{ \"steuerErsterHund\": 120 }", "{ \"steuerErsterHund\": 60 }");

        var test = await PackageTester.TestAsync(package.Path);

        var line = test.Lines()[1];
        Assert.StartsWith("nicht bestanden  Zwei Hunde zum Satz der Gemeinde: ", line, StringComparison.Ordinal);
        Assert.Contains("Erwartet: Variable 'steuer' = 240, tatsächlich: 120.", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_UsesDurationParameter_InTimer()
    {
        using var package = new TestPackage();
        package.Manifest(m => m["parameters"]![1]!["default"] = "P30D");

        var test = await PackageTester.TestAsync(package.Path);

        Assert.StartsWith("nicht bestanden  Ein Hund zum Standardsatz: Erwartet: Ende 'Hund angemeldet', tatsächlich: wartet bei 'Widerspruchsfrist abgelaufen'.", test.Lines()[0], StringComparison.Ordinal);
        // The second scenario expects the merged context with the old default beside its own value.
        Assert.StartsWith("nicht bestanden  Zwei Hunde zum Satz der Gemeinde: Erwartet: Variable 'parameter' = ", test.Lines()[1], StringComparison.Ordinal);
        Assert.Contains("\"widerspruchsfrist\":\"P30D\"", test.Lines()[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_StopsWithProblems_WhenPackageIsInvalid()
    {
        using var package = new TestPackage();
        package.Delete("doku/so-laeuft-der-vorgang.md");

        var test = await PackageTester.TestAsync(package.Path);

        Assert.Null(test.Suite);
        Assert.False(test.Passed);
        Assert.Equal(["doku/so-laeuft-der-vorgang.md: Die Dokumentation „So läuft der Vorgang“ fehlt.", "1 problems"], test.Lines());
    }

    [Fact]
    public async Task Test_RunsMainModelWithCalledModelBeside_WhenScenarioNamesNoProcess()
    {
        using var package = new TestPackage();
        const string model = "prozesse/anmeldung.bpmn";
        package.Replace(model, "<bpmn:sequenceFlow id=\"f4\" sourceRef=\"bescheid\" targetRef=\"frist\" />", """
            <bpmn:sequenceFlow id="f4" sourceRef="bescheid" targetRef="kopie" />
            <bpmn:callActivity id="kopie" name="Kopie an die Kasse"><bpmn:extensionElements><zeebe:calledElement processId="kassenkopie" propagateAllChildVariables="false" /></bpmn:extensionElements><bpmn:incoming>f4</bpmn:incoming><bpmn:outgoing>f4b</bpmn:outgoing></bpmn:callActivity>
            <bpmn:sequenceFlow id="f4b" sourceRef="kopie" targetRef="frist" />
            """);
        package.Replace(model, "<bpmn:incoming>f4</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing>", "<bpmn:incoming>f4b</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing>");
        package.Write("prozesse/kassenkopie.bpmn", """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_Kasse" targetNamespace="http://bpmn.io/schema/bpmn">
              <bpmn:process id="kassenkopie" name="Kopie an die Kasse" isExecutable="true">
                <bpmn:startEvent id="k_start"><bpmn:outgoing>k1</bpmn:outgoing></bpmn:startEvent>
                <bpmn:serviceTask id="k_melden" name="Der Kasse melden">
                  <bpmn:extensionElements>
                    <zeebe:taskDefinition type="musterstadt:kasse-melden" />
                  </bpmn:extensionElements>
                  <bpmn:incoming>k1</bpmn:incoming><bpmn:outgoing>k2</bpmn:outgoing>
                </bpmn:serviceTask>
                <bpmn:endEvent id="k_ende"><bpmn:incoming>k2</bpmn:incoming></bpmn:endEvent>
                <bpmn:sequenceFlow id="k1" sourceRef="k_start" targetRef="k_melden" />
                <bpmn:sequenceFlow id="k2" sourceRef="k_melden" targetRef="k_ende" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        package.Manifest(m => m["jobTypes"]!.AsArray().Add("musterstadt:kasse-melden"));

        var test = await PackageTester.TestAsync(package.Path);

        Assert.True(test.Passed, string.Join("\n", test.Lines()));
        // The call activity completes only when the called process ended, past its service task of a job type only it uses.
        Assert.Contains(test.Suite!.Results[0].Run.Trace, step => step is { ElementId: "kopie", Transition: "completed" });
    }

    [Fact]
    public async Task Validate_AsksForProcessId_WhenPackageHasTwoIndependentModels()
    {
        using var package = new TestPackage();
        package.Write("prozesse/zweites.bpmn", package.Read("prozesse/anmeldung.bpmn").Replace("id=\"hundeanmeldung\"", "id=\"hundeabmeldung\"", StringComparison.Ordinal));

        var test = await PackageTester.TestAsync(package.Path);

        Assert.Null(test.Suite);
        Assert.Contains("szenarien/1-standardsteuer.json: processId: Das Paket hat mehrere Modelle, die kein anderes aufruft: Das Szenario muss mit \"processId\" sagen, welcher Prozess startet.", test.Lines());
    }
}
