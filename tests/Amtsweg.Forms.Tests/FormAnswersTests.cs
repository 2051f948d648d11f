using System.Text.Json.Nodes;
using Amtsweg.Forms.Validation;

namespace Amtsweg.Forms.Tests;

public sealed class FormAnswersTests
{
    [Fact]
    public void Read_GivesLabelsInTheFormsOrder_AndTheLabelsOfChosenOptions()
    {
        var form = Support.Fixture("form.json");
        var checkedData = FormValidator.Validate(form, Support.Data("""
            { "creditor": "Stadtwerke", "invoiceNumber": "C-123", "amount": "12,50", "approved": "on", "product": "camunda-cloud",
              "mailto": ["manager", "approver"], "language": "german", "tags": ["tag2"], "fremd": "nicht im Formular" }
            """)).Data;

        var answers = FormAnswers.Read(form, checkedData);

        Assert.Equal(
            ["Creditor: Stadtwerke", "Invoice Number: C-123", "Amount: 12.50", "Approved: true", "Product: Camunda Cloud",
             "Email Summary To: [\"Manager\",\"Approver\"]", "Language: German", "Taglist: [\"Tag 2\"]"],
            answers.Select(a => a.Label + ": " + (a.Value is JsonValue v && v.TryGetValue<string>(out var text) ? text : a.Value?.ToJsonString())));
        Assert.DoesNotContain("fremd", FormAnswers.Bindings(form));
        Assert.Contains("mailto", FormAnswers.Bindings(form));
    }

    [Fact]
    public void Read_FollowsGroupPathsAndDynamicLists_AndLeavesOutFieldsWithoutValue()
    {
        var form = Support.Form("""
            [
              { "type": "group", "label": "Anschrift", "path": "anschrift", "components": [
                { "type": "textfield", "key": "strasse", "label": "Straße" },
                { "type": "textfield", "key": "ort", "label": "Ort" } ] },
              { "type": "dynamiclist", "label": "Kinder", "path": "kinder", "isRepeating": true, "components": [
                { "type": "textfield", "key": "name", "label": "Name" },
                { "type": "select", "key": "betreuung", "label": "Betreuung", "values": [ { "label": "Ganztags", "value": "ganz" }, { "label": "Halbtags", "value": "halb" } ] } ] },
              { "type": "textfield", "key": "bemerkung" }
            ]
            """);
        var data = Support.Data("""
            { "anschrift": { "strasse": "Hauptstraße 1" },
              "kinder": [ { "name": "Lena", "betreuung": "halb" }, { "name": "Tim", "betreuung": "unbekannt" } ],
              "bemerkung": "eilt" }
            """);

        var answers = FormAnswers.Read(form, data);

        Assert.Equal(
            [("Straße", "Hauptstraße 1"), ("Kinder 1: Name", "Lena"), ("Kinder 1: Betreuung", "Halbtags"), ("Kinder 2: Name", "Tim"),
             ("Kinder 2: Betreuung", "unbekannt"), ("bemerkung", "eilt")],
            answers.Select(a => (a.Label, a.Value!.GetValue<string>())));
        Assert.Equal(["anschrift", "bemerkung", "kinder"], FormAnswers.Bindings(form).Order(StringComparer.Ordinal));
    }
}
