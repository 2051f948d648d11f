using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amtsweg.Data.Providers;
using Amtsweg.Server.Features.Processes.Deploy;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests.Processes;

/// <summary>
/// Issue 13.2: the decision editor <c>/prozesse/entscheidungen/bearbeiten</c> and the list <c>/prozesse/entscheidungen</c>
/// — who may use them, validation at the decision, rule and column while editing, drafts with conflict detection,
/// deploying a new version with a comment, a file that does not parse, and DMN files kept exactly as sent.
/// </summary>
public partial class DecisionEditorPageTests
{
    private const string Page = "/prozesse/entscheidungen/bearbeiten";
    private const string List = "/prozesse/entscheidungen";

    [Theory]
    [AllProviders]
    public async Task DecisionEditor_IsForDesignersAndAdministration_LeitungReads_ClerkIsRefused(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        var clerk = await factory.SignInAsClerkAsync(municipality);

        var designerPage = await designer.GetStringAsync(Page);
        var designerList = await designer.GetStringAsync(List);
        var adminPage = await admin.GetStringAsync(Page);
        var adminList = await admin.GetStringAsync(List);
        var headPage = await head.GetAsync(Page);
        var headList = await head.GetStringAsync(List);
        var clerkPage = await clerk.GetAsync(Page);
        var clerkList = await clerk.GetAsync(List);
        var headToken = await AmtswegFactory.AntiforgeryTokenAsync(head, List);
        var headValidate = await PostAsync(head, headToken, "Validate", new() { ["xml"] = Gebuehr() });
        var headSave = await PostAsync(head, headToken, "Save", new() { ["xml"] = Gebuehr(), ["revision"] = "0" });
        var headOverview = await head.GetStringAsync("/prozesse");

        Assert.Contains("<h1>Neue Entscheidung</h1>", designerPage, StringComparison.Ordinal);
        Assert.Contains("<script type=\"module\" src=\"/js/decision-editor.js\"></script>", designerPage, StringComparison.Ordinal);
        var newDecision = XmlOf(designerPage);
        Assert.Contains("<decision id=\"Entscheidung_", newDecision, StringComparison.Ordinal);
        Assert.Contains("<decisionTable id=\"DecisionTable_", newDecision, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Page}\"", designerList, StringComparison.Ordinal);
        Assert.Contains("Es sind noch keine Entscheidungen bereitgestellt.", designerList, StringComparison.Ordinal);
        Assert.Contains("<h1>Neue Entscheidung</h1>", adminPage, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Page}\"", adminList, StringComparison.Ordinal);
        Assert.Contains("/fehler/403", headPage.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/fehler/403", clerkPage.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/fehler/403", clerkList.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/fehler/403", headValidate.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/fehler/403", headSave.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("Entscheidungen bearbeiten Prozessgestaltung und Administration.", headList, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"{Page}\"", headList, StringComparison.Ordinal);

        Assert.Contains($"href=\"{List}\"", headOverview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_NamesDecisionRuleAndColumnOfABadCell_AndRefusesAFileThatDoesNotParseWithItsLine()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, Page);
        var badCell = Gebuehr().Replace("<text>&gt; 100</text>", "<text>&gt;&gt; 100</text>", StringComparison.Ordinal);
        var badOutput = Gebuehr().Replace("<text>50</text>", "<text>50 +</text>", StringComparison.Ordinal);
        var badInputExpression = Gebuehr().Replace("<text>betrag</text>", "<text>betrag &lt;</text>", StringComparison.Ordinal);
        var duplicate = Gebuehr().Replace("<rule id=\"Rule_2\">", "<rule id=\"Rule_1\">", StringComparison.Ordinal);
        var missing = Gebuehr().Replace("<decisionTable id=\"DecisionTable_1\">", "<informationRequirement id=\"Req_1\"><requiredDecision href=\"#fehlt\" /></informationRequirement><decisionTable id=\"DecisionTable_1\">", StringComparison.Ordinal);
        var hitPolicy = Gebuehr().Replace("<decisionTable id=\"DecisionTable_1\">", "<decisionTable id=\"DecisionTable_1\" hitPolicy=\"RANDOM\">", StringComparison.Ordinal);
        var notXml = Gebuehr().Replace("</rule>\n", "</regel>\n", StringComparison.Ordinal);

        var valid = await PostAsync(designer, token, "Validate", new() { ["xml"] = Gebuehr() });
        var cell = await PostAsync(designer, token, "Validate", new() { ["xml"] = badCell });
        var output = await PostAsync(designer, token, "Validate", new() { ["xml"] = badOutput });
        var input = await PostAsync(designer, token, "Validate", new() { ["xml"] = badInputExpression });
        var twice = await PostAsync(designer, token, "Validate", new() { ["xml"] = duplicate });
        var requirement = await PostAsync(designer, token, "Validate", new() { ["xml"] = missing });
        var policy = await PostAsync(designer, token, "Validate", new() { ["xml"] = hitPolicy });
        var broken = await PostAsync(designer, token, "Validate", new() { ["xml"] = notXml });
        var empty = await PostAsync(designer, token, "Validate", new() { ["xml"] = "" });
        var withoutToken = await designer.PostAsync(Page + "?handler=Validate", new FormUrlEncodedContent(new Dictionary<string, string> { ["xml"] = Gebuehr() }));

        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Empty(Problems(await Answer(valid)));
        var cellProblem = Assert.Single(Problems(await Answer(cell)));
        Assert.Equal(("error", "gebuehr", "Rule_1", "Input_1"), (cellProblem.Severity, cellProblem.Decision, cellProblem.Element, cellProblem.Column));
        Assert.StartsWith("Entscheidung „Gebühr“, Regel 1, Eingabe „Betrag“: FEEL-Syntaxfehler in den Vergleichstests '>> 100'", cellProblem.Message, StringComparison.Ordinal);
        var outputProblem = Assert.Single(Problems(await Answer(output)));
        Assert.Equal(("Rule_1", "Output_1"), (outputProblem.Element, outputProblem.Column));
        Assert.StartsWith("Entscheidung „Gebühr“, Regel 1, Ausgabe „Gebühr“: FEEL-Syntaxfehler in '50 +'", outputProblem.Message, StringComparison.Ordinal);
        var inputProblem = Assert.Single(Problems(await Answer(input)));
        Assert.Equal(("gebuehr", "Input_1", null), (inputProblem.Decision, inputProblem.Element, inputProblem.Column));
        var duplicateProblem = Assert.Single(Problems(await Answer(twice)));
        Assert.Equal(("dmn.duplicate-id", "Rule_1"), (duplicateProblem.Code, duplicateProblem.Element));
        Assert.EndsWith("Die Id 'Rule_1' wird zweimal verwendet.", duplicateProblem.Message, StringComparison.Ordinal);
        var requirementProblem = Assert.Single(Problems(await Answer(requirement)));
        Assert.Equal(("error", "gebuehr"), (requirementProblem.Severity, requirementProblem.Element));
        Assert.Contains("'#fehlt'", requirementProblem.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, policy.StatusCode);
        Assert.StartsWith("Die DMN-Datei lässt sich nicht lesen: Unbekannte Trefferrichtlinie 'RANDOM'.", Message(await Answer(policy)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Matches("^Die DMN-Datei ist kein lesbares XML: Der Fehler steht in Zeile [0-9]+, Spalte [0-9]+\\. Es wurde nichts gespeichert\\.$", Message(await Answer(broken)));
        Assert.Equal("Es wurde keine DMN-Datei übermittelt.", Message(await Answer(empty)));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task Save_StoresTheDraftAsSent_RefusesAStaleRevision_AndKeepsTheNewerOne(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var anna = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var ben = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var annaToken = await AmtswegFactory.AntiforgeryTokenAsync(anna, Page);
        var benToken = await AmtswegFactory.AntiforgeryTokenAsync(ben, Page);
        var first = Gebuehr();
        var annas = first.Replace("<text>50</text>", "<text>55</text>", StringComparison.Ordinal);
        var bens = first.Replace("<text>50</text>", "<text>60</text>", StringComparison.Ordinal);
        var badFeel = annas.Replace("<text>&gt; 100</text>", "<text>&gt;&gt; 100</text>", StringComparison.Ordinal);

        var created = await Answer(await PostAsync(anna, annaToken, "Save", new() { ["xml"] = first, ["revision"] = "0" }));
        var draft = created.GetProperty("draft").GetString()!;
        // Both open revision 1; Anna saves first, Ben's save from the same revision is stale.
        var annaSaved = await PostAsync(anna, annaToken, "Save", new() { ["xml"] = annas, ["entwurf"] = draft, ["revision"] = "1" });
        var benStale = await PostAsync(ben, benToken, "Save", new() { ["xml"] = bens, ["entwurf"] = draft, ["revision"] = "1" });
        var secondDraftOfSameFile = await PostAsync(ben, benToken, "Save", new() { ["xml"] = bens, ["revision"] = "0" });
        var notXml = await PostAsync(anna, annaToken, "Save", new() { ["xml"] = "<definitions", ["entwurf"] = draft, ["revision"] = "2" });
        var withoutId = await PostAsync(anna, annaToken, "Save", new() { ["xml"] = annas.Replace(" id=\"Definitions_Gebuehr\"", "", StringComparison.Ordinal), ["entwurf"] = draft, ["revision"] = "2" });
        var stored = await anna.GetStringAsync($"{Page}?entwurf={draft}");
        var withProblems = await PostAsync(anna, annaToken, "Save", new() { ["xml"] = badFeel, ["entwurf"] = draft, ["revision"] = "2" });
        var list = await anna.GetStringAsync(List);

        Assert.Equal(1, created.GetProperty("revision").GetInt32());
        Assert.Equal(HttpStatusCode.OK, annaSaved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, benStale.StatusCode);
        var conflict = Message(await Answer(benStale));
        Assert.Contains("Der Entwurf „Gebühren“ wurde inzwischen von", conflict, StringComparison.Ordinal);
        Assert.Contains("Ihre Entscheidung ist nicht gespeichert", conflict, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, secondDraftOfSameFile.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notXml.StatusCode);
        Assert.StartsWith("Die DMN-Datei ist kein lesbares XML: Der Fehler steht in Zeile 1", Message(await Answer(notXml)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, withoutId.StatusCode);
        Assert.StartsWith("Die DMN-Datei hat keine ID", Message(await Answer(withoutId)), StringComparison.Ordinal);
        Assert.Equal(annas, XmlOf(stored));
        Assert.Contains("data-revision=\"2\"", stored, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, withProblems.StatusCode);
        Assert.Equal(3, (await Answer(withProblems)).GetProperty("revision").GetInt32());
        Assert.Contains($"href=\"{Page}?entwurf={draft}\"", list, StringComparison.Ordinal);
        Assert.Contains("gebuehr", list, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesAFileWithErrorsOrWithoutComment_AndDeploysAValidOneAsNewVersionWithItsComment(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, Page);
        var first = await PostAsync(designer, token, "Deploy", new() { ["xml"] = Gebuehr(), ["comment"] = "Erste Fassung", ["revision"] = "0" });
        var opened = await designer.GetStringAsync($"{Page}?entscheidung=gebuehr");
        var changed = Gebuehr().Replace("<text>50</text>", "<text>60</text>", StringComparison.Ordinal);
        var draft = (await Answer(await PostAsync(designer, token, "Save", new() { ["xml"] = changed, ["revision"] = "0" }))).GetProperty("draft").GetString()!;
        var reopenedAsDraft = await designer.GetAsync($"{Page}?entscheidung=gebuehr");
        var broken = changed.Replace("<text>&gt; 100</text>", "<text>&gt;&gt; 100</text>", StringComparison.Ordinal);

        var withoutComment = await PostAsync(designer, token, "Deploy", new() { ["xml"] = changed, ["comment"] = "  ", ["entwurf"] = draft, ["revision"] = "1" });
        var tooLong = await PostAsync(designer, token, "Deploy", new() { ["xml"] = changed, ["comment"] = new string('x', 1001), ["entwurf"] = draft, ["revision"] = "1" });
        var withErrors = await PostAsync(designer, token, "Deploy", new() { ["xml"] = broken, ["comment"] = "Kaputt", ["entwurf"] = draft, ["revision"] = "1" });
        var notXml = await PostAsync(designer, token, "Deploy", new() { ["xml"] = "kein XML", ["comment"] = "Kaputt", ["entwurf"] = draft, ["revision"] = "1" });
        var stale = await PostAsync(designer, token, "Deploy", new() { ["xml"] = changed, ["comment"] = "Alt", ["entwurf"] = draft, ["revision"] = "0" });
        var afterRefusals = await designer.GetStringAsync(List);
        var deployed = await PostAsync(designer, token, "Deploy", new() { ["xml"] = changed, ["comment"] = "Gebühr ab 100 Euro erhöht.", ["entwurf"] = draft, ["revision"] = "1" });
        var list = await designer.GetStringAsync(List);
        var headList = await head.GetStringAsync(List);
        var reopened = await designer.GetStringAsync($"{Page}?entscheidung=gebuehr");
        var draftAfter = await designer.GetAsync($"{Page}?entwurf={draft}");
        var unknown = await designer.GetAsync($"{Page}?entscheidung=gibtsnicht");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(List, (await Answer(first)).GetProperty("next").GetString());
        Assert.Equal(Gebuehr(), XmlOf(opened));
        Assert.Contains("Grundlage ist die bereitgestellte Version 1.", opened, StringComparison.Ordinal);
        Assert.Contains("Entscheidung „Gebühr“ bearbeiten", opened, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, reopenedAsDraft.StatusCode);
        Assert.Equal($"{Page}?entwurf={draft}", reopenedAsDraft.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, withoutComment.StatusCode);
        Assert.Equal("Bitte schreiben Sie in den Kommentar, was sich mit dieser Version ändert.", Message(await Answer(withoutComment)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withErrors.StatusCode);
        var refusal = await Answer(withErrors);
        Assert.StartsWith("Nicht bereitgestellt: Die Entscheidung hat Fehler.", Message(refusal), StringComparison.Ordinal);
        Assert.Contains(Problems(refusal), p => p.Element == "Rule_1" && p.Column == "Input_1");
        Assert.Equal(HttpStatusCode.BadRequest, notXml.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.DoesNotContain("Version 2", afterRefusals, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, deployed.StatusCode);
        Assert.Equal("Bereitgestellt: „Gebühr“ als Version 2. Prozesse, die sie aufrufen, verwenden ab jetzt diese Version.", Message(await Answer(deployed)));
        Assert.Contains("Bereitgestellt: „Gebühr“ als Version 2.", list, StringComparison.Ordinal);
        foreach (var page in new[] { list, headList })
        {
            Assert.Contains("Version 2", page, StringComparison.Ordinal);
            Assert.Contains("Version 1", page, StringComparison.Ordinal);
            Assert.Contains("Gebühr ab 100 Euro erhöht.", page, StringComparison.Ordinal);
            Assert.Contains("Erste Fassung", page, StringComparison.Ordinal);
            Assert.Contains("keinem Prozess", page, StringComparison.Ordinal);
        }

        Assert.Equal(changed, XmlOf(reopened));
        Assert.Equal(HttpStatusCode.NotFound, draftAfter.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task List_NamesTheProcessesThatCallADecision_AndOffersEachVersionsFileToReaders()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var bpmn = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Diagrams", "DecisionEditorPageTests.Gebuehr.bpmn"));
        Assert.Equal(HttpStatusCode.Created, (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Gebühr", [new DeployResource("gebuehr.bpmn", bpmn), new DeployResource("gebuehr.dmn", Gebuehr())]))).StatusCode);

        var list = await admin.GetStringAsync(List);
        var download = DownloadPattern().Match(list);
        var file = await admin.GetAsync(WebUtility.HtmlDecode(download.Groups[1].Value));

        Assert.Contains("Gewerbeanmeldung mit Gebühr", list, StringComparison.Ordinal);
        Assert.True(download.Success, list);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(Gebuehr(), await file.Content.ReadAsStringAsync());
        Assert.Equal("gebuehr-v1.dmn", file.Content.Headers.ContentDisposition?.FileNameStar ?? file.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(HttpStatusCode.NotFound, (await designer.GetAsync($"{List}?handler=Download&id={Guid.CreateVersion7()}")).StatusCode);
    }

    /// <summary>A decision table as Camunda Modeler writes it for Camunda 8: a fee by amount, two rules.</summary>
    internal static string Gebuehr() => """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_Gebuehr" name="Gebühren" namespace="http://camunda.org/schema/1.0/dmn" exporter="Camunda Modeler" exporterVersion="5.31.0" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">
          <decision id="gebuehr" name="Gebühr">
            <decisionTable id="DecisionTable_1">
              <input id="Input_1" label="Betrag">
                <inputExpression id="InputExpression_1" typeRef="number">
                  <text>betrag</text>
                </inputExpression>
              </input>
              <output id="Output_1" label="Gebühr" name="gebuehr" typeRef="number" />
              <rule id="Rule_1">
                <inputEntry id="UnaryTests_1">
                  <text>&gt; 100</text>
                </inputEntry>
                <outputEntry id="LiteralExpression_1">
                  <text>50</text>
                </outputEntry>
              </rule>
              <rule id="Rule_2">
                <inputEntry id="UnaryTests_2">
                  <text>&lt;= 100</text>
                </inputEntry>
                <outputEntry id="LiteralExpression_2">
                  <text>20</text>
                </outputEntry>
              </rule>
            </decisionTable>
          </decision>
          <dmndi:DMNDI>
            <dmndi:DMNDiagram id="DMNDiagram_1">
              <dmndi:DMNShape id="DMNShape_1" dmnElementRef="gebuehr">
                <dc:Bounds height="80" width="180" x="160" y="100" />
              </dmndi:DMNShape>
            </dmndi:DMNDiagram>
          </dmndi:DMNDI>
        </definitions>
        """;

    internal static async Task<HttpResponseMessage> PostAsync(HttpClient client, string token, string handler, Dictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Page}?handler={handler}") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }

    internal static async Task<JsonElement> Answer(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static string Message(JsonElement answer) => answer.GetProperty("message").GetString()!;

    private static List<(string? Code, string? Severity, string? Decision, string? Element, string? Column, string Message)> Problems(JsonElement answer) =>
        [.. answer.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("code").GetString(), p.GetProperty("severity").GetString(), p.GetProperty("decisionId").GetString(), p.GetProperty("elementId").GetString(), p.GetProperty("columnId").GetString(), p.GetProperty("message").GetString()!))];

    /// <summary>The DMN XML the page hands to the editor (its JSON element).</summary>
    private static string XmlOf(string html) =>
        JsonSerializer.Deserialize<string>(SourcePattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No decision on the page"))!;

    [GeneratedRegex("<script type=\"application/json\" id=\"entscheidung-xml\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex SourcePattern();

    [GeneratedRegex("href=\"(/prozesse/entscheidungen\\?handler=Download&amp;id=[0-9a-f-]+)\"")]
    private static partial Regex DownloadPattern();
}
