// Fixtures: schemas from the form-js repository (MIT licence, Camunda Services GmbH); see Fixtures/README.md.
using Amtsweg.Forms.Schema;

namespace Amtsweg.Forms.Tests;

public sealed class FormSchemaReaderTests
{
    [Fact]
    public void Read_ReadsEveryComponentOfTheFormJsInvoiceExample()
    {
        var schema = Support.Fixture("form.json");

        Assert.Equal(
            [FormComponentType.Text, FormComponentType.TextField, FormComponentType.TextField, FormComponentType.Number, FormComponentType.Checkbox,
             FormComponentType.TextField, FormComponentType.TextArea, FormComponentType.Radio, FormComponentType.Checklist, FormComponentType.Select,
             FormComponentType.DateTime, FormComponentType.Taglist, FormComponentType.Image, FormComponentType.Button, FormComponentType.Button],
            schema.Components.Select(c => c.Type));
        var amount = schema.Components.Single(c => c.Key == "amount");
        Assert.Equal(0m, amount.Rules.Min);
        Assert.Equal(1000m, amount.Rules.Max);
        Assert.Equal("^C-[0-9]+$", schema.Components.Single(c => c.Key == "invoiceNumber").Rules.Pattern);
        Assert.Equal(["camunda-platform", "camunda-cloud"], schema.Components.Single(c => c.Key == "product").Values.Select(v => v.Value!.GetValue<string>()));
        var conversation = schema.Components.Single(c => c.Key == "conversation");
        Assert.Equal(("datetime", "utc_normalized", "Date of conversation"), (conversation.Subtype, conversation.TimeSerializingFormat, conversation.DateLabel));
        Assert.Equal("reset", schema.Components[^1].Action);
    }

    [Fact]
    public void Read_ReadsFeelReadonlyAndConstantReadonly_FromFormJsExample()
    {
        var schema = Support.Fixture("readonly-expression.json");

        Assert.Equal("foo + bar = 2", schema.Components[0].ReadonlyExpression!.Text);
        Assert.True(schema.Components[1].ReadonlyConstant);
    }

    [Fact]
    public void Read_ReadsDynamicListWithPathAndChildren_FromFormJsExample()
    {
        var list = Support.Fixture("dynamic-list-variables.json").Components.Single();

        Assert.Equal((FormComponentType.DynamicList, "list", true), (list.Type, list.Path, list.IsRepeating));
        Assert.Equal([FormComponentType.Text, FormComponentType.Number], list.Components.Select(c => c.Type));
    }

    [Fact]
    public void Read_ReadsEveryOtherComponentType()
    {
        var schema = Support.Form("""
            [
              { "type": "group", "label": "Anschrift", "path": "anschrift", "components": [ { "type": "textfield", "key": "strasse", "label": "Straße" } ] },
              { "type": "expression", "key": "summe", "expression": "=1 + 2", "computeOn": "presubmit" },
              { "type": "filepicker", "key": "anlagen", "label": "Anlagen", "accept": ".pdf", "multiple": true },
              { "type": "html", "content": "<p>Hallo</p>" },
              { "type": "table", "label": "Posten", "dataSource": "=posten", "columns": [ { "label": "Name", "key": "name" } ] },
              { "type": "iframe", "label": "Karte", "url": "https://example.org/karte", "height": 200 },
              { "type": "separator" },
              { "type": "spacer", "height": 40 },
              { "type": "textfield", "key": "betrag", "label": "Betrag", "appearance": { "prefixAdorner": "€", "suffixAdorner": "netto" } }
            ]
            """);

        Assert.Equal(
            [FormComponentType.Group, FormComponentType.Expression, FormComponentType.FilePicker, FormComponentType.Html, FormComponentType.Table,
             FormComponentType.IFrame, FormComponentType.Separator, FormComponentType.Spacer, FormComponentType.TextField],
            schema.Components.Select(c => c.Type));
        Assert.Equal("anschrift", schema.Components[0].Path);
        Assert.Equal(("€", "netto"), (schema.Components[^1].Prefix, schema.Components[^1].Suffix));
        Assert.Equal(10, schema.AllComponents.Count());
    }

    [Theory]
    [InlineData("""{ "type": "slider", "key": "x", "label": "Regler" }""", "Komponente Nr. 1 (Typ 'slider', Beschriftung 'Regler'): Den Komponententyp 'slider' kennt Amtsweg nicht.")]
    [InlineData("""{ "label": "Ohne Typ" }""", "Komponente Nr. 1 (Beschriftung 'Ohne Typ'): Die Angabe \"type\" fehlt.")]
    [InlineData("""{ "type": "textfield", "label": "Name" }""", "Komponente Nr. 1 (Typ 'textfield', Beschriftung 'Name'): Die Angabe \"key\" (wo der Wert gespeichert wird) fehlt.")]
    [InlineData("""{ "type": "textfield", "key": "a b" }""", "Komponente Nr. 1 (Typ 'textfield', Schlüssel 'a b'): \"key\" 'a b' ist kein gültiger Name")]
    [InlineData("""{ "type": "textfield", "key": "x", "validate": { "pattern": "([a-z" } }""", "Das Muster (validate.pattern) '([a-z' ist kein gültiger regulärer Ausdruck.")]
    [InlineData("""{ "type": "textfield", "key": "x", "conditional": { "hide": "=a +" } }""", "Der FEEL-Ausdruck in \"conditional.hide\" ist fehlerhaft")]
    [InlineData("""{ "type": "textfield", "key": "x", "readonly": "ja" }""", "\"readonly\" muss wahr, falsch oder ein FEEL-Ausdruck mit '=' am Anfang sein.")]
    [InlineData("""{ "type": "number", "key": "x", "validate": { "min": "null" } }""", "\"min\" muss eine Zahl sein.")]
    [InlineData("""{ "type": "radio", "key": "x", "label": "Wahl" }""", "Es fehlen die Auswahlmöglichkeiten")]
    [InlineData("""{ "type": "dynamiclist", "label": "Kinder", "components": [] }""", "Einer dynamischen Liste fehlt die Angabe \"path\"")]
    [InlineData("""{ "type": "datetime", "key": "d", "subtype": "week" }""", "Der Untertyp 'week' ist unbekannt")]
    [InlineData("""{ "type": "textfield", "key": "x", "validate": { "validationType": "iban" } }""", "Die Prüfart 'iban' ist unbekannt")]
    [InlineData("42", "Komponente Nr. 1: Eine Komponente muss ein JSON-Objekt sein.")]
    public void Read_ThrowsGermanErrorNamingTheComponent_WhenComponentIsBroken(string component, string expected)
    {
        var error = Assert.Throws<FormSchemaException>(() => Support.Form("[" + component + "]"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesTheNestedComponent_WhenAChildOfAGroupIsUnknown()
    {
        var error = Assert.Throws<FormSchemaException>(() => Support.Form("""
            [ { "type": "textfield", "key": "a" }, { "type": "group", "label": "G", "components": [ { "type": "rating", "key": "r" } ] } ]
            """));

        Assert.Equal("Komponente Nr. 3 (Typ 'rating', Schlüssel 'r'): Den Komponententyp 'rating' kennt Amtsweg nicht.", error.Message);
    }

    [Fact]
    public void Read_Throws_WhenTwoFieldsBindTheSameKey()
    {
        var error = Assert.Throws<FormSchemaException>(() => Support.Form("""
            [ { "type": "textfield", "key": "anschrift.ort" }, { "type": "group", "path": "anschrift", "components": [ { "type": "textfield", "key": "ort" } ] } ]
            """));

        Assert.Equal("Formular: Der Schlüssel 'anschrift.ort' wird von mehreren Feldern verwendet.", error.Message);
    }

    [Theory]
    [InlineData("{ \"components\": [ ", "Das Formular ist kein gültiges JSON (Zeile 1")]
    [InlineData("[1, 2]", "Das Formular muss ein JSON-Objekt mit der Eigenschaft \"components\" sein.")]
    [InlineData("{ \"type\": \"default\" }", "Dem Formular fehlt die Liste \"components\"")]
    [InlineData("{ \"components\": [], \"components\": [] }", "Das Formular ist kein gültiges JSON")]
    public void Read_ThrowsGermanError_WhenJsonIsBroken(string json, string expected)
    {
        var error = Assert.Throws<FormSchemaException>(() => FormSchemaReader.Read(json));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Throws_WhenGroupsAreNestedTooDeeply()
    {
        var json = "{ \"type\": \"textfield\", \"key\": \"x\" }";
        for (var i = 0; i < FormSchemaReader.MaxNesting + 2; i++)
        {
            json = "{ \"type\": \"group\", \"components\": [" + json + "] }";
        }

        var error = Assert.Throws<FormSchemaException>(() => Support.Form("[" + json + "]"));

        Assert.Contains("tiefer als 16 Ebenen verschachtelt", error.Message, StringComparison.Ordinal);
    }
}
