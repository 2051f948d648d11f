using Amtsweg.Decisions.Evaluation;
using static Amtsweg.Decisions.Tests.TestModels;

namespace Amtsweg.Decisions.Tests.Hostile;

public class RecursionTests
{
    [Fact]
    public void EndlessBkmRecursion_StopsWithClearError()
    {
        var model = Compile("""
            <businessKnowledgeModel id="loop" name="Loop">
              <encapsulatedLogic><formalParameter name="n"/><literalExpression><text>Loop(n + 1)</text></literalExpression></encapsulatedLogic>
            </businessKnowledgeModel>
            <decision id="D" name="D">
              <knowledgeRequirement><requiredKnowledge href="#loop"/></knowledgeRequirement>
              <literalExpression><text>Loop(0)</text></literalExpression>
            </decision>
            """);

        var result = model.Evaluate("D");

        Assert.True(result.Value.IsNull);
        Assert.Contains(result.Messages, m => m.Severity == DmnMessageSeverity.Error && m.Text.Contains("recursion", StringComparison.Ordinal));
    }

    [Fact]
    public void EndlessRecursion_InBoxedFunction_StopsWithClearError()
    {
        var model = Compile("""
            <decision id="D" name="D">
              <context>
                <contextEntry><variable name="f"/>
                  <functionDefinition><formalParameter name="n"/><literalExpression><text>f(n) + 1</text></literalExpression></functionDefinition>
                </contextEntry>
                <contextEntry><literalExpression><text>f(1)</text></literalExpression></contextEntry>
              </context>
            </decision>
            """);

        var result = model.Evaluate("D");

        Assert.True(result.Value.IsNull);
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void EndlessRecursion_InFeelFunction_StopsWithError()
    {
        var model = Compile("""
            <decision id="D" name="D">
              <literalExpression><text>{ f: function(n) f(n + 1), r: f(0) }.r</text></literalExpression>
            </decision>
            """);

        var result = model.Evaluate("D");

        Assert.True(result.Value.IsNull);
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void DeeplyNestedFeelContext_GivesCleanError()
    {
        var text = string.Concat(Enumerable.Repeat("{a: ", 10_000)) + "1" + new string('}', 10_000);
        var model = Compile($"""<decision id="D" name="D"><literalExpression id="deep"><text>{text}</text></literalExpression></decision>""");

        var result = model.Evaluate("D");

        Assert.True(result.Value.IsNull);
        Assert.Contains(result.Messages, m => m.ElementId == "deep" && m.Severity == DmnMessageSeverity.Error);
    }

    [Fact]
    public void ItemDefinitionsBasedOnEachOther_AreRejectedAtCompileTime()
    {
        var ex = Assert.Throws<DmnModelException>(() => Compile("""
            <itemDefinition id="ta" name="tA"><typeRef>tB</typeRef></itemDefinition>
            <itemDefinition id="tb" name="tB"><typeRef>tA</typeRef></itemDefinition>
            <decision id="D" name="D"><variable name="D" typeRef="tA"/><literalExpression><text>1</text></literalExpression></decision>
            """));

        Assert.Contains("based on itself", ex.Message, StringComparison.Ordinal);
        Assert.Equal("ta", ex.ElementId);
    }

    [Fact]
    public void RecursiveStructure_ChecksFiniteValues()
    {
        var model = Compile("""
            <itemDefinition name="tNode">
              <itemComponent name="value"><typeRef>number</typeRef></itemComponent>
              <itemComponent name="children" isCollection="true"><typeRef>tNode</typeRef></itemComponent>
            </itemDefinition>
            <decision id="D" name="D"><variable name="D" typeRef="tNode"/>
              <literalExpression><text>{value: 1, children: [{value: 2, children: []}]}</text></literalExpression>
            </decision>
            """);

        Assert.False(model.Evaluate("D").Value.IsNull);
    }
}
