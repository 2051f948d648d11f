using Amtsweg.Feel;
using static Amtsweg.Decisions.Tests.TestModels;

namespace Amtsweg.Decisions.Tests.Evaluation;

public class HitPolicyTests
{
    private const string Output = "<output id=\"o\" name=\"o\"/>";

    private static readonly string ThreeRules =
        Rule("r1", "&lt; 10", "\"small\"") + Rule("r2", "&lt; 100", "\"medium\"") + Rule("r3", "-", "\"any\"");

    [Fact]
    public void Unique_ReturnsTheOneMatchingRule()
    {
        var model = Table("UNIQUE", Output, Rule("r1", "&lt; 10", "\"small\"") + Rule("r2", "&gt;= 10", "\"large\""));

        var result = model.Evaluate("D", X(42));

        Assert.Equal(new FeelString("large"), result.Value);
        var rule = Assert.Single(result.MatchedRules);
        Assert.Equal("r2", rule.RuleId);
        Assert.Equal(2, rule.RuleIndex);
        Assert.Equal(">= 10", rule.Inputs[0].Entry);
        Assert.Equal(FeelNumber.From(42), rule.Inputs[0].Value);
    }

    [Fact]
    public void Unique_GivesNullAndError_WhenTwoRulesMatch()
    {
        var model = Table("UNIQUE", Output, ThreeRules);

        var result = model.Evaluate("D", X(5));

        Assert.True(result.Value.IsNull);
        Assert.True(result.HasErrors);
        Assert.Contains(result.Messages, m => m.Text.Contains("UNIQUE", StringComparison.Ordinal) && m.ElementId == "table");
    }

    [Fact]
    public void Unique_GivesNull_WhenNoRuleMatches()
    {
        var model = Table("UNIQUE", Output, Rule("r1", "&lt; 10", "\"small\""));

        var result = model.Evaluate("D", X(50));

        Assert.True(result.Value.IsNull);
        Assert.Empty(result.MatchedRules);
        Assert.False(result.HasErrors);
    }

    [Fact]
    public void First_ReturnsFirstMatchInRuleOrder()
    {
        var result = Table("FIRST", Output, ThreeRules).Evaluate("D", X(5));

        Assert.Equal(new FeelString("small"), result.Value);
        Assert.Equal("r1", Assert.Single(result.MatchedRules).RuleId);
    }

    [Fact]
    public void Any_ReturnsTheCommonOutput_WhenAllMatchesAgree()
    {
        var model = Table("ANY", Output, Rule("r1", "&lt; 10", "\"yes\"") + Rule("r2", "&lt; 20", "\"yes\"") + Rule("r3", "&gt; 100", "\"no\""));

        var result = model.Evaluate("D", X(5));

        Assert.Equal(new FeelString("yes"), result.Value);
        Assert.Equal(2, result.MatchedRules.Count);
    }

    [Fact]
    public void Any_GivesNullAndError_WhenMatchesDisagree()
    {
        var result = Table("ANY", Output, ThreeRules).Evaluate("D", X(5));

        Assert.True(result.Value.IsNull);
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void Priority_ReturnsTheOutputWithHighestOutputValuePriority()
    {
        var outputs = "<output id=\"o\" name=\"o\"><outputValues><text>\"high\",\"medium\",\"low\"</text></outputValues></output>";
        var model = Table("PRIORITY", outputs, Rule("r1", "&lt; 100", "\"low\"") + Rule("r2", "&lt; 10", "\"high\"") + Rule("r3", "-", "\"medium\""));

        var result = model.Evaluate("D", X(5));

        Assert.Equal(new FeelString("high"), result.Value);
        Assert.Equal("r2", Assert.Single(result.MatchedRules).RuleId);
    }

    [Fact]
    public void RuleOrder_ReturnsAllMatchesInRuleOrder()
    {
        var result = Table("RULE ORDER", Output, ThreeRules).Evaluate("D", X(5));

        Assert.Equal(FeelOf("[\"small\", \"medium\", \"any\"]"), result.Value);
        Assert.Equal(["r1", "r2", "r3"], result.MatchedRules.Select(r => r.RuleId));
    }

    [Fact]
    public void OutputOrder_SortsMatchesByOutputValuePriority()
    {
        var outputs = "<output id=\"o\" name=\"o\"><outputValues><text>\"any\",\"medium\",\"small\"</text></outputValues></output>";

        var result = Table("OUTPUT ORDER", outputs, ThreeRules).Evaluate("D", X(5));

        Assert.Equal(FeelOf("[\"any\", \"medium\", \"small\"]"), result.Value);
    }

    [Fact]
    public void Collect_ReturnsAllOutputs_WithoutAggregation()
    {
        var rules = Rule("r1", "&lt; 10", "1") + Rule("r2", "&lt; 100", "2") + Rule("r3", "-", "4");

        var result = Table("COLLECT", Output, rules).Evaluate("D", X(5));

        Assert.Equal(FeelOf("[1, 2, 4]"), result.Value);
    }

    [Theory]
    [InlineData("SUM", "7")]
    [InlineData("COUNT", "3")]
    [InlineData("MIN", "1")]
    [InlineData("MAX", "4")]
    public void Collect_Aggregates(string aggregation, string expected)
    {
        var rules = Rule("r1", "&lt; 10", "1") + Rule("r2", "&lt; 100", "2") + Rule("r3", "-", "4") + Rule("r4", "&gt; 1000", "100");

        var result = Table("COLLECT", Output, rules, aggregation).Evaluate("D", X(5));

        Assert.Equal(FeelOf(expected), result.Value);
        Assert.Equal(3, result.MatchedRules.Count);
    }

    [Fact]
    public void CollectCount_IsZero_WhenNoRuleMatches()
    {
        var result = Table("COLLECT", Output, Rule("r1", "&gt; 1000", "1"), "COUNT").Evaluate("D", X(5));

        Assert.Equal(FeelNumber.Zero, result.Value);
    }

    [Theory]
    [InlineData("COLLECT", null, "[]")]
    [InlineData("COLLECT", "SUM", "null")]
    [InlineData("COLLECT", "MAX", "null")]
    [InlineData("RULE ORDER", null, "null")]
    [InlineData("FIRST", null, "null")]
    public void NoMatch_GivesEmptyCollectionOrNull(string hitPolicy, string? aggregation, string expected)
    {
        var result = Table(hitPolicy, Output, Rule("r1", "&gt; 1000", "1"), aggregation).Evaluate("D", X(5));

        Assert.Equal(FeelOf(expected), result.Value);
    }

    [Fact]
    public void MultipleOutputs_GiveAContextPerRule()
    {
        var outputs = "<output id=\"o1\" name=\"size\"/><output id=\"o2\" name=\"fee\"/>";

        var result = Table("UNIQUE", outputs, Rule("r1", "&lt; 10", "\"small\"", "5") + Rule("r2", "&gt;= 10", "\"large\"", "50")).Evaluate("D", X(3));

        Assert.Equal(FeelOf("{size: \"small\", fee: 5}"), result.Value);
        Assert.Equal(["size", "fee"], result.MatchedRules[0].Outputs.Select(o => o.Key));
    }

    [Fact]
    public void DefaultOutputEntry_IsUsed_WhenNoRuleMatches()
    {
        var outputs = "<output id=\"o\" name=\"o\"><defaultOutputEntry><text>\"fallback\"</text></defaultOutputEntry></output>";

        var result = Table("UNIQUE", outputs, Rule("r1", "&lt; 10", "\"small\"")).Evaluate("D", X(50));

        Assert.Equal(new FeelString("fallback"), result.Value);
    }

    [Fact]
    public void InputValues_ViolationGivesNullAndError()
    {
        var model = Compile("""
            <inputData id="x" name="x"/>
            <decision id="D" name="D">
              <informationRequirement><requiredInput href="#x"/></informationRequirement>
              <decisionTable id="table">
                <input id="in"><inputExpression><text>x</text></inputExpression><inputValues><text>"a","b"</text></inputValues></input>
                <output id="o"/>
                <rule id="r1"><inputEntry><text>-</text></inputEntry><outputEntry><text>1</text></outputEntry></rule>
              </decisionTable>
            </decision>
            """);

        var result = model.Evaluate("D", new Decisions.Evaluation.DmnInputs().Set("x", "c"));

        Assert.True(result.Value.IsNull);
        Assert.Contains(result.Messages, m => m.Text.Contains("input values", StringComparison.Ordinal));
    }

    [Fact]
    public void OutputValues_ViolationGivesNullAndError()
    {
        var outputs = "<output id=\"o\" name=\"o\"><outputValues><text>\"a\",\"b\"</text></outputValues></output>";

        var result = Table("UNIQUE", outputs, Rule("r1", "-", "\"c\"")).Evaluate("D", X(1));

        Assert.True(result.Value.IsNull);
        Assert.Contains(result.Messages, m => m.Text.Contains("output values", StringComparison.Ordinal) && m.ElementId == "r1");
    }
}
