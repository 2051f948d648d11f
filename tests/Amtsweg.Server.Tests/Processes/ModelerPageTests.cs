using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amtsweg.Data.Providers;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Processes.Deploy;
using Amtsweg.Server.Features.Processes.StartInstance;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests.Processes;

/// <summary>
/// Issue 13.2 and 13.4: the modeler page <c>/prozesse/modellieren</c> and its handlers — who may use it, validation while
/// editing, drafts with conflict detection, deploying with a comment, and diagrams of Camunda Modeler and other tools
/// kept exactly as sent.
/// </summary>
public partial class ModelerPageTests
{
    private const string Page = "/prozesse/modellieren";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Theory]
    [AllProviders]
    public async Task Modeler_IsForDesignersAndAdministration_ClerkAndLeitungAreRefused(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, Page);

        var designerPage = await designer.GetStringAsync(Page);
        var adminPage = await admin.GetAsync(Page);
        var headPage = await head.GetAsync(Page);
        var clerkPage = await clerk.GetAsync(Page);
        var headToken = await AmtswegFactory.AntiforgeryTokenAsync(head, "/prozesse");
        var headValidate = await PostAsync(head, headToken, "Validate", new() { ["xml"] = Baugenehmigung() });
        var headOverview = await head.GetStringAsync("/prozesse");
        var designerOverview = await designer.GetStringAsync("/prozesse");

        Assert.Equal(HttpStatusCode.OK, adminPage.StatusCode);
        Assert.Contains("/fehler/403", headPage.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/fehler/403", clerkPage.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/fehler/403", headValidate.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("<h1>Neuer Prozess</h1>", designerPage, StringComparison.Ordinal);
        Assert.Contains("<script type=\"module\" src=\"/js/modeler.js\"></script>", designerPage, StringComparison.Ordinal);
        Assert.Contains("isExecutable=\\u0022true\\u0022", designerPage, StringComparison.Ordinal);
        Assert.Contains("bpmn:startEvent", XmlOf(designerPage), StringComparison.Ordinal);
        Assert.DoesNotContain("Neuer Prozess", headOverview, StringComparison.Ordinal);
        Assert.Contains("href=\"/prozesse/modellieren\"", designerOverview, StringComparison.Ordinal);
        Assert.NotEmpty(token);
    }

    [Theory]
    [AllProviders]
    public async Task Open_ShowsTheLatestDeployedVersion_AndAnUnknownProcessIsNotFound(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        await DeployByApiAsync(designer, Baugenehmigung());
        var second = Baugenehmigung().Replace("Unterlagen prüfen", "Unterlagen vollständig prüfen", StringComparison.Ordinal);
        await DeployByApiAsync(designer, second);

        var page = await designer.GetStringAsync(Page + "?prozess=Baugenehmigung");
        var unknown = await designer.GetAsync(Page + "?prozess=Gibtsnicht");
        var overview = await designer.GetStringAsync("/prozesse");

        Assert.Equal(second, XmlOf(page));
        Assert.Contains("Prozess „Baugenehmigung prüfen“ bearbeiten", page, StringComparison.Ordinal);
        Assert.Contains("Grundlage ist die bereitgestellte Version 2.", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("href=\"/prozesse/modellieren?prozess=Baugenehmigung\"", overview, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Validate_ReportsEachProblemWithElementAndGermanMessage_AndRefusesWhatIsNotXml(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, Page);
        // The flow into „Unterlagen prüfen“ removed, and a condition that is no FEEL.
        var broken = Baugenehmigung()
            .Replace("<bpmn:incoming>Flow_1</bpmn:incoming>", "", StringComparison.Ordinal)
            .Replace("<bpmn:sequenceFlow id=\"Flow_1\" sourceRef=\"Eingang\" targetRef=\"Pruefen\" />", "", StringComparison.Ordinal)
            .Replace("<bpmn:outgoing>Flow_1</bpmn:outgoing>", "", StringComparison.Ordinal);
        broken = ConditionPattern().Replace(broken, "${1}= flaeche >${2}", 1);

        var valid = await PostAsync(designer, token, "Validate", new() { ["xml"] = Baugenehmigung() });
        var invalid = await PostAsync(designer, token, "Validate", new() { ["xml"] = broken });
        var notXml = await PostAsync(designer, token, "Validate", new() { ["xml"] = "Das ist kein Diagramm" });
        var empty = await PostAsync(designer, token, "Validate", new() { ["xml"] = "" });
        var withoutToken = await designer.PostAsync(Page + "?handler=Validate", new FormUrlEncodedContent(new Dictionary<string, string> { ["xml"] = Baugenehmigung() }));

        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Empty((await Answer(valid)).GetProperty("problems").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var problems = (await Answer(invalid)).GetProperty("problems").EnumerateArray()
            .Select(p => (Code: p.GetProperty("code").GetString(), Element: p.GetProperty("elementId").GetString(), Message: p.GetProperty("message").GetString()!))
            .ToList();
        Assert.Contains(problems, p => p is { Code: "BPMN103", Element: "Pruefen" });
        Assert.Contains(problems, p => p is { Code: "BPMN104", Element: "Eingang" });
        var feel = Assert.Single(problems, p => p.Code == "BPMN107");
        Assert.Equal("Gross", feel.Element);
        Assert.All(problems, p => Assert.DoesNotMatch("\\b(the|is|has|must)\\b", p.Message));
        Assert.Equal(HttpStatusCode.BadRequest, notXml.StatusCode);
        Assert.StartsWith("Das Diagramm ist kein lesbares BPMN", (await Answer(notXml)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("Es wurde kein Diagramm übermittelt.", (await Answer(empty)).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task Validate_ShowsWhatOnlyTheDeploymentChecks_WhenATaskNamesALetterTemplateThatDoesNotExist(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, Page);
        // „Bescheid erstellen“ as a service task of the letter handler, with a template nobody has: the BPMN validator
        // alone finds nothing; the handler's check of its headers, which the deployment runs, does.
        var xml = BescheidTask().Replace(Baugenehmigung(), """
            <bpmn:serviceTask id="Bescheid" name="Bescheid erstellen">
                  <bpmn:extensionElements><zeebe:taskDefinition type="amtsweg:dokument-erzeugen" /><zeebe:taskHeaders><zeebe:header key="brief" value="mahnung" /><zeebe:header key="empfaenger" value="=antragsteller" /></zeebe:taskHeaders></bpmn:extensionElements>
                  <bpmn:incoming>Klein</bpmn:incoming><bpmn:outgoing>Flow_4</bpmn:outgoing>
                </bpmn:serviceTask>
            """, 1);
        Assert.Contains("amtsweg:dokument-erzeugen", xml, StringComparison.Ordinal);

        var validated = await PostAsync(designer, token, "Validate", new() { ["xml"] = xml });

        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
        var problem = Assert.Single((await Answer(validated)).GetProperty("problems").EnumerateArray());
        Assert.Equal("BPMN118", problem.GetProperty("code").GetString());
        Assert.Equal("Bescheid", problem.GetProperty("elementId").GetString());
        Assert.StartsWith("Die Briefvorlage „mahnung“ gibt es nicht (Header „brief“).", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty((await designer.GetFromJsonAsync<List<ProcessDefinitionInfo>>("/api/process-definitions", Json))!);
    }

    [Theory]
    [AllProviders]
    public async Task Save_StoresTheDraftAsSent_RefusesAStaleRevision_AndKeepsTheNewerOne(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var anna = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var ben = await factory.SignInAsAsync(municipality, Roles.Administration);
        var annaToken = await AmtswegFactory.AntiforgeryTokenAsync(anna, Page);
        var benToken = await AmtswegFactory.AntiforgeryTokenAsync(ben, Page);
        var first = Baugenehmigung();
        var annas = first.Replace("Unterlagen prüfen", "Unterlagen durch Anna geprüft", StringComparison.Ordinal);
        var bens = first.Replace("Unterlagen prüfen", "Unterlagen durch Ben geprüft", StringComparison.Ordinal);

        var created = await Answer(await PostAsync(anna, annaToken, "Save", new() { ["xml"] = first, ["revision"] = "0" }));
        var draft = created.GetProperty("draft").GetString()!;
        // Both open revision 1; Anna saves first, Ben's save from the same revision is stale.
        var annaSaved = await PostAsync(anna, annaToken, "Save", new() { ["xml"] = annas, ["entwurf"] = draft, ["revision"] = "1" });
        var benStale = await PostAsync(ben, benToken, "Save", new() { ["xml"] = bens, ["entwurf"] = draft, ["revision"] = "1" });
        var secondDraftOfSameProcess = await PostAsync(ben, benToken, "Save", new() { ["xml"] = bens, ["revision"] = "0" });
        var notXml = await PostAsync(anna, annaToken, "Save", new() { ["xml"] = "<kein", ["entwurf"] = draft, ["revision"] = "2" });
        var stored = await anna.GetStringAsync($"{Page}?entwurf={draft}");
        var openByProcess = await anna.GetAsync($"{Page}?prozess=Baugenehmigung");
        var overview = await anna.GetStringAsync("/prozesse");

        Assert.Equal(1, created.GetProperty("revision").GetInt32());
        Assert.Equal(HttpStatusCode.OK, annaSaved.StatusCode);
        Assert.Equal(2, (await Answer(annaSaved)).GetProperty("revision").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, benStale.StatusCode);
        var conflict = (await Answer(benStale)).GetProperty("message").GetString()!;
        Assert.Contains("wurde inzwischen von", conflict, StringComparison.Ordinal);
        Assert.Contains("Ihr Diagramm ist nicht gespeichert", conflict, StringComparison.Ordinal);
        Assert.Contains("herunter", conflict, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, secondDraftOfSameProcess.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notXml.StatusCode);
        Assert.Equal(annas, XmlOf(stored));
        Assert.Contains("data-revision=\"2\"", stored, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, openByProcess.StatusCode);
        Assert.Equal($"{Page}?entwurf={draft}", openByProcess.Headers.Location?.OriginalString);
        Assert.Contains($"href=\"{Page}?entwurf={draft}\"", overview, StringComparison.Ordinal);
        Assert.Contains("Entwürfe", overview, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task DeleteDraft_RemovesIt_AndAnotherMunicipalitysDraftIsNotFoundByAnyHandler(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var own = await factory.CreateMunicipalityAsync("Eigenstadt");
        var other = await factory.CreateMunicipalityAsync("Nachbarstadt");
        var designer = await factory.SignInAsAsync(own, Roles.Prozessgestaltung);
        var foreignDesigner = await factory.SignInAsAsync(other, Roles.Prozessgestaltung);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, Page);
        var foreignToken = await AmtswegFactory.AntiforgeryTokenAsync(foreignDesigner, Page);
        var foreignDraft = (await Answer(await PostAsync(foreignDesigner, foreignToken, "Save", new() { ["xml"] = Baugenehmigung(), ["revision"] = "0" }))).GetProperty("draft").GetString()!;
        var ownDraft = (await Answer(await PostAsync(designer, token, "Save", new() { ["xml"] = Baugenehmigung(), ["revision"] = "0" }))).GetProperty("draft").GetString()!;

        var open = await designer.GetAsync($"{Page}?entwurf={foreignDraft}");
        var save = await PostAsync(designer, token, "Save", new() { ["xml"] = Baugenehmigung(), ["entwurf"] = foreignDraft, ["revision"] = "1" });
        var deploy = await PostAsync(designer, token, "Deploy", new() { ["xml"] = Baugenehmigung(), ["comment"] = "Erste Fassung", ["entwurf"] = foreignDraft, ["revision"] = "1" });
        var delete = await PostAsync(designer, token, "DeleteDraft", new() { ["id"] = foreignDraft });
        var deleteOwn = await PostAsync(designer, token, "DeleteDraft", new() { ["id"] = ownDraft });
        var ownOverview = await designer.GetStringAsync("/prozesse");
        var foreignPage = await foreignDesigner.GetStringAsync($"{Page}?entwurf={foreignDraft}");

        Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, save.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deploy.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, deleteOwn.StatusCode);
        Assert.Contains("Der Entwurf „Baugenehmigung prüfen“ ist gelöscht.", ownOverview, StringComparison.Ordinal);
        Assert.DoesNotContain("entwurf=", ownOverview, StringComparison.Ordinal);
        Assert.Equal(Baugenehmigung(), XmlOf(foreignPage));
        Assert.Empty((await foreignDesigner.GetFromJsonAsync<List<ProcessDefinitionInfo>>("/api/process-definitions", Json))!);
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesAModelWithErrorsOrWithoutComment_AndDeploysAValidOneAsNewVersionWithItsComment(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        await DeployByApiAsync(designer, Baugenehmigung());
        var running = await designer.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Baugenehmigung", "63-0001/2026", new() { ["antragsteller"] = JsonSerializer.SerializeToElement("Erika Mustermann") }));
        var instance = (await running.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json))!;
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, Page + "?prozess=Baugenehmigung");
        var changed = Baugenehmigung().Replace("Unterlagen prüfen", "Unterlagen vollständig prüfen", StringComparison.Ordinal);
        var draft = (await Answer(await PostAsync(designer, token, "Save", new() { ["xml"] = changed, ["revision"] = "0" }))).GetProperty("draft").GetString()!;
        var broken = changed.Replace("targetRef=\"Pruefen\"", "targetRef=\"Nirgendwo\"", StringComparison.Ordinal);

        var withoutComment = await PostAsync(designer, token, "Deploy", new() { ["xml"] = changed, ["comment"] = "  ", ["entwurf"] = draft, ["revision"] = "1" });
        var tooLong = await PostAsync(designer, token, "Deploy", new() { ["xml"] = changed, ["comment"] = new string('x', 1001), ["entwurf"] = draft, ["revision"] = "1" });
        var withErrors = await PostAsync(designer, token, "Deploy", new() { ["xml"] = broken, ["comment"] = "Kaputt", ["entwurf"] = draft, ["revision"] = "1" });
        var stale = await PostAsync(designer, token, "Deploy", new() { ["xml"] = changed, ["comment"] = "Alt", ["entwurf"] = draft, ["revision"] = "0" });
        var afterRefusals = await designer.GetFromJsonAsync<List<ProcessDefinitionInfo>>("/api/process-definitions", Json);
        var deployed = await PostAsync(designer, token, "Deploy", new() { ["xml"] = changed, ["comment"] = "Prüfschritt heißt jetzt „vollständig prüfen“.", ["entwurf"] = draft, ["revision"] = "1" });
        var definitions = (await designer.GetFromJsonAsync<List<ProcessDefinitionInfo>>("/api/process-definitions", Json))!;
        var overview = await designer.GetStringAsync("/prozesse");
        var stillRunning = await designer.GetFromJsonAsync<ProcessInstanceInfo>($"/api/process-instances/{instance.Id}", Json);
        var draftAfter = await designer.GetAsync($"{Page}?entwurf={draft}");

        Assert.Equal(HttpStatusCode.BadRequest, withoutComment.StatusCode);
        Assert.Equal("Bitte schreiben Sie in den Kommentar, was sich mit dieser Version ändert.", (await Answer(withoutComment)).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withErrors.StatusCode);
        var refusal = await Answer(withErrors);
        Assert.StartsWith("Nicht bereitgestellt", refusal.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(refusal.GetProperty("problems").EnumerateArray(), p => p.GetProperty("code").GetString() == "BPMN110");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Single(afterRefusals!);
        Assert.Equal(HttpStatusCode.OK, deployed.StatusCode);
        Assert.Equal("/prozesse", (await Answer(deployed)).GetProperty("next").GetString());
        Assert.Equal([2, 1], definitions.Select(d => d.Version));
        Assert.Equal("Prüfschritt heißt jetzt „vollständig prüfen“.", definitions[0].DeploymentComment);
        Assert.Null(definitions[1].DeploymentComment);
        Assert.Equal(changed, await designer.GetStringAsync($"/api/process-definitions/{definitions[0].Id}/xml"));
        Assert.Contains("„Baugenehmigung prüfen“ ist als Version 2 bereitgestellt. Laufende Instanzen bleiben auf ihrer Version.", overview, StringComparison.Ordinal);
        Assert.Contains("Prüfschritt heißt jetzt „vollständig prüfen“.", overview, StringComparison.Ordinal);
        Assert.Equal(definitions[1].Id, stillRunning!.ProcessDefinitionId);
        Assert.Equal(HttpStatusCode.NotFound, draftAfter.StatusCode);
    }

    public static TheoryData<string> CamundaModelerDiagrams() =>
    [
        "ProzessePagesTests.Baugenehmigung.bpmn",
        "ProcessesApiTests.Antrag.bpmn",
        "JobExecutorTests.Frist.bpmn",
        "InboxFilterTests.Fristen.bpmn",
    ];

    [Theory]
    [MemberData(nameof(CamundaModelerDiagrams))]
    public async Task RoundTrip_CamundaModelerDiagram_OpensSavesAndDeploysExactlyAsSent(string file)
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, Page);
        var xml = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Diagrams", file));

        var saved = await Answer(await PostAsync(designer, token, "Save", new() { ["xml"] = xml, ["revision"] = "0" }));
        var draft = saved.GetProperty("draft").GetString()!;
        var opened = XmlOf(await designer.GetStringAsync($"{Page}?entwurf={draft}"));
        var deployed = await PostAsync(designer, token, "Deploy", new() { ["xml"] = opened, ["comment"] = "Aus Camunda Modeler übernommen", ["entwurf"] = draft, ["revision"] = "1" });
        var definition = (await designer.GetFromJsonAsync<List<ProcessDefinitionInfo>>("/api/process-definitions", Json))!.Single();
        var reopened = XmlOf(await designer.GetStringAsync(Page + "?prozess=" + Uri.EscapeDataString(definition.ProcessId)));

        Assert.Equal(xml, opened);
        Assert.Equal(HttpStatusCode.OK, deployed.StatusCode);
        Assert.Equal(xml, await designer.GetStringAsync($"/api/process-definitions/{definition.Id}/xml"));
        Assert.Equal(xml, reopened);
    }

    [Fact]
    public async Task RoundTrip_MiwgReferenceAndOtherTools_OpenAndSaveExactlyAsSent()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, Page);
        var miwg = Path.Combine(TestPaths.Shared, "conformance", "bpmn-miwg");
        var files = new[]
        {
            Path.Combine(miwg, "Reference", "A.1.0.bpmn"),
            Path.Combine(miwg, "Reference", "A.2.0.bpmn"),
            Path.Combine(miwg, "Camunda-Eclipse-Plugin-3.0.0", "A.1.0-export.bpmn"),
            Path.Combine(miwg, "Camunda-Eclipse-Plugin-3.0.0", "B.1.0-export.bpmn"),
        };

        foreach (var file in files)
        {
            var xml = await File.ReadAllTextAsync(file);
            var saved = await PostAsync(designer, token, "Save", new() { ["xml"] = xml, ["revision"] = "0" });
            Assert.True(saved.StatusCode == HttpStatusCode.OK, $"{file}: {await saved.Content.ReadAsStringAsync()}");
            var draft = (await Answer(saved)).GetProperty("draft").GetString()!;
            var validated = await PostAsync(designer, token, "Validate", new() { ["xml"] = xml });

            Assert.Equal(xml, XmlOf(await designer.GetStringAsync($"{Page}?entwurf={draft}")));
            Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(designer, token, "DeleteDraft", new() { ["id"] = draft })).StatusCode);
        }
    }

    private static string Baugenehmigung() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "ProzessePagesTests.Baugenehmigung.bpmn"));

    private static async Task DeployByApiAsync(HttpClient designer, string bpmn) =>
        Assert.Equal(HttpStatusCode.Created, (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Baugenehmigung", [new DeployResource("baugenehmigung.bpmn", bpmn)]))).StatusCode);

    /// <summary>Posts to a handler as the modeler's script does: form fields, the antiforgery token as a header.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string token, string handler, Dictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Page}?handler={handler}") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> Answer(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>The diagram the page hands to the modeler (its JSON element).</summary>
    private static string XmlOf(string html) =>
        JsonSerializer.Deserialize<string>(SourcePattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No diagram on the page"))!;

    [GeneratedRegex("<script type=\"application/json\" id=\"modell-xml\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex SourcePattern();

    [GeneratedRegex("<bpmn:userTask id=\"Bescheid\".*?</bpmn:userTask>", RegexOptions.Singleline)]
    private static partial Regex BescheidTask();

    [GeneratedRegex("(<bpmn:conditionExpression[^>]*>)[^<]*(</bpmn:conditionExpression>)")]
    private static partial Regex ConditionPattern();
}
