using System.Text.Json.Nodes;
using Amtsweg.Forms.Rendering;
using Amtsweg.Forms.Schema;
using Amtsweg.Forms.Validation;
using Amtsweg.Integration.Fim;

namespace Amtsweg.Integration.Tests.Fim;

/// <summary>Every message of the shared XDatenfelder test material: the valid ones become usable forms, the broken ones errors.</summary>
public sealed class FimMessagesTests
{
    public static TheoryData<string, string> ValidMessages() => new()
    {
        { "xdf2-messages", "data-field-rule.xml" },
        { "xdf2-messages", "data-group-rule.xml" },
        { "xdf2-messages", "label.xml" },
        { "xdf2-messages", "minimal.xml" },
        { "xdf2-messages", "rule.xml" },
        { "xdf2-messages", "select.xml" },
        { "xdf2-messages", "simple.xml" },
        { "xdf3-messages", "input.xml" },
        { "xdf3-messages", "simple.xml" },
    };

    public static TheoryData<string, string, string> BrokenMessages() => new()
    {
        { "xdf2-messages", "duplicate-optional-value.xml", "Das Element <beschreibung> steht mehrmals darin" },
        { "xdf2-messages", "duplicate-required-value.xml", "Das Element <name> steht mehrmals darin" },
        { "xdf2-messages", "unknown-namespace.xml", "Namensraum „urn:xoev-de:fim:standard:xdatenfelder_unknown“" },
        { "xdf3-messages", "duplicate-id-node.xml", "enthält die <id> mehrmals" },
        { "xdf3-messages", "empty-id-node.xml", "Die <id> (Zeile 10) ist leer" },
        { "xdf3-messages", "invalid-freigabestatus.xml", "hat den ungültigen Code „10“" },
        { "xdf3-messages", "missing-id-node.xml", "fehlt die <id>" },
        { "xdf3-messages", "unexpected-node.xml", "Das Element <unknown> (Zeile 11) gehört nicht in <identifikation>" },
        { "xdf3-messages", "unknown-namespace.xml", "Namensraum „urn:xoev-de:fim:standard:xdatenfelder_unknown“" },
    };

    [Fact]
    public void TestMaterial_IsCoveredCompletely_ByTheTwoLists()
    {
        var listed = ValidMessages().Select(r => Path.Combine((string)r[0], (string)r[1]))
            .Concat(BrokenMessages().Select(r => Path.Combine((string)r[0], (string)r[1])))
            .Order(StringComparer.Ordinal);
        var present = new[] { "xdf2-messages", "xdf3-messages" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(TestPaths.XDatenfelder, folder), "*.xml").Select(f => Path.Combine(folder, Path.GetFileName(f))))
            .Order(StringComparer.Ordinal);
        Assert.Equal(present, listed);
    }

    [Theory]
    [MemberData(nameof(ValidMessages))]
    public void Import_GivesAFormThatAmtswegFormsReadsAndRenders_ForEveryValidMessage(string folder, string file)
    {
        using var xml = File.OpenRead(TestPaths.Message(folder, file));

        var result = FimFormImporter.Import(xml);

        var schema = FormSchemaReader.Read(result.FormJson);
        Assert.Equal(result.FormId, schema.Id);
        var form = JsonNode.Parse(result.FormJson)!.AsObject();
        var html = FormRenderer.Render(schema, []);
        var keys = TopLevelInputs(form["components"]!.AsArray()).ToList();
        Assert.All(keys, k => Assert.Contains($"id=\"{FormRenderer.FieldId((string)k["key"]!)}\"", html, StringComparison.Ordinal));
        var required = keys.Where(k => k["validate"]?["required"] is JsonValue r && (bool)r).Select(k => (string)k["key"]!).Order(StringComparer.Ordinal);
        var validation = FormValidator.Validate(schema, []);
        Assert.Equal(required, validation.Errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.All(result.Notes, n => Assert.False(string.IsNullOrWhiteSpace(n)));
    }

    // Input components outside dynamic lists (inside a list every entry has its own field names).
    private static IEnumerable<JsonObject> TopLevelInputs(JsonArray components)
    {
        foreach (var component in components.Select(c => c!.AsObject()))
        {
            if ((string?)component["type"] == "group")
            {
                foreach (var inner in TopLevelInputs(component["components"]!.AsArray()))
                {
                    yield return inner;
                }
            }
            else if (component["key"] is not null)
            {
                yield return component;
            }
        }
    }

    [Theory]
    [MemberData(nameof(BrokenMessages))]
    public void Import_FailsWithGermanErrorNamingTheElement_ForEveryBrokenMessage(string folder, string file, string expected)
    {
        using var xml = File.OpenRead(TestPaths.Message(folder, file));

        var error = Assert.Throws<FimImportException>(() => FimFormImporter.Import(xml));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_Xdf2Simple_KeepsGroupAndFieldWithFimIdsLengthsAndHelp()
    {
        using var xml = File.OpenRead(TestPaths.Message("xdf2-messages", "simple.xml"));

        var result = FimFormImporter.Import(xml);

        Assert.Equal("T1234", result.FormId);
        Assert.Equal(XDatenfelderVersion.Version2, result.Standard);
        var form = JsonNode.Parse(result.FormJson)!.AsObject();
        Assert.Equal("T1234", (string?)form["properties"]!["fim:id"]);
        Assert.Equal("1.0", (string?)form["properties"]!["fim:version"]);
        Assert.Equal("2.0", (string?)form["properties"]!["fim:xdatenfelder"]);
        var group = form["components"]!.AsArray().Single()!.AsObject();
        Assert.Equal("group", (string?)group["type"]);
        Assert.Equal("Natürliche Person", (string?)group["label"]);
        Assert.Equal("G00000082", (string?)group["properties"]!["fim:id"]);
        Assert.Equal("1.3", (string?)group["properties"]!["fim:version"]);
        var field = group["components"]!.AsArray().Single(c => (string?)c!["type"] == "textfield")!.AsObject();
        Assert.Equal("familienname", (string?)field["key"]);
        Assert.Equal("Familienname", (string?)field["label"]);
        Assert.Equal("Hilfe Eingabe", (string?)field["description"]);
        Assert.Equal("F60000227", (string?)field["properties"]!["fim:id"]);
        Assert.Equal("1.1", (string?)field["properties"]!["fim:version"]);
        Assert.True((bool)field["validate"]!["required"]!);
        Assert.Equal(1, (int)field["validate"]!["minLength"]!);
        Assert.Equal(120, (int)field["validate"]!["maxLength"]!);
        Assert.Contains(result.Notes, n => n.Contains("Regel R60000037 „MindestEineAngabe“", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_Xdf3Group_MakesOptionalGroupWithoutRequiredFieldsAndSaysWhy()
    {
        using var xml = File.OpenRead(TestPaths.Message("xdf3-messages", "simple.xml"));

        var result = FimFormImporter.Import(xml);

        Assert.Equal("G60000000088", result.FormId);
        Assert.Equal("1.2.0", result.FimVersion);
        var form = JsonNode.Parse(result.FormJson)!.AsObject();
        var outer = form["components"]!.AsArray().Single()!.AsObject();
        Assert.Equal("Anschrift in Deutschland", (string?)outer["label"]);
        var inner = outer["components"]!.AsArray().Single(c => (string?)c!["type"] == "group")!.AsObject();
        Assert.Equal("G60000000086", (string?)inner["properties"]!["fim:id"]);
        var street = inner["components"]!.AsArray().Single(c => (string?)c!["type"] == "textfield")!.AsObject();
        Assert.Equal("strasse", (string?)street["key"]);
        Assert.Equal("F60000000243", (string?)street["properties"]!["fim:id"]);
        Assert.Equal(55, (int)street["validate"]!["maxLength"]!);
        Assert.Null(street["validate"]!["required"]);
        Assert.Contains(result.Notes, n => n.StartsWith("Die Datenfeldgruppe G60000000086 „Anschrift Inland Straßenanschrift“ ist optional", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_Xdf2SelectWithCodelistReference_BecomesTextFieldAndNamesTheCodelist()
    {
        using var xml = File.OpenRead(TestPaths.Message("xdf2-messages", "select.xml"));

        var result = FimFormImporter.Import(xml);

        var field = JsonNode.Parse(result.FormJson)!["components"]!.AsArray().Single()!.AsObject();
        Assert.Equal("textfield", (string?)field["type"]);
        Assert.Contains(result.Notes, n => n.Contains("Codeliste (C123, urn:de:example, Version 1)", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_Xdf2Label_BecomesTextComponentWithTheContent()
    {
        using var xml = File.OpenRead(TestPaths.Message("xdf2-messages", "label.xml"));

        var result = FimFormImporter.Import(xml);

        var text = JsonNode.Parse(result.FormJson)!["components"]!.AsArray().Single()!.AsObject();
        Assert.Equal("text", (string?)text["type"]);
        Assert.Equal("Hinweis Inhalt", (string?)text["text"]);
        Assert.Equal("F123", (string?)text["properties"]!["fim:id"]);
    }

    [Fact]
    public void Import_MinimalSchema_GivesEmptyFormAndSaysSo()
    {
        using var xml = File.OpenRead(TestPaths.Message("xdf2-messages", "minimal.xml"));

        var result = FimFormImporter.Import(xml);

        Assert.Empty(JsonNode.Parse(result.FormJson)!["components"]!.AsArray());
        Assert.Contains(result.Notes, n => n.Contains("enthält keine Datenfelder", StringComparison.Ordinal));
    }
}
