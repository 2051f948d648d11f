using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amtsweg.Data.Providers;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests.Processes;

/// <summary>
/// Issue 13.2: the form editor <c>/prozesse/formulare/bearbeiten</c> and the list <c>/prozesse/formulare</c> — who may use
/// them, validation at the component while editing, drafts with conflict detection, deploying a new form version with a
/// comment, and form-js files kept exactly as sent.
/// </summary>
public partial class FormEditorPageTests
{
    private const string Page = "/prozesse/formulare/bearbeiten";
    private const string List = "/prozesse/formulare";

    [Theory]
    [AllProviders]
    public async Task FormEditor_IsForDesignersAndAdministration_ClerkAndLeitungAreRefused(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        var clerk = await factory.SignInAsClerkAsync(municipality);

        var designerPage = await designer.GetStringAsync(Page);
        var adminPage = await admin.GetAsync(Page);
        var adminList = await admin.GetAsync(List);
        var headPage = await head.GetAsync(Page);
        var headList = await head.GetAsync(List);
        var clerkPage = await clerk.GetAsync(Page);
        var clerkList = await clerk.GetAsync(List);
        var headToken = await AmtswegFactory.AntiforgeryTokenAsync(head, "/prozesse");
        var headValidate = await PostAsync(head, headToken, "Validate", new() { ["schema"] = Antrag() });
        var headOverview = await head.GetStringAsync("/prozesse");
        var designerOverview = await designer.GetStringAsync("/prozesse");
        var designerList = await designer.GetStringAsync(List);

        Assert.Equal(HttpStatusCode.OK, adminPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adminList.StatusCode);
        Assert.Contains("/fehler/403", headPage.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/fehler/403", headList.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/fehler/403", clerkPage.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/fehler/403", clerkList.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/fehler/403", headValidate.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("<h1>Neues Formular</h1>", designerPage, StringComparison.Ordinal);
        Assert.Contains("<script type=\"module\" src=\"/js/form-editor.js\"></script>", designerPage, StringComparison.Ordinal);
        var newForm = JsonNode.Parse(SchemaOf(designerPage))!;
        Assert.StartsWith("Formular_", newForm["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("textfield", newForm["components"]![0]!["type"]!.GetValue<string>());
        Assert.DoesNotContain("href=\"/prozesse/formulare\"", headOverview, StringComparison.Ordinal);
        Assert.Contains("href=\"/prozesse/formulare\"", designerOverview, StringComparison.Ordinal);
        Assert.Contains("Es sind noch keine Formulare bereitgestellt.", designerList, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Page}\"", designerList, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MarksEachProblemAtItsComponentInGerman_AndRefusesWhatIsNotAFormObject()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, Page);
        var withoutKey = Edit(Antrag(), form => form["components"]![0]!.AsObject().Remove("key"));
        // A broken FEEL condition on a field inside a group: the field is marked, not the group.
        var brokenConditionInGroup = Edit(Antrag(), form => form["components"]![2]!["components"]![0]!["conditional"] = new JsonObject { ["hide"] = "=betrag >" });
        var withoutId = Edit(Antrag(), form => form.Remove("id"));

        var valid = await PostAsync(designer, token, "Validate", new() { ["schema"] = Antrag() });
        var noKey = await PostAsync(designer, token, "Validate", new() { ["schema"] = withoutKey });
        var brokenFeel = await PostAsync(designer, token, "Validate", new() { ["schema"] = brokenConditionInGroup });
        var noId = await PostAsync(designer, token, "Validate", new() { ["schema"] = withoutId });
        var notJson = await PostAsync(designer, token, "Validate", new() { ["schema"] = "{\"components\": [" });
        var notAnObject = await PostAsync(designer, token, "Validate", new() { ["schema"] = "[1, 2]" });
        var empty = await PostAsync(designer, token, "Validate", new() { ["schema"] = "" });
        var withoutToken = await designer.PostAsync(Page + "?handler=Validate", new FormUrlEncodedContent(new Dictionary<string, string> { ["schema"] = Antrag() }));

        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Empty(Problems(await Answer(valid)));
        var keyProblem = Assert.Single(Problems(await Answer(noKey)));
        Assert.Equal(("FORM-INVALID", "Field_Antragsteller"), (keyProblem.Code, keyProblem.Element));
        Assert.Contains("Die Angabe \"key\"", keyProblem.Message, StringComparison.Ordinal);
        Assert.Contains("Antragsteller", keyProblem.Message, StringComparison.Ordinal);
        var feelProblem = Assert.Single(Problems(await Answer(brokenFeel)));
        Assert.Equal("Field_Betrag", feelProblem.Element);
        Assert.Contains("FEEL-Ausdruck", feelProblem.Message, StringComparison.Ordinal);
        var idProblem = Assert.Single(Problems(await Answer(noId)));
        Assert.Equal(("FORM-ID", null), (idProblem.Code, idProblem.Element));
        Assert.StartsWith("Das Formular hat keine ID", idProblem.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.StartsWith("Das Formular ist kein lesbares JSON", Message(await Answer(notJson)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notAnObject.StatusCode);
        Assert.Equal("Das Formular ist kein JSON-Objekt, wie der Formular-Editor es schreibt.", Message(await Answer(notAnObject)));
        Assert.Equal("Es wurde kein Formular übermittelt.", Message(await Answer(empty)));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
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
        var first = Antrag();
        var annas = first.Replace("\"label\": \"Antragsteller\"", "\"label\": \"Antragstellerin oder Antragsteller\"", StringComparison.Ordinal);
        var bens = first.Replace("\"label\": \"Antragsteller\"", "\"label\": \"Name der antragstellenden Person\"", StringComparison.Ordinal);

        var created = await Answer(await PostAsync(anna, annaToken, "Save", new() { ["schema"] = first, ["revision"] = "0" }));
        var draft = created.GetProperty("draft").GetString()!;
        // Both open revision 1; Anna saves first, Ben's save from the same revision is stale.
        var annaSaved = await PostAsync(anna, annaToken, "Save", new() { ["schema"] = annas, ["entwurf"] = draft, ["revision"] = "1" });
        var benStale = await PostAsync(ben, benToken, "Save", new() { ["schema"] = bens, ["entwurf"] = draft, ["revision"] = "1" });
        var secondDraftOfSameForm = await PostAsync(ben, benToken, "Save", new() { ["schema"] = bens, ["revision"] = "0" });
        var notJson = await PostAsync(anna, annaToken, "Save", new() { ["schema"] = "{kein", ["entwurf"] = draft, ["revision"] = "2" });
        var withoutId = await PostAsync(anna, annaToken, "Save", new() { ["schema"] = Edit(first, form => form.Remove("id")), ["entwurf"] = draft, ["revision"] = "2" });
        var stored = await anna.GetStringAsync($"{Page}?entwurf={draft}");
        var openByForm = await anna.GetAsync($"{Page}?formular=Antrag_Zuschuss");
        var list = await anna.GetStringAsync(List);

        Assert.Equal(1, created.GetProperty("revision").GetInt32());
        Assert.Equal(HttpStatusCode.OK, annaSaved.StatusCode);
        Assert.Equal(2, (await Answer(annaSaved)).GetProperty("revision").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, benStale.StatusCode);
        var conflict = Message(await Answer(benStale));
        Assert.Contains("wurde inzwischen von", conflict, StringComparison.Ordinal);
        Assert.Contains("Ihr Formular ist nicht gespeichert", conflict, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, secondDraftOfSameForm.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutId.StatusCode);
        Assert.StartsWith("Das Formular hat keine ID", Message(await Answer(withoutId)), StringComparison.Ordinal);
        Assert.Equal(annas, SchemaOf(stored));
        Assert.Contains("data-revision=\"2\"", stored, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, openByForm.StatusCode);
        Assert.Equal($"{Page}?entwurf={draft}", openByForm.Headers.Location?.OriginalString);
        Assert.Contains($"href=\"{Page}?entwurf={draft}\"", list, StringComparison.Ordinal);
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
        var foreignDraft = (await Answer(await PostAsync(foreignDesigner, foreignToken, "Save", new() { ["schema"] = Antrag(), ["revision"] = "0" }))).GetProperty("draft").GetString()!;
        var ownDraft = (await Answer(await PostAsync(designer, token, "Save", new() { ["schema"] = Antrag(), ["revision"] = "0" }))).GetProperty("draft").GetString()!;

        var open = await designer.GetAsync($"{Page}?entwurf={foreignDraft}");
        var save = await PostAsync(designer, token, "Save", new() { ["schema"] = Antrag(), ["entwurf"] = foreignDraft, ["revision"] = "1" });
        var deploy = await PostAsync(designer, token, "Deploy", new() { ["schema"] = Antrag(), ["comment"] = "Erste Fassung", ["entwurf"] = foreignDraft, ["revision"] = "1" });
        var delete = await PostAsync(designer, token, "DeleteDraft", new() { ["id"] = foreignDraft });
        var deleteOwn = await PostAsync(designer, token, "DeleteDraft", new() { ["id"] = ownDraft });
        var ownList = await designer.GetStringAsync(List);
        var foreignPage = await foreignDesigner.GetStringAsync($"{Page}?entwurf={foreignDraft}");
        var foreignList = await foreignDesigner.GetStringAsync(List);

        Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, save.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deploy.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, deleteOwn.StatusCode);
        Assert.Equal(List, deleteOwn.Headers.Location?.OriginalString);
        Assert.Contains("Der Entwurf des Formulars „Antrag_Zuschuss“ ist gelöscht.", ownList, StringComparison.Ordinal);
        Assert.DoesNotContain("entwurf=", ownList, StringComparison.Ordinal);
        Assert.Equal(Antrag(), SchemaOf(foreignPage));
        Assert.Contains("Es sind noch keine Formulare bereitgestellt.", foreignList, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Deploy_RefusesAFormWithErrorsOrWithoutComment_AndDeploysAValidOneAsNewVersionWithItsComment(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, Page);
        var first = await PostAsync(designer, token, "Deploy", new() { ["schema"] = Antrag(), ["comment"] = "Erste Fassung", ["revision"] = "0" });
        var opened = await designer.GetStringAsync($"{Page}?formular=Antrag_Zuschuss");
        var changed = Antrag().Replace("\"label\": \"Antragsteller\"", "\"label\": \"Antragstellerin oder Antragsteller\"", StringComparison.Ordinal);
        var draft = (await Answer(await PostAsync(designer, token, "Save", new() { ["schema"] = changed, ["revision"] = "0" }))).GetProperty("draft").GetString()!;
        var broken = Edit(changed, form => form["components"]![0]!.AsObject().Remove("key"));

        var withoutComment = await PostAsync(designer, token, "Deploy", new() { ["schema"] = changed, ["comment"] = "  ", ["entwurf"] = draft, ["revision"] = "1" });
        var tooLong = await PostAsync(designer, token, "Deploy", new() { ["schema"] = changed, ["comment"] = new string('x', 1001), ["entwurf"] = draft, ["revision"] = "1" });
        var withErrors = await PostAsync(designer, token, "Deploy", new() { ["schema"] = broken, ["comment"] = "Kaputt", ["entwurf"] = draft, ["revision"] = "1" });
        var notJson = await PostAsync(designer, token, "Deploy", new() { ["schema"] = "kein JSON", ["comment"] = "Kaputt", ["entwurf"] = draft, ["revision"] = "1" });
        var stale = await PostAsync(designer, token, "Deploy", new() { ["schema"] = changed, ["comment"] = "Alt", ["entwurf"] = draft, ["revision"] = "0" });
        var afterRefusals = await designer.GetStringAsync(List);
        var deployed = await PostAsync(designer, token, "Deploy", new() { ["schema"] = changed, ["comment"] = "Geschlechtergerechte Beschriftung.", ["entwurf"] = draft, ["revision"] = "1" });
        var list = await designer.GetStringAsync(List);
        var reopened = await designer.GetStringAsync($"{Page}?formular=Antrag_Zuschuss");
        var draftAfter = await designer.GetAsync($"{Page}?entwurf={draft}");
        var unchanged = await PostAsync(designer, token, "Deploy", new() { ["schema"] = changed, ["comment"] = "Noch einmal", ["revision"] = "0" });
        var unknown = await designer.GetAsync($"{Page}?formular=Gibtsnicht");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(List, (await Answer(first)).GetProperty("next").GetString());
        Assert.Equal(Antrag(), SchemaOf(opened));
        Assert.Contains("Grundlage ist die bereitgestellte Version 1.", opened, StringComparison.Ordinal);
        Assert.Contains("Formular „Antrag_Zuschuss“ bearbeiten", opened, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, withoutComment.StatusCode);
        Assert.Equal("Bitte schreiben Sie in den Kommentar, was sich mit dieser Version ändert.", Message(await Answer(withoutComment)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withErrors.StatusCode);
        var refusal = await Answer(withErrors);
        Assert.StartsWith("Nicht bereitgestellt: Das Formular hat Fehler.", Message(refusal), StringComparison.Ordinal);
        Assert.Contains(Problems(refusal), p => p.Element == "Field_Antragsteller");
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.DoesNotContain("Version 2", afterRefusals, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, deployed.StatusCode);
        Assert.Equal("Das Formular „Antrag_Zuschuss“ ist als Version 2 bereitgestellt. Aufgaben, die schon angelegt sind, behalten ihre Version.", Message(await Answer(deployed)));
        Assert.Contains("Das Formular „Antrag_Zuschuss“ ist als Version 2 bereitgestellt.", list, StringComparison.Ordinal);
        Assert.Contains("Version 2", list, StringComparison.Ordinal);
        Assert.Contains("Version 1", list, StringComparison.Ordinal);
        Assert.Contains("Geschlechtergerechte Beschriftung.", list, StringComparison.Ordinal);
        Assert.Contains("Erste Fassung", list, StringComparison.Ordinal);
        Assert.Equal(changed, SchemaOf(reopened));
        Assert.Equal(HttpStatusCode.NotFound, draftAfter.StatusCode);
        Assert.Equal("Das Formular „Antrag_Zuschuss“ ist unverändert; es bleibt bei Version 2.", Message(await Answer(unchanged)));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    public static TheoryData<string> FormJsExamples() =>
    [
        "dynamic-list-variables.json",
        "hidden-fields-conditional.json",
        "readonly-expression.json",
    ];

    [Theory]
    [MemberData(nameof(FormJsExamples))]
    public async Task RoundTrip_FormJsExample_OpensSavesAndDeploysExactlyAsSent(string file)
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, Page);
        var schema = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Forms.Tests", "Fixtures", file));
        var formId = JsonNode.Parse(schema)!["id"]!.GetValue<string>();

        var saved = await PostAsync(designer, token, "Save", new() { ["schema"] = schema, ["revision"] = "0" });
        Assert.True(saved.StatusCode == HttpStatusCode.OK, $"{file}: {await saved.Content.ReadAsStringAsync()}");
        var draft = (await Answer(saved)).GetProperty("draft").GetString()!;
        var opened = SchemaOf(await designer.GetStringAsync($"{Page}?entwurf={draft}"));
        var validated = await Answer(await PostAsync(designer, token, "Validate", new() { ["schema"] = opened }));
        var deployed = await PostAsync(designer, token, "Deploy", new() { ["schema"] = opened, ["comment"] = "Aus Camunda Modeler übernommen", ["entwurf"] = draft, ["revision"] = "1" });
        var reopened = SchemaOf(await designer.GetStringAsync($"{Page}?formular={Uri.EscapeDataString(formId)}"));

        Assert.Equal(schema, opened);
        Assert.Empty(Problems(validated));
        Assert.True(deployed.StatusCode == HttpStatusCode.OK, $"{file}: {await deployed.Content.ReadAsStringAsync()}");
        Assert.Equal(schema, reopened);
    }

    [Theory]
    [InlineData("form.json")]
    [InlineData("valuesExpression.json")]
    public async Task Save_FormJsExampleWithoutId_IsRefusedWithTheReason(string file)
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, Page);
        var schema = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "tests", "Amtsweg.Forms.Tests", "Fixtures", file));

        var saved = await PostAsync(designer, token, "Save", new() { ["schema"] = schema, ["revision"] = "0" });
        var deployed = await PostAsync(designer, token, "Deploy", new() { ["schema"] = schema, ["comment"] = "Ohne ID", ["revision"] = "0" });
        var list = await designer.GetStringAsync(List);

        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        Assert.StartsWith("Das Formular hat keine ID", Message(await Answer(saved)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, deployed.StatusCode);
        Assert.Contains(Problems(await Answer(deployed)), p => p.Code == "FORM-ID");
        Assert.Contains("Es sind noch keine Formulare bereitgestellt.", list, StringComparison.Ordinal);
    }

    /// <summary>A form as Camunda Modeler writes it: a text field, a number, and a group with a field inside.</summary>
    [Fact]
    public async Task Changes_ShowTheFormLineByLineAgainstTheRunningVersion_AndRefuseWhatIsNotAForm()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, Page);
        var changed = Antrag().Replace("\"label\": \"Antragsteller\"", "\"label\": \"Antragstellerin oder Antragsteller\"", StringComparison.Ordinal);

        var beforeDeployment = await (await PostAsync(designer, token, "Changes", new() { ["schema"] = Antrag() })).Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(designer, token, "Deploy", new() { ["schema"] = Antrag(), ["comment"] = "Erste Fassung", ["revision"] = "0" })).StatusCode);
        var unchanged = await (await PostAsync(designer, token, "Changes", new() { ["schema"] = Antrag() })).Content.ReadAsStringAsync();
        var changes = await (await PostAsync(designer, token, "Changes", new() { ["schema"] = changed })).Content.ReadAsStringAsync();
        var notJson = await PostAsync(designer, token, "Changes", new() { ["schema"] = "{\"components\": [" });
        var withoutId = await PostAsync(designer, token, "Changes", new() { ["schema"] = Edit(Antrag(), form => form.Remove("id")) });

        Assert.Contains("Das Formular wurde bisher nicht bereitgestellt; alle Zeilen sind neu.", beforeDeployment, StringComparison.Ordinal);
        Assert.Contains("<ins class=\"line line-added\">", beforeDeployment, StringComparison.Ordinal);
        Assert.Contains("Keine Änderungen zur bereitgestellten Version 1 des Formulars.", unchanged, StringComparison.Ordinal);
        Assert.DoesNotContain("<ins", unchanged, StringComparison.Ordinal);
        Assert.Contains("Verglichen mit der bereitgestellten Version 1 des Formulars:", changes, StringComparison.Ordinal);
        Assert.Matches("<del class=\"line line-removed\">.*&quot;label&quot;: &quot;Antragsteller&quot;", changes);
        Assert.Matches("<ins class=\"line line-added\">.*&quot;label&quot;: &quot;Antragstellerin oder Antragsteller&quot;", changes);
        Assert.Single(Regex.Matches(changes, "<ins "));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutId.StatusCode);
    }

    private static string Antrag() => """
        {
          "components": [
            {
              "label": "Antragsteller",
              "type": "textfield",
              "layout": { "row": "Row_1", "columns": null },
              "id": "Field_Antragsteller",
              "key": "antragsteller",
              "validate": { "required": true }
            },
            {
              "label": "Anzahl Personen",
              "type": "number",
              "layout": { "row": "Row_2", "columns": null },
              "id": "Field_Personen",
              "key": "personen"
            },
            {
              "label": "Zuschuss",
              "type": "group",
              "layout": { "row": "Row_3", "columns": null },
              "id": "Group_Zuschuss",
              "showOutline": true,
              "components": [
                {
                  "label": "Betrag in Euro",
                  "type": "number",
                  "layout": { "row": "Row_4", "columns": null },
                  "id": "Field_Betrag",
                  "key": "betrag"
                }
              ]
            }
          ],
          "type": "default",
          "id": "Antrag_Zuschuss",
          "executionPlatform": "Camunda Cloud",
          "executionPlatformVersion": "8.6.0",
          "exporter": { "name": "Camunda Modeler", "version": "5.31.0" },
          "schemaVersion": 18
        }
        """;

    private static string Edit(string schema, Action<JsonObject> change)
    {
        var form = JsonNode.Parse(schema)!.AsObject();
        change(form);
        return form.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Posts to a handler as the editor's script does: form fields, the antiforgery token as a header.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string token, string handler, Dictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Page}?handler={handler}") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> Answer(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static string Message(JsonElement answer) => answer.GetProperty("message").GetString()!;

    private static List<(string? Code, string? Element, string Message)> Problems(JsonElement answer) =>
        [.. answer.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("code").GetString(), p.GetProperty("elementId").GetString(), p.GetProperty("message").GetString()!))];

    /// <summary>The form the page hands to the editor (its JSON element).</summary>
    private static string SchemaOf(string html) =>
        JsonSerializer.Deserialize<string>(SourcePattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No form on the page"))!;

    [GeneratedRegex("<script type=\"application/json\" id=\"formular-json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex SourcePattern();
}
