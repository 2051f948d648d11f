using Amtsweg.Decisions.Model;
using Amtsweg.Decisions.Model.Expressions;

namespace Amtsweg.Decisions.Tests.Parsing;

public class DmnParserTests
{
    private static string Model(string ns, string body) =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="{ns}" xmlns:feel="http://www.omg.org/spec/FEEL/20140401" id="defs" name="Test" namespace="urn:test">
        {body}
        </definitions>
        """;

    [Theory]
    [InlineData(DmnNamespaces.Dmn11, "1.1")]
    [InlineData(DmnNamespaces.Dmn12, "1.2")]
    [InlineData(DmnNamespaces.Dmn13, "1.3")]
    [InlineData(DmnNamespaces.Dmn14, "1.4")]
    [InlineData(DmnNamespaces.Dmn15, "1.5")]
    public void ParseText_ReadsDecision_InEveryDmnVersion(string ns, string version)
    {
        var typeRef = version == "1.1" ? "feel:string" : "string";
        var xml = Model(ns, $"""
            <decision id="d1" name="Greeting">
              <variable name="Greeting" typeRef="{typeRef}"/>
              <literalExpression><text>"Hello"</text></literalExpression>
            </decision>
            """);

        var definitions = DmnParser.ParseText(xml);

        Assert.Equal(version, definitions.DmnVersion);
        var decision = Assert.Single(definitions.Decisions);
        Assert.Equal("Greeting", decision.Name);
        Assert.Equal("string", decision.TypeRef);
        Assert.Equal("\"Hello\"", Assert.IsType<LiteralExpression>(decision.Expression).Text);
    }

    [Fact]
    public void ParseText_StripsQNamePrefixes_OfDmn11TypeReferences()
    {
        var xml = Model(DmnNamespaces.Dmn11, """
            <itemDefinition name="tStamp"><typeRef>feel:date and time</typeRef></itemDefinition>
            <inputData id="i" name="When"><variable name="When" typeRef="tns:tStamp"/></inputData>
            """);

        var definitions = DmnParser.ParseText(xml);

        Assert.Equal("date and time", definitions.ItemDefinitions[0].TypeRef);
        Assert.Equal("tStamp", definitions.InputData[0].TypeRef);
    }

    [Fact]
    public void ParseFile_ReadsDmnJsFeeModel_WithTablesRulesAndAnnotations()
    {
        var definitions = DmnParser.ParseFile(Path.Combine(TestPaths.ModelsFolder, "gebuehr-gewerbeanmeldung.dmn"));

        Assert.Equal("1.3", definitions.DmnVersion);
        Assert.Equal(3, definitions.Decisions.Count);
        Assert.Equal(5, definitions.InputData.Count);
        var first = Assert.IsType<DecisionTable>(definitions.Decisions.Single(d => d.Id == "Grundgebuehr").Expression);
        var collect = Assert.IsType<DecisionTable>(definitions.Decisions.Single(d => d.Id == "Zuschlaege").Expression);
        Assert.Equal(HitPolicy.First, first.HitPolicy);
        Assert.Equal(HitPolicy.Collect, collect.HitPolicy);
        Assert.Equal(BuiltinAggregator.Sum, collect.Aggregation);
        Assert.Equal(50, first.Rules.Count + collect.Rules.Count);
        Assert.All(first.Rules, r => Assert.Equal(5, r.InputEntries.Count));
        Assert.Equal("Abmeldung online", first.Rules[0].AnnotationEntries[0]);
        Assert.True(first.Rules[0].Location.Line > 0);
    }

    [Fact]
    public void ParseText_ReadsItemDefinitions_WithComponentsCollectionsAllowedValuesAndFunctions()
    {
        var xml = Model(DmnNamespaces.Dmn15, """
            <itemDefinition name="tPerson">
              <itemComponent name="name"><typeRef>string</typeRef></itemComponent>
              <itemComponent name="age"><typeRef>number</typeRef><allowedValues><text>[0..150]</text></allowedValues></itemComponent>
            </itemDefinition>
            <itemDefinition name="tPeople" isCollection="true"><typeRef>tPerson</typeRef></itemDefinition>
            <itemDefinition name="tFn">
              <functionItem outputTypeRef="number"><parameters name="a" typeRef="number"/></functionItem>
            </itemDefinition>
            """);

        var types = DmnParser.ParseText(xml).ItemDefinitions;

        Assert.Equal(["name", "age"], types[0].Components.Select(c => c.Name));
        Assert.Equal("[0..150]", types[0].Components[1].AllowedValues);
        Assert.True(types[1].IsCollection);
        Assert.Equal("tPerson", types[1].TypeRef);
        Assert.Equal("number", types[2].FunctionItem?.OutputTypeRef);
        Assert.Equal("a", Assert.Single(types[2].FunctionItem!.Parameters).Name);
    }

    [Fact]
    public void ParseText_ReadsBoxedExpressions()
    {
        var xml = Model(DmnNamespaces.Dmn15, """
            <businessKnowledgeModel id="bkm" name="Double">
              <encapsulatedLogic kind="FEEL"><formalParameter name="x" typeRef="number"/>
                <literalExpression><text>x * 2</text></literalExpression></encapsulatedLogic>
            </businessKnowledgeModel>
            <decision id="d" name="D">
              <context>
                <contextEntry><variable name="inv"/>
                  <invocation><literalExpression><text>Double</text></literalExpression>
                    <binding><parameter name="x"/><literalExpression><text>21</text></literalExpression></binding></invocation>
                </contextEntry>
                <contextEntry><variable name="rel"/>
                  <relation><column name="a"/><column name="b"/>
                    <row><literalExpression><text>1</text></literalExpression><literalExpression><text>2</text></literalExpression></row></relation>
                </contextEntry>
                <contextEntry><variable name="lst"/><list><literalExpression><text>1</text></literalExpression></list></contextEntry>
                <contextEntry><variable name="cond"/>
                  <conditional><if><literalExpression><text>true</text></literalExpression></if>
                    <then><literalExpression><text>1</text></literalExpression></then>
                    <else><literalExpression><text>2</text></literalExpression></else></conditional>
                </contextEntry>
                <contextEntry><variable name="flt"/>
                  <filter><in><literalExpression><text>[1,2]</text></literalExpression></in>
                    <match><literalExpression><text>item > 1</text></literalExpression></match></filter>
                </contextEntry>
                <contextEntry><variable name="fr"/>
                  <for iteratorVariable="i"><in><literalExpression><text>[1]</text></literalExpression></in>
                    <return><literalExpression><text>i</text></literalExpression></return></for>
                </contextEntry>
                <contextEntry><variable name="ev"/>
                  <every iteratorVariable="i"><in><literalExpression><text>[1]</text></literalExpression></in>
                    <satisfies><literalExpression><text>i > 0</text></literalExpression></satisfies></every>
                </contextEntry>
                <contextEntry><variable name="java"/>
                  <functionDefinition kind="Java"><formalParameter name="x"/></functionDefinition>
                </contextEntry>
                <contextEntry><literalExpression><text>inv</text></literalExpression></contextEntry>
              </context>
            </decision>
            """);

        var definitions = DmnParser.ParseText(xml);

        var bkm = Assert.Single(definitions.BusinessKnowledgeModels);
        Assert.Equal("x", Assert.Single(bkm.EncapsulatedLogic!.Parameters).Name);
        var context = Assert.IsType<ContextExpression>(definitions.Decisions[0].Expression);
        var entries = context.Entries;
        Assert.Equal("x", Assert.Single(Assert.IsType<Invocation>(entries[0].Expression).Bindings).Parameter.Name);
        Assert.Equal(2, Assert.IsType<Relation>(entries[1].Expression).Rows[0].Count);
        Assert.Single(Assert.IsType<ListExpression>(entries[2].Expression).Items);
        Assert.NotNull(Assert.IsType<Conditional>(entries[3].Expression).Else);
        Assert.NotNull(Assert.IsType<Filter>(entries[4].Expression).Match);
        Assert.Equal(IteratorKind.For, Assert.IsType<Model.Expressions.Iterator>(entries[5].Expression).Kind);
        Assert.Equal(IteratorKind.Every, Assert.IsType<Model.Expressions.Iterator>(entries[6].Expression).Kind);
        Assert.Equal(FunctionKind.Java, Assert.IsType<FunctionDefinition>(entries[7].Expression).Kind);
        Assert.Null(entries[8].Variable);
    }

    [Fact]
    public void ParseText_ReadsImportsAndRequirementReferences()
    {
        var xml = Model(DmnNamespaces.Dmn15, """
            <import namespace="urn:other" name="other" importType="https://www.omg.org/spec/DMN/20230324/MODEL/"/>
            <decision id="d" name="D">
              <informationRequirement><requiredDecision href="urn:other#od"/></informationRequirement>
              <informationRequirement><requiredInput href="#in"/></informationRequirement>
              <knowledgeRequirement><requiredKnowledge href="urn:other#bkm"/></knowledgeRequirement>
            </decision>
            <inputData id="in" name="In"/>
            """);

        var definitions = DmnParser.ParseText(xml);

        var import = Assert.Single(definitions.Imports);
        Assert.True(import.IsDmn);
        Assert.Equal("other", import.Name);
        var decision = definitions.Decisions[0];
        Assert.Equal(new DmnReference("urn:other", "od"), Assert.Single(decision.RequiredDecisions));
        Assert.Equal(new DmnReference(null, "in"), Assert.Single(decision.RequiredInputs));
        Assert.Equal("bkm", Assert.Single(decision.RequiredKnowledge).Id);
    }

    [Fact]
    public void ParseText_ReportsElementIdAndPosition_WhenRuleHasTooFewEntries()
    {
        var xml = Model(DmnNamespaces.Dmn13, """
            <decision id="d" name="D">
              <decisionTable id="t">
                <input id="i1"><inputExpression><text>a</text></inputExpression></input>
                <input id="i2"><inputExpression><text>b</text></inputExpression></input>
                <output id="o"/>
                <rule id="broken"><inputEntry><text>1</text></inputEntry><outputEntry><text>1</text></outputEntry></rule>
              </decisionTable>
            </decision>
            """);

        var ex = Assert.Throws<DmnModelException>(() => DmnParser.ParseText(xml));

        Assert.Equal("broken", ex.ElementId);
        Assert.Equal(8, ex.Location.Line);
        Assert.Contains("line 8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseText_Rejects_WhenRootIsNotDmn()
    {
        var ex = Assert.Throws<DmnModelException>(() => DmnParser.ParseText("<definitions xmlns=\"urn:not-dmn\"/>"));

        Assert.Contains("DMN", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, ex.Location.Line);
    }

    [Fact]
    public void ParseText_Rejects_UnknownHitPolicy()
    {
        var xml = Model(DmnNamespaces.Dmn13, """
            <decision id="d" name="D">
              <decisionTable id="t" hitPolicy="RANDOM"><output id="o"/></decisionTable>
            </decision>
            """);

        var ex = Assert.Throws<DmnModelException>(() => DmnParser.ParseText(xml));

        Assert.Equal("t", ex.ElementId);
        Assert.Contains("RANDOM", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseText_ReportsLineAndColumn_WhenXmlIsMalformed()
    {
        var xml = "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"x\" name=\"x\" namespace=\"urn:x\">\n  <decision id=\"d\" name=\"d\">\n</definitions>";

        var ex = Assert.Throws<DmnModelException>(() => DmnParser.ParseText(xml));

        Assert.Equal(3, ex.Location.Line);
        Assert.Contains("not acceptable XML", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_ReportsDuplicateIds_WithElementAndPosition()
    {
        var xml = Model(DmnNamespaces.Dmn13, """
            <decision id="same" name="A"/>
            <decision id="same" name="B"/>
            """);

        var ex = Assert.Throws<DmnModelException>(() => DmnEngine.Compile(DmnParser.ParseText(xml)));

        Assert.Equal("same", ex.ElementId);
        Assert.Equal(4, ex.Location.Line);
    }
}
