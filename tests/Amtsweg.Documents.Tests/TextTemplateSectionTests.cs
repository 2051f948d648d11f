using Amtsweg.Feel;

namespace Amtsweg.Documents.Tests;

public sealed class TextTemplateSectionTests
{
    private static FeelScope Scope(params (string Name, object? Value)[] variables) =>
        FeelScope.From(variables.Select(v => KeyValuePair.Create(v.Name, v.Value)));

    [Theory]
    [InlineData(true, "Der Antrag wird genehmigt.")]
    [InlineData(false, "Der Antrag wird abgelehnt.")]
    public void Render_TakesTheBranchOfTheCondition_WhenItIsABoolean(bool genehmigt, string expected)
    {
        var template = TextTemplate.Parse("Der Antrag wird {{#if genehmigt}}genehmigt{{else}}abgelehnt{{/if}}.");

        Assert.Equal(expected, template.Render(Scope(("genehmigt", genehmigt))));
    }

    [Fact]
    public void Render_GivesNothing_WhenAConditionWithoutElseIsFalse()
    {
        var template = TextTemplate.Parse("Gebühr{{#if betrag > 0}}: {{betrag}} Euro{{/if}}.");

        Assert.Equal("Gebühr.", template.Render(Scope(("betrag", 0m))));
        Assert.Equal("Gebühr: 12,5 Euro.", template.Render(Scope(("betrag", 12.5m))));
    }

    [Fact]
    public void Render_DoesNotEvaluateThePlaceholdersOfTheBranchNotTaken()
    {
        var template = TextTemplate.Parse("{{#if frist != null}}Bis {{frist}}.{{else}}Ohne Frist.{{/if}}");

        Assert.Equal("Ohne Frist.", template.Render(Scope(("frist", null))));
    }

    [Theory]
    [InlineData(null, "Die Bedingung {{#if genehmigt}} bei Zeichen 1 ergibt keinen Wert")]
    [InlineData("ja", "Die Bedingung {{#if genehmigt}} bei Zeichen 1 ergibt keinen Wahrheitswert")]
    public void Render_RefusesTheLetter_WhenTheConditionIsNotABoolean(object? value, string message)
    {
        var template = TextTemplate.Parse("{{#if genehmigt}}genehmigt{{/if}}");

        var error = Assert.Throws<TemplateException>(() => template.Render(Scope(("genehmigt", value))));

        Assert.StartsWith(message, error.MessageGerman, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RepeatsTheLoopForEveryItem_WithTheItemUnderItsName()
    {
        var template = TextTemplate.Parse("Es fehlen:\n{{#loop unterlagen as unterlage}}\n- {{unterlage}}\n{{/loop}}\nBitte reichen Sie sie ein.");

        var text = template.Render(Scope(("unterlagen", new[] { "Grundriss", "Lageplan mit Maßstab" })));

        Assert.Equal("Es fehlen:\n- Grundriss\n- Lageplan mit Maßstab\nBitte reichen Sie sie ein.", text);
    }

    [Fact]
    public void Render_NestsLoopsAndConditions_WithAccessToTheOuterVariables()
    {
        var template = TextTemplate.Parse(
            "{{#loop posten as p}}{{p.name}}{{#if p.pflicht}} (Pflicht bis {{frist}}){{/if}}; {{/loop}}");
        var posten = new[]
        {
            new Dictionary<string, object?> { ["name"] = "Ausweis", ["pflicht"] = true },
            new Dictionary<string, object?> { ["name"] = "Foto", ["pflicht"] = false },
        };

        var text = template.Render(Scope(("posten", posten), ("frist", new DateOnly(2026, 12, 31))));

        Assert.Equal("Ausweis (Pflicht bis 31.12.2026); Foto; ", text);
    }

    [Fact]
    public void Render_GivesNoText_WhenTheLoopListIsEmpty()
    {
        var template = TextTemplate.Parse("A{{#loop liste as x}}{{x}}{{/loop}}B");

        Assert.Equal("AB", template.Render(Scope(("liste", Array.Empty<string>()))));
    }

    [Theory]
    [InlineData(null, "keinen Wert")]
    [InlineData("Grundriss", "keine Liste")]
    public void Render_RefusesTheLetter_WhenTheLoopIsNotOverAList(object? value, string what)
    {
        var template = TextTemplate.Parse("Es fehlen: {{#loop unterlagen as u}}{{u}}{{/loop}}");

        var error = Assert.Throws<TemplateException>(() => template.Render(Scope(("unterlagen", value))));

        Assert.StartsWith($"Die Schleife {{{{#loop unterlagen as u}}}} bei Zeichen 12 ergibt {what}", error.MessageGerman, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RefusesTheLetter_WhenAPlaceholderInsideALoopDoesNotResolve()
    {
        var template = TextTemplate.Parse("{{#loop unterlagen as u}}{{u.titel}}{{/loop}}");
        var unterlagen = new[] { new Dictionary<string, object?> { ["name"] = "Grundriss" } };

        var error = Assert.Throws<TemplateException>(() => template.Render(Scope(("unterlagen", unterlagen))));

        Assert.StartsWith("Der Platzhalter {{u.titel}} hat keinen Wert", error.MessageGerman, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A {{#if x}} B", "Der Abschnitt {{#if x}} bei Zeichen 3 wird nicht mit {{/if}} geschlossen.")]
    [InlineData("A {{#loop l as i}} B", "Der Abschnitt {{#loop l as i}} bei Zeichen 3 wird nicht mit {{/loop}} geschlossen.")]
    [InlineData("A {{/if}}", "Das {{/if}} bei Zeichen 3 schließt keinen offenen Abschnitt.")]
    [InlineData("{{#if x}}{{#loop l as i}}{{/if}}{{/loop}}", "Das {{/if}} bei Zeichen 26 passt nicht zum {{#loop l as i}} bei Zeichen 10.")]
    [InlineData("A {{else}}", "Das {{else}} bei Zeichen 3 steht nicht in einem {{#if …}} (oder es ist das zweite).")]
    [InlineData("{{#if x}}a{{else}}b{{else}}c{{/if}}", "Das {{else}} bei Zeichen 20 steht nicht in einem {{#if …}} (oder es ist das zweite).")]
    [InlineData("{{#loop l}}x{{/loop}}", "Die Schleife bei Zeichen 1 braucht die Form {{#loop Liste as name}}, z. B. {{#loop unterlagen as unterlage}}.")]
    [InlineData("{{#each l}}x{{/each}}", "Die Vorlage kennt den Abschnitt {{#each l}} bei Zeichen 1 nicht; möglich sind #if, else, /if, #loop und /loop.")]
    [InlineData("{{#if}}x{{/if}}", "Der Abschnitt {{#if}} nennt keinen Ausdruck.")]
    public void Parse_RefusesTheTemplate_WhenASectionIsBroken(string text, string message)
    {
        var error = Assert.Throws<TemplateException>(() => TextTemplate.Parse(text));

        Assert.Equal(message, error.MessageGerman);
        Assert.False(string.IsNullOrWhiteSpace(error.MessageEnglish));
    }

    [Fact]
    public void Parse_RefusesTheTemplate_WhenTheConditionIsNotFeel()
    {
        Assert.Throws<TemplateException>(() => TextTemplate.Parse("{{#if x +}}a{{/if}}"));
    }

    [Fact]
    public void Render_DropsTheLinesOfSectionTags_WhenTheyStandAlone()
    {
        var template = TextTemplate.Parse("Absatz eins.\n\n  {{#if zusatz}}  \nZusatz.\n  {{/if}}\nAbsatz zwei.");

        Assert.Equal("Absatz eins.\n\nZusatz.\nAbsatz zwei.", template.Render(Scope(("zusatz", true))));
        Assert.Equal("Absatz eins.\n\nAbsatz zwei.", template.Render(Scope(("zusatz", false))));
    }

    [Fact]
    public void Expressions_ListsEveryPlaceholderAndSectionOnce_InOrder()
    {
        var template = TextTemplate.Parse("{{name}} {{#if a}}{{name}}{{/if}} {{#loop l as i}}{{i}}{{/loop}}");

        Assert.Equal(["name", "a", "l", "i"], template.Expressions);
    }
}
