using Amtsweg.Decisions.Evaluation;
using Amtsweg.Feel;

namespace Amtsweg.Decisions.Tests.Evaluation;

public class DrgTests
{
    private const string Main = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="main" name="Main" namespace="urn:main">
          <import namespace="urn:lib" name="lib" importType="https://www.omg.org/spec/DMN/20230324/MODEL/"/>
          <inputData id="n" name="Number of rooms"><variable name="Number of rooms" typeRef="number"/></inputData>
          <decision id="base" name="Base fee">
            <variable name="Base fee" typeRef="number"/>
            <informationRequirement><requiredInput href="#n"/></informationRequirement>
            <knowledgeRequirement><requiredKnowledge href="urn:lib#rate"/></knowledgeRequirement>
            <literalExpression><text>lib.Room rate(Number of rooms)</text></literalExpression>
          </decision>
          <decision id="total" name="Total fee">
            <variable name="Total fee" typeRef="number"/>
            <informationRequirement><requiredDecision href="#base"/></informationRequirement>
            <informationRequirement><requiredDecision href="urn:lib#minimum"/></informationRequirement>
            <literalExpression><text>max(Base fee, lib.Minimum fee)</text></literalExpression>
          </decision>
          <decisionService id="svc" name="Fee service">
            <outputDecision href="#total"/>
            <encapsulatedDecision href="#base"/>
            <inputData href="#n"/>
          </decisionService>
          <decision id="viaService" name="Via service">
            <knowledgeRequirement><requiredKnowledge href="#svc"/></knowledgeRequirement>
            <literalExpression><text>Fee service(3)</text></literalExpression>
          </decision>
        </definitions>
        """;

    private const string Library = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="lib" name="Library" namespace="urn:lib">
          <businessKnowledgeModel id="rate" name="Room rate">
            <encapsulatedLogic><formalParameter name="rooms" typeRef="number"/><literalExpression><text>rooms * 12</text></literalExpression></encapsulatedLogic>
          </businessKnowledgeModel>
          <decision id="minimum" name="Minimum fee"><variable name="Minimum fee" typeRef="number"/><literalExpression><text>30</text></literalExpression></decision>
        </definitions>
        """;

    private static DmnModel Compile() => DmnEngine.Compile(DmnParser.ParseText(Main), [DmnParser.ParseText(Library)]);

    [Fact]
    public void Evaluate_EvaluatesRequirementsFirst_InDependencyOrder()
    {
        var result = Compile().Evaluate("Total fee", new DmnInputs().Set("Number of rooms", 5));

        Assert.Equal(FeelNumber.From(60), result.Value);
        Assert.Equal(["Base fee", "Minimum fee", "Total fee"], result.Decisions.Select(d => d.Name));
    }

    [Fact]
    public void Evaluate_ResolvesImportedKnowledgeAndDecisions_ByImportPrefix()
    {
        var result = Compile().Evaluate("total", new DmnInputs().Set("Number of rooms", 1));

        Assert.Equal(FeelNumber.From(30), result.Value);
        Assert.Contains(result.Decisions, d => d.Namespace == "urn:lib" && d.Name == "Minimum fee");
    }

    [Fact]
    public void EvaluateDecisionService_BindsInputDataFromInputs()
    {
        var result = Compile().EvaluateDecisionService("Fee service", new DmnInputs().Set("Number of rooms", 4));

        Assert.Equal(FeelNumber.From(48), result.Value);
    }

    [Fact]
    public void DecisionService_CanBeCalledAsFunction()
    {
        Assert.Equal(FeelNumber.From(36), Compile().Evaluate("Via service").Value);
    }

    [Fact]
    public void Compile_Fails_WhenImportIsMissing()
    {
        var ex = Assert.Throws<DmnModelException>(() => DmnEngine.Compile(DmnParser.ParseText(Main)));

        Assert.Contains("urn:lib", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_Throws_ForUnknownDecision()
    {
        Assert.Throws<ArgumentException>(() => Compile().Evaluate("No such decision"));
    }

    [Fact]
    public void StaticEvaluate_CompilesOnceAndEvaluates()
    {
        var definitions = DmnParser.ParseText(Library);

        var first = DmnEngine.Evaluate(definitions, "Minimum fee", []);
        var second = DmnEngine.Evaluate(definitions, "minimum", []);

        Assert.Equal(FeelNumber.From(30), first.Value);
        Assert.Equal(first.Value, second.Value);
    }

    [Fact]
    public void UndeclaredInputs_AreVisible_ForModelsWithoutInputData()
    {
        // dmn-js (Camunda 7 style) models often refer to process variables without declaring input data.
        var model = DmnEngine.Compile(DmnParser.ParseText("""
            <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="urn:d">
              <decision id="D" name="D"><literalExpression><text>amount * 2</text></literalExpression></decision>
            </definitions>
            """));

        Assert.Equal(FeelNumber.From(10), model.Evaluate("D", new DmnInputs().Set("amount", 5)).Value);
    }

    [Fact]
    public void Evaluate_ReportsCycle_InsteadOfLoopingForever()
    {
        var model = DmnEngine.Compile(DmnParser.ParseText("""
            <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="c" name="c" namespace="urn:c">
              <decision id="a" name="A">
                <informationRequirement><requiredDecision href="#b"/></informationRequirement>
                <literalExpression><text>B + 1</text></literalExpression>
              </decision>
              <decision id="b" name="B">
                <informationRequirement><requiredDecision href="#a"/></informationRequirement>
                <literalExpression><text>A + 1</text></literalExpression>
              </decision>
            </definitions>
            """));

        var result = model.Evaluate("A");

        Assert.True(result.Value.IsNull);
        Assert.Contains(result.Messages, m => m.Severity == DmnMessageSeverity.Error && m.Text.Contains("cycle", StringComparison.Ordinal));
    }
}
