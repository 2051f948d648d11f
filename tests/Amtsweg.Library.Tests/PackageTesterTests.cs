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
}
