using Amtsweg.Decisions.Evaluation;
using Amtsweg.Feel;

namespace Amtsweg.Decisions.Tests.Evaluation;

/// <summary>Models as dmn-js (Camunda 7 flavour) writes them, and use from several threads.</summary>
public class ModelCompatibilityTests
{
    private static readonly DmnModel CamundaModel = DmnEngine.Compile(DmnParser.ParseText("""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="dish" name="Dish" namespace="http://camunda.org/schema/1.0/dmn">
          <decision id="dish" name="Dish">
            <decisionTable id="table" hitPolicy="FIRST">
              <input id="season" label="Season" camunda:inputVariable="season">
                <inputExpression id="e1" typeRef="string"><text>season</text></inputExpression>
              </input>
              <input id="guests" label="Guests">
                <inputExpression id="e2" typeRef="integer"><text>guestCount</text></inputExpression>
              </input>
              <output id="o1" name="dish" typeRef="string"/>
              <output id="o2" name="note" typeRef="string"/>
              <rule id="r1">
                <inputEntry id="r1i1"><text>"Winter"</text></inputEntry>
                <inputEntry id="r1i2"><text>&lt;= 8</text></inputEntry>
                <outputEntry id="r1o1"><text>"Roastbeef"</text></outputEntry>
                <outputEntry id="r1o2"><text></text></outputEntry>
              </rule>
              <rule id="r2">
                <inputEntry id="r2i1"><text></text></inputEntry>
                <inputEntry id="r2i2"><text></text></inputEntry>
                <outputEntry id="r2o1"><text>"Stew"</text></outputEntry>
                <outputEntry id="r2o2"><text>"default"</text></outputEntry>
              </rule>
            </decisionTable>
          </decision>
        </definitions>
        """));

    [Fact]
    public void CamundaModel_CompilesWithoutMessages_IncludingJavaLikeTypeNames()
    {
        Assert.Empty(CamundaModel.CompileMessages);
    }

    [Fact]
    public void CamundaModel_ReadsUndeclaredInputs_AndEmptyCellsAreNullOrAny()
    {
        var result = CamundaModel.Evaluate("dish", new DmnInputs().Set("season", "Winter").Set("guestCount", 4));

        Assert.Equal(FeelContext.Of(("dish", "Roastbeef"), ("note", FeelValue.Null)), result.Value);
        Assert.Empty(result.Messages);
    }

    [Fact]
    public void CompiledModel_GivesSameResults_FromManyThreads()
    {
        var model = DmnEngine.Compile(DmnParser.ParseFile(Path.Combine(TestPaths.ModelsFolder, "gebuehr-gewerbeanmeldung.dmn")));
        var inputs = new DmnInputs()
            .Set("Anmeldeart", "Neuerrichtung")
            .Set("Rechtsform", "GmbH")
            .Set("Gewerbeart", "Gastronomie")
            .Set("Online eingereicht", false)
            .Set("Anzahl Betriebsstaetten", 3);

        var results = Enumerable.Range(0, 8)
            .AsParallel()
            .Select(_ => Enumerable.Range(0, 50).Select(_ => model.Evaluate("Gebühr Gewerbeanmeldung", inputs).Value).ToList())
            .SelectMany(r => r)
            .ToList();

        Assert.All(results, v => Assert.Equal(FeelNumber.From(164), v));
    }

    [Fact]
    public void Inputs_ForImportedModel_AreQualifiedByNamespace()
    {
        var imported = DmnParser.ParseText("""
            <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="a" name="A" namespace="urn:a">
              <inputData id="name" name="Person name"><variable name="Person name" typeRef="string"/></inputData>
              <decision id="greet" name="Greeting">
                <informationRequirement><requiredInput href="#name"/></informationRequirement>
                <literalExpression><text>"Hello " + Person name</text></literalExpression>
              </decision>
            </definitions>
            """);
        var main = DmnParser.ParseText("""
            <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="m" name="M" namespace="urn:m">
              <import namespace="urn:a" name="Model A" importType="https://www.omg.org/spec/DMN/20230324/MODEL/"/>
              <decision id="d" name="Shout">
                <informationRequirement><requiredDecision href="urn:a#greet"/></informationRequirement>
                <literalExpression><text>upper case(Model A.Greeting)</text></literalExpression>
              </decision>
            </definitions>
            """);
        var model = DmnEngine.Compile(main, [imported]);

        var result = model.Evaluate("Shout", new DmnInputs().Set("urn:a", "Person name", "Ada"));

        Assert.Equal(new FeelString("HELLO ADA"), result.Value);
    }
}
