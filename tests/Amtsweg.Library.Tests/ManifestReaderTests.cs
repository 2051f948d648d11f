using System.Text.Json.Nodes;
using Amtsweg.Library.Packages;

namespace Amtsweg.Library.Tests;

/// <summary>The strict manifest reader: every bad manifest is refused with a German message and the JSON path of the place.</summary>
public sealed class ManifestReaderTests
{
    private const string Valid = """
        {
          "format": "amtsweg-package/1",
          "id": "hundesteuer",
          "version": "1.0.0",
          "title": "Hundesteuer: An- und Abmeldung",
          "description": "Meldet Hunde an und ab und setzt die Steuer fest.",
          "leika": ["99123456789012"],
          "tags": ["Steuern", "Hund"],
          "publisher": { "ags": "09999999", "name": "Musterstadt" },
          "authors": ["Amtsweg-Projekt"],
          "license": "EUPL-1.2",
          "sources": ["Hundesteuersatzung"],
          "parameters": [
            { "name": "steuerErsterHund", "type": "number", "default": 90, "label": "Steuer für den ersten Hund", "description": "Euro im Jahr", "unit": "EUR" },
            { "name": "hoechstzahl", "type": "integer", "default": 3, "label": "Höchstzahl" },
            { "name": "stichtag", "type": "date", "default": "2026-01-31", "label": "Stichtag" },
            { "name": "frist", "type": "duration", "default": "PT48H", "label": "Frist" },
            { "name": "ermaessigung", "type": "boolean", "default": false, "label": "Ermäßigung möglich" },
            { "name": "amt", "type": "text", "default": "Steueramt", "label": "Zuständiges Amt" }
          ],
          "connectors": [],
          "jobTypes": ["amtsweg:dokument-erzeugen"]
        }
        """;

    private static readonly Dictionary<string, (Action<JsonObject> Change, string Path, string Message)> Bad = new()
    {
        ["unbekanntes Feld"] = (m => m["titel"] = "x", "", "Die Angabe \"titel\" ist unbekannt"),
        ["Format fehlt"] = (m => m.Remove("format"), "format", "\"format\": \"amtsweg-package/1\" fehlt"),
        ["Format unbekannt"] = (m => m["format"] = "amtsweg-package/2", "format", "Das Format 'amtsweg-package/2' ist unbekannt"),
        ["Kennung mit Großbuchstaben"] = (m => m["id"] = "Hundesteuer", "id", "ist keine Paketkennung"),
        ["Kennung zu kurz"] = (m => m["id"] = "hu", "id", "ist keine Paketkennung"),
        ["Kennung zu lang"] = (m => m["id"] = "h" + new string('a', 64), "id", "ist keine Paketkennung"),
        ["Kennung mit Ziffer am Anfang"] = (m => m["id"] = "1hund", "id", "ist keine Paketkennung"),
        ["Kennung mit Zeilenumbruch"] = (m => m["id"] = "hundesteuer\n", "id", "ist keine Paketkennung"),
        ["Kennung ist Zahl"] = (m => m["id"] = 5, "id", "Erwartet wird ein Text."),
        ["Version ohne Patch"] = (m => m["version"] = "1.0", "version", "ist keine Version der Form MAJOR.MINOR.PATCH"),
        ["Version mit v"] = (m => m["version"] = "v1.0.0", "version", "ist keine Version"),
        ["Version mit führender Null"] = (m => m["version"] = "01.0.0", "version", "ist keine Version"),
        ["Version ist Zahl"] = (m => m["version"] = 1, "version", "Erwartet wird ein Text."),
        ["Titel fehlt"] = (m => m.Remove("title"), "title", "Die Angabe fehlt oder ist leer."),
        ["Beschreibung leer"] = (m => m["description"] = " ", "description", "Die Angabe fehlt oder ist leer."),
        ["LeiKa zu kurz"] = (m => m["leika"] = new JsonArray("12345"), "leika[0]", "ist kein LeiKa-Schlüssel (14 Ziffern)"),
        ["LeiKa ist Zahl"] = (m => m["leika"] = new JsonArray(99123456789012), "leika[0]", "Erwartet wird ein Text"),
        ["LeiKa keine Liste"] = (m => m["leika"] = "99123456789012", "leika", "Erwartet wird eine Liste von Texten"),
        ["Schlagwort ist Zahl"] = (m => m["tags"] = new JsonArray(1), "tags[0]", "Erwartet wird ein Text"),
        ["Herausgeber fehlt"] = (m => m.Remove("publisher"), "publisher", "Die Angabe fehlt"),
        ["AGS mit sieben Ziffern"] = (m => m["publisher"]!["ags"] = "0999999", "publisher.ags", "ist kein Amtlicher Gemeindeschlüssel (8 Ziffern)"),
        ["AGS ist Zahl"] = (m => m["publisher"]!["ags"] = 9999999, "publisher.ags", "Erwartet wird ein Text."),
        ["Herausgeber mit unbekanntem Feld"] = (m => m["publisher"]!["ort"] = "x", "publisher", "Die Angabe \"ort\" ist unbekannt"),
        ["Herausgeber ohne Namen"] = (m => m["publisher"]!.AsObject().Remove("name"), "publisher.name", "Die Angabe fehlt"),
        ["Autoren leer"] = (m => m["authors"] = new JsonArray(), "authors", "Die Liste darf nicht leer sein."),
        ["Lizenz fehlt"] = (m => m.Remove("license"), "license", "Die Angabe fehlt"),
        ["Parameter keine Liste"] = (m => m["parameters"] = new JsonObject(), "parameters", "Erwartet wird eine Liste"),
        ["Parametertyp unbekannt"] = (m => m["parameters"]![0]!["type"] = "geld", "parameters[0].type", "'geld' ist kein Parametertyp"),
        ["Parametername mit Bindestrich"] = (m => m["parameters"]![0]!["name"] = "steuer-erster", "parameters[0].name", "Der Variablenname 'steuer-erster' ist nicht erlaubt"),
        ["Parametername doppelt"] = (m => m["parameters"]![1]!["name"] = "steuerErsterHund", "parameters[1].name", "Den Parameter 'steuerErsterHund' gibt es schon."),
        ["Standardwert fehlt"] = (m => m["parameters"]![0]!.AsObject().Remove("default"), "parameters[0].default", "Der Standardwert fehlt."),
        ["Zahl als Text"] = (m => m["parameters"]![0]!["default"] = "90", "parameters[0].default", "Erwartet wird eine Zahl."),
        ["Zahl ist null"] = (m => m["parameters"]![0]!["default"] = null, "parameters[0].default", "Erwartet wird eine Zahl."),
        ["ganze Zahl mit Nachkommastellen"] = (m => m["parameters"]![1]!["default"] = 1.5, "parameters[1].default", "Erwartet wird eine ganze Zahl."),
        ["Datum deutsch geschrieben"] = (m => m["parameters"]![2]!["default"] = "31.01.2026", "parameters[2].default", "Erwartet wird ein Datum"),
        ["Datum, das es nicht gibt"] = (m => m["parameters"]![2]!["default"] = "2026-02-30", "parameters[2].default", "Erwartet wird ein Datum"),
        ["Dauer in Worten"] = (m => m["parameters"]![3]!["default"] = "14 Tage", "parameters[3].default", "Erwartet wird eine Dauer nach ISO 8601"),
        ["Dauer in Monaten"] = (m => m["parameters"]![3]!["default"] = "P1M", "parameters[3].default", "Erwartet wird eine Dauer nach ISO 8601"),
        ["Wahrheitswert als Text"] = (m => m["parameters"]![4]!["default"] = "ja", "parameters[4].default", "Erwartet wird true oder false."),
        ["Text als Zahl"] = (m => m["parameters"]![5]!["default"] = 5, "parameters[5].default", "Erwartet wird ein Text."),
        ["Beschriftung fehlt"] = (m => m["parameters"]![0]!.AsObject().Remove("label"), "parameters[0].label", "Die Angabe fehlt"),
        ["Parameter mit unbekanntem Feld"] = (m => m["parameters"]![0]!["einheit"] = "EUR", "parameters[0]", "Die Angabe \"einheit\" ist unbekannt"),
        ["Auftragstyp doppelt"] = (m => m["jobTypes"] = new JsonArray("a", "a"), "jobTypes[1]", "steht doppelt in der Liste"),
        ["Auftragstyp leer"] = (m => m["jobTypes"] = new JsonArray(""), "jobTypes[0]", "Erwartet wird ein Text, der nicht leer ist."),
        ["Konnektoren kein Text"] = (m => m["connectors"] = new JsonArray(new JsonObject()), "connectors[0]", "Erwartet wird ein Text"),
    };

    public static TheoryData<string> BadCases => [.. Bad.Keys];

    [Fact]
    public void Read_ReadsEveryField_WhenManifestIsValid()
    {
        var manifest = ManifestReader.Read(Valid);

        Assert.Equal("hundesteuer", manifest.Id);
        Assert.Equal("1.0.0", manifest.Version);
        Assert.Equal(new PackagePublisher("09999999", "Musterstadt"), manifest.Publisher);
        Assert.Equal(["99123456789012"], manifest.Leika);
        Assert.Equal(
            [PackageParameterType.Number, PackageParameterType.Integer, PackageParameterType.Date, PackageParameterType.Duration, PackageParameterType.Boolean, PackageParameterType.Text],
            manifest.Parameters.Select(p => p.Type));
        Assert.Equal("EUR", manifest.Parameters[0].Unit);
        Assert.Equal(["amtsweg:dokument-erzeugen"], manifest.JobTypes);
        Assert.Equal(
            """{"steuerErsterHund":90,"hoechstzahl":3,"stichtag":"2026-01-31","frist":"PT48H","ermaessigung":false,"amt":"Steueramt"}""",
            manifest.ParameterDefaults().ToJsonString());
    }

    [Fact]
    public void Read_AcceptsPreReleaseVersionAndEmptyOptionalLists()
    {
        var manifest = Read(m =>
        {
            m["version"] = "2.1.0-entwurf.1";
            m.Remove("leika");
            m.Remove("tags");
            m.Remove("parameters");
            m.Remove("connectors");
            m.Remove("jobTypes");
            m.Remove("sources");
        });

        Assert.Equal("2.1.0-entwurf.1", manifest.Version);
        Assert.Empty(manifest.Parameters);
        Assert.Empty(manifest.JobTypes);
    }

    [Theory]
    [MemberData(nameof(BadCases))]
    public void Read_RefusesWithGermanMessageAndJsonPath_WhenManifestIsBad(string name)
    {
        var (change, path, message) = Bad[name];

        var refused = Assert.Throws<PackageManifestException>(() => Read(change));

        Assert.Equal(path, refused.Path);
        Assert.Contains(message, refused.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"format\": ", "Das Manifest ist kein gültiges JSON (Zeile 1")]
    [InlineData("[]", "Erwartet wird ein JSON-Objekt")]
    [InlineData("{ \"id\": \"a\", \"id\": \"b\" }", "Das Manifest ist kein gültiges JSON")]
    public void Read_Refuses_WhenTextIsNoJsonObject(string json, string message)
    {
        var refused = Assert.Throws<PackageManifestException>(() => ManifestReader.Read(json));

        Assert.StartsWith(message, refused.Problem, StringComparison.Ordinal);
    }

    private static PackageManifest Read(Action<JsonObject> change)
    {
        var manifest = JsonNode.Parse(Valid)!.AsObject();
        change(manifest);
        return ManifestReader.Read(manifest.ToJsonString());
    }
}
