using System.Text.Json.Nodes;
using Amtsweg.Forms.Rendering;

namespace Amtsweg.Forms.Tests;

/// <summary>Issue 12, item 2: dynamic lists with <c>allowAddRemove</c> get items added and removed without JavaScript.</summary>
public class FormListEditTests
{
    private const string Kinder = """
        [ { "type": "dynamiclist", "path": "kinder", "label": "Kinder", "allowAddRemove": true, "isRepeating": true, "defaultRepetitions": 1,
            "components": [ { "type": "textfield", "key": "name", "label": "Name", "validate": { "required": true } },
                            { "type": "dynamiclist", "path": "impfungen", "label": "Impfungen", "allowAddRemove": true, "defaultRepetitions": 0,
                              "components": [ { "type": "textfield", "key": "art", "label": "Art" } ] } ] },
          { "type": "dynamiclist", "path": "fest", "label": "Feste Liste", "components": [ { "type": "textfield", "key": "x", "label": "X" } ] } ]
        """;

    [Fact]
    public void Render_GivesEveryItemARemoveButtonAndTheListAnAddButton_FromFormJsExample()
    {
        var html = Support.Parse(FormRenderer.Render(Support.Fixture("dynamic-list-variables.json"), Support.Data("""{ "list": [ { "key": 7 }, { "key": 8 } ] }""")));
        var buttons = html.Named("button").ToList();

        // First the invisible default button, so that Enter in a field submits the form and removes nothing.
        Assert.Equal(("submit", null, "-1"), (buttons[0].Attr("type"), buttons[0].Attr("name"), buttons[0].Attr("tabindex")));
        Assert.Equal(
            [("entfernen:list[0]", "Eintrag 1 entfernen"), ("entfernen:list[1]", "Eintrag 2 entfernen"), ("hinzufuegen:list", "Eintrag hinzufügen")],
            buttons.Skip(1).Select(b => (b.Attr("value"), b.Value)).ToList());
        Assert.All(buttons.Skip(1), b => Assert.Equal((FormListEdit.ButtonName, "formnovalidate"), (b.Attr("name"), b.Attr("formnovalidate"))));
    }

    [Fact]
    public void Render_GivesNoButtons_WhenTheListDoesNotAllowAddingAndRemoving()
    {
        var html = Support.Parse(FormRenderer.Render(Support.Form("""[ { "type": "dynamiclist", "path": "l", "label": "L", "components": [ { "type": "textfield", "key": "t", "label": "T" } ] } ]""")));

        Assert.Empty(html.Named("button"));
    }

    [Fact]
    public void Add_AppendsAnEmptyItem_AndTheNewItemGetsTheFocus()
    {
        var form = Support.Form(Kinder);
        var data = Support.Data("""{ "kinder": [ { "name": "Anna" } ] }""");

        var focus = FormListEdit.Apply(form, data, "hinzufuegen:kinder");
        var html = Support.Parse(FormRenderer.Render(form, data, focus: focus));

        Assert.Equal("kinder[1]", focus);
        Assert.Equal("""{"kinder":[{"name":"Anna"},{}]}""", data.ToJsonString());
        var items = html.Named("fieldset").Where(f => f.Attr("class") == "form-list-item" && f.Parent!.Attr("id") == "field-kinder").ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(("-1", "autofocus"), (items[1].Attr("tabindex"), items[1].Attr("autofocus")));
        Assert.Null(items[0].Attr("autofocus"));
        Assert.Equal("Anna", html.ById("field-kinder-0--name").Attr("value"));
    }

    [Fact]
    public void Remove_TakesOutThatItem_AndAnEmptiedListStaysEmpty()
    {
        var form = Support.Form(Kinder);
        var data = Support.Data("""{ "kinder": [ { "name": "Anna" }, { "name": "Ben" }, { "name": "Cem" } ] }""");

        Assert.Equal("kinder", FormListEdit.Apply(form, data, "entfernen:kinder[1]"));
        Assert.Equal("""{"kinder":[{"name":"Anna"},{"name":"Cem"}]}""", data.ToJsonString());

        FormListEdit.Apply(form, data, "entfernen:kinder[0]");
        FormListEdit.Apply(form, data, "entfernen:kinder[0]");
        var html = Support.Parse(FormRenderer.Render(form, data, focus: "kinder"));

        // Not the one empty item of defaultRepetitions again: the user removed them all.
        Assert.DoesNotContain(html.Named("fieldset"), f => f.Attr("class") == "form-list-item" && f.Parent!.Attr("id") == "field-kinder");
        Assert.Equal("autofocus", html.ById("field-kinder").Attr("autofocus"));
    }

    [Fact]
    public void Add_WorksOnAListInsideAnItem()
    {
        var form = Support.Form(Kinder);
        var data = Support.Data("""{ "kinder": [ { "name": "Anna" }, { "name": "Ben" } ] }""");

        var focus = FormListEdit.Apply(form, data, "hinzufuegen:kinder[1].impfungen");
        var html = Support.Parse(FormRenderer.Render(form, data, focus: focus));

        Assert.Equal("kinder[1].impfungen[0]", focus);
        Assert.Equal("""{"kinder":[{"name":"Anna"},{"name":"Ben","impfungen":[{}]}]}""", data.ToJsonString());
        Assert.NotNull(html.ById("field-kinder-1--impfungen-0--art"));
    }

    [Theory]
    [InlineData("hinzufuegen:fest")]
    [InlineData("entfernen:fest[0]")]
    [InlineData("hinzufuegen:unbekannt")]
    [InlineData("entfernen:kinder[5]")]
    [InlineData("entfernen:kinder")]
    [InlineData("hinzufuegen:kinder[0]")]
    [InlineData("hinzufuegen:kinder[3].impfungen")]
    [InlineData("hinzufuegen:kinder[0].name")]
    [InlineData("löschen:kinder[0]")]
    [InlineData("hinzufuegen:")]
    [InlineData("")]
    public void ButtonsOfNoEditableListOrItem_ChangeNothing(string button)
    {
        var data = Support.Data("""{ "kinder": [ { "name": "Anna" } ], "fest": [ { "x": "1" } ] }""");
        var before = data.ToJsonString();

        Assert.Null(FormListEdit.Apply(Support.Form(Kinder), data, button));
        Assert.Equal(before, data.ToJsonString());
    }

    [Fact]
    public void Add_IsRefused_WhenTheListIsFull_AndTheButtonIsGone()
    {
        var form = Support.Form(Kinder);
        var options = new FormOptions { MaxListItems = 2 };
        var data = Support.Data("""{ "kinder": [ { "name": "Anna" }, { "name": "Ben" } ] }""");

        Assert.Null(FormListEdit.Apply(form, data, "hinzufuegen:kinder", options));
        Assert.Equal(2, ((JsonArray)data["kinder"]!).Count);
        Assert.DoesNotContain(Support.Parse(FormRenderer.Render(form, data, options: options)).Named("button"), b => b.Attr("value") == "hinzufuegen:kinder");
    }

    [Fact]
    public void ListButtons_AreNotPartOfTheSubmittedValues()
    {
        var data = FormPost.Read([new("kinder[0].name", ["Anna"]), new(FormListEdit.ButtonName, ["entfernen:kinder[0]"])]);

        Assert.Equal("""{"kinder":[{"name":"Anna"}]}""", data.ToJsonString());
    }
}
