using System.Numerics;
using System.Reflection;
using System.Text.RegularExpressions;
using Amtsweg.Decisions.Evaluation;
using Amtsweg.Feel;
using static Amtsweg.Decisions.Tests.TestModels;

namespace Amtsweg.Decisions.Tests.Evaluation;

// Issue 10: the DMN library's messages were English only and ended up inside German incident and deployment texts.
public partial class DmnTextsTests
{
    [Fact]
    public void EveryDmnMessage_HasCodeAndGermanAndEnglishText()
    {
        var methods = typeof(DmnTexts).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m.ReturnType == typeof(DmnText))
            .ToList();

        var texts = methods.Select(m => (Method: m.Name, Text: (DmnText)m.Invoke(null, [.. m.GetParameters().Select(p => Sample(p.ParameterType))])!)).ToList();

        Assert.True(texts.Count >= 45, $"only {texts.Count} messages found");
        Assert.All(texts, t =>
        {
            Assert.Matches(CodePattern(), t.Text.Code);
            Assert.False(string.IsNullOrWhiteSpace(t.Text.English), t.Method);
            Assert.False(string.IsNullOrWhiteSpace(t.Text.German), t.Method);
            Assert.NotEqual(t.Text.English, t.Text.German);
        });
        var duplicates = texts.GroupBy(t => t.Text.Code, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "Codes used by more than one message: " + string.Join(", ", duplicates));
    }

    [Fact]
    public void Evaluate_GivesGermanTextAndCode_WhenUniqueHitPolicyIsViolated()
    {
        var model = Table("UNIQUE", "<output id=\"out\" name=\"o\"/>", Rule("r1", "> 1", "1") + Rule("r2", "> 2", "2"));

        var message = Assert.Single(model.Evaluate("D", X(FeelNumber.From(5))).Messages, m => m.Severity == DmnMessageSeverity.Error);

        Assert.Equal("dmn.unique-violated", message.Code);
        Assert.Equal("Hit policy UNIQUE violated: rules 1, 2 match.", message.Text);
        Assert.Equal("Trefferrichtlinie UNIQUE verletzt: die Regeln 1, 2 treffen zu.", message.TextGerman);
        Assert.Matches(@"^Fehler: Trefferrichtlinie UNIQUE verletzt: die Regeln 1, 2 treffen zu\. \[table\] \(Zeile \d+, Spalte \d+\)$", message.ToGermanString());
    }

    [Fact]
    public void Evaluate_KeepsFeelCodeAndGermanText_WhenFeelExpressionFails()
    {
        var model = Compile("""<decision id="D" name="D"><literalExpression><text>1 + "a"</text></literalExpression></decision>""");

        var message = Assert.Single(model.Evaluate("D").Messages);

        Assert.Equal("feel.cannot-add", message.Code);
        Assert.Equal("Die Zahl 1 und der Text \"a\" lassen sich nicht addieren.", message.TextGerman);
        Assert.Contains("Cannot add", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_GivesGermanTypeMismatch_WhenDecisionValueHasWrongType()
    {
        var model = Compile("""<decision id="D" name="Gebühr"><variable name="Gebühr" typeRef="number"/><literalExpression><text>"zehn"</text></literalExpression></decision>""");

        var message = Assert.Single(model.Evaluate("D").Messages);

        Assert.Equal("dmn.type-mismatch", message.Code);
        Assert.Equal("Entscheidung 'Gebühr': der Wert \"zehn\" passt nicht zum Typ 'number'; er wird durch null ersetzt.", message.TextGerman);
    }

    [Fact]
    public void ParseText_GivesGermanMessageWithPosition_WhenHitPolicyIsUnknown()
    {
        var ex = Assert.Throws<DmnModelException>(() => Table("RANDOM", "<output id=\"out\" name=\"o\"/>", ""));

        Assert.Equal("dmn.unknown-hit-policy", ex.Code);
        Assert.Equal("Unbekannte Trefferrichtlinie 'RANDOM'.", ex.ReasonGerman);
        Assert.Matches(@"^Unbekannte Trefferrichtlinie 'RANDOM'\. \(Element 'table', Zeile \d+, Spalte \d+\)$", ex.MessageGerman);
        Assert.StartsWith("Unknown hit policy 'RANDOM'. (element 'table', line ", ex.Message, StringComparison.Ordinal);
    }

    private static object Sample(Type type) =>
        type == typeof(string) ? "x"
        : type == typeof(int) ? 2
        : type == typeof(long) ? 3L
        : type == typeof(BigInteger) ? new BigInteger(4)
        : type.Name == "DmnSubject" ? Activator.CreateInstance(type, "Input 'x'", "Eingabe 'x'")!
        : throw new InvalidOperationException("No sample value for " + type);

    [GeneratedRegex("^dmn\\.[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodePattern();
}
