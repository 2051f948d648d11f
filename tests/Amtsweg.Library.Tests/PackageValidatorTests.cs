using System.Text.Json.Nodes;
using Amtsweg.Library.Packages;

namespace Amtsweg.Library.Tests;

/// <summary>
/// <c>package validate</c>: each kind of problem in a copy of the valid fixture package, reported as
/// <c>file: element: message</c>, the last line <c>N problems</c>.
/// </summary>
public sealed class PackageValidatorTests
{
    private const string Model = "prozesse/anmeldung.bpmn";

    [Fact]
    public async Task Validate_IsValid_WhenFixturePackageIsUnchanged()
    {
        using var package = new TestPackage();

        var validation = await PackageValidator.ValidateAsync(package.Path);

        Assert.True(validation.IsValid, string.Join("\n", validation.Lines()));
        Assert.Equal(["valid"], validation.Lines());
        Assert.Equal(["szenarien/1-standardsteuer.json", "szenarien/2-eigener-steuersatz.json"], validation.Scenarios.Select(s => s.File));
    }

    [Fact]
    public async Task Validate_NamesFile_WhenFileLiesOutsideTheLayout()
    {
        using var package = new TestPackage();
        package.Write("prozess/alt.bpmn", package.Read(Model));
        package.Write("prozesse/alt/anmeldung.bpmn", package.Read(Model));
        package.Write("LIESMICH.txt", "Hallo");

        var lines = await LinesAsync(package);

        Assert.Contains(lines, l => l.StartsWith("prozess/alt.bpmn: Die Datei liegt außerhalb des festen Aufbaus.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("prozesse/alt/anmeldung.bpmn: Die Datei liegt außerhalb des festen Aufbaus: Im Ordner prozesse/ stehen nur BPMN-Modelle (.bpmn), ohne Unterordner.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("LIESMICH.txt: Die Datei liegt außerhalb", StringComparison.Ordinal));
        Assert.Equal("3 problems", lines[^1]);
    }

    [Fact]
    public async Task Validate_ReportsMissingDocumentationAndScenarios()
    {
        using var package = new TestPackage();
        package.Delete("doku/so-laeuft-der-vorgang.md");
        package.Delete("szenarien/1-standardsteuer.json");
        package.Delete("szenarien/2-eigener-steuersatz.json");

        var lines = await LinesAsync(package);

        Assert.Contains("doku/so-laeuft-der-vorgang.md: Die Dokumentation „So läuft der Vorgang“ fehlt.", lines);
        Assert.Contains("szenarien/: Das Paket enthält kein Szenario (szenarien/*.json); mindestens eines ist nötig.", lines);
    }

    [Fact]
    public async Task Validate_ReportsManifestProblemWithJsonPath()
    {
        using var package = new TestPackage();
        package.Manifest(m => m["parameters"]![0]!["default"] = "neunzig");

        var validation = await PackageValidator.ValidateAsync(package.Path);

        Assert.False(validation.IsValid);
        Assert.Equal("amtsweg-package.json: parameters[0].default: Erwartet wird eine Zahl.", validation.Lines()[0]);
    }

    [Fact]
    public async Task Validate_ReportsMissingManifest()
    {
        using var package = new TestPackage();
        package.Delete("amtsweg-package.json");

        var lines = await LinesAsync(package);

        Assert.Contains("amtsweg-package.json: Das Manifest fehlt.", lines);
    }

    [Fact]
    public async Task Validate_ReportsEngineProblemWithElement_WhenModelHasFeelSyntaxError()
    {
        using var package = new TestPackage();
        package.Replace(Model, "=parameter.steuerErsterHund * anzahlHunde", "=parameter.steuerErsterHund * (");

        var lines = await LinesAsync(package);

        Assert.Contains(lines, l => l.StartsWith($"{Model}: pruefen: ", StringComparison.Ordinal));
        Assert.Equal("1 problems", lines[^1]);
    }

    [Fact]
    public async Task Validate_ReportsLineOfModel_WhenModelIsNoXml()
    {
        using var package = new TestPackage();
        package.Write("prozesse/kaputt.bpmn", "<bpmn:definitions");

        var lines = await LinesAsync(package);

        Assert.Contains(lines, l => l.StartsWith("prozesse/kaputt.bpmn: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_ReportsFormOnce_WhenFormsReaderRefusesIt()
    {
        using var package = new TestPackage();
        package.Replace("formulare/hundeanmeldung.form", "\"type\": \"number\"", "\"type\": \"zahlenrad\"");

        var lines = await LinesAsync(package);

        Assert.Single(lines, l => l.StartsWith("formulare/hundeanmeldung.form: ", StringComparison.Ordinal));
        Assert.Contains("zahlenrad", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ReportsDecisionProblemWithElement_WhenFeelDoesNotParse()
    {
        using var package = new TestPackage();
        package.Replace("entscheidungen/stufe.dmn", "<text>&lt; 150</text>", "<text>&lt; 150 )</text>");

        var lines = await LinesAsync(package);

        Assert.Contains(lines, l => l.StartsWith("entscheidungen/stufe.dmn: Regel_Niedrig: FEEL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_ReportsTemplateThatDoesNotParse()
    {
        using var package = new TestPackage();
        package.Replace("briefe/steuerbescheid.txt", "---\n", string.Empty);

        var lines = await LinesAsync(package);

        Assert.Contains("briefe/steuerbescheid.txt: Der Vorlage fehlt die Zeile „---“ zwischen Kopf und Text.", lines);
    }

    [Fact]
    public async Task Validate_ReportsLetterTaskNamingUnknownTemplate()
    {
        using var package = new TestPackage();
        package.Replace(Model, "value=\"steuerbescheid\"", "value=\"hundebescheid\"");

        var lines = await LinesAsync(package);

        Assert.Contains(lines, l => l.StartsWith($"{Model}: bescheid: Die Briefvorlage „hundebescheid“ (Header „brief“) gibt es weder im Paket (briefe/hundebescheid.txt) noch unter den mitgelieferten Vorlagen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_AcceptsLetterTaskNamingShippedTemplate()
    {
        using var package = new TestPackage();
        package.Replace(Model, "value=\"steuerbescheid\"", "value=\"nachforderung\"");

        var validation = await PackageValidator.ValidateAsync(package.Path);

        Assert.True(validation.IsValid, string.Join("\n", validation.Lines()));
    }

    [Fact]
    public async Task Validate_ReportsJobTypeUsedButNotListed_AndListedButNotUsed()
    {
        using var package = new TestPackage();
        package.Manifest(m => m["jobTypes"] = new JsonArray("amtsweg:mail-senden"));

        var lines = await LinesAsync(package);

        Assert.Equal(
            [
                "amtsweg-package.json: jobTypes[0]: Den Auftragstyp 'amtsweg:mail-senden' verwendet kein Modell des Pakets.",
                $"{Model}: bescheid: Der Auftragstyp 'amtsweg:dokument-erzeugen' steht nicht in \"jobTypes\" des Manifests.",
                "2 problems",
            ],
            lines);
    }

    [Fact]
    public async Task Validate_ReportsParameterReferenceNotDeclared_WithElement()
    {
        using var package = new TestPackage();
        package.Replace(Model, "=parameter.steuerErsterHund * anzahlHunde", "=parameter.steuerJeHund * anzahlHunde");

        var lines = await LinesAsync(package);

        Assert.Equal([$"{Model}: pruefen: Der Parameter 'steuerJeHund' (parameter.steuerJeHund) ist im Manifest nicht erklärt.", "1 problems"], lines);
    }

    [Fact]
    public async Task Validate_ReportsScenarioTheReaderRefuses_WithPlace()
    {
        using var package = new TestPackage();
        package.Replace("szenarien/1-standardsteuer.json", "\"advanceClock\": \"P14D\"", "\"advanceClock\": \"zwei Wochen\"");

        var lines = await LinesAsync(package);

        Assert.Contains(lines, l => l.StartsWith("szenarien/1-standardsteuer.json: steps[1].advanceClock: 'zwei Wochen' ist keine positive Dauer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_ReportsScenarioStartingUnknownProcess()
    {
        using var package = new TestPackage();
        package.Replace("szenarien/1-standardsteuer.json", "\"name\": \"Ein Hund zum Standardsatz\",", "\"name\": \"Ein Hund zum Standardsatz\", \"processId\": \"katzenanmeldung\",");

        var lines = await LinesAsync(package);

        Assert.Contains("szenarien/1-standardsteuer.json: processId: Den Prozess 'katzenanmeldung' (processId) gibt es in keinem Modell des Pakets.", lines);
    }

    [Fact]
    public async Task Validate_ReportsScenarioParameterOverrideNotDeclaredOrOfWrongType()
    {
        using var package = new TestPackage();
        package.Replace("szenarien/2-eigener-steuersatz.json", "{ \"steuerErsterHund\": 120 }", "{ \"steuerErsterHund\": \"120\", \"katzensteuer\": 5 }");

        var lines = await LinesAsync(package);

        Assert.Contains("szenarien/2-eigener-steuersatz.json: startVariables.parameter.steuerErsterHund: Erwartet wird eine Zahl.", lines);
        Assert.Contains("szenarien/2-eigener-steuersatz.json: startVariables.parameter.katzensteuer: Den Parameter 'katzensteuer' erklärt das Manifest nicht.", lines);
    }

    [Fact]
    public async Task Validate_ReportsFileThatIsNotUtf8()
    {
        using var package = new TestPackage();
        await File.WriteAllBytesAsync(package.File("doku/latin1.md"), [0x53, 0x74, 0x72, 0x61, 0xDF, 0x65]);

        var lines = await LinesAsync(package);

        Assert.Contains("doku/latin1.md: Die Datei ist nicht in UTF-8 kodiert.", lines);
    }

    private static async Task<IReadOnlyList<string>> LinesAsync(TestPackage package) =>
        (await PackageValidator.ValidateAsync(package.Path)).Lines();
}
