using Amtsweg.Decisions.Evaluation;
using Amtsweg.Feel;

namespace Amtsweg.Decisions.Tests;

/// <summary>Builds small DMN 1.5 models for engine tests, one per test.</summary>
internal static class TestModels
{
    public static DmnModel Compile(string body)
    {
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="defs" name="Test" namespace="urn:test">
            {body}
            </definitions>
            """;
        return DmnEngine.Compile(DmnParser.ParseText(xml));
    }

    /// <summary>A decision "D" over input data "x" (number) whose logic is the given decision table.</summary>
    public static DmnModel Table(string hitPolicy, string outputs, string rules, string? aggregation = null, string inputType = "number")
    {
        var aggregationAttribute = aggregation is null ? "" : $" aggregation=\"{aggregation}\"";
        return Compile($"""
            <inputData id="x" name="x"><variable name="x" typeRef="{inputType}"/></inputData>
            <decision id="D" name="D">
              <variable name="D"/>
              <informationRequirement><requiredInput href="#x"/></informationRequirement>
              <decisionTable id="table" hitPolicy="{hitPolicy}"{aggregationAttribute}>
                <input id="in"><inputExpression><text>x</text></inputExpression></input>
                {outputs}
                {rules}
              </decisionTable>
            </decision>
            """);
    }

    public static string Rule(string id, string input, params string[] outputs) =>
        $"<rule id=\"{id}\"><inputEntry><text>{input}</text></inputEntry>"
        + string.Concat(outputs.Select(o => $"<outputEntry><text>{o}</text></outputEntry>"))
        + "</rule>";

    public static DmnInputs X(FeelValue value) => new DmnInputs().Set("x", value);

    public static FeelValue FeelOf(string expression) => FeelParser.Evaluate(expression).Value;
}
