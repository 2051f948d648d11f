// Fixtures: schemas from the form-js repository (MIT licence, Camunda Services GmbH); see Fixtures/README.md.
using System.Xml.Linq;
using Amtsweg.Forms.Rendering;
using Amtsweg.Forms.Validation;

namespace Amtsweg.Forms.Tests;

public sealed class FormRendererTests
{
    private static readonly FormOptions Winter = new() { Clock = new FixedClock(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero)) };

    private static XElement Render(string components, string? data = null, IReadOnlyList<FormFieldError>? errors = null) =>
        Support.Parse(FormRenderer.Render(Support.Form(components), data is null ? null : Support.Data(data), errors, Winter));

    [Fact]
    public void Render_GivesEveryFieldOfTheInvoiceExampleARealLabelOrLegend()
    {
        var html = Support.Parse(FormRenderer.Render(Support.Fixture("form.json"), options: Winter));

        foreach (var control in html.Named("input").Concat(html.Named("textarea")).Concat(html.Named("select")))
        {
            var id = control.Attr("id");
            Assert.False(string.IsNullOrEmpty(id), control.ToString());
            Assert.Single(html.Named("label"), l => l.Attr("for") == id);
        }

        Assert.Equal("Creditor (Pflichtfeld)", html.Named("label").Single(l => l.Attr("for") == "field-creditor").Value);
        var product = html.ById("field-product");
        Assert.Equal("fieldset", product.Name.LocalName);
        Assert.Equal("Product", product.Element("legend")!.Value);
        Assert.Equal(["camunda-platform", "camunda-cloud"], product.Descendants("input").Select(i => i.Attr("value")));
        Assert.Equal("radio", product.Descendants("input").First().Attr("type"));
        Assert.Equal("checkbox", html.ById("field-mailto").Descendants("input").First().Attr("type"));
        Assert.Equal("checkbox", html.ById("field-tags").Descendants("input").First().Attr("type"));
        Assert.Equal(["", "german", "english"], html.ById("field-language").Elements("option").Select(o => o.Attr("value")));
        Assert.Equal("datetime-local", html.ById("field-conversation").Attr("type"));
        Assert.Equal(["submit", "reset"], html.Named("button").Select(b => b.Attr("type")));
    }

    [Fact]
    public void Render_LinksTheHintWithAriaDescribedby()
    {
        var html = Support.Parse(FormRenderer.Render(Support.Fixture("form.json"), options: Winter));

        var input = html.ById("field-invoiceNumber");
        Assert.Equal("field-invoiceNumber-hint", input.Attr("aria-describedby"));
        Assert.Equal("An invoice number in the format: C-123.", html.ById("field-invoiceNumber-hint").Value);
    }

    [Fact]
    public void Render_ShowsErrorSummaryLinkingToFields_AndErrorsNextToThem_WithValuesKept()
    {
        var schema = Support.Fixture("form.json");
        var submitted = Support.Data("""{ "invoiceNumber": "X-1", "amount": "viel", "product": "camunda-cloud", "mailto": ["manager"] }""");
        var result = FormValidator.Validate(schema, submitted, options: Winter);

        var html = Support.Parse(FormRenderer.Render(schema, submitted, result.Errors, Winter));

        var summary = html.Elements("div").Single().Elements().First();
        Assert.Equal(("error-summary", "alert"), (summary.Attr("class"), summary.Attr("role")));
        Assert.Equal(FormRenderer.ErrorSummaryTitle, summary.Element("h2")!.Value);
        var links = summary.Descendants("a").ToList();
        Assert.Equal(["#field-creditor", "#field-invoiceNumber", "#field-amount"], links.Select(a => a.Attr("href")));
        Assert.Equal("Creditor: Bitte füllen Sie dieses Pflichtfeld aus.", links[0].Value);
        foreach (var link in links)
        {
            html.ById(link.Attr("href")![1..]);
        }

        var amount = html.ById("field-amount");
        Assert.Equal(("true", "viel", "field-amount-error"), (amount.Attr("aria-invalid"), amount.Attr("value"), amount.Attr("aria-describedby")));
        Assert.Equal("Fehler: Bitte geben Sie eine Zahl ein, z. B. 12,50.", html.ById("field-amount-error").Value);
        Assert.Equal("X-1", html.ById("field-invoiceNumber").Attr("value"));
        Assert.Equal("field-invoiceNumber-hint field-invoiceNumber-error", html.ById("field-invoiceNumber").Attr("aria-describedby"));
        Assert.Equal("checked", html.ById("field-product-1").Attr("checked"));
        Assert.Equal("checked", html.ById("field-mailto-1").Attr("checked"));
        Assert.Null(html.ById("field-mailto-0").Attr("checked"));
    }

    [Fact]
    public void Render_ListsPageErrorsAfterTheFormsOwn_LinkedToTheirInputs()
    {
        var html = Support.Parse(FormRenderer.Render(
            Support.Form("""[ { "type": "textfield", "key": "name", "label": "Name", "validate": { "required": true } } ]"""),
            null,
            [new FormFieldError("name", "Bitte füllen Sie dieses Pflichtfeld aus.")],
            Winter,
            [new FormPageError("vorgang-titel", "Geben Sie den Betreff <des> Vorgangs an.")]));

        var links = html.Descendants("div").Single(d => d.Attr("class") == "error-summary").Descendants("a").ToList();
        Assert.Equal(["#field-name", "#vorgang-titel"], links.Select(a => a.Attr("href")));
        Assert.Equal("Geben Sie den Betreff <des> Vorgangs an.", links[1].Value);
    }

    [Fact]
    public void Render_ShowsSummaryForPageErrorsAlone()
    {
        var html = Support.Parse(FormRenderer.Render(Support.Form("""[ { "type": "textfield", "key": "name", "label": "Name" } ]"""), pageErrors: [new FormPageError("vorgang-position", "Wählen Sie die Aktenplanposition aus.")]));

        var summary = html.Descendants("div").Single(d => d.Attr("class") == "error-summary");
        Assert.Equal("#vorgang-position", summary.Descendants("a").Single().Attr("href"));
        Assert.Null(html.ById("field-name").Attr("aria-invalid"));
    }

    [Fact]
    public void Render_HasNoErrorSummary_WhenThereAreNoErrors()
    {
        var html = Render("""[ { "type": "textfield", "key": "x", "label": "X" } ]""");

        Assert.DoesNotContain(html.Descendants(), e => e.Attr("class") == "error-summary" || e.Attr("aria-invalid") is not null);
    }

    [Fact]
    public void Render_LinksSummaryToFirstOption_ForRadioGroups()
    {
        var html = Render("""[ { "type": "radio", "key": "r", "label": "Wahl", "values": [ { "label": "A", "value": "a" } ] } ]""", "{}", [new FormFieldError("r", "Bitte wählen Sie einen Wert aus.")]);

        Assert.Equal("#field-r-0", html.Descendants("a").Single().Attr("href"));
        Assert.Equal("true", html.ById("field-r-0").Attr("aria-invalid"));
    }

    [Fact]
    public void Render_EncodesScriptInValuesLabelsAndOptions()
    {
        const string Script = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";
        var schema = Support.Form("""
            [ { "type": "textfield", "key": "name", "label": "<b>Name</b>", "description": "<i>Hinweis</i>" },
              { "type": "textarea", "key": "text", "label": "Text" },
              { "type": "select", "key": "s", "label": "S", "values": [ { "label": "<script>x</script>", "value": "\"><script>" } ] } ]
            """);
        var data = new System.Text.Json.Nodes.JsonObject { ["name"] = Script, ["text"] = "</textarea>" + Script };

        var raw = FormRenderer.Render(schema, data, [new FormFieldError("name", Script)], Winter);
        var html = Support.Parse(raw);

        Assert.Empty(html.Descendants("script"));
        Assert.Empty(html.Descendants("img"));
        Assert.Empty(html.Descendants("b"));
        Assert.DoesNotContain(html.Descendants().Attributes(), a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
        Assert.Equal(Script, html.ById("field-name").Attr("value"));
        Assert.Equal("</textarea>" + Script, html.ById("field-text").Value);
        Assert.Equal("<b>Name</b>", html.Named("label").First().Value);
        Assert.Equal("\"><script>", html.ById("field-s").Elements("option").Last().Attr("value"));
    }

    [Fact]
    public void Render_LeavesOutHiddenFields_FromFormJsConditionalExample()
    {
        var schema = Support.Fixture("hidden-fields-conditional.json");

        var hidden = Support.Parse(FormRenderer.Render(schema, Support.Data("""{ "a": true, "b": true, "c": true }"""), options: Winter));
        var shown = Support.Parse(FormRenderer.Render(schema, Support.Data("""{ "a": false, "b": true, "c": true }"""), options: Winter));

        Assert.DoesNotContain(hidden.Descendants(), e => e.Attr("id") == "field-c");
        Assert.Single(hidden.Descendants("h2"), h => h.Value == "Text");
        Assert.Equal("checked", shown.ById("field-c").Attr("checked"));
        Assert.Empty(shown.Descendants("h2"));
    }

    [Fact]
    public void Render_MarksReadonlyByFeel_FromFormJsExample()
    {
        var schema = Support.Fixture("readonly-expression.json");

        var html = Support.Parse(FormRenderer.Render(schema, Support.Data("""{ "foo": 1, "bar": 1, "amount": 5, "text": "fest" }"""), options: Winter));
        var editable = Support.Parse(FormRenderer.Render(schema, Support.Data("""{ "foo": 1, "bar": 5 }"""), options: Winter));

        Assert.Equal(("readonly", "5"), (html.ById("field-amount").Attr("readonly"), html.ById("field-amount").Attr("value")));
        Assert.Equal("readonly", html.ById("field-text").Attr("readonly"));
        Assert.Null(editable.ById("field-amount").Attr("readonly"));
    }

    [Fact]
    public void Render_ShowsMarkdownSafely_FromFormJsInvoiceExample()
    {
        var html = Support.Parse(FormRenderer.Render(Support.Fixture("form.json"), options: Winter));

        var text = html.Descendants("div").First(d => d.Attr("class") == "form-text");
        Assert.Equal("Invoice", text.Element("h2")!.Value);
        Assert.Equal(["ipsum"], text.Descendants("em").Select(e => e.Value));
        Assert.Equal(["dolor", "should not work"], text.Descendants("strong").Select(e => e.Value));
        Assert.Equal("sit", text.Descendants("code").Single().Value);
        Assert.Equal(["Start Event", "Task"], text.Element("ul")!.Elements("li").Select(e => e.Value));
        Assert.Equal("https://bpmn.io", text.Descendants("a").Single().Attr("href"));
        Assert.Contains("malicious link", text.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RendersGroupAsFieldset_AndBindsItsPath()
    {
        var html = Render("""
            [ { "type": "group", "label": "Anschrift", "path": "anschrift", "components": [ { "type": "textfield", "key": "ort", "label": "Ort" } ] } ]
            """, """{ "anschrift": { "ort": "Musterstadt" } }""");

        var fieldset = html.Descendants("fieldset").Single();
        Assert.Equal("Anschrift", fieldset.Element("legend")!.Value);
        var input = fieldset.Descendants("input").Single();
        Assert.Equal(("anschrift.ort", "field-anschrift-ort", "Musterstadt"), (input.Attr("name"), input.Attr("id"), input.Attr("value")));
    }

    [Fact]
    public void Render_RendersEachDynamicListItem_WithTemplateText_FromFormJsExample()
    {
        var html = Support.Parse(FormRenderer.Render(Support.Fixture("dynamic-list-variables.json"), Support.Data("""{ "list": [ { "key": 7 }, { "key": 8 } ] }"""), options: Winter));

        var items = html.Descendants("fieldset").Where(f => f.Attr("class") == "form-list-item").ToList();
        Assert.Equal(["Eintrag 1", "Eintrag 2"], items.Select(i => i.Element("legend")!.Value));
        Assert.Equal(("list[1].key", "8"), (html.ById("field-list-1--key").Attr("name"), html.ById("field-list-1--key").Attr("value")));
        Assert.Equal(["7", "8"], html.Descendants("div").Where(d => d.Attr("class") == "form-text").Select(d => d.Value));
    }

    [Fact]
    public void Render_ShowsDefaultRepetitions_WhenListHasNoData()
    {
        var html = Render("""[ { "type": "dynamiclist", "path": "l", "label": "L", "defaultRepetitions": 2, "components": [ { "type": "textfield", "key": "t", "label": "T" } ] } ]""");

        Assert.Equal(2, html.Descendants("fieldset").Count(f => f.Attr("class") == "form-list-item"));
    }

    [Fact]
    public void Render_RendersDateTimeAndAdornments()
    {
        var html = Render("""
            [ { "type": "datetime", "key": "d", "subtype": "date", "dateLabel": "Geburtsdatum" },
              { "type": "datetime", "key": "t", "subtype": "time", "timeLabel": "Uhrzeit", "timeInterval": 30, "timeSerializingFormat": "utc_normalized" },
              { "type": "number", "key": "n", "label": "Betrag", "appearance": { "prefixAdorner": "€", "suffixAdorner": "netto" } } ]
            """, """{ "d": "2026-01-20", "t": "13:30Z" }""");

        Assert.Equal(("date", "2026-01-20"), (html.ById("field-d").Attr("type"), html.ById("field-d").Attr("value")));
        Assert.Equal("Geburtsdatum", html.Named("label").First().Value);
        Assert.Equal(("time", "1800", "14:30"), (html.ById("field-t").Attr("type"), html.ById("field-t").Attr("step"), html.ById("field-t").Attr("value")));
        Assert.Equal(("decimal", "field-n-prefix field-n-suffix"), (html.ById("field-n").Attr("inputmode"), html.ById("field-n").Attr("aria-describedby")));
        Assert.Equal("€", html.ById("field-n-prefix").Value);
    }

    [Fact]
    public void Render_RendersOptionsFromFeel_FromFormJsValuesExpressionExample()
    {
        var html = Support.Parse(FormRenderer.Render(Support.Fixture("valuesExpression.json"), Support.Data("""{ "myList": [ { "label": "Leitung", "value": "leitung" } ], "myList2": ["a"], "myList3": [], "myList4": ["b"] }"""), options: Winter));

        Assert.Equal("Leitung", html.ById("field-mailto-0").ElementsAfterSelf("label").Single().Value);
        Assert.Equal(["a", "b"], html.ById("field-foo").Descendants("input").Select(i => i.Attr("value")));
        Assert.Equal("Es stehen keine Werte zur Auswahl.", html.ById("field-product").Elements("p").Single().Value);
    }

    [Fact]
    public void Render_RendersTableFromFeel_WithHeaders()
    {
        var html = Render("""
            [ { "type": "table", "label": "Gebühren", "dataSource": "=posten", "columns": [ { "label": "Leistung", "key": "name" }, { "label": "Betrag", "key": "betrag" } ] } ]
            """, """{ "posten": [ { "name": "<b>Ausweis</b>", "betrag": 37 } ] }""");

        var table = html.Descendants("table").Single();
        Assert.Equal("Gebühren", table.Element("caption")!.Value);
        Assert.Equal(["Leistung", "Betrag"], table.Descendants("th").Select(t => t.Value));
        Assert.Equal(["<b>Ausweis</b>", "37"], table.Descendants("td").Select(t => t.Value));
    }

    [Theory]
    [InlineData("""{ "type": "image", "source": "javascript:alert(1)", "alt": "Logo" }""", "img", false)]
    [InlineData("""{ "type": "image", "source": "https://example.org/logo.png", "alt": "Logo" }""", "img", true)]
    [InlineData("""{ "type": "iframe", "url": "http://example.org", "label": "Karte" }""", "iframe", false)]
    [InlineData("""{ "type": "iframe", "url": "javascript:alert(1)", "label": "Karte" }""", "iframe", false)]
    [InlineData("""{ "type": "iframe", "url": "https://example.org/karte", "label": "Karte" }""", "iframe", true)]
    public void Render_EmbedsOnlySafeSources(string component, string element, bool embedded)
    {
        var html = Render("[" + component + "]");

        Assert.Equal(embedded ? 1 : 0, html.Descendants(element).Count());
    }

    [Fact]
    public void Render_SandboxesIFrames()
    {
        var frame = Render("""[ { "type": "iframe", "url": "https://example.org/karte", "label": "Karte" } ]""").Descendants("iframe").Single();

        Assert.Equal(("", "Karte"), (frame.Attr("sandbox"), frame.Attr("title")));
    }

    [Fact]
    public void Render_ShowsHtmlComponentAsTextOnly()
    {
        var html = Render("""[ { "type": "html", "content": "<p onclick=\"alert(1)\">Öffnungszeiten &amp; Hinweise</p><script>alert(2)</script>" } ]""");

        Assert.Empty(html.Descendants("script"));
        Assert.Contains("Öffnungszeiten & Hinweise", html.Value, StringComparison.Ordinal);
        Assert.DoesNotContain(html.Descendants().Attributes(), a => a.Name.LocalName == "onclick");
    }

    [Fact]
    public void Render_RendersFilePickerSeparatorSpacer_AndNothingForExpressions()
    {
        var html = Render("""
            [ { "type": "filepicker", "key": "f", "label": "Nachweis", "accept": ".pdf", "multiple": true },
              { "type": "separator" }, { "type": "spacer", "height": 30 },
              { "type": "expression", "key": "e", "expression": "=1" } ]
            """);

        Assert.Equal(("file", ".pdf", "multiple"), (html.ById("field-f").Attr("type"), html.ById("field-f").Attr("accept"), html.ById("field-f").Attr("multiple")));
        Assert.Single(html.Descendants("hr"));
        Assert.Single(html.Descendants("div"), d => d.Attr("class") == "form-spacer");
        Assert.DoesNotContain(html.Descendants(), e => e.Attr("name") == "e");
    }

    [Fact]
    public void Render_DisablesReadonlyChoices_BecauseBrowsersIgnoreReadonlyThere()
    {
        var html = Render("""
            [ { "type": "checkbox", "key": "c", "label": "C", "readonly": true },
              { "type": "select", "key": "s", "label": "S", "readonly": "=true", "values": [ { "label": "A", "value": "a" } ] } ]
            """);

        Assert.Equal("disabled", html.ById("field-c").Attr("disabled"));
        Assert.Equal("disabled", html.ById("field-s").Attr("disabled"));
    }

    [Fact]
    public void Render_FillsTextFromFeelAndTemplates_WithValuesEncoded()
    {
        var html = Render("""
            [ { "type": "text", "text": "=\"Hallo \" + name" },
              { "type": "text", "text": "Aktenzeichen: **{{ az }}**, {{#if x}}bleibt{{/if}}" } ]
            """, """{ "name": "<script>alert(1)</script>", "az": "<i>1.2.3</i>" }""");

        var texts = html.Descendants("div").Where(d => d.Attr("class") == "form-text").ToList();
        Assert.Empty(html.Descendants("script"));
        Assert.Empty(html.Descendants("i"));
        Assert.Equal("Hallo <script>alert(1)</script>", texts[0].Value);
        Assert.Equal("<i>1.2.3</i>", texts[1].Descendants("strong").Single().Value);
        Assert.Contains("{{#if x}}bleibt{{/if}}", texts[1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_GivesDottedKeysAnIdAndTheirPathAsName()
    {
        var html = Render("""[ { "type": "textfield", "key": "antragsteller.name", "label": "Name" } ]""", """{ "antragsteller": { "name": "Muster" } }""");

        var input = html.ById("field-antragsteller-name");
        Assert.Equal(("antragsteller.name", "Muster"), (input.Attr("name"), input.Attr("value")));
        Assert.Equal("field-antragsteller-name", FormRenderer.FieldId("antragsteller.name"));
    }
}

