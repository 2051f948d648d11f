using Amtsweg.Decisions.Evaluation;
using Amtsweg.Feel;
using static Amtsweg.Decisions.Tests.TestModels;

namespace Amtsweg.Decisions.Tests.Evaluation;

public class BoxedExpressionTests
{
    private static DecisionResult Decide(string expression, DmnInputs? inputs = null) =>
        Compile($"""<decision id="D" name="D"><variable name="D"/>{expression}</decision>""").Evaluate("D", inputs);

    [Fact]
    public void Context_EntriesSeeEarlierEntries_AndResultEntryIsTheValue()
    {
        var result = Decide("""
            <context>
              <contextEntry><variable name="base fee"/><literalExpression><text>20</text></literalExpression></contextEntry>
              <contextEntry><variable name="surcharge"/><literalExpression><text>base fee * 0.5</text></literalExpression></contextEntry>
              <contextEntry><literalExpression><text>base fee + surcharge</text></literalExpression></contextEntry>
            </context>
            """);

        Assert.Equal(FeelNumber.From(30), result.Value);
    }

    [Fact]
    public void Context_WithoutResultEntry_IsAContext()
    {
        var result = Decide("""
            <context>
              <contextEntry><variable name="a"/><literalExpression><text>1</text></literalExpression></contextEntry>
              <contextEntry><variable name="b"/><literalExpression><text>a + 1</text></literalExpression></contextEntry>
            </context>
            """);

        Assert.Equal(FeelOf("{a: 1, b: 2}"), result.Value);
    }

    [Fact]
    public void Invocation_CallsBusinessKnowledgeModel_WithNamedBindings()
    {
        var model = Compile("""
            <businessKnowledgeModel id="bkm" name="Fee for">
              <encapsulatedLogic><formalParameter name="area" typeRef="number"/><formalParameter name="rate" typeRef="number"/>
                <literalExpression><text>area * rate</text></literalExpression></encapsulatedLogic>
            </businessKnowledgeModel>
            <decision id="D" name="D">
              <knowledgeRequirement><requiredKnowledge href="#bkm"/></knowledgeRequirement>
              <invocation>
                <literalExpression><text>Fee for</text></literalExpression>
                <binding><parameter name="rate"/><literalExpression><text>2.5</text></literalExpression></binding>
                <binding><parameter name="area"/><literalExpression><text>10</text></literalExpression></binding>
              </invocation>
            </decision>
            """);

        Assert.Equal(FeelNumber.Parse("25"), model.Evaluate("D").Value);
    }

    [Fact]
    public void LiteralExpression_CallsBusinessKnowledgeModel_ByName()
    {
        var model = Compile("""
            <businessKnowledgeModel id="bkm" name="Double it">
              <encapsulatedLogic><formalParameter name="n"/><literalExpression><text>n * 2</text></literalExpression></encapsulatedLogic>
            </businessKnowledgeModel>
            <decision id="D" name="D">
              <knowledgeRequirement><requiredKnowledge href="#bkm"/></knowledgeRequirement>
              <literalExpression><text>Double it(21)</text></literalExpression>
            </decision>
            """);

        Assert.Equal(FeelNumber.From(42), model.Evaluate("D").Value);
    }

    [Fact]
    public void Relation_IsAListOfContexts()
    {
        var result = Decide("""
            <relation>
              <column name="name"/><column name="fee"/>
              <row><literalExpression><text>"A"</text></literalExpression><literalExpression><text>1</text></literalExpression></row>
              <row><literalExpression><text>"B"</text></literalExpression><literalExpression><text>2</text></literalExpression></row>
            </relation>
            """);

        Assert.Equal(FeelOf("[{name: \"A\", fee: 1}, {name: \"B\", fee: 2}]"), result.Value);
    }

    [Fact]
    public void List_IsTheListOfItemValues()
    {
        var result = Decide("""
            <list><literalExpression><text>1 + 1</text></literalExpression><literalExpression><text>"x"</text></literalExpression></list>
            """);

        Assert.Equal(FeelOf("[2, \"x\"]"), result.Value);
    }

    [Theory]
    [InlineData("true", "\"then\"")]
    [InlineData("false", "\"else\"")]
    [InlineData("null", "\"else\"")]
    [InlineData("\"not a boolean\"", "null")]
    public void Conditional_ChoosesBranch(string condition, string expected)
    {
        var result = Decide($"""
            <conditional>
              <if><literalExpression><text>{condition}</text></literalExpression></if>
              <then><literalExpression><text>"then"</text></literalExpression></then>
              <else><literalExpression><text>"else"</text></literalExpression></else>
            </conditional>
            """);

        Assert.Equal(FeelOf(expected), result.Value);
    }

    [Fact]
    public void Filter_KeepsItemsMatchingCondition()
    {
        var result = Decide("""
            <filter>
              <in><literalExpression><text>[{a: 1}, {a: 5}, {a: 7}]</text></literalExpression></in>
              <match><literalExpression><text>item.a &gt; 2</text></literalExpression></match>
            </filter>
            """);

        Assert.Equal(FeelOf("[{a: 5}, {a: 7}]"), result.Value);
    }

    [Fact]
    public void For_MapsEveryItem()
    {
        var result = Decide("""
            <for iteratorVariable="n">
              <in><literalExpression><text>[1, 2, 3]</text></literalExpression></in>
              <return><literalExpression><text>n * n</text></literalExpression></return>
            </for>
            """);

        Assert.Equal(FeelOf("[1, 4, 9]"), result.Value);
    }

    [Theory]
    [InlineData("some", "n &gt; 2", true)]
    [InlineData("some", "n &gt; 5", false)]
    [InlineData("every", "n &gt; 0", true)]
    [InlineData("every", "n &gt; 1", false)]
    public void SomeAndEvery_TestItems(string kind, string condition, bool expected)
    {
        var result = Decide($"""
            <{kind} iteratorVariable="n">
              <in><literalExpression><text>[1, 2, 3]</text></literalExpression></in>
              <satisfies><literalExpression><text>{condition}</text></literalExpression></satisfies>
            </{kind}>
            """);

        Assert.Equal(FeelBoolean.Of(expected), result.Value);
    }

    [Fact]
    public void FunctionDefinition_InContext_CanBeCalledByLaterEntries()
    {
        var result = Decide("""
            <context>
              <contextEntry><variable name="fee"/>
                <functionDefinition><formalParameter name="n" typeRef="number"/><literalExpression><text>n * 3</text></literalExpression></functionDefinition>
              </contextEntry>
              <contextEntry><literalExpression><text>fee(4)</text></literalExpression></contextEntry>
            </context>
            """);

        Assert.Equal(FeelNumber.From(12), result.Value);
    }

    [Fact]
    public void JavaFunction_IsReportedAsUnsupported()
    {
        var model = Compile("""
            <decision id="D" name="D">
              <context>
                <contextEntry><variable name="max"/>
                  <functionDefinition kind="Java"><formalParameter name="a"/><formalParameter name="b"/>
                    <context>
                      <contextEntry><variable name="class"/><literalExpression><text>"java.lang.Math"</text></literalExpression></contextEntry>
                      <contextEntry><variable name="method signature"/><literalExpression><text>"max(int,int)"</text></literalExpression></contextEntry>
                    </context>
                  </functionDefinition>
                </contextEntry>
                <contextEntry><literalExpression><text>max(1, 2)</text></literalExpression></contextEntry>
              </context>
            </decision>
            """);

        var result = model.Evaluate("D");

        Assert.True(result.Value.IsNull);
        Assert.Contains(model.CompileMessages, m => m.Text.Contains("Java", StringComparison.Ordinal));
        Assert.Contains(result.Messages, m => m.Severity == DmnMessageSeverity.Error && m.Text.Contains("Java", StringComparison.Ordinal));
    }

    [Fact]
    public void SyntaxError_GivesNullAndErrorWithElementId()
    {
        var model = Compile("""<decision id="D" name="D"><literalExpression id="broken"><text>1 +* 2</text></literalExpression></decision>""");

        var result = model.Evaluate("D");

        Assert.True(result.Value.IsNull);
        Assert.Contains(model.CompileMessages, m => m.ElementId == "broken");
        Assert.Contains(result.Messages, m => m.ElementId == "broken" && m.Severity == DmnMessageSeverity.Error);
    }
}
