using Amtsweg.Decisions.Evaluation;
using Amtsweg.Feel;
using static Amtsweg.Decisions.Tests.TestModels;

namespace Amtsweg.Decisions.Tests.Evaluation;

public class TypeCheckTests
{
    private static readonly DmnModel Model = Compile("""
        <itemDefinition name="tAge"><typeRef>number</typeRef><allowedValues><text>[0..150]</text></allowedValues></itemDefinition>
        <itemDefinition name="tPerson">
          <itemComponent name="name"><typeRef>string</typeRef></itemComponent>
          <itemComponent name="age"><typeRef>tAge</typeRef></itemComponent>
        </itemDefinition>
        <itemDefinition name="tNames" isCollection="true"><typeRef>string</typeRef></itemDefinition>
        <inputData id="age" name="Age"><variable name="Age" typeRef="tAge"/></inputData>
        <inputData id="person" name="Person"><variable name="Person" typeRef="tPerson"/></inputData>
        <inputData id="names" name="Names"><variable name="Names" typeRef="tNames"/></inputData>
        <decision id="echoAge" name="Echo age">
          <informationRequirement><requiredInput href="#age"/></informationRequirement>
          <literalExpression><text>Age</text></literalExpression>
        </decision>
        <decision id="greeting" name="Greeting">
          <variable name="Greeting" typeRef="string"/>
          <informationRequirement><requiredInput href="#person"/></informationRequirement>
          <literalExpression><text>"Hello " + Person.name</text></literalExpression>
        </decision>
        <decision id="wrong" name="Wrong type">
          <variable name="Wrong type" typeRef="number"/>
          <literalExpression><text>"not a number"</text></literalExpression>
        </decision>
        <decision id="count" name="Count names">
          <informationRequirement><requiredInput href="#names"/></informationRequirement>
          <literalExpression><text>count(Names)</text></literalExpression>
        </decision>
        <decision id="single" name="Single">
          <variable name="Single" typeRef="string"/>
          <literalExpression><text>["only"]</text></literalExpression>
        </decision>
        """);

    [Fact]
    public void Input_WithinAllowedValues_IsPassedOn()
    {
        Assert.Equal(FeelNumber.From(40), Model.Evaluate("Echo age", new DmnInputs().Set("Age", 40)).Value);
    }

    [Fact]
    public void Input_OutsideAllowedValues_BecomesNullWithWarning()
    {
        var result = Model.Evaluate("Echo age", new DmnInputs().Set("Age", 200));

        Assert.True(result.Value.IsNull);
        Assert.Contains(result.Messages, m => m.ElementId == "age" && m.Text.Contains("tAge", StringComparison.Ordinal));
    }

    [Fact]
    public void StructuredInput_IsCheckedComponentByComponent()
    {
        var good = FeelContext.Of(("name", "Ada"), ("age", 36));
        var bad = FeelContext.Of(("name", "Ada"), ("age", "old"));

        Assert.Equal(new FeelString("Hello Ada"), Model.Evaluate("Greeting", new DmnInputs().Set("Person", good)).Value);
        Assert.True(Model.Evaluate("Greeting", new DmnInputs().Set("Person", bad)).Value.IsNull);
    }

    [Fact]
    public void DecisionResult_OfWrongType_BecomesNullWithWarning()
    {
        var result = Model.Evaluate("Wrong type");

        Assert.True(result.Value.IsNull);
        Assert.Contains(result.Messages, m => m.ElementId == "wrong" && m.Severity == DmnMessageSeverity.Warning);
    }

    [Fact]
    public void CollectionType_WrapsSingleValueIntoList()
    {
        Assert.Equal(FeelNumber.From(1), Model.Evaluate("Count names", new DmnInputs().Set("Names", "Ada")).Value);
    }

    [Fact]
    public void SingletonList_IsUnwrapped_ForNonCollectionType()
    {
        Assert.Equal(new FeelString("only"), Model.Evaluate("Single").Value);
    }

    [Fact]
    public void FeelTypeSyntax_InTypeRef_IsChecked()
    {
        var model = Compile("""
            <decision id="ok" name="Ok"><variable name="Ok" typeRef="list&lt;number&gt;"/><literalExpression><text>[1, 2]</text></literalExpression></decision>
            <decision id="bad" name="Bad"><variable name="Bad" typeRef="list&lt;number&gt;"/><literalExpression><text>["a"]</text></literalExpression></decision>
            """);

        Assert.Empty(model.CompileMessages);
        Assert.Equal(FeelOf("[1, 2]"), model.Evaluate("Ok").Value);
        Assert.True(model.Evaluate("Bad").Value.IsNull);
    }
}
