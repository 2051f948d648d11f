namespace Amtsweg.Feel.Tests;

public class ExpressionTests
{
    [Theory]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("10 / 4", "2.5")]
    [InlineData("2 ** 10", "1024")]
    [InlineData("2 ** -1", "0.5")]
    [InlineData("2 ** -100000", "0")]
    [InlineData("4 ** 0.5", "2")]
    [InlineData("-(3 - 5)", "2")]
    [InlineData("--10", "10")]
    [InlineData("-(function(a) a)(10)", "-10")]
    [InlineData("1 - -1", "2")]
    [InlineData("\"foo\" + \"bar\"", "\"foobar\"")]
    [InlineData("0.1 + 0.2 = 0.3", "true")]
    public void Arithmetic_Computes_WhenOperandsAreNumbersOrStrings(string text, string expected) => FeelAssert.Renders(expected, text);

    [Theory]
    [InlineData("date(\"2021-01-31\") + duration(\"P1M\")", "2021-02-28")]
    [InlineData("date(\"2021-01-01\") - date(\"2020-12-01\")", "P31D")]
    [InlineData("@\"2021-03-01T10:00:00\" - @\"2021-02-28T09:30:00\"", "P1DT30M")]
    [InlineData("@\"2021-03-28T01:30:00@Europe/Berlin\" + duration(\"PT1H\")", "2021-03-28T03:30:00@Europe/Berlin")]
    [InlineData("@\"2021-10-31T02:30:00+02:00\" + duration(\"PT1H\")", "2021-10-31T03:30:00+02:00")]
    [InlineData("@\"2021-03-27T12:00:00@Europe/Berlin\" + duration(\"P1D\")", "2021-03-28T13:00:00@Europe/Berlin")]
    [InlineData("@\"2021-03-27T12:00:00@Europe/Berlin\" + duration(\"P1M\")", "2021-04-27T12:00:00@Europe/Berlin")]
    [InlineData("time(\"23:00:00\") + duration(\"PT2H\")", "01:00:00")]
    [InlineData("time(\"10:00:00\") - time(\"08:30:00\")", "PT1H30M")]
    [InlineData("duration(\"P1D\") * 2", "P2D")]
    [InlineData("duration(\"P1Y\") / 2", "P6M")]
    [InlineData("duration(\"P1D\") / duration(\"PT12H\")", "2")]
    [InlineData("duration(\"P1Y\") + duration(\"P2M\")", "P1Y2M")]
    [InlineData("date and time(\"2021-01-01T00:00:00Z\") - date and time(\"2021-01-01T01:00:00+02:00\")", "PT1H")]
    public void TemporalArithmetic_Computes_WhenTypesCombine(string text, string expected) => FeelAssert.Renders(expected, text);

    [Theory]
    [InlineData("1 < 2", "true")]
    [InlineData("\"a\" >= \"b\"", "false")]
    [InlineData("date(\"2021-01-01\") < date(\"2021-01-02\")", "true")]
    [InlineData("null = null", "true")]
    [InlineData("1 = null", "false")]
    [InlineData("1 != \"1\"", "null")]
    [InlineData("[1, 2] = [1, 2]", "true")]
    [InlineData("{a: 1, b: 2} = {b: 2, a: 1}", "true")]
    [InlineData("@\"10:00:00+01:00\" = @\"09:00:00Z\"", "true")]
    [InlineData("time(\"10:30:00.0001\") = time(\"10:30:00.0002\")", "true")]
    [InlineData("@\"2021-01-01T10:00:00.5\" < @\"2021-01-01T10:00:01\"", "true")]
    [InlineData("5 between 1 and 10", "true")]
    [InlineData("\"b\" between \"a\" and \"c\"", "true")]
    [InlineData("5 between 6 and 10", "false")]
    public void Comparison_AnswersTrueFalseOrNull_WhenValuesCompare(string text, string expected) => FeelAssert.Renders(expected, text);

    [Theory]
    [InlineData("true and null", "null")]
    [InlineData("false and null", "false")]
    [InlineData("true or null", "true")]
    [InlineData("false or 1", "null")]
    [InlineData("not(true)", "false")]
    [InlineData("not(1)", "null")]
    public void Logic_IsThreeValued_WhenOperandsMayBeNull(string text, string expected) => FeelAssert.Renders(expected, text);

    [Theory]
    [InlineData("if 1 > 0 then \"pos\" else \"neg\"", "\"pos\"")]
    [InlineData("if null then 1 else 2", "2")]
    [InlineData("if \"x\" then 1 else 2", "2")]
    public void If_TakesElseBranch_WhenConditionIsNotTrue(string text, string expected) => FeelAssert.Renders(expected, text);

    [Theory]
    [InlineData("for i in [1, 2, 3] return i * i", "[1, 4, 9]")]
    [InlineData("for i in 1..3 return i", "[1, 2, 3]")]
    [InlineData("for i in 3..1 return i", "[3, 2, 1]")]
    [InlineData("for i in [1, 2], j in [10, 20] return i + j", "[11, 21, 12, 22]")]
    [InlineData("for i in 1..3, j in i..3 return j", "[1, 2, 3, 2, 3, 3]")]
    [InlineData("for i in 0..4 return if i = 0 then 1 else i * partial[-1]", "[1, 1, 2, 6, 24]")]
    [InlineData("for d in @\"2021-01-30\"..@\"2021-02-01\" return d.day", "[30, 31, 1]")]
    [InlineData("for x in [] return x", "[]")]
    [InlineData("for i in (1..4) return i", "[2, 3]")]
    [InlineData("for i in [1..3] return i", "[1, 2, 3]")]
    public void For_BuildsList_WhenIteratingContexts(string text, string expected) => FeelAssert.Renders(expected, text);

    [Theory]
    [InlineData("some x in [1, 2, 3] satisfies x > 2", "true")]
    [InlineData("every x in [1, 2, 3] satisfies x > 0", "true")]
    [InlineData("every x in [1, 2, 3] satisfies x > 1", "false")]
    [InlineData("some x in [1, 2], y in [3, 4] satisfies x + y = 6", "true")]
    [InlineData("some x in [] satisfies x > 0", "false")]
    [InlineData("every x in [] satisfies x > 0", "true")]
    [InlineData("some x in 1..1000000000 satisfies x > 5", "true")]
    [InlineData("every x in 1..1000000000 satisfies x < 5", "false")]
    [InlineData("every x in [1, \"a\"] satisfies x > 0", "null")]
    [InlineData("some x in [1, \"a\"] satisfies x > 5", "null")]
    public void Quantified_Answers_WhenConditionHoldsForSomeOrAll(string text, string expected) => FeelAssert.Renders(expected, text);

    [Theory]
    [InlineData("[1, 2, 3, 4][item > 2]", "[3, 4]")]
    [InlineData("[1, 2, 3][2]", "2")]
    [InlineData("[1, 2, 3][-1]", "3")]
    [InlineData("[{a: 1}, {a: 2}][a = 2]", "[{a: 2}]")]
    [InlineData("[{a: 1}, {a: 2}][item.a = 1].a", "[1]")]
    [InlineData("[{a: 1}, {a: 2}].a", "[1, 2]")]
    [InlineData("5[1]", "5")]
    [InlineData("[1, 2, 3][item > 5]", "[]")]
    public void Filter_SelectsItems_WhenBooleanOrIndex(string text, string expected) => FeelAssert.Renders(expected, text);

    [Theory]
    [InlineData("[1, 2, 3][4]")]
    [InlineData("[1, 2, 3][0]")]
    public void Filter_ReturnsNullWithWarning_WhenIndexIsOutOfRange(string text) => FeelAssert.NullWithWarning(text);

    [Theory]
    [InlineData("{a: 1, b: a + 1}", "{a: 1, b: 2}")]
    [InlineData("{a: {b: {c: 3}}}.a.b.c", "3")]
    [InlineData("{\"first name\": \"Ann\"}.first name", "\"Ann\"")]
    [InlineData("{Applicant Age: 17, Is Minor: Applicant Age < 18}.Is Minor", "true")]
    [InlineData("{a: 1}.b", "null")]
    [InlineData("{}", "{}")]
    public void Context_ResolvesEntries_WhenEarlierEntriesAreReferenced(string text, string expected) => FeelAssert.Renders(expected, text);

    [Theory]
    [InlineData("date(\"2021-03-04\").year", "2021")]
    [InlineData("date(\"2021-03-04\").weekday", "4")]
    [InlineData("@\"2021-03-04T10:20:30+01:00\".time offset", "PT1H")]
    [InlineData("@\"2021-03-04T10:20:30@Europe/Berlin\".timezone", "\"Europe/Berlin\"")]
    [InlineData("@\"10:20:30\".minute", "20")]
    [InlineData("duration(\"P2DT3H\").hours", "3")]
    [InlineData("duration(\"P2DT3H\").days", "2")]
    [InlineData("duration(\"P2Y5M\").months", "5")]
    [InlineData("[1..10).end included", "false")]
    [InlineData("[1..10).start", "1")]
    public void Path_ReadsProperties_WhenValueIsTemporalDurationOrRange(string text, string expected) => FeelAssert.Renders(expected, text);

    [Theory]
    [InlineData("(function(a, b) a - b)(5, 3)", "2")]
    [InlineData("(function(a, b) a - b)(b: 5, a: 3)", "-2")]
    [InlineData("(function(a, b) if b = null then a else b)(a: 1)", "1")]
    [InlineData("{f: function(x) x * 2, r: f(21)}.r", "42")]
    [InlineData("{fact: function(n) if n <= 1 then 1 else n * fact(n - 1), r: fact(20)}.r", "2432902008176640000")]
    [InlineData("{adder: function(n) function(x) x + n, add5: adder(5), r: add5(10)}.r", "15")]
    [InlineData("{f: function(a: number) a + 1, r: f(\"x\")}.r", "null")]
    [InlineData("{f: function(a: number) a + 1, r: f([41])}.r", "42")]
    [InlineData("substring(string: \"foobar\", start position: 4)", "\"bar\"")]
    public void Functions_Invoke_WhenDefinedOrBuiltIn(string text, string expected) => FeelAssert.Renders(expected, text);

    [Theory]
    [InlineData("5 in [1..10]", "true")]
    [InlineData("10 in [1..10)", "false")]
    [InlineData("10 in ]1..10]", "true")]
    [InlineData("5 in (< 3, > 4)", "true")]
    [InlineData("5 in < 3", "false")]
    [InlineData("\"b\" in [\"a\", \"b\"]", "true")]
    [InlineData("5 in (1, 2, 5)", "true")]
    [InlineData("5 in [1..10] and 3 in [1..2]", "false")]
    [InlineData("5 in (null..10]", "null")]
    [InlineData("(< 10) = (< 10)", "true")]
    public void In_TestsMembership_WhenRightSideIsUnaryTest(string text, string expected) => FeelAssert.Renders(expected, text);

    [Theory]
    [InlineData("1 instance of number", "true")]
    [InlineData("\"a\" instance of number", "false")]
    [InlineData("null instance of Null", "true")]
    [InlineData("null instance of Any", "false")]
    [InlineData("[1, 2] instance of list<number>", "true")]
    [InlineData("[1, \"a\"] instance of list<number>", "false")]
    [InlineData("{a: 1, b: 2} instance of context<a: number>", "true")]
    [InlineData("{a: \"x\"} instance of context<a: number>", "false")]
    [InlineData("@\"2021-01-01T10:00:00\" instance of date and time", "true")]
    [InlineData("duration(\"P1D\") instance of days and time duration", "true")]
    [InlineData("[1..2] instance of range<number>", "true")]
    [InlineData("(function(a: number) a) instance of function<number> -> Any", "true")]
    [InlineData("(function(a: number) a) instance of function<string, string> -> Any", "false")]
    public void InstanceOf_ChecksType_WhenTypeExpressionIsGiven(string text, string expected) => FeelAssert.Renders(expected, text);

    [Theory]
    [InlineData("\"a\\\"b\"", "\"a\\\"b\"")]
    [InlineData("string length(\"\\u00e4\\U01F600\")", "2")]
    [InlineData("\"\\n\" = \"\n\"", "true")]
    [InlineData("string length(\"😀\")", "1")]
    [InlineData("\"\\d\"", "\"\\\\d\"")]
    public void StringLiteral_DecodesEscapes_WhenWrittenWithBackslash(string text, string expected) => FeelAssert.Renders(expected, text);

    [Theory]
    [InlineData("1 + // one\n 2", "3")]
    [InlineData("/* a\n comment */ 1 + 2", "3")]
    [InlineData("1 /* inline */ + 2", "3")]
    public void Comments_AreIgnored_WhenLineOrBlock(string text, string expected) => FeelAssert.Renders(expected, text);

    [Theory]
    [InlineData("@\"2021-01-01\"", "2021-01-01")]
    [InlineData("@\"10:00:00@Europe/Berlin\"", "10:00:00@Europe/Berlin")]
    [InlineData("@\"2021-01-01T10:00:00-05:00\"", "2021-01-01T10:00:00-05:00")]
    [InlineData("@\"P1Y2M\"", "P1Y2M")]
    [InlineData("@\"-PT90M\"", "-PT1H30M")]
    public void AtLiteral_CreatesTemporal_WhenStringIsIsoForm(string text, string expected) => FeelAssert.Renders(expected, text);

    [Fact]
    public void Names_ResolveMultiWordVariables_WhenKnownInScope()
    {
        var scope = new FeelScope().Set("Applicant Age", 17).Set("Monthly Income-Other", 100).Set("Name's", "x");
        FeelAssert.Renders("true", "Applicant Age < 18", scope);
        FeelAssert.Renders("200", "Monthly Income-Other * 2", scope);
        FeelAssert.Renders("\"x\"", "Name's", scope);
    }

    [Fact]
    public void Names_ResolveMultiWordVariable_WhenWrittenWithExtraSpaces()
    {
        var scope = new FeelScope().Set("Applicant Age", 17);
        FeelAssert.Renders("18", "Applicant   Age + 1", scope);
    }

    [Fact]
    public void Names_ResolveKnownMember_WhenMemberNameContainsOperator()
    {
        var applicant = FeelContext.Of(("Income-Other", 5), ("Monthly Income", 100));
        var scope = new FeelScope().Set("Applicant", applicant);
        var options = new FeelParseOptions { KnownNames = ["Applicant", "Income-Other"] };
        Assert.Equal(FeelNumber.From(105), FeelParser.ParseExpression("Applicant.Income-Other + Applicant.Monthly Income", options).Evaluate(scope).Value);
    }

    [Fact]
    public void Names_JoinUnknownWords_WhenNameIsNotDeclared()
    {
        var scope = new FeelScope().Set("Date of Birth", FeelDate.Create(2000, 1, 2)!);
        var expression = FeelParser.ParseExpression("Date of Birth.year + 1");
        Assert.Equal(FeelNumber.From(2001), expression.Evaluate(scope).Value);
    }

    [Fact]
    public void Names_ResolveKnownName_WhenItStartsWithKeyword()
    {
        var scope = new FeelScope().Set("for each item", 3).Set("some value", 4);
        FeelAssert.Renders("7", "for each item + some value", scope);
        FeelAssert.Renders("[3]", "for i in [1] return for each item", scope);
    }

    [Fact]
    public void Names_PreferLongestKnownName_WhenNamesOverlap()
    {
        var scope = new FeelScope().Set("a", 1).Set("a-b", 10).Set("b", 2);
        FeelAssert.Renders("10", "a-b", scope);
        FeelAssert.Renders("-1", "a - b", new FeelScope().Set("a", 1).Set("b", 2));
    }

    [Fact]
    public void Evaluate_WarnsWithPosition_WhenNameIsUnknown()
    {
        var result = FeelAssert.Evaluate("1 +\n  unknown variable");
        Assert.True(result.Value.IsNull);
        Assert.Equal("Unknown name 'unknown variable' (line 2, column 3).", result.Diagnostics.Single().Message);
    }

    // The library speaks English by default; the platform shows its users the German text of the same diagnostic.
    [Fact]
    public void Evaluate_GivesCodeAndGermanMessage_WhenNameIsUnknown()
    {
        var diagnostic = FeelAssert.Evaluate("flaeche > 100").Diagnostics.Single();

        Assert.Equal("feel.unknown-name", diagnostic.Code);
        Assert.Equal("Unknown name 'flaeche' (line 1, column 1).", diagnostic.Message);
        Assert.Equal("Unbekannter Name 'flaeche' (Zeile 1, Spalte 1).", diagnostic.MessageGerman);
    }

    [Theory]
    [InlineData("1 + \"a\"", "feel.cannot-add", "Die Zahl 1 und der Text \"a\" lassen sich nicht addieren.")]
    [InlineData("date(\"2026-02-30\")", "feel.not-a-date", "date: '2026-02-30' ist kein Datum.")]
    [InlineData("substring(\"abc\", 0)", "feel.function-argument", "substring: die Startposition muss eine ganze Zahl ungleich null sein.")]
    [InlineData("[1, 2][5] + 1", "feel.", "")]
    public void Evaluate_GivesGermanMessage_WhenEvaluationWarns(string text, string code, string german)
    {
        var diagnostic = FeelAssert.Evaluate(text).Diagnostics.First();

        Assert.StartsWith(code, diagnostic.Code, StringComparison.Ordinal);
        Assert.Contains(german, diagnostic.MessageGerman, StringComparison.Ordinal);
        Assert.NotEqual(diagnostic.Message, diagnostic.MessageGerman);
    }
}
