using Amtsweg.Feel;

namespace Amtsweg.Documents.Tests;

public sealed class LetterTemplateTests
{
    private static FeelScope Scope(Dictionary<string, object?> inputs)
    {
        var variables = new Dictionary<string, object?>(inputs)
        {
            ["vorgang"] = new Dictionary<string, object?> { ["aktenzeichen"] = "63.01-0042/2026", ["betreff"] = "Bauantrag Gartenhaus" },
            ["empfaenger"] = new Dictionary<string, object?> { ["name"] = "Erika Jäger-Öztürk" },
            ["sachbearbeitung"] = new Dictionary<string, object?> { ["name"] = "Max Mustermann", ["telefon"] = "01234 5678-21", ["email"] = "m@musterstadt.de" },
            ["gemeinde"] = new Dictionary<string, object?> { ["name"] = "Gemeinde Musterstadt", ["anschrift"] = "Rathausplatz 1, 12345 Musterstadt" },
            ["heute"] = new DateOnly(2026, 12, 6),
        };
        return FeelScope.From(variables);
    }

    private static Dictionary<string, object?> Read(LetterTemplate template, params (string Key, string? Value)[] inputs)
    {
        var (values, errors) = template.ReadInputs(inputs.ToDictionary(i => i.Key, i => i.Value));
        Assert.Empty(errors);
        return values;
    }

    [Fact]
    public void Defaults_ShipNachforderungAndBescheid_WithGermanNamesAndFields()
    {
        Assert.Equal(["Nachforderung von Unterlagen", "Bescheid"], LetterTemplate.Defaults.Select(t => t.Name));
        Assert.Equal(["unterlagen", "frist", "hinweis"], LetterTemplate.Find("nachforderung")!.Fields.Select(f => f.Key));
        Assert.Equal(["antragsdatum", "tenor", "begruendung", "kosten"], LetterTemplate.Find("bescheid")!.Fields.Select(f => f.Key));
        Assert.Null(LetterTemplate.Find("gibt-es-nicht"));
    }

    [Fact]
    public void Nachforderung_ListsEveryMissingDocument_WithDeadlineAndConsequence()
    {
        var template = LetterTemplate.Find("nachforderung")!;
        var values = Read(template, ("unterlagen", "Lageplan im Maßstab 1:500\r\n\r\n- Bauzeichnungen\n"), ("frist", "2027-01-06"), ("hinweis", ""));

        var letter = template.Render(Scope(values));

        Assert.Equal("Bauantrag Gartenhaus – fehlende Unterlagen", letter.Subject);
        Assert.Equal("Guten Tag Erika Jäger-Öztürk,", letter.Salutation);
        Assert.Contains("\n\n- Lageplan im Maßstab 1:500\n- Bauzeichnungen\n\nBitte reichen Sie die Unterlagen bis zum 06.01.2027 bei uns ein.", letter.Body, StringComparison.Ordinal);
        Assert.Contains("unser Zeichen 63.01-0042/2026", letter.Body, StringComparison.Ordinal);
        Assert.Contains("Ohne diese Unterlagen können wir Ihren Antrag nicht bearbeiten.", letter.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", letter.Body, StringComparison.Ordinal);
        Assert.Equal("Mit freundlichen Grüßen", letter.Closing);
    }

    [Fact]
    public void Nachforderung_PrintsTheOptionalHint_WhenGiven()
    {
        var template = LetterTemplate.Find("nachforderung")!;
        var values = Read(template, ("unterlagen", "Grundriss"), ("frist", "6.1.2027"), ("hinweis", "Die Unterlagen können Sie auch digital einreichen."));

        Assert.Contains("\n\nDie Unterlagen können Sie auch digital einreichen.\n\nHaben Sie Fragen?", template.Render(Scope(values)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Bescheid_HasTenorBegruendungAndTheObjectionWithinOneMonthAtTheMunicipality()
    {
        var template = LetterTemplate.Find("bescheid")!;
        var values = Read(template, ("antragsdatum", "2026-11-12"), ("tenor", "Die Baugenehmigung wird erteilt."), ("begruendung", "Das Vorhaben entspricht dem Bebauungsplan."), ("kosten", null));

        var body = template.Render(Scope(values)).Body;

        Assert.StartsWith("über Ihren Antrag vom 12.11.2026 entscheiden wir wie folgt:\n\n# Entscheidung\n\nDie Baugenehmigung wird erteilt.\n\n# Begründung\n\nDas Vorhaben entspricht dem Bebauungsplan.\n\n# Rechtsbehelfsbelehrung", body, StringComparison.Ordinal);
        Assert.Contains("innerhalb eines Monats nach seiner Bekanntgabe Widerspruch erheben", body, StringComparison.Ordinal);
        Assert.EndsWith("einzulegen bei: Gemeinde Musterstadt, Rathausplatz 1, 12345 Musterstadt.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("# Kosten", body, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadInputs_NamesEveryMissingOrInvalidField_InGerman()
    {
        var template = LetterTemplate.Find("nachforderung")!;

        var (_, errors) = template.ReadInputs(new Dictionary<string, string?> { ["unterlagen"] = " \n ", ["frist"] = "morgen" });

        Assert.Equal("Bitte füllen Sie „Fehlende Unterlagen“ aus.", errors["unterlagen"]);
        Assert.Equal("„Frist“ ist kein gültiges Datum (z. B. 31.12.2026).", errors["frist"]);
        Assert.False(errors.ContainsKey("hinweis"));
    }

    [Fact]
    public void Render_RefusesTheLetter_WhenAContextValueIsMissing()
    {
        var template = LetterTemplate.Find("bescheid")!;
        var values = Read(template, ("antragsdatum", "2026-11-12"), ("tenor", "T"), ("begruendung", "B"), ("kosten", null));
        values["gemeinde"] = new Dictionary<string, object?> { ["name"] = "Gemeinde Musterstadt" };
        var scope = FeelScope.From(values, Scope([]));

        var error = Assert.Throws<TemplateException>(() => template.Render(scope));

        Assert.StartsWith("Der Platzhalter {{gemeinde.anschrift}} hat keinen Wert", error.MessageGerman, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Name: X\nBetreff: B\nAnrede: A\nGruß: G\n", "Der Vorlage fehlt die Zeile „---“ zwischen Kopf und Text.")]
    [InlineData("Name: X\nBetreff: B\nGruß: G\n---\nText", "Der Vorlage fehlt die Kopfzeile „Anrede:“.")]
    [InlineData("Name: X\nTitel: T\n---\nText", "Zeile 2 der Vorlage ist unbekannt oder doppelt: „Titel: T“. Möglich sind Name, Beschreibung, Betreff, Anrede, Gruß und Feld.")]
    public void Parse_RefusesAMalformedTemplate(string text, string message)
    {
        var error = Assert.Throws<TemplateException>(() => LetterTemplate.Parse("x", text));

        Assert.Equal(message, error.MessageGerman);
    }

    [Theory]
    [InlineData("Feld: frist | Frist | Uhrzeit | Pflicht")]
    [InlineData("Feld: frist | Frist | Datum | vielleicht")]
    [InlineData("Feld: vorgang | Vorgang | Text | Pflicht")]
    [InlineData("Feld: a b | Frist | Text | Pflicht")]
    public void Parse_RefusesAMalformedField(string field)
    {
        var error = Assert.Throws<TemplateException>(() => LetterTemplate.Parse("x", $"Name: X\nBetreff: B\nAnrede: A\nGruß: G\n{field}\n---\nText"));

        Assert.StartsWith("Das Feld in Zeile 5 der Vorlage muss", error.MessageGerman, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RefusesTheTemplate_WhenItsBodyHasAnUnclosedSection()
    {
        Assert.Throws<TemplateException>(() => LetterTemplate.Parse("x", "Name: X\nBetreff: B\nAnrede: A\nGruß: G\n---\n{{#if a}}Text"));
    }

    [Fact]
    public void CheckNames_AcceptsTheShippedTemplates()
    {
        foreach (var template in LetterTemplate.Defaults)
        {
            template.CheckNames();
        }
    }

    [Theory]
    [InlineData("{{antragsdatm}}", "Zeile 8: Der Platzhalter {{antragsdatm}} nennt „antragsdatm“. Das ist weder ein Feld dieser Vorlage (antragsdatum, kosten) noch eine der festen Angaben (vorgang, empfaenger, sachbearbeitung, gemeinde, heute).")]
    [InlineData("{{#if kosten != null}}\nKosten\n{{else}}\n{{gebuehr}}\n{{/if}}", "Zeile 11: Der Platzhalter {{gebuehr}} nennt „gebuehr“.")]
    [InlineData("{{#if gebuehr > 0}}\nKosten\n{{/if}}", "Zeile 8: Der Platzhalter {{gebuehr > 0}} nennt „gebuehr“.")]
    [InlineData("Ihr Zeichen {{vorgang.aktenzeichn}}", "Zeile 8: Der Platzhalter {{vorgang.aktenzeichn}} ergibt keinen Wert.")]
    public void CheckNames_RefusesAnUnknownName_WithItsLine_EvenInABranchNotTaken(string body, string message)
    {
        var template = LetterTemplate.Parse("x", $"Name: X\nBetreff: B {{{{vorgang.betreff}}}}\nAnrede: A\nGruß: G\nFeld: antragsdatum | Datum | Datum | Pflicht\nFeld: kosten | Kosten | Absatz | optional\n---\n{body}");

        var error = Assert.Throws<TemplateException>(template.CheckNames);

        Assert.StartsWith(message, error.MessageGerman, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckNames_AcceptsLoopItemsFieldsAndBuiltInVariables()
    {
        var template = LetterTemplate.Parse("x", "Name: X\nBetreff: {{vorgang.betreff}}\nAnrede: Guten Tag {{empfaenger.name}},\nGruß: G\nFeld: posten | Posten | Liste | Pflicht\n---\n{{#loop posten as p}}\n- {{p.bezeichnung}}\n{{/loop}}\n{{heute}}, {{gemeinde.name}}, {{sachbearbeitung.telefon}}");

        template.CheckNames();
    }

    [Fact]
    public void IsValidKey_TakesLowerCaseLettersDigitsAndHyphens_StartingWithALetter()
    {
        Assert.True(LetterTemplate.IsValidKey("gebuehrenbescheid-2"));
        Assert.False(LetterTemplate.IsValidKey("Bescheid"));
        Assert.False(LetterTemplate.IsValidKey("2bescheid"));
        Assert.False(LetterTemplate.IsValidKey("b"));
        Assert.False(LetterTemplate.IsValidKey("bescheid neu"));
        Assert.False(LetterTemplate.IsValidKey(new string('a', 51)));
    }
}
