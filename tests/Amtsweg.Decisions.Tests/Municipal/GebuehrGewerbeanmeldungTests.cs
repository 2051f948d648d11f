using Amtsweg.Decisions.Evaluation;
using Amtsweg.Feel;

namespace Amtsweg.Decisions.Tests.Municipal;

/// <summary>The trade registration fee (50 rules, 5 inputs, FIRST and COLLECT SUM) as a town hall would model it in dmn-js.</summary>
public class GebuehrGewerbeanmeldungTests
{
    private static readonly DmnModel Model =
        DmnEngine.Compile(DmnParser.ParseFile(Path.Combine(TestPaths.ModelsFolder, "gebuehr-gewerbeanmeldung.dmn")));

    private static DmnInputs Antrag(string art, string rechtsform, string gewerbeart, bool online, int betriebsstaetten) =>
        new DmnInputs()
            .Set("Anmeldeart", art)
            .Set("Rechtsform", rechtsform)
            .Set("Gewerbeart", gewerbeart)
            .Set("Online eingereicht", online)
            .Set("Anzahl Betriebsstaetten", betriebsstaetten);

    [Fact]
    public void Model_CompilesWithoutMessages()
    {
        Assert.Empty(Model.CompileMessages);
    }

    [Fact]
    public void Fee_ForOnlineCraftBusiness_IsBaseFeePlusCraftRegisterCheck()
    {
        var result = Model.Evaluate("Gebühr Gewerbeanmeldung", Antrag("Neuerrichtung", "Einzelunternehmen", "Handwerk", online: true, 1));

        Assert.Equal(FeelNumber.From(38), result.Value);
        Assert.Empty(result.Messages);
        var grund = result.Decisions.Single(d => d.Name == "Grundgebühr");
        var rule = Assert.Single(grund.MatchedRules);
        Assert.Equal(21, rule.RuleIndex);
        Assert.Equal(["Handwerk online"], rule.Annotations);
        var zuschlag = Assert.Single(result.Decisions.Single(d => d.Name == "Zuschläge").MatchedRules);
        Assert.Equal(["Abgleich Handwerksrolle"], zuschlag.Annotations);
    }

    [Fact]
    public void Fee_ForPaperGastronomyLimitedCompany_SumsAllSurcharges()
    {
        var result = Model.Evaluate("Gebühr Gewerbeanmeldung", Antrag("Neuerrichtung", "GmbH", "Gastronomie", online: false, 3));

        Assert.Equal(FeelNumber.From(164), result.Value);
        Assert.Equal(FeelNumber.From(95), result.Decisions.Single(d => d.Name == "Grundgebühr").Value);
        var zuschlaege = result.Decisions.Single(d => d.Name == "Zuschläge");
        Assert.Equal(FeelNumber.From(69), zuschlaege.Value);
        Assert.Equal([1, 4, 7, 9, 12, 24], zuschlaege.MatchedRules.Select(r => r.RuleIndex));
    }

    [Fact]
    public void Fee_ForOnlineDeregistration_HasNoSurcharge()
    {
        var result = Model.Evaluate("Gebühr Gewerbeanmeldung", Antrag("Abmeldung", "Einzelunternehmen", "Handel", online: true, 1));

        Assert.Equal(FeelNumber.From(10), result.Value);
        Assert.Empty(result.Decisions.Single(d => d.Name == "Zuschläge").MatchedRules);
    }

    [Fact]
    public void Fee_ForBusinessWithoutPremises_AppliesReduction()
    {
        var result = Model.Evaluate("Gebühr Gewerbeanmeldung", Antrag("Neuerrichtung", "Einzelunternehmen", "Dienstleistung", online: true, 0));

        Assert.Equal(FeelNumber.From(21), result.Value);
    }

    [Fact]
    public void Fee_ForUnknownApplicationKind_FallsBackToCatchAllRule()
    {
        var result = Model.Evaluate("Grundgebühr", Antrag("Sonstiges", "AG", "Handel", online: true, 1));

        Assert.Equal(FeelNumber.From(40), result.Value);
        Assert.Equal(25, Assert.Single(result.MatchedRules).RuleIndex);
    }

    [Fact]
    public void Explain_NamesEveryDecisionRuleInputAndAnnotation()
    {
        var result = Model.Evaluate("Gebühr Gewerbeanmeldung", Antrag("Neuerrichtung", "Einzelunternehmen", "Handwerk", online: true, 1));

        var text = result.Explain();

        Assert.Contains("Grundgebühr = 28", text, StringComparison.Ordinal);
        Assert.Contains("rule 21 (Grundgebuehr_table_r21)", text, StringComparison.Ordinal);
        Assert.Contains("Gewerbeart = \"Handwerk\" matches \"Handwerk\"", text, StringComparison.Ordinal);
        Assert.Contains("[Handwerk online]", text, StringComparison.Ordinal);
        Assert.EndsWith("Gebühr Gewerbeanmeldung = 38", text, StringComparison.Ordinal);
    }
}
