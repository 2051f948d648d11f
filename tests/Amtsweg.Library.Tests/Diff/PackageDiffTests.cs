using System.Text.Json.Nodes;
using Amtsweg.Library.Packages;
using Amtsweg.Library.Packages.Diff;

namespace Amtsweg.Library.Tests.Diff;

/// <summary>
/// <see cref="PackageDiff"/> on the small fixture <c>gueltig</c> and on a real package of <c>library/</c>: one kind of
/// change per test, each with the German sentence a designer reads.
/// </summary>
public sealed class PackageDiffTests
{
    private const string Model = "prozesse/anmeldung.bpmn";

    [Fact]
    public async Task Compare_ReportsNoChanges_WhenThePackagesAreEqual()
    {
        using var old = new TestPackage();
        using var current = new TestPackage();

        var diff = PackageDiff.Compare(await old.ReadAsync(), await current.ReadAsync());

        Assert.True(diff.IsEmpty);
        Assert.Equal(["keine Änderungen"], diff.Lines());
    }

    [Fact]
    public async Task Compare_ReportsManifestFields_WhenVersionTitleLeikaAndJobTypesChange()
    {
        using var old = new TestPackage();
        using var current = new TestPackage();
        current.Manifest(m =>
        {
            m["version"] = "1.1.0";
            m["title"] = "Hundesteuer: An- und Abmeldung";
            m["leika"] = new JsonArray("99036003001000");
            m["tags"] = new JsonArray("Steuern");
            m["connectors"] = new JsonArray("xmeld");
        });

        var diff = PackageDiff.Compare(await old.ReadAsync(), await current.ReadAsync());

        Assert.Equal(
            [
                "Version von ‚1.0.0‘ zu ‚1.1.0‘ geändert",
                "Titel von ‚Hundesteuer: Anmeldung (Testpaket)‘ zu ‚Hundesteuer: An- und Abmeldung‘ geändert",
                "LeiKa-Schlüssel ‚99036003001000‘ hinzugefügt",
                "Schlagwort ‚Hund‘ entfernt",
                "Anbindung ‚xmeld‘ hinzugefügt",
            ],
            diff.Manifest.Select(c => c.Text));
        Assert.Empty(diff.Files);
        Assert.Equal("5 Änderungen", diff.Lines()[^1]);
        Assert.Equal(PackageLayout.Manifest, diff.Lines()[0]);
    }

    [Fact]
    public async Task Compare_ReportsParameters_WhenAddedRemovedAndTypeDefaultDescriptionChange()
    {
        using var old = new TestPackage();
        using var current = new TestPackage();
        current.Manifest(m =>
        {
            var parameters = m["parameters"]!.AsArray();
            parameters[0]!["default"] = 96;
            parameters[0]!["description"] = "Der Jahressteuersatz je Hund nach der Satzung.";
            parameters[1]!["type"] = "text";
            parameters[1]!["default"] = "zwei Wochen";
            parameters.Add(new JsonObject { ["name"] = "gebuehrErsatzmarke", ["type"] = "number", ["default"] = 5, ["label"] = "Gebühr für eine Ersatzmarke" });
        });

        var diff = PackageDiff.Compare(await old.ReadAsync(), await current.ReadAsync());

        Assert.Equal(
            [
                "Parameter ‚Steuer je Hund (Euro/Jahr)‘ (steuerErsterHund): Standardwert von 90 zu 96 geändert; Erläuterung von ‚Der Jahressteuersatz je Hund.‘ zu ‚Der Jahressteuersatz je Hund nach der Satzung.‘ geändert",
                "Parameter ‚Widerspruchsfrist‘ (widerspruchsfrist): Typ von Dauer zu Text geändert; Standardwert von \"P14D\" zu \"zwei Wochen\" geändert",
                "Parameter ‚Gebühr für eine Ersatzmarke‘ (gebuehrErsatzmarke) hinzugefügt: Zahl, Standardwert 5",
            ],
            diff.Parameters.Select(c => c.Text));
        Assert.Equal([DiffKind.Changed, DiffKind.Changed, DiffKind.Added], diff.Parameters.Select(c => c.Kind));
    }

    [Fact]
    public async Task Compare_ReportsRemovedParameter()
    {
        using var old = new TestPackage();
        using var current = new TestPackage();
        current.Manifest(m => m["parameters"]!.AsArray().RemoveAt(1));

        var diff = PackageDiff.Compare(await old.ReadAsync(), await current.ReadAsync());

        var change = Assert.Single(diff.Parameters);
        Assert.Equal(DiffKind.Removed, change.Kind);
        Assert.Equal("Parameter ‚Widerspruchsfrist‘ (widerspruchsfrist) entfernt", change.Text);
    }

    [Fact]
    public async Task Compare_ReportsFilesAddedAndRemoved()
    {
        using var old = new TestPackage();
        using var current = new TestPackage();
        current.Delete("briefe/steuerbescheid.txt");
        current.Write("briefe/erinnerung.txt", "Name: Erinnerung\n---\nText\n");

        var diff = PackageDiff.Compare(await old.ReadAsync(), await current.ReadAsync());

        Assert.Equal(["briefe/erinnerung.txt: hinzugefügt", "briefe/steuerbescheid.txt: entfernt", "2 Änderungen"], diff.Lines());
    }

    [Fact]
    public async Task Compare_NamesTheGroups_WhenTheCandidateGroupOfATaskChanges()
    {
        using var old = new TestPackage();
        using var current = new TestPackage();
        current.Replace(Model, "candidateGroups=\"sachbearbeitung\"", "candidateGroups=\"buergerbuero\"");

        var diff = PackageDiff.Compare(await old.ReadAsync(), await current.ReadAsync());

        var file = Assert.Single(diff.Files);
        var element = Assert.Single(file.Elements);
        Assert.Equal(DiffKind.Changed, element.Kind);
        Assert.Equal("pruefen", element.Id);
        Assert.Equal("Aufgabe ‚Anmeldung prüfen‘: Bearbeitergruppe von ‚sachbearbeitung‘ zu ‚buergerbuero‘ geändert", element.Text);
        Assert.Equal([$"{Model}: geändert", "  " + element.Text, "1 Änderung"], diff.Lines());
    }

    [Fact]
    public async Task Compare_ReportsEachExtensionElement_WhenHeadersMappingFormDecisionAndJobTypeChange()
    {
        using var old = new TestPackage();
        using var current = new TestPackage();
        current.Replace(Model, "formId=\"hundeanmeldung-form\"", "formId=\"hundeanmeldung-form-2\"");
        current.Replace(Model, "source=\"=parameter.steuerErsterHund * anzahlHunde\"", "source=\"=parameter.steuerErsterHund * anzahlHunde * 2\"");
        current.Replace(Model, "decisionId=\"stufe\"", "decisionId=\"stufe-neu\"");
        current.Replace(Model, "<zeebe:header key=\"empfaenger\" value=\"{{ name }}\" />", "<zeebe:header key=\"empfaenger\" value=\"{{ halter }}\" />");
        current.Replace(Model, "type=\"amtsweg:dokument-erzeugen\"", "type=\"amtsweg:brief\"");

        var diff = PackageDiff.Compare(await old.ReadAsync(), await current.ReadAsync());

        var elements = Assert.Single(diff.Files).Elements.ToDictionary(e => e.Id);
        Assert.Equal(3, elements.Count);
        Assert.Contains("Formular von ‚hundeanmeldung-form‘ zu ‚hundeanmeldung-form-2‘ geändert", elements["pruefen"].Details);
        Assert.Contains(elements["pruefen"].Details, d => d.StartsWith("Ein- und Ausgabezuordnungen von ", StringComparison.Ordinal) && d.Contains("anzahlHunde * 2", StringComparison.Ordinal));
        Assert.Equal(["Aufgerufene Entscheidung von ‚stufe‘ zu ‚stufe-neu‘ geändert"], elements["einstufen"].Details);
        Assert.Contains("Auftragsart von ‚amtsweg:dokument-erzeugen‘ zu ‚amtsweg:brief‘ geändert", elements["bescheid"].Details);
        Assert.Contains(elements["bescheid"].Details, d => d.StartsWith("Kopfdaten der Aufgabe von ", StringComparison.Ordinal) && d.Contains("{{ halter }}", StringComparison.Ordinal));
        Assert.StartsWith("Serviceaufgabe ‚Steuerbescheid schreiben‘: ", elements["bescheid"].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_ReportsTimerAndCondition_WhenTheyChange()
    {
        using var old = new TestPackage();
        using var current = new TestPackage();
        current.Replace(Model, "=parameter.widerspruchsfrist</bpmn:timeDuration>", "P1M</bpmn:timeDuration>");
        current.Replace(Model, "<bpmn:sequenceFlow id=\"f5\" sourceRef=\"frist\" targetRef=\"angemeldet\" />",
            "<bpmn:sequenceFlow id=\"f5\" sourceRef=\"frist\" targetRef=\"angemeldet\"><bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">=steuer &gt; 0</bpmn:conditionExpression></bpmn:sequenceFlow>");

        var diff = PackageDiff.Compare(await old.ReadAsync(), await current.ReadAsync());

        var elements = Assert.Single(diff.Files).Elements.ToDictionary(e => e.Id);
        Assert.Contains(elements["frist"].Details, d => d.StartsWith("Zeitgeber von ‚", StringComparison.Ordinal) && d.Contains("P1M", StringComparison.Ordinal));
        Assert.Equal("Sequenzfluss von ‚Widerspruchsfrist abgelaufen‘ nach ‚Hund angemeldet‘: Bedingung ‚conditionExpression { =steuer > 0 }‘ hinzugefügt", elements["f5"].Text);
    }

    [Fact]
    public async Task Compare_ReportsAddedAndRemovedElementsWithTheirFlows()
    {
        using var old = new TestPackage();
        using var current = new TestPackage();
        // The decision task goes; a manual check takes its place between the review and the letter.
        current.Replace(Model, """
    <bpmn:businessRuleTask id="einstufen" name="Steuer einstufen">
      <bpmn:extensionElements><zeebe:calledDecision decisionId="stufe" resultVariable="stufe" /></bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:businessRuleTask>
""", """
    <bpmn:userTask id="gegenpruefen" name="Gegenprüfen">
      <bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="leitung" /></bpmn:extensionElements>
      <bpmn:incoming>f2b</bpmn:incoming><bpmn:outgoing>f3b</bpmn:outgoing>
    </bpmn:userTask>
""");
        current.Replace(Model, "<bpmn:outgoing>f2</bpmn:outgoing>", "<bpmn:outgoing>f2b</bpmn:outgoing>");
        current.Replace(Model, "<bpmn:incoming>f3</bpmn:incoming>", "<bpmn:incoming>f3b</bpmn:incoming>");
        current.Replace(Model, """
    <bpmn:sequenceFlow id="f2" sourceRef="pruefen" targetRef="einstufen" />
    <bpmn:sequenceFlow id="f3" sourceRef="einstufen" targetRef="bescheid" />
""", """
    <bpmn:sequenceFlow id="f2b" sourceRef="pruefen" targetRef="gegenpruefen" />
    <bpmn:sequenceFlow id="f3b" sourceRef="gegenpruefen" targetRef="bescheid" />
""");

        var diff = PackageDiff.Compare(await old.ReadAsync(), await current.ReadAsync());

        var texts = Assert.Single(diff.Files).Elements.Select(e => e.Text).ToList();
        Assert.Contains("Entscheidungsaufgabe ‚Steuer einstufen‘ entfernt", texts);
        Assert.Contains("Aufgabe ‚Gegenprüfen‘ hinzugefügt", texts);
        Assert.Contains("Sequenzfluss von ‚Anmeldung prüfen‘ nach ‚Steuer einstufen‘ entfernt", texts);
        Assert.Contains("Sequenzfluss von ‚Anmeldung prüfen‘ nach ‚Gegenprüfen‘ hinzugefügt", texts);
        Assert.Contains("Aufgabe ‚Anmeldung prüfen‘: neuer ausgehender Fluss nach ‚Gegenprüfen‘; ausgehender Fluss nach ‚Steuer einstufen‘ entfernt", texts);
        Assert.Contains("Serviceaufgabe ‚Steuerbescheid schreiben‘: neuer eingehender Fluss von ‚Gegenprüfen‘; eingehender Fluss von ‚Steuer einstufen‘ entfernt", texts);
    }

    [Fact]
    public async Task Compare_SaysOnlyLayoutChanged_WhenAShapeOfARealPackageMoves()
    {
        using var old = TestPackage.OfLibrary("hundesteuer");
        using var current = TestPackage.OfLibrary("hundesteuer");
        current.Replace("prozesse/hundesteuer.bpmn", "<dc:Bounds x=\"520\" y=\"100\" width=\"100\" height=\"80\" />", "<dc:Bounds x=\"540\" y=\"120\" width=\"100\" height=\"80\" />");

        var diff = PackageDiff.Compare(await old.ReadAsync(), await current.ReadAsync());

        var file = Assert.Single(diff.Files);
        Assert.True(file.LayoutOnly);
        Assert.Equal(["prozesse/hundesteuer.bpmn: nur Layout geändert", "1 Änderung"], diff.Lines());
    }

    [Fact]
    public async Task Compare_SaysTheContentIsEqual_WhenOnlyTheWritingOfTheModelDiffers()
    {
        using var old = new TestPackage();
        using var current = new TestPackage();
        current.Replace(Model, "<bpmn:process id=\"hundeanmeldung\" name=\"Hundeanmeldung\" isExecutable=\"true\">", "<bpmn:process   isExecutable=\"true\" name=\"Hundeanmeldung\"  id=\"hundeanmeldung\">");

        var diff = PackageDiff.Compare(await old.ReadAsync(), await current.ReadAsync());

        var file = Assert.Single(diff.Files);
        Assert.Empty(file.Elements);
        Assert.False(file.LayoutChanged);
        Assert.StartsWith("Nur die Schreibweise ist anders", file.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_ComparesLineByLine_WhenAModelCannotBeRead()
    {
        using var old = new TestPackage();
        using var current = new TestPackage();
        current.Replace(Model, "</bpmn:definitions>", string.Empty);

        var diff = PackageDiff.Compare(await old.ReadAsync(), await current.ReadAsync());

        var file = Assert.Single(diff.Files);
        Assert.StartsWith("Das Modell lässt sich nicht lesen (", file.Note, StringComparison.Ordinal);
        Assert.Equal("</bpmn:definitions>", Assert.Single(file.Hunks).Lines.Single(l => l.Kind == TextLineKind.Removed).Text);
    }

    [Fact]
    public async Task Compare_ReportsRulesAndHitPolicy_WhenADecisionTableChanges()
    {
        using var old = new TestPackage();
        using var current = new TestPackage();
        const string Decision = "entscheidungen/stufe.dmn";
        current.Replace(Decision, "<decisionTable id=\"Tabelle_Stufe\">", "<decisionTable id=\"Tabelle_Stufe\" hitPolicy=\"FIRST\">");
        current.Replace(Decision, "<text>&gt;= 150</text>", "<text>[150..300]</text>");
        current.Replace(Decision, "    </decisionTable>", """
      <rule id="Regel_Sehr_Hoch">
        <inputEntry id="Eingang_Sehr_Hoch"><text>&gt; 300</text></inputEntry>
        <outputEntry id="Ausgang_Sehr_Hoch"><text>"sehr hoch"</text></outputEntry>
      </rule>
    </decisionTable>
""");
        current.Replace(Decision, "<decision id=\"stufe\" name=\"Steuerstufe\">", "<decision id=\"stufe\" name=\"Stufe der Steuer\">");

        var diff = PackageDiff.Compare(await old.ReadAsync(), await current.ReadAsync());

        var element = Assert.Single(Assert.Single(diff.Files).Elements);
        Assert.Equal(DiffKind.Changed, element.Kind);
        Assert.Equal("stufe", element.Id);
        Assert.Equal(
            [
                "Name von ‚Steuerstufe‘ zu ‚Stufe der Steuer‘ geändert",
                "Trefferrichtlinie von ‚UNIQUE‘ zu ‚FIRST‘ geändert",
                "Regel ‚[150..300] → \"hoch\"‘ geändert",
                "Regel ‚> 300 → \"sehr hoch\"‘ hinzugefügt",
            ],
            element.Details);
        Assert.StartsWith("Entscheidung ‚Stufe der Steuer‘: ", element.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_ReportsDecisionsAddedAndRemoved()
    {
        using var old = new TestPackage();
        using var current = new TestPackage();
        current.Replace("entscheidungen/stufe.dmn", "<decision id=\"stufe\" name=\"Steuerstufe\">", "<decision id=\"stufe2\" name=\"Steuerstufe\">");

        var diff = PackageDiff.Compare(await old.ReadAsync(), await current.ReadAsync());

        Assert.Equal(["Entscheidung ‚Steuerstufe‘ entfernt", "Entscheidung ‚Steuerstufe‘ hinzugefügt"], Assert.Single(diff.Files).Elements.Select(e => e.Text));
    }

    [Fact]
    public async Task Compare_GivesHunksWithContext_WhenALetterAndTheDocumentationChange()
    {
        using var old = new TestPackage();
        using var current = new TestPackage();
        current.Replace("briefe/steuerbescheid.txt", "auf {{steuer}} Euro im Jahr fest.", "auf {{steuer}} Euro im Kalenderjahr fest.");
        current.Replace("doku/so-laeuft-der-vorgang.md", "3. Der Steuerbescheid", "3. Die Leitung sieht den Bescheid durch.\n4. Der Steuerbescheid");

        var diff = PackageDiff.Compare(await old.ReadAsync(), await current.ReadAsync());

        Assert.Equal(
            [
                "briefe/steuerbescheid.txt: geändert",
                "  @@ -5,4 +5,4 @@",
                "    Gruß: Mit freundlichen Grüßen",
                "    Feld: steuer | Steuer im Jahr | Text | Pflicht | Betrag in Euro.",
                "    ---",
                "  - für Ihren Hund setzen wir die Hundesteuer auf {{steuer}} Euro im Jahr fest.",
                "  + für Ihren Hund setzen wir die Hundesteuer auf {{steuer}} Euro im Kalenderjahr fest.",
                "doku/so-laeuft-der-vorgang.md: geändert",
                "  @@ -2,4 +2,5 @@",
                "    ",
                "    1. Die Anmeldung geht ein; die Sachbearbeitung prüft sie und trägt die Anzahl der Hunde ein.",
                "    2. Die Steuer ergibt sich aus dem Steuersatz der Gemeinde (Parameter „Steuer je Hund“).",
                "  - 3. Der Steuerbescheid wird geschrieben; nach der Widerspruchsfrist ist der Hund angemeldet.",
                "  + 3. Die Leitung sieht den Bescheid durch.",
                "  + 4. Der Steuerbescheid wird geschrieben; nach der Widerspruchsfrist ist der Hund angemeldet.",
                "2 Änderungen",
            ],
            diff.Lines());
    }

    [Fact]
    public async Task Compare_DiffsAFormIndented_WhenOneFieldOfAOneLineFormChanges()
    {
        using var old = new TestPackage();
        using var current = new TestPackage();
        const string Form = "formulare/hundeanmeldung.form";
        old.Write(Form, System.Text.Json.Nodes.JsonNode.Parse(old.Read(Form))!.ToJsonString());
        current.Write(Form, System.Text.Json.Nodes.JsonNode.Parse(current.Read(Form))!.ToJsonString().Replace("Anzahl der Hunde", "Zahl der Hunde", StringComparison.Ordinal));

        var diff = PackageDiff.Compare(await old.ReadAsync(), await current.ReadAsync());

        var hunk = Assert.Single(Assert.Single(diff.Files).Hunks);
        Assert.Equal(["\"label\": \"Anzahl der Hunde\","], hunk.Lines.Where(l => l.Kind == TextLineKind.Removed).Select(l => l.Text.Trim()));
        Assert.Equal(["\"label\": \"Zahl der Hunde\","], hunk.Lines.Where(l => l.Kind == TextLineKind.Added).Select(l => l.Text.Trim()));
    }

    [Fact]
    public async Task Compare_ThrowsReadException_WhenAManifestIsInvalid()
    {
        using var old = new TestPackage();
        using var current = new TestPackage();
        current.Manifest(m => m["version"] = "zwei");

        var oldFiles = await old.ReadAsync();
        var newFiles = await current.ReadAsync();
        var error = Assert.Throws<PackageReadException>(() => PackageDiff.Compare(oldFiles, newFiles));

        Assert.Contains("amtsweg-package.json: version: 'zwei' ist keine Version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_FindsEveryChange_WhenARealPackageIsChangedInModelParametersAndTexts()
    {
        using var old = TestPackage.OfLibrary("hundesteuer");
        using var current = TestPackage.OfLibrary("hundesteuer");
        current.Manifest(m =>
        {
            m["version"] = "1.1.0";
            m["parameters"]!.AsArray()[0]!["default"] = 96;
        });
        current.Replace("prozesse/hundesteuer.bpmn",
            "<bpmn:userTask id=\"anmeldungPruefen\" name=\"Anmeldung prüfen\">\n      <bpmn:extensionElements><zeebe:userTask /><zeebe:formDefinition formId=\"hundesteuer-anmeldung-pruefen\" /><zeebe:assignmentDefinition candidateGroups=\"sachbearbeitung\" />",
            "<bpmn:userTask id=\"anmeldungPruefen\" name=\"Anmeldung prüfen\">\n      <bpmn:extensionElements><zeebe:userTask /><zeebe:formDefinition formId=\"hundesteuer-anmeldung-pruefen\" /><zeebe:assignmentDefinition candidateGroups=\"steueramt\" />");
        current.Replace("doku/so-laeuft-der-vorgang.md", "Hundesteuer", "Hundesteuer (Satzung 2027)");

        var diff = PackageDiff.Compare(await old.ReadAsync(), await current.ReadAsync());

        Assert.Equal(["Version von ‚1.0.0‘ zu ‚1.1.0‘ geändert"], diff.Manifest.Select(m => m.Text));
        Assert.Equal("Parameter ‚Jahressteuer für den ersten Hund‘ (steuerErsterHund): Standardwert von 90 zu 96 geändert", Assert.Single(diff.Parameters).Text);
        Assert.Equal(["doku/so-laeuft-der-vorgang.md", "prozesse/hundesteuer.bpmn"], diff.Files.Select(f => f.Path));
        Assert.Equal("Aufgabe ‚Anmeldung prüfen‘: Bearbeitergruppe von ‚sachbearbeitung‘ zu ‚steueramt‘ geändert", Assert.Single(diff.Files[1].Elements).Text);
        Assert.False(diff.Files[1].LayoutChanged);
        Assert.NotEmpty(diff.Files[0].Hunks);
        Assert.Equal($"{diff.Count} Änderungen", diff.Lines()[^1]);
    }
}
