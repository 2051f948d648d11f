using Amtsweg.Feel;

namespace Amtsweg.Documents.Tests;

public sealed class TextTemplateTests
{
    private static FeelScope Scope(params (string Name, object? Value)[] variables) =>
        FeelScope.From(variables.Select(v => KeyValuePair.Create(v.Name, v.Value)));

    [Fact]
    public void Render_FillsEveryPlaceholder_TheGermanWayWithUmlauts()
    {
        var template = TextTemplate.Parse("Sehr geehrte Frau {{name}}, die Gebühr beträgt {{betrag}} Euro, genehmigt: {{genehmigt}}.");

        var text = template.Render(Scope(("name", "Jäger-Öztürk"), ("betrag", 1234.5m), ("genehmigt", true)));

        Assert.Equal("Sehr geehrte Frau Jäger-Öztürk, die Gebühr beträgt 1.234,5 Euro, genehmigt: ja.", text);
    }

    [Fact]
    public void Render_RefusesTheLetter_WhenAPlaceholderDoesNotResolve()
    {
        var template = TextTemplate.Parse("Sehr geehrte Frau {{nachname}},");

        var error = Assert.Throws<TemplateException>(() => template.Render(Scope(("name", "Müller"))));

        Assert.StartsWith("Der Platzhalter {{nachname}} hat keinen Wert", error.MessageGerman, StringComparison.Ordinal);
        Assert.StartsWith("The placeholder {{nachname}} has no value", error.MessageEnglish, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Render_RefusesTheLetter_WhenAPlaceholderIsEmptyText(string name)
    {
        var template = TextTemplate.Parse("Sehr geehrte Frau {{name}},");

        var error = Assert.Throws<TemplateException>(() => template.Render(Scope(("name", name))));

        Assert.StartsWith("Der Platzhalter {{name}} hat keinen Wert", error.MessageGerman, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RefusesTheLetter_WhenAPathInAPlaceholderIsMisspelt()
    {
        var template = TextTemplate.Parse("An {{antragsteller.nmae}}");
        var antragsteller = new Dictionary<string, object?> { ["name"] = "Erika Müller" };

        Assert.Throws<TemplateException>(() => template.Render(Scope(("antragsteller", antragsteller))));
    }

    [Theory]
    [InlineData("Sehr geehrte {{name")]
    [InlineData("Sehr geehrte {{}}")]
    [InlineData("Sehr geehrte {{name +}}")]
    public void Parse_RefusesTheTemplate_WhenAPlaceholderIsBroken(string text)
    {
        var error = Assert.Throws<TemplateException>(() => TextTemplate.Parse(text));

        Assert.False(string.IsNullOrWhiteSpace(error.MessageGerman));
    }
}
