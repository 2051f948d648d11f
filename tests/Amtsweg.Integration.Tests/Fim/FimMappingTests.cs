using System.Text;
using System.Text.Json.Nodes;
using Amtsweg.Forms.Schema;
using Amtsweg.Integration.Fim;

namespace Amtsweg.Integration.Tests.Fim;

/// <summary>The mapping rules one by one, each on a minimal XDatenfelder 3 schema written in the test.</summary>
public sealed class FimMappingTests
{
    private static FimFormImport Import(string structures)
    {
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <xdf:xdatenfelder.stammdatenschema.0102 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_3.0.0">
              <xdf:header><xdf:nachrichtID>1</xdf:nachrichtID></xdf:header>
              <xdf:stammdatenschema>
                <xdf:identifikation><xdf:id>S60000000001</xdf:id><xdf:version>2.0.0</xdf:version></xdf:identifikation>
                <xdf:name>Testschema</xdf:name>
                <xdf:freigabestatus><code>6</code></xdf:freigabestatus>
                {structures}
              </xdf:stammdatenschema>
            </xdf:xdatenfelder.stammdatenschema.0102>
            """;
        var result = FimFormImporter.Import(new MemoryStream(Encoding.UTF8.GetBytes(xml)));
        _ = FormSchemaReader.Read(result.FormJson);
        return result;
    }

    private static string Field(string id, string name, string feldart, string datentyp, string count = "1:1", string extra = "") => $"""
        <xdf:struktur><xdf:anzahl>{count}</xdf:anzahl><xdf:enthaelt><xdf:datenfeld>
          <xdf:identifikation><xdf:id>{id}</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation>
          <xdf:name>{name}</xdf:name>
          <xdf:feldart><code>{feldart}</code></xdf:feldart>
          <xdf:datentyp><code>{datentyp}</code></xdf:datentyp>
          {extra}
        </xdf:datenfeld></xdf:enthaelt></xdf:struktur>
        """;

    private static JsonArray Components(FimFormImport result) => JsonNode.Parse(result.FormJson)!["components"]!.AsArray();

    private static JsonObject Only(FimFormImport result) => Components(result).Single()!.AsObject();

    [Theory]
    [InlineData("text", "textfield")]
    [InlineData("text_latin", "textfield")]
    [InlineData("date", "datetime")]
    [InlineData("time", "datetime")]
    [InlineData("datetime", "datetime")]
    [InlineData("bool", "checkbox")]
    [InlineData("num", "number")]
    [InlineData("num_int", "number")]
    [InlineData("num_currency", "number")]
    [InlineData("file", "filepicker")]
    public void Datentyp_GivesComponentType(string datentyp, string type)
    {
        var component = Only(Import(Field("F1", "Angabe", "input", datentyp)));

        Assert.Equal(type, (string?)component["type"]);
        if (type == "datetime")
        {
            Assert.Equal(datentyp, (string?)component["subtype"]);
        }
    }

    [Fact]
    public void LongText_BecomesTextArea_WhenMaxLengthAbove200()
    {
        var component = Only(Import(Field("F1", "Begründung", "input", "text", extra: """<xdf:praezisierung maxLength="2000"/>""")));

        Assert.Equal("textarea", (string?)component["type"]);
        Assert.Equal(2000, (int)component["validate"]!["maxLength"]!);
    }

    [Fact]
    public void Werteliste_BecomesRadio_WithCodesAsValues()
    {
        var component = Only(Import(Field("F1", "Geschlecht", "select", "text", extra: """
            <xdf:werte><xdf:wert><xdf:code>m</xdf:code><xdf:name>männlich</xdf:name></xdf:wert><xdf:wert><xdf:code>w</xdf:code><xdf:name>weiblich</xdf:name></xdf:wert></xdf:werte>
            """)));

        Assert.Equal("radio", (string?)component["type"]);
        Assert.Equal(["m", "w"], component["values"]!.AsArray().Select(v => (string)v!["value"]!));
        Assert.Equal(["männlich", "weiblich"], component["values"]!.AsArray().Select(v => (string)v!["label"]!));
    }

    [Fact]
    public void LongWerteliste_BecomesSelect()
    {
        var values = string.Concat(Enumerable.Range(1, 6).Select(i => $"<xdf:wert><xdf:code>{i}</xdf:code><xdf:name>Wert {i}</xdf:name></xdf:wert>"));

        var component = Only(Import(Field("F1", "Auswahl", "select", "text", extra: $"<xdf:werte>{values}</xdf:werte>")));

        Assert.Equal("select", (string?)component["type"]);
        Assert.Equal(6, component["values"]!.AsArray().Count);
    }

    [Fact]
    public void Werteliste_WithDuplicateCode_IsRefused()
    {
        var error = Assert.Throws<FimImportException>(() => Import(Field("F1", "Auswahl", "select", "text", extra: """
            <xdf:werte><xdf:wert><xdf:code>a</xdf:code><xdf:name>A</xdf:name></xdf:wert><xdf:wert><xdf:code>a</xdf:code><xdf:name>B</xdf:name></xdf:wert></xdf:werte>
            """)));

        Assert.Contains("Code „a“ mehrmals", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1:1", true)]
    [InlineData("0:1", false)]
    public void Anzahl_DecidesRequired(string count, bool required)
    {
        var component = Only(Import(Field("F1", "Name", "input", "text", count)));

        Assert.Equal(required, component["validate"]?["required"] is JsonValue r && (bool)r);
    }

    [Fact]
    public void RepeatedField_BecomesDynamicListWithOneField_AndANote()
    {
        var result = Import(Field("F1", "Telefonnummer", "input", "text", "1:3"));

        var list = Only(result);
        Assert.Equal("dynamiclist", (string?)list["type"]);
        Assert.Equal("telefonnummer", (string?)list["path"]);
        Assert.True((bool)list["allowAddRemove"]!);
        Assert.Equal("F1", (string?)list["properties"]!["fim:id"]);
        Assert.Equal("wert", (string?)list["components"]![0]!["key"]);
        Assert.Contains(result.Notes, n => n.Contains("kann wiederholt werden (1 bis 3)", StringComparison.Ordinal));
    }

    [Fact]
    public void RepeatedGroup_BecomesDynamicListWithTheGroupsFields()
    {
        var result = Import($"""
            <xdf:struktur><xdf:anzahl>0:*</xdf:anzahl><xdf:enthaelt><xdf:datenfeldgruppe>
              <xdf:identifikation><xdf:id>G1</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation>
              <xdf:name>Kind</xdf:name>
              {Field("F1", "Vorname", "input", "text")}
              {Field("F2", "Geburtsdatum", "input", "date")}
            </xdf:datenfeldgruppe></xdf:enthaelt></xdf:struktur>
            """);

        var list = Only(result);
        Assert.Equal("dynamiclist", (string?)list["type"]);
        Assert.Equal("kind", (string?)list["path"]);
        Assert.Equal("G1", (string?)list["properties"]!["fim:id"]);
        Assert.Equal(["vorname", "geburtsdatum"], list["components"]!.AsArray().Select(c => (string)c!["key"]!));
        Assert.Contains(result.Notes, n => n.Contains("mindestens 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Keys_AreTransliteratedAndUnique()
    {
        var result = Import(Field("F1", "Straße und Hausnummer", "input", "text") + Field("F2", "Straße und Hausnummer", "input", "text") + Field("F3", "2. Wohnsitz (Ort)", "input", "text"));

        Assert.Equal(["strasseUndHausnummer", "strasseUndHausnummer_2", "feld_2WohnsitzOrt"], Components(result).Select(c => (string)c!["key"]!));
    }

    [Fact]
    public void NumberRange_BecomesMinAndMax()
    {
        var component = Only(Import(Field("F1", "Anzahl Personen", "input", "num_int", extra: """<xdf:praezisierung minValue="1" maxValue="99"/>""")));

        Assert.Equal(0, (int)component["decimalDigits"]!);
        Assert.Equal(1m, (decimal)component["validate"]!["min"]!);
        Assert.Equal(99m, (decimal)component["validate"]!["max"]!);
    }

    [Fact]
    public void Pattern_IsAnchored_BecauseXmlSchemaPatternsMatchTheWholeValue()
    {
        var component = Only(Import(Field("F1", "Postleitzahl", "input", "text", extra: """<xdf:praezisierung pattern="[0-9]{5}"/>""")));

        Assert.Equal("^(?:[0-9]{5})$", (string?)component["validate"]!["pattern"]);
    }

    [Fact]
    public void RequiredBool_IsNotRequired_AndNoteSaysWhy()
    {
        var result = Import(Field("F1", "Einverstanden", "input", "bool"));

        Assert.Null(Only(result)["validate"]);
        Assert.Contains(result.Notes, n => n.Contains("Ja/Nein-Feld", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("hidden", "text", "verstecktes Feld")]
    [InlineData("input", "obj", "Datentyp Objekt")]
    public void FieldsAFormCannotShow_AreLeftOutWithANote(string feldart, string datentyp, string note)
    {
        var result = Import(Field("F1", "Intern", feldart, datentyp));

        Assert.Empty(Components(result));
        Assert.Contains(result.Notes, n => n.Contains(note, StringComparison.Ordinal));
    }

    [Fact]
    public void LockedField_IsReadonlyWithItsContent()
    {
        var component = Only(Import(Field("F1", "Behörde", "locked", "text", extra: "<xdf:inhalt>Stadt Musterstadt</xdf:inhalt>")));

        Assert.True((bool)component["readonly"]!);
        Assert.Equal("Stadt Musterstadt", (string?)component["defaultValue"]);
    }

    [Fact]
    public void UnknownDatentyp_IsRefusedNamingTheField()
    {
        var error = Assert.Throws<FimImportException>(() => Import(Field("F77", "Sonderfeld", "input", "blob")));

        Assert.Contains("Das Datenfeld F77 „Sonderfeld“: Der Datentyp „blob“ ist unbekannt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidAnzahl_IsRefused()
    {
        var error = Assert.Throws<FimImportException>(() => Import(Field("F1", "Name", "input", "text", "3:1")));

        Assert.Contains("Die Anzahl „3:1“", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dtd_IsRefused_WithoutReadingIt()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
            <xdf:xdatenfelder.stammdatenschema.0102 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_2">&e;</xdf:xdatenfelder.stammdatenschema.0102>
            """;

        var error = Assert.Throws<FimImportException>(() => FimFormImporter.Import(new MemoryStream(Encoding.UTF8.GetBytes(xml))));

        Assert.Contains("Dokumenttypdefinition (DTD)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownMessage_IsRefused()
    {
        var xml = """<xdf:xdatenfelder.codeliste.0104 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_3.0.0"/>""";

        var error = Assert.Throws<FimImportException>(() => FimFormImporter.Import(new MemoryStream(Encoding.UTF8.GetBytes(xml))));

        Assert.Contains("Die Nachricht <xdatenfelder.codeliste.0104>", error.Message, StringComparison.Ordinal);
    }
}
