// Fixtures: schemas from the form-js repository (MIT licence, Camunda Services GmbH); see Fixtures/README.md.
using System.Text.Json.Nodes;
using Amtsweg.Forms.Validation;

namespace Amtsweg.Forms.Tests;

public sealed class FormValidatorTests
{
    private static readonly FormOptions Winter = new() { Clock = new FixedClock(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero)) };

    private static FormValidationResult Validate(string components, string submitted, string? initial = null, FormOptions? options = null) =>
        FormValidator.Validate(Support.Form(components), Support.Data(submitted), initial is null ? null : Support.Data(initial), options ?? Winter);

    private static string ErrorOf(FormValidationResult result, string key) =>
        Assert.Single(result.Errors, e => e.Key == key).Message;

    [Fact]
    public void Validate_AcceptsTheFormJsInvoiceExample_WithTypedValues()
    {
        var result = FormValidator.Validate(Support.Fixture("form.json"), Support.Data("""
            { "creditor": "Stadtwerke", "invoiceNumber": "C-123", "amount": "12,50", "approved": "on", "product": "camunda-cloud",
              "mailto": ["manager", "approver"], "language": "german", "conversation": "2026-01-20T11:00", "tags": ["tag2"] }
            """), options: Winter);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(12.50m, result.Data["amount"]!.GetValue<decimal>());
        Assert.True(result.Data["approved"]!.GetValue<bool>());
        Assert.Equal("""["manager","approver"]""", result.Data["mailto"]!.ToJsonString());
        Assert.Equal("2026-01-20T10:00Z", result.Data["conversation"]!.GetValue<string>());
        Assert.Equal(string.Empty, result.Data["approvedBy"]!.GetValue<string>());
    }

    [Fact]
    public void Validate_ReportsEachRuleOfTheInvoiceExample_WhenValuesAreWrong()
    {
        var result = FormValidator.Validate(Support.Fixture("form.json"), Support.Data("""
            { "invoiceNumber": "X-1", "amount": 1000.01, "product": "camunda-8", "language": "klingonisch", "tags": ["tag9"] }
            """), options: Winter);

        Assert.Equal(["creditor", "invoiceNumber", "amount", "product", "language", "tags"], result.Errors.Select(e => e.Key));
        Assert.Equal("Bitte füllen Sie dieses Pflichtfeld aus.", ErrorOf(result, "creditor"));
        Assert.Equal("Die Eingabe hat nicht das verlangte Format.", ErrorOf(result, "invoiceNumber"));
        Assert.Equal("Die Zahl darf höchstens 1000 sein.", ErrorOf(result, "amount"));
        Assert.Equal("Bitte wählen Sie einen der angebotenen Werte.", ErrorOf(result, "product"));
        Assert.Equal("Bitte wählen Sie nur aus den angebotenen Werten.", ErrorOf(result, "tags"));
        Assert.Null(result.Data["product"]);
    }

    [Theory]
    [InlineData("""{ "required": true }""", "\"   \"", "Bitte füllen Sie dieses Pflichtfeld aus.")]
    [InlineData("""{ "minLength": 3 }""", "\"ab\"", "Bitte geben Sie mindestens 3 Zeichen ein.")]
    [InlineData("""{ "maxLength": 3 }""", "\"abcd\"", "Bitte geben Sie höchstens 3 Zeichen ein.")]
    [InlineData("""{ "pattern": "^[0-9]{5}$" }""", "\"1234\"", "Die Eingabe hat nicht das verlangte Format.")]
    [InlineData("""{ "validationType": "email" }""", "\"max.muster@\"", "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@beispiel.de.")]
    [InlineData("""{ "validationType": "phone" }""", "\"030 1234567\"", "Bitte geben Sie eine internationale Telefonnummer ein, z. B. +49 30 1234567.")]
    [InlineData("{}", "42", "Bitte geben Sie einen Text ein.")]
    [InlineData("{}", "\"a\\u0000b\"", "Der Text enthält unzulässige Steuerzeichen.")]
    public void Validate_ReportsTextFieldRule_WhenViolated(string rules, string value, string expected)
    {
        var result = Validate($$"""[ { "type": "textfield", "key": "x", "validate": {{rules}} } ]""", $$"""{ "x": {{value}} }""");

        Assert.Equal(expected, ErrorOf(result, "x"));
    }

    [Theory]
    [InlineData("""{ "minLength": 3 }""", "\"abc\"")]
    [InlineData("""{ "maxLength": 3 }""", "\"abc\"")]
    [InlineData("""{ "pattern": "^[0-9]{5}$" }""", "\"10115\"")]
    [InlineData("""{ "validationType": "email" }""", "\"max.muster@beispiel.de\"")]
    [InlineData("""{ "validationType": "phone" }""", "\"+49 30 1234567\"")]
    [InlineData("""{ "validationType": "phone" }""", "\"0049 (30) 123-4567\"")]
    [InlineData("""{ "minLength": 3 }""", "\"\"")]
    public void Validate_AcceptsTextField_WhenRuleIsMet(string rules, string value)
    {
        var result = Validate($$"""[ { "type": "textfield", "key": "x", "validate": {{rules}} } ]""", $$"""{ "x": {{value}} }""");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void Validate_RefusesOversizedText_EvenWithoutMaxLength()
    {
        var result = Validate("""[ { "type": "textfield", "key": "x" }, { "type": "textarea", "key": "y" } ]""",
            new JsonObject { ["x"] = new string('a', 1_001), ["y"] = new string('b', 20_000) }.ToJsonString());

        Assert.Equal("Bitte geben Sie höchstens 1000 Zeichen ein.", ErrorOf(result, "x"));
        Assert.Equal(string.Empty, result.Data["x"]!.GetValue<string>());
        Assert.DoesNotContain(result.Errors, e => e.Key == "y");
    }

    [Fact]
    public void Validate_KeepsLineBreaksInTextArea_ButNotInTextField()
    {
        var result = Validate("""[ { "type": "textfield", "key": "x" }, { "type": "textarea", "key": "y" } ]""", """{ "x": "a\nb", "y": "Zeile 1\nZeile 2" }""");

        Assert.Equal("Der Text enthält unzulässige Steuerzeichen.", ErrorOf(result, "x"));
        Assert.Equal("Zeile 1\nZeile 2", result.Data["y"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{ "min": 18 }""", "17", "Die Zahl muss mindestens 18 sein.")]
    [InlineData("""{ "max": 99.5 }""", "\"100\"", "Die Zahl darf höchstens 99,5 sein.")]
    [InlineData("""{ "required": true }""", "\"\"", "Bitte füllen Sie dieses Pflichtfeld aus.")]
    [InlineData("{}", "\"zwölf\"", "Bitte geben Sie eine Zahl ein, z. B. 12,50.")]
    [InlineData("{}", "true", "Bitte geben Sie eine Zahl ein, z. B. 12,50.")]
    [InlineData("{}", "[1]", "Bitte geben Sie eine Zahl ein, z. B. 12,50.")]
    public void Validate_ReportsNumberRule_WhenViolated(string rules, string value, string expected)
    {
        var result = Validate($$"""[ { "type": "number", "key": "n", "validate": {{rules}} } ]""", $$"""{ "n": {{value}} }""");

        Assert.Equal(expected, ErrorOf(result, "n"));
    }

    [Theory]
    [InlineData("\"1.234,56\"", "1234.56")]
    [InlineData("\"12.5\"", "12.5")]
    [InlineData("\" -3 \"", "-3")]
    [InlineData("7", "7")]
    public void Validate_ReadsNumbers_AsDecimal(string value, string expected)
    {
        var result = Validate("""[ { "type": "number", "key": "n" } ]""", $$"""{ "n": {{value}} }""");

        Assert.True(result.IsValid);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result.Data["n"]!.GetValue<decimal>());
    }

    [Fact]
    public void Validate_ChecksDecimalDigits_AndSerializesToString_WhenAsked()
    {
        var result = Validate("""[ { "type": "number", "key": "a", "decimalDigits": 2 }, { "type": "number", "key": "b", "serializeToString": true } ]""", """{ "a": 1.234, "b": "2,5" }""");

        Assert.Equal("Bitte geben Sie höchstens 2 Nachkommastellen ein.", ErrorOf(result, "a"));
        Assert.Equal("2.5", result.Data["b"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("true", true, null)]
    [InlineData("\"on\"", true, null)]
    [InlineData("false", false, "Bitte bestätigen Sie dieses Pflichtfeld.")]
    [InlineData("null", false, "Bitte bestätigen Sie dieses Pflichtfeld.")]
    [InlineData("\"vielleicht\"", false, "Bitte wählen Sie Ja oder Nein.")]
    public void Validate_ReadsRequiredCheckbox(string value, bool expected, string? error)
    {
        var result = Validate("""[ { "type": "checkbox", "key": "ok", "validate": { "required": true } } ]""", $$"""{ "ok": {{value}} }""");

        Assert.Equal(expected, result.Data["ok"]!.GetValue<bool>());
        Assert.Equal(error, result.Errors.SingleOrDefault()?.Message);
    }

    [Fact]
    public void Validate_TakesTheOptionsTypedValue_WhenAFormPostSendsText()
    {
        var result = Validate("""[ { "type": "select", "key": "stufe", "values": [ { "label": "Eins", "value": 1 }, { "label": "Zwei", "value": 2 } ] } ]""", """{ "stufe": "2" }""");

        Assert.Equal(2, result.Data["stufe"]!.GetValue<decimal>());
    }

    [Fact]
    public void Validate_RemovesDuplicates_AndRequiresOneValue_InChecklist()
    {
        const string Form = """[ { "type": "checklist", "key": "c", "validate": { "required": true }, "values": [ { "label": "A", "value": "a" }, { "label": "B", "value": "b" } ] } ]""";

        Assert.Equal("""["b","a"]""", Validate(Form, """{ "c": ["b", "a", "b"] }""").Data["c"]!.ToJsonString());
        Assert.Equal("""["a"]""", Validate(Form, """{ "c": "a" }""").Data["c"]!.ToJsonString());
        Assert.Equal("Bitte wählen Sie mindestens einen Wert aus.", ErrorOf(Validate(Form, "{}"), "c"));
        Assert.Equal("Bitte wählen Sie nur aus den angebotenen Werten.", ErrorOf(Validate(Form, """{ "c": [{ "value": "a" }] }"""), "c"));
    }

    [Fact]
    public void Validate_TakesOptionsFromFeel_FromFormJsValuesExpressionExample()
    {
        var schema = Support.Fixture("valuesExpression.json");
        var initial = Support.Data("""
            { "myList": [ { "label": "Antragsteller", "value": "antragsteller" } ], "myList2": ["x"], "myList3": ["y"], "myList4": [] }
            """);

        var valid = FormValidator.Validate(schema, Support.Data("""{ "mailto": ["antragsteller"], "foo": ["x", "y"] }"""), initial, Winter);
        var invalid = FormValidator.Validate(schema, Support.Data("""{ "mailto": ["chef"], "product": "irgendwas" }"""), initial, Winter);

        Assert.True(valid.IsValid, string.Join("; ", valid.Errors));
        Assert.Equal("""["x","y"]""", valid.Data["foo"]!.ToJsonString());
        Assert.Equal(["product", "mailto"], invalid.Errors.Select(e => e.Key));
    }

    [Fact]
    public void Validate_TakesOptionsFromInputVariable_WithValuesKey()
    {
        const string Form = """[ { "type": "radio", "key": "amt", "valuesKey": "aemter" } ]""";
        const string Initial = """{ "aemter": [ { "label": "Bürgeramt", "value": "buergeramt" }, "standesamt" ] }""";

        Assert.True(Validate(Form, """{ "amt": "standesamt" }""", Initial).IsValid);
        Assert.Equal("Bitte wählen Sie einen der angebotenen Werte.", ErrorOf(Validate(Form, """{ "amt": "bauamt" }""", Initial), "amt"));
        Assert.False(Validate(Form, """{ "amt": "standesamt", "aemter": ["standesamt"] }""").IsValid);
    }

    [Theory]
    [InlineData("date", "utc_offset", "2026-03-01", "2026-03-01")]
    [InlineData("date", "utc_offset", "01.03.2026", "2026-03-01")]
    [InlineData("time", "no_timezone", "14:30", "14:30")]
    [InlineData("time", "utc_offset", "14:30", "14:30+01:00")]
    [InlineData("time", "utc_normalized", "14:30", "13:30Z")]
    [InlineData("datetime", "no_timezone", "2026-07-01T14:30", "2026-07-01T14:30")]
    [InlineData("datetime", "utc_offset", "2026-07-01T14:30", "2026-07-01T14:30+02:00")]
    [InlineData("datetime", "utc_normalized", "2026-07-01T00:30", "2026-06-30T22:30Z")]
    [InlineData("datetime", "utc_offset", "2026-07-01T14:30Z", "2026-07-01T14:30+00:00")]
    public void Validate_SerializesDatesAndTimes_InFormJsFormats(string subtype, string format, string given, string expected)
    {
        var result = Validate($$"""[ { "type": "datetime", "key": "d", "subtype": "{{subtype}}", "timeSerializingFormat": "{{format}}" } ]""", $$"""{ "d": "{{given}}" }""");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(expected, result.Data["d"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("date", "2026-02-30", "Bitte geben Sie ein gültiges Datum ein, z. B. 31.12.2026.")]
    [InlineData("time", "25:00", "Bitte geben Sie eine gültige Uhrzeit ein, z. B. 14:30.")]
    [InlineData("datetime", "2026-01-01", "Bitte geben Sie ein gültiges Datum mit Uhrzeit ein, z. B. 31.12.2026 14:30.")]
    public void Validate_ReportsInvalidDateOrTime(string subtype, string given, string expected)
    {
        var result = Validate($$"""[ { "type": "datetime", "key": "d", "subtype": "{{subtype}}" } ]""", $$"""{ "d": "{{given}}" }""");

        Assert.Equal(expected, ErrorOf(result, "d"));
    }

    [Fact]
    public void Validate_RefusesPassedDate_WhenDisallowPassedDates()
    {
        const string Form = """[ { "type": "datetime", "key": "d", "subtype": "date", "disallowPassedDates": true } ]""";

        Assert.Equal("Das Datum darf nicht in der Vergangenheit liegen.", ErrorOf(Validate(Form, """{ "d": "2026-01-14" }"""), "d"));
        Assert.True(Validate(Form, """{ "d": "2026-01-15" }""").IsValid);
    }

    [Fact]
    public void Validate_IgnoresHiddenFieldsValue_WhenConditionHidesIt()
    {
        var schema = Support.Fixture("hidden-fields-conditional.json");

        var result = FormValidator.Validate(schema, Support.Data("""{ "a": true, "b": false, "c": true, "admin": true }"""), options: Winter);

        Assert.True(result.IsValid);
        Assert.Equal("""{"a":true,"b":false}""", result.Data.ToJsonString());
    }

    [Fact]
    public void Validate_DoesNotRequireHiddenField_AndRequiresItWhenShown()
    {
        const string Form = """
            [ { "type": "checkbox", "key": "verheiratet", "label": "Verheiratet" },
              { "type": "textfield", "key": "ehegatte", "label": "Name des Ehegatten", "validate": { "required": true }, "conditional": { "hide": "=not(verheiratet)" } } ]
            """;

        Assert.True(Validate(Form, """{ "verheiratet": false, "ehegatte": "<script>alert(1)</script>" }""").Data.ContainsKey("ehegatte") is false);
        Assert.Equal("Bitte füllen Sie dieses Pflichtfeld aus.", ErrorOf(Validate(Form, """{ "verheiratet": true }"""), "ehegatte"));
    }

    [Fact]
    public void Validate_ConditionCannotBeOpenedByAHiddenFieldsValue()
    {
        // "geheim" is shown only to Leitung; a manipulated post that fills "rolle" (hidden for others) must not reveal or store it.
        const string Form = """
            [ { "type": "textfield", "key": "rolle", "conditional": { "hide": "=benutzer != \"leitung\"" } },
              { "type": "textfield", "key": "geheim", "conditional": { "hide": "=rolle != \"chef\"" } } ]
            """;

        var result = Validate(Form, """{ "rolle": "chef", "geheim": "x", "benutzer": "leitung" }""", """{ "benutzer": "sachbearbeitung" }""");

        Assert.Equal("{}", result.Data.ToJsonString());
    }

    [Fact]
    public void Validate_KeepsInitialValue_WhenReadonlyByFeel_FromFormJsExample()
    {
        var schema = Support.Fixture("readonly-expression.json");

        var readonlyNow = FormValidator.Validate(schema, Support.Data("""{ "amount": 999, "text": "geändert" }"""), Support.Data("""{ "foo": 1, "bar": 1, "amount": 5, "text": "original" }"""), Winter);
        var editable = FormValidator.Validate(schema, Support.Data("""{ "amount": 999, "text": "geändert" }"""), Support.Data("""{ "foo": 1, "bar": 2, "amount": 5, "text": "original" }"""), Winter);

        Assert.Equal("""{"amount":5,"text":"original"}""", readonlyNow.Data.ToJsonString());
        Assert.Equal("""{"amount":999,"text":"original"}""", editable.Data.ToJsonString());
    }

    [Fact]
    public void Validate_KeepsDefaultValue_WhenDisabledFieldHasNoInitialValue()
    {
        var result = Validate("""[ { "type": "textfield", "key": "amt", "disabled": true, "defaultValue": "Bürgeramt" } ]""", """{ "amt": "Bauamt" }""");

        Assert.Equal("Bürgeramt", result.Data["amt"]!.GetValue<string>());
    }

    [Fact]
    public void Validate_ComputesExpressionField_AndIgnoresSubmittedValue()
    {
        var result = Validate("""
            [ { "type": "number", "key": "anzahl" }, { "type": "number", "key": "preis" },
              { "type": "expression", "key": "summe", "expression": "=anzahl * preis" } ]
            """, """{ "anzahl": 3, "preis": "2,50", "summe": 1 }""");

        Assert.Equal(7.5m, result.Data["summe"]!.GetValue<decimal>());
    }

    [Fact]
    public void Validate_DropsKeysTheFormDoesNotHave()
    {
        var result = Validate("""[ { "type": "textfield", "key": "name" } ]""", """{ "name": "Muster", "status": "genehmigt" }""");

        Assert.Equal("""{"name":"Muster"}""", result.Data.ToJsonString());
    }

    [Fact]
    public void Validate_BindsGroupPathAndDottedKeys_AsNestedObjects()
    {
        var result = Validate("""
            [ { "type": "group", "label": "Anschrift", "path": "anschrift", "components": [
                { "type": "textfield", "key": "ort", "validate": { "required": true } },
                { "type": "textfield", "key": "plz.wert", "validate": { "pattern": "^[0-9]{5}$" } } ] } ]
            """, """{ "anschrift": { "plz": { "wert": "123" } } }""");

        Assert.Equal(["anschrift.ort", "anschrift.plz.wert"], result.Errors.Select(e => e.Key));
        Assert.Equal("123", result.Data["anschrift"]!["plz"]!["wert"]!.GetValue<string>());
    }

    [Fact]
    public void Validate_ValidatesEachItemOfDynamicList_WithItsIndex()
    {
        var result = FormValidator.Validate(Support.Fixture("dynamic-list-variables.json"), Support.Data("""{ "list": [ { "key": 1 }, { "key": "x" }, { "key": "3", "extra": 1 } ] }"""), options: Winter);

        Assert.Equal("list[1].key", Assert.Single(result.Errors).Key);
        Assert.Equal("""[{"key":1},{"key":"x"},{"key":3}]""", result.Data["list"]!.ToJsonString());
    }

    [Fact]
    public void Validate_EvaluatesConditionsInsideListItems_AgainstTheItem()
    {
        var result = Validate("""
            [ { "type": "dynamiclist", "path": "kinder", "components": [
                { "type": "checkbox", "key": "schulpflichtig" },
                { "type": "textfield", "key": "schule", "validate": { "required": true }, "conditional": { "hide": "=not(this.schulpflichtig)" } } ] } ]
            """, """{ "kinder": [ { "schulpflichtig": true }, { "schulpflichtig": false, "schule": "x" } ] }""");

        Assert.Equal("kinder[0].schule", Assert.Single(result.Errors).Key);
        Assert.False(result.Data["kinder"]![1]!.AsObject().ContainsKey("schule"));
    }

    [Fact]
    public void Validate_RefusesTooManyListItems_AndItemsOfTheWrongShape()
    {
        const string Form = """[ { "type": "dynamiclist", "path": "l", "components": [ { "type": "textfield", "key": "t" } ] } ]""";
        var many = new JsonObject { ["l"] = new JsonArray([.. Enumerable.Range(0, 201).Select(_ => (JsonNode)new JsonObject())]) };

        Assert.Equal("Die Liste darf höchstens 200 Einträge haben.", ErrorOf(Validate(Form, many.ToJsonString()), "l"));
        Assert.Equal("Eintrag 1 hat nicht die erwartete Form.", ErrorOf(Validate(Form, """{ "l": [ "x" ] }"""), "l[0]"));
        Assert.Equal("Die Einträge dieser Liste haben nicht die erwartete Form.", ErrorOf(Validate(Form, """{ "l": "x" }"""), "l"));
    }

    [Fact]
    public void Validate_RequiresFile_AndAcceptsFileReferences()
    {
        const string Form = """[ { "type": "filepicker", "key": "nachweis", "multiple": true, "validate": { "required": true } } ]""";

        Assert.Equal("Bitte wählen Sie eine Datei aus.", ErrorOf(Validate(Form, "{}"), "nachweis"));
        Assert.True(Validate(Form, """{ "nachweis": ["dokument-1", "dokument-2"] }""").IsValid);
        Assert.Equal("Die Dateiangabe hat nicht die erwartete Form.", ErrorOf(Validate(Form, """{ "nachweis": [ 1 ] }"""), "nachweis"));
    }

    [Fact]
    public void Validate_IsValid_WhenOnlyDisplayComponentsAreThere()
    {
        var result = Validate("""[ { "type": "text", "text": "Hallo" }, { "type": "separator" }, { "type": "spacer" }, { "type": "button", "label": "Senden" } ]""", """{ "x": 1 }""");

        Assert.True(result.IsValid);
        Assert.Equal("{}", result.Data.ToJsonString());
    }

    // The render context laid the cleaned values over the raw data, so a hidden field's given value still counted in
    // other fields' conditions.
    [Fact]
    public void Bug_HiddenFieldsGivenValue_CountedInOtherConditions()
    {
        const string Form = """
            [ { "type": "checkbox", "key": "a" },
              { "type": "checkbox", "key": "c", "conditional": { "hide": "=a" } },
              { "type": "textfield", "key": "grund", "conditional": { "hide": "=c" } } ]
            """;

        var result = Validate(Form, """{ "a": true, "c": true, "grund": "sichtbar" }""", """{ "c": true }""");

        Assert.Equal("""{"a":true,"grund":"sichtbar"}""", result.Data.ToJsonString());
    }
}
