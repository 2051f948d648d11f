using Amtsweg.Library.Packages;

namespace Amtsweg.Library.Tests;

/// <summary><c>package test</c> writes the package's letters as the server's letter task would and checks the expected ones.</summary>
public sealed class ScenarioLettersTests
{
    private const string Scenario = "szenarien/1-standardsteuer.json";
    private const string Variables = "\"variables\": { \"steuer\": 90, \"stufe\": \"niedrig\" }";

    [Fact]
    public async Task Test_Passes_WhenTheLetterContainsTheKeyPhrases()
    {
        using var package = new TestPackage();
        package.Replace(Scenario, Variables, Variables + """
            , "letters": [ { "template": "steuerbescheid", "contains": ["Hundesteuer auf 90 Euro im Jahr", "Guten Tag Erika Mustermann,"] } ]
            """);

        var test = await PackageTester.TestAsync(package.Path);

        Assert.True(test.Passed, string.Join("\n", test.Lines()));
    }

    [Fact]
    public async Task Test_NamesThePhrase_WhenTheLetterLacksIt()
    {
        using var package = new TestPackage();
        package.Replace(Scenario, Variables, Variables + """
            , "letters": [ { "template": "steuerbescheid", "contains": ["Hundesteuer auf 120 Euro im Jahr"] } ]
            """);

        var test = await PackageTester.TestAsync(package.Path);

        Assert.Equal("nicht bestanden  Ein Hund zum Standardsatz: Erwartet: Brief 'Hundesteuerbescheid' enthält „Hundesteuer auf 120 Euro im Jahr“, tatsächlich: nicht enthalten.", test.Lines()[0]);
    }

    [Fact]
    public async Task Test_SaysTheLetterWasNotWritten_WhenAnotherTemplateIsExpected()
    {
        using var package = new TestPackage();
        package.Replace(Scenario, Variables, Variables + """
            , "letters": [ { "template": "ablehnung" } ]
            """);

        var test = await PackageTester.TestAsync(package.Path);

        Assert.Equal("nicht bestanden  Ein Hund zum Standardsatz: Erwartet: Brief aus der Vorlage 'ablehnung', tatsächlich: nicht geschrieben.", test.Lines()[0]);
    }

    [Fact]
    public async Task Test_StopsWithTheServersIncident_WhenALetterFieldHasNoValue()
    {
        using var package = new TestPackage();
        package.Replace("prozesse/anmeldung.bpmn", "target=\"steuer\" />", "target=\"betrag\" />");
        package.Replace(Scenario, Variables, "\"variables\": { \"betrag\": 90 }");

        var test = await PackageTester.TestAsync(package.Path);

        Assert.StartsWith("nicht bestanden  Ein Hund zum Standardsatz: ", test.Lines()[0], StringComparison.Ordinal);
        Assert.Contains(
            "Störung bei 'Steuerbescheid schreiben' (Das Schreiben „Hundesteuerbescheid“ kann nicht erzeugt werden: Für „Steuer im Jahr“ fehlt der Wert. Setzen Sie die Prozessvariable „steuer“.)",
            test.Lines()[0],
            StringComparison.Ordinal);
    }
}
