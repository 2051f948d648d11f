using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Amtsweg.Bpmn;
using Amtsweg.Bpmn.Reading;
using Amtsweg.Library.Packages;
using Amtsweg.Library.Packages.Diff;

namespace Amtsweg.Library.Tests.Diff;

/// <summary>
/// <see cref="PackageMerge"/>: a municipality adapted version 1.0.0 (<c>local</c>), upstream published 1.1.0; what is
/// taken over, what is kept, and each kind of conflict with its German sentence.
/// </summary>
public sealed class PackageMergeTests
{
    private const string Model = "prozesse/anmeldung.bpmn";
    private const string Letter = "briefe/steuerbescheid.txt";
    private const string Documentation = "doku/so-laeuft-der-vorgang.md";

    [Fact]
    public async Task Merge_TakesUpstreamAndKeepsLocal_WhenEachSideChangedOtherFiles()
    {
        using var common = new TestPackage();
        using var local = new TestPackage();
        using var upstream = Upstream();
        local.Replace(Letter, "im Jahr fest.", "im Kalenderjahr fest.");
        upstream.Replace(Documentation, "3. Der Steuerbescheid", "3. Der Bescheid");

        var result = await MergeAsync(common, local, upstream);

        Assert.True(result.IsClean);
        Assert.Equal(MergeOutcome.Local, File(result, Letter).Outcome);
        Assert.Contains("im Kalenderjahr fest.", Text(result, Letter), StringComparison.Ordinal);
        Assert.Equal(MergeOutcome.Upstream, File(result, Documentation).Outcome);
        Assert.Contains("3. Der Bescheid", Text(result, Documentation), StringComparison.Ordinal);
        Assert.Equal(MergeOutcome.Upstream, File(result, PackageLayout.Manifest).Outcome);
        Assert.Equal(MergeOutcome.Upstream, File(result, Model).Outcome);
    }

    [Fact]
    public async Task Merge_MergesLinesOfBothSides_WhenBothChangeTheDocumentationInDifferentPlaces()
    {
        using var common = new TestPackage();
        using var local = new TestPackage();
        using var upstream = Upstream();
        local.Replace(Documentation, "# So läuft der Vorgang", "# So läuft der Vorgang in Musterdorf");
        upstream.Replace(Documentation, "ist der Hund angemeldet.", "ist der Hund angemeldet; die Marke wird verschickt.");

        var result = await MergeAsync(common, local, upstream);

        Assert.True(result.IsClean);
        Assert.Equal(MergeOutcome.Merged, File(result, Documentation).Outcome);
        var text = Text(result, Documentation);
        Assert.StartsWith("# So läuft der Vorgang in Musterdorf\n", text, StringComparison.Ordinal);
        Assert.Contains("ist der Hund angemeldet; die Marke wird verschickt.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_ReportsTextConflictWithBothSides_WhenBothChangeTheSameLineOfALetter()
    {
        using var common = new TestPackage();
        using var local = new TestPackage();
        using var upstream = Upstream();
        local.Replace(Letter, "im Jahr fest.", "im Kalenderjahr fest.");
        upstream.Replace(Letter, "im Jahr fest.", "jährlich fest.");

        var result = await MergeAsync(common, local, upstream);

        Assert.False(result.IsClean);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(Letter, conflict.Path);
        Assert.Equal("Zeile 8 wurde hier und in der neuen Version unterschiedlich geändert.", conflict.Text);
        Assert.Equal("für Ihren Hund setzen wir die Hundesteuer auf {{steuer}} Euro im Kalenderjahr fest.", conflict.Local);
        Assert.Equal("für Ihren Hund setzen wir die Hundesteuer auf {{steuer}} Euro jährlich fest.", conflict.Upstream);
        Assert.Equal(MergeOutcome.Conflict, File(result, Letter).Outcome);
        Assert.Null(File(result, Letter).Content);
    }

    [Fact]
    public async Task Merge_ReportsConflict_WhenLinesMergeButTheDecisionIsNoLongerXml()
    {
        using var common = new TestPackage();
        using var local = new TestPackage();
        using var upstream = Upstream();
        const string Decision = "entscheidungen/stufe.dmn";
        // The municipality comments the second rule out; upstream writes "--" into that rule, which a comment may not hold.
        local.Replace(Decision, "      <rule id=\"Regel_Hoch\">", "      <!--\n      <rule id=\"Regel_Hoch\">");
        local.Replace(Decision, "<text>\"hoch\"</text></outputEntry>\n      </rule>", "<text>\"hoch\"</text></outputEntry>\n      </rule>\n      -->");
        upstream.Replace(Decision, "<text>\"hoch\"</text>", "<text>\"hoch -- teuer\"</text>");

        var result = await MergeAsync(common, local, upstream);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(Decision, conflict.Path);
        Assert.Equal("Die Änderungen beider Seiten passen zeilenweise zusammen, ergeben aber keine gültige Datei mehr (kein gültiges XML); eine Seite muss gewählt werden.", conflict.Text);
    }

    [Fact]
    public async Task Merge_KeepsEachSidesElementAndDiagram_WhenARealModelIsChangedInDifferentElements()
    {
        using var common = TestPackage.OfLibrary("hundesteuer");
        using var local = TestPackage.OfLibrary("hundesteuer");
        using var upstream = TestPackage.OfLibrary("hundesteuer");
        upstream.Manifest(m => m["version"] = "1.1.0");
        const string Real = "prozesse/hundesteuer.bpmn";
        var model = common.Read(Real);
        var checkShape = Shape(model, "anmeldungPruefen");
        var otherShape = Shape(model, "abmeldungPruefen");
        // The municipality gives the review to its tax office and moves the task; upstream renames the other review and moves it.
        local.Replace(Real, "<zeebe:formDefinition formId=\"hundesteuer-anmeldung-pruefen\" /><zeebe:assignmentDefinition candidateGroups=\"sachbearbeitung\" />",
            "<zeebe:formDefinition formId=\"hundesteuer-anmeldung-pruefen\" /><zeebe:assignmentDefinition candidateGroups=\"steueramt\" />");
        local.Replace(Real, checkShape, Moved(checkShape));
        upstream.Replace(Real, "name=\"Abmeldung prüfen\"", "name=\"Abmeldung und Erstattung prüfen\"");
        upstream.Replace(Real, otherShape, Moved(otherShape));

        var result = await MergeAsync(common, local, upstream);

        Assert.True(result.IsClean, string.Join("\n", result.Conflicts.Select(c => c.Text)));
        Assert.Equal(MergeOutcome.Merged, File(result, Real).Outcome);
        var merged = Text(result, Real);
        var definitions = BpmnReader.Parse(merged);
        var elements = definitions.Processes.SelectMany(p => p.DescendantsAndSelf()).Where(e => e.Id is not null).ToDictionary(e => e.Id!);
        Assert.Equal("steueramt", elements["anmeldungPruefen"].Zeebe.AssignmentDefinition!.CandidateGroups!.Raw);
        Assert.Equal("Abmeldung und Erstattung prüfen", elements["abmeldungPruefen"].Name);
        Assert.Contains(Moved(checkShape), merged, StringComparison.Ordinal);
        Assert.Contains(Moved(otherShape), merged, StringComparison.Ordinal);

        // The merged package is still a valid package: the engine's deployment check and every scenario's reading pass.
        var files = new Dictionary<string, byte[]>(result.Files.Where(f => f.Content is not null).Select(f => KeyValuePair.Create(f.Path, f.Content!)));
        var validation = await PackageValidator.ValidateAsync(new PackageFiles("zusammengeführt", files));
        Assert.True(validation.IsValid, string.Join("\n", validation.Lines()));
    }

    [Fact]
    public async Task Merge_ReportsElementConflict_WhenBothSidesChangeTheSameTask()
    {
        using var common = new TestPackage();
        using var local = new TestPackage();
        using var upstream = Upstream();
        local.Replace(Model, "candidateGroups=\"sachbearbeitung\"", "candidateGroups=\"steueramt\"");
        upstream.Replace(Model, "candidateGroups=\"sachbearbeitung\"", "candidateGroups=\"buergerbuero\"");

        var result = await MergeAsync(common, local, upstream);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(Model, conflict.Path);
        Assert.Equal("pruefen", conflict.Element);
        Assert.Equal("Aufgabe ‚Anmeldung prüfen‘ wurde hier und in der neuen Version unterschiedlich geändert.", conflict.Text);
        Assert.Equal("Bearbeitergruppe von ‚sachbearbeitung‘ zu ‚steueramt‘ geändert", conflict.Local);
        Assert.Equal("Bearbeitergruppe von ‚sachbearbeitung‘ zu ‚buergerbuero‘ geändert", conflict.Upstream);
        Assert.Null(File(result, Model).Content);
    }

    [Fact]
    public async Task Merge_TakesTheElementOnce_WhenBothSidesMadeTheSameChange()
    {
        using var common = new TestPackage();
        using var local = new TestPackage();
        using var upstream = Upstream();
        local.Replace(Model, "candidateGroups=\"sachbearbeitung\"", "candidateGroups=\"steueramt\"");
        upstream.Replace(Model, "candidateGroups=\"sachbearbeitung\"", "candidateGroups=\"steueramt\"");
        upstream.Replace(Model, "name=\"Hund angemeldet\"", "name=\"Hund ist angemeldet\"");

        var result = await MergeAsync(common, local, upstream);

        Assert.True(result.IsClean);
        var merged = Text(result, Model);
        Assert.Contains("candidateGroups=\"steueramt\"", merged, StringComparison.Ordinal);
        Assert.Contains("name=\"Hund ist angemeldet\"", merged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_ReportsConflict_WhenUpstreamRemovesATaskTheMunicipalityChanged()
    {
        using var common = new TestPackage();
        using var local = new TestPackage();
        using var upstream = Upstream();
        local.Replace(Model, "decisionId=\"stufe\"", "decisionId=\"stufe-musterdorf\"");
        RemoveDecisionTask(upstream);

        var result = await MergeAsync(common, local, upstream);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal("einstufen", conflict.Element);
        Assert.Equal("Entscheidungsaufgabe ‚Steuer einstufen‘ wurde in der neuen Version entfernt, hier aber geändert.", conflict.Text);
        Assert.Equal("Aufgerufene Entscheidung von ‚stufe‘ zu ‚stufe-musterdorf‘ geändert", conflict.Local);
        Assert.Equal("entfernt", conflict.Upstream);
    }

    [Fact]
    public async Task Merge_ReportsConflict_WhenTheMunicipalityRemovedATaskUpstreamChanged()
    {
        using var common = new TestPackage();
        using var local = new TestPackage();
        using var upstream = Upstream();
        RemoveDecisionTask(local);
        upstream.Replace(Model, "decisionId=\"stufe\"", "decisionId=\"stufe-2027\"");

        var result = await MergeAsync(common, local, upstream);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal("Entscheidungsaufgabe ‚Steuer einstufen‘ wurde hier entfernt, in der neuen Version aber geändert.", conflict.Text);
    }

    [Fact]
    public async Task Merge_CarriesALocallyAddedTaskOver_WithItsFlowsAndDerivedIncomingOutgoing()
    {
        using var common = new TestPackage();
        using var local = new TestPackage();
        using var upstream = Upstream();
        // The municipality inserts a countercheck between the letter and the objection period.
        local.Replace(Model, "<bpmn:sequenceFlow id=\"f4\" sourceRef=\"bescheid\" targetRef=\"frist\" />",
            "<bpmn:sequenceFlow id=\"f4\" sourceRef=\"bescheid\" targetRef=\"gegenpruefen\" />\n    <bpmn:sequenceFlow id=\"f4b\" sourceRef=\"gegenpruefen\" targetRef=\"frist\" />");
        local.Replace(Model, "    <bpmn:intermediateCatchEvent id=\"frist\"",
            "    <bpmn:userTask id=\"gegenpruefen\" name=\"Gegenprüfen\"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups=\"leitung\" /></bpmn:extensionElements><bpmn:incoming>f4</bpmn:incoming><bpmn:outgoing>f4b</bpmn:outgoing></bpmn:userTask>\n    <bpmn:intermediateCatchEvent id=\"frist\"");
        local.Replace(Model, "<bpmn:incoming>f4</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing>", "<bpmn:incoming>f4b</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing>");
        // Upstream adds an end of its own after the review... and renames the letter task.
        upstream.Replace(Model, "name=\"Steuerbescheid schreiben\"", "name=\"Bescheid schreiben\"");

        var result = await MergeAsync(common, local, upstream);

        Assert.True(result.IsClean, string.Join("\n", result.Conflicts.Select(c => c.Text)));
        var definitions = BpmnReader.Parse(Text(result, Model));
        var elements = definitions.Processes.Single().DescendantsAndSelf().Where(e => e.Id is not null).ToDictionary(e => e.Id!);
        Assert.Equal("Bescheid schreiben", elements["bescheid"].Name);
        Assert.Equal("Gegenprüfen", elements["gegenpruefen"].Name);
        var document = XDocument.Parse(Text(result, Model));
        var frist = document.Descendants(BpmnNamespaces.Model + "intermediateCatchEvent").Single();
        Assert.Equal(["f4b"], frist.Elements(BpmnNamespaces.Model + "incoming").Select(e => e.Value));
        var added = document.Descendants(BpmnNamespaces.Model + "userTask").Single(e => (string?)e.Attribute("id") == "gegenpruefen");
        Assert.Equal(["f4"], added.Elements(BpmnNamespaces.Model + "incoming").Select(e => e.Value));
        Assert.Equal(["f4b"], added.Elements(BpmnNamespaces.Model + "outgoing").Select(e => e.Value));
    }

    [Fact]
    public async Task Merge_ReportsConflict_WhenALocalFlowLeadsToAnElementUpstreamRemoved()
    {
        using var common = new TestPackage();
        using var local = new TestPackage();
        using var upstream = Upstream();
        // Locally a second way leads from the review straight to the decision task; upstream drops that task.
        local.Replace(Model, "<bpmn:sequenceFlow id=\"f5\"", "<bpmn:sequenceFlow id=\"abkuerzung\" sourceRef=\"frist\" targetRef=\"einstufen\" />\n    <bpmn:sequenceFlow id=\"f5\"");
        RemoveDecisionTask(upstream);

        var result = await MergeAsync(common, local, upstream);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal("abkuerzung", conflict.Element);
        Assert.StartsWith("Sequenzfluss (abkuerzung) verweist auf Entscheidungsaufgabe ‚Steuer einstufen‘, das es nach dem Zusammenführen nicht mehr gibt", conflict.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_ReportsConflict_WhenUpstreamRemovesAFileTheMunicipalityChanged()
    {
        using var common = new TestPackage();
        using var local = new TestPackage();
        using var upstream = Upstream();
        local.Replace(Letter, "im Jahr fest.", "im Kalenderjahr fest.");
        upstream.Delete(Letter);

        var result = await MergeAsync(common, local, upstream);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal("Die Datei wurde in der neuen Version entfernt, hier aber geändert.", conflict.Text);
    }

    [Fact]
    public async Task Merge_KeepsValuesTakesDefaultsDropsRemoved_AndReportsAValueThatNoLongerFitsItsType()
    {
        using var common = new TestPackage();
        using var local = new TestPackage();
        using var upstream = Upstream();
        upstream.Manifest(m =>
        {
            var parameters = m["parameters"]!.AsArray();
            parameters[0]!["type"] = "text";
            parameters[0]!["default"] = "90 Euro";
            parameters.RemoveAt(1);
            parameters.Add(new JsonObject { ["name"] = "gebuehrErsatzmarke", ["type"] = "number", ["default"] = 5, ["label"] = "Gebühr für eine Ersatzmarke" });
            parameters.Add(new JsonObject { ["name"] = "amt", ["type"] = "text", ["default"] = "Steueramt", ["label"] = "Zuständiges Amt" });
        });
        upstream.Replace(Model, "=parameter.widerspruchsfrist", "P14D");
        var values = new JsonObject { ["steuerErsterHund"] = 120, ["widerspruchsfrist"] = "P1M", ["amt"] = "Kämmerei" };

        var result = PackageMerge.Merge(await common.ReadAsync(), await local.ReadAsync(), await upstream.ReadAsync(), values);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(PackageLayout.Manifest, conflict.Path);
        Assert.Equal("parameter.steuerErsterHund", conflict.Element);
        Assert.Equal("Parameter ‚Steuer je Hund (Euro/Jahr)‘ (steuerErsterHund): Der Typ wurde von Zahl zu Text geändert; der Wert der Gemeinde 120 passt nicht mehr. Erwartet wird ein Text.", conflict.Text);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"gebuehrErsatzmarke":5,"amt":"Kämmerei"}"""), result.ParameterValues), result.ParameterValues.ToJsonString());
        Assert.Contains("Neuer Parameter ‚Gebühr für eine Ersatzmarke‘ (gebuehrErsatzmarke) mit dem Standardwert 5.", result.Notes);
        Assert.Contains("Der Parameter „widerspruchsfrist“ entfällt in der neuen Version; der Wert der Gemeinde wird nicht mehr gebraucht.", result.Notes);
    }

    [Fact]
    public async Task Merge_KeepsALocalValue_WhenTheChangedTypeStillFitsIt()
    {
        using var common = new TestPackage();
        using var local = new TestPackage();
        using var upstream = Upstream();
        upstream.Manifest(m => m["parameters"]!.AsArray()[0]!["type"] = "integer");

        var result = PackageMerge.Merge(await common.ReadAsync(), await local.ReadAsync(), await upstream.ReadAsync(), new JsonObject { ["steuerErsterHund"] = 120 });

        Assert.True(result.IsClean);
        Assert.Equal(120, result.ParameterValues["steuerErsterHund"]!.GetValue<int>());
        Assert.Equal("P14D", result.ParameterValues["widerspruchsfrist"]!.GetValue<string>());
    }

    [Fact]
    public async Task Merge_MergesTheManifestByField_WhenTheMunicipalityAddedATagAndUpstreamAParameter()
    {
        using var common = new TestPackage();
        using var local = new TestPackage();
        using var upstream = Upstream();
        local.Manifest(m => m["tags"] = new JsonArray("Steuern", "Hund", "Musterdorf"));
        upstream.Manifest(m => m["parameters"]!.AsArray().Add(new JsonObject { ["name"] = "amt", ["type"] = "text", ["default"] = "Steueramt", ["label"] = "Zuständiges Amt" }));

        var result = await MergeAsync(common, local, upstream);

        Assert.True(result.IsClean);
        Assert.Equal(MergeOutcome.Merged, File(result, PackageLayout.Manifest).Outcome);
        var manifest = ManifestReader.Read(Text(result, PackageLayout.Manifest));
        Assert.Equal("1.1.0", manifest.Version);
        Assert.Equal(["Steuern", "Hund", "Musterdorf"], manifest.Tags);
        Assert.Equal(["steuerErsterHund", "widerspruchsfrist", "amt"], manifest.Parameters.Select(p => p.Name));
    }

    private static TestPackage Upstream()
    {
        var upstream = new TestPackage();
        upstream.Manifest(m => m["version"] = "1.1.0");
        return upstream;
    }

    private static async Task<PackageMergeResult> MergeAsync(TestPackage common, TestPackage local, TestPackage upstream) =>
        PackageMerge.Merge(await common.ReadAsync(), await local.ReadAsync(), await upstream.ReadAsync());

    private static MergedFile File(PackageMergeResult result, string path) => result.Files.Single(f => f.Path == path);

    private static string Text(PackageMergeResult result, string path) => Encoding.UTF8.GetString(File(result, path).Content!);

    /// <summary>Takes the decision task out: the review leads straight to the letter.</summary>
    private static void RemoveDecisionTask(TestPackage package)
    {
        package.Replace(Model, """
    <bpmn:businessRuleTask id="einstufen" name="Steuer einstufen">
      <bpmn:extensionElements><zeebe:calledDecision decisionId="stufe" resultVariable="stufe" /></bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:businessRuleTask>

""", string.Empty);
        package.Replace(Model, "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"pruefen\" targetRef=\"einstufen\" />", "<bpmn:sequenceFlow id=\"f2\" sourceRef=\"pruefen\" targetRef=\"bescheid\" />");
        package.Replace(Model, "    <bpmn:sequenceFlow id=\"f3\" sourceRef=\"einstufen\" targetRef=\"bescheid\" />\n", string.Empty);
        package.Replace(Model, "<bpmn:incoming>f3</bpmn:incoming>", "<bpmn:incoming>f2</bpmn:incoming>");
    }

    /// <summary>The line of a shape's bounds in a real model (the first <c>dc:Bounds</c> after the shape of the element).</summary>
    private static string Shape(string model, string element)
    {
        var start = model.IndexOf($"bpmnElement=\"{element}\"", StringComparison.Ordinal);
        Assert.True(start > 0, element);
        var bounds = model.IndexOf("<dc:Bounds ", start, StringComparison.Ordinal);
        return model[bounds..(model.IndexOf("/>", bounds, StringComparison.Ordinal) + 2)];
    }

    private static string Moved(string bounds) => bounds.Replace(" y=\"", " y=\"1", StringComparison.Ordinal);
}
