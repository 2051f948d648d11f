using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amtsweg.Data.Providers;
using Amtsweg.Engine.Simulation;
using Amtsweg.Engine.Simulation.Scenarios;
using Amtsweg.Server.Features.Processes.Deploy;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using static Amtsweg.Server.Tests.Processes.TestRunSteps;

namespace Amtsweg.Server.Tests.Processes;

/// <summary>
/// Issue 13.3: saved scenarios on <c>/prozesse/testen</c> — "Als Szenario speichern", open, edit the expected outcome,
/// delete, download, upload and "Alle Szenarien ausführen": who may do what, bad input changes nothing, a stale copy is
/// refused, and nothing runs in the municipality's engine.
/// </summary>
public partial class ScenariosPageTests
{
    private const string Page = "/prozesse/testen";

    [Theory]
    [AllProviders]
    public async Task SaveAndRunAll_PassesThenFailsAfterTheModelChanged_AndStartsNoInstance(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        await TestRunPageTests.DeployAsync(designer);

        var saved = await SaveAsync(designer, "Genehmigt nach Frist");
        var list = await designer.GetStringAsync($"{Page}?prozess=antrag");
        var passed = Html(await PostAsync(designer, "RunAll", "prozess=antrag", []));
        await DeployAsync(designer, TestRunPageTests.Antrag().Replace("P14D", "P30D", StringComparison.Ordinal));
        var failed = Html(await PostAsync(designer, "RunAll", "prozess=antrag", []));
        var afterwards = Html(await designer.GetAsync($"{Page}?prozess=antrag"));
        var instances = await designer.GetStringAsync("/prozesse");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"{Page}?prozess=antrag", saved.Headers.Location?.OriginalString);
        Assert.Contains("<td>Genehmigt nach Frist</td>", list, StringComparison.Ordinal);
        Assert.Contains("noch nicht ausgeführt", list, StringComparison.Ordinal);
        Assert.Contains("1 von 1 Szenarien bestanden", await passed, StringComparison.Ordinal);
        var failedHtml = WebUtility.HtmlDecode(await failed);
        Assert.Contains("0 von 1 Szenarien bestanden", failedHtml, StringComparison.Ordinal);
        Assert.Contains("<li>Erwartet: Ende 'Antrag genehmigt', tatsächlich: wartet bei 'Widerspruchsfrist abgelaufen'.</li>", failedHtml, StringComparison.Ordinal);
        Assert.Contains("mit der bereitgestellten Version 2", failedHtml, StringComparison.Ordinal);
        var afterwardsHtml = WebUtility.HtmlDecode(await afterwards);
        Assert.Contains("<span class=\"badge failed\">nicht bestanden</span>", afterwardsHtml, StringComparison.Ordinal);
        Assert.Contains("tatsächlich: wartet bei 'Widerspruchsfrist abgelaufen'.", afterwardsHtml, StringComparison.Ordinal);
        Assert.Contains("Laufende (0)", instances, StringComparison.Ordinal);
        Assert.Contains("Abgeschlossene (0)", instances, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Save_KeepsInputsAndOnlyTheTickedOutcome_AndOpenFillsTheForm(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        await TestRunPageTests.DeployAsync(designer);
        await SaveAsync(designer, "Genehmigt nach Frist");
        var id = await IdAsync(designer, "Genehmigt nach Frist");

        var download = await designer.GetAsync($"{Page}?handler=Download&prozess=antrag&szenario={id}");
        var opened = WebUtility.HtmlDecode(await designer.GetStringAsync($"{Page}?prozess=antrag&szenario={id}"));

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Genehmigt-nach-Frist.json", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var scenario = ScenarioReader.Read(await download.Content.ReadAsStringAsync());
        Assert.Equal("antrag", scenario.ProcessId);
        Assert.Equal("32.10-0042/2026", scenario.StartVariables["aktenzeichen"]!.GetValue<string>());
        Assert.Equal(50, scenario.ServiceTaskOutputs["gebuehr"]["gebuehr"]!.GetValue<int>());
        Assert.Equal(["completeTask pruefen", "advanceClock 14.00:00:00"], scenario.Steps.Select(s => s switch
        {
            SimulationTaskCompletion c => $"completeTask {c.ElementId}",
            SimulationClockAdvance a => $"advanceClock {a.Duration}",
            _ => s.ToString()!,
        }));
        Assert.Equal(ScenarioEndState.Completed, scenario.Expected.State);
        Assert.Equal(["genehmigt"], scenario.Expected.EndEvents);
        Assert.Empty(scenario.Expected.Passed);
        Assert.Equal(["gebuehr"], scenario.Expected.Variables.Keys);
        Assert.Contains("Das Szenario „Genehmigt nach Frist“ ist geöffnet", opened, StringComparison.Ordinal);
        Assert.Contains("{\"aktenzeichen\":\"32.10-0042/2026\"}</textarea>", opened, StringComparison.Ordinal);
        Assert.Contains("{\"vollstaendig\":true}</textarea>", opened, StringComparison.Ordinal);
        Assert.Contains("{\"gebuehr\":50}</textarea>", opened, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Save_ShowsBadInputAtItsField_AndSavesNothing(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        await TestRunPageTests.DeployAsync(designer);
        await SaveAsync(designer, "Vorhanden");

        var noName = await SaveAsync(designer, "  ");
        var taken = await SaveAsync(designer, "Vorhanden");
        var badJson = await PostAsync(designer, "Save", "prozess=antrag", [new("start", "{\"a\": "), new("name", "Neu")]);
        var list = await designer.GetStringAsync($"{Page}?prozess=antrag");

        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Contains("<p class=\"error\" id=\"szenario-name-fehler\">Bitte geben Sie dem Szenario einen Namen.</p>", await noName.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("Ein Szenario „Vorhanden“ gibt es für diesen Prozess schon.", WebUtility.HtmlDecode(await taken.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.Contains("<p class=\"error\" id=\"start-fehler\">Das ist kein gültiges JSON", await badJson.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(ScenarioRows().Matches(list));
    }

    [Theory]
    [AllProviders]
    public async Task Edit_ShowsReadersErrorAtTheField_RefusesStaleRevision_AndSavesValidExpectation(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var second = await factory.SignInAsAsync(municipality, Roles.Administration);
        await TestRunPageTests.DeployAsync(designer);
        await SaveAsync(designer, "Genehmigt nach Frist");
        var id = await IdAsync(designer, "Genehmigt nach Frist");
        var query = $"prozess=antrag&szenario={id}";

        var form = WebUtility.HtmlDecode(await designer.GetStringAsync($"{Page}?prozess=antrag&bearbeiten={id}"));
        var bad = await PostAsync(designer, "Edit", query, [new("erwartet", "{ \"state\": \"fertig\" }"), new("revision", "1")]);
        var unknownField = await PostAsync(designer, "Edit", query, [new("erwartet", "{ \"state\": \"completed\", \"endEvent\": [] }"), new("revision", "1")]);
        var changed = await PostAsync(second, "Edit", query, [new("erwartet", "{ \"state\": \"completed\", \"endEvents\": [\"genehmigt\"], \"variables\": { \"gebuehr\": 80 } }"), new("revision", "1")]);
        var stale = await PostAsync(designer, "Edit", query, [new("erwartet", "{ \"state\": \"waiting\" }"), new("revision", "1")]);
        var run = WebUtility.HtmlDecode(await Html(await PostAsync(designer, "RunAll", "prozess=antrag", [])));

        Assert.Contains("\"state\": \"completed\"", form, StringComparison.Ordinal);
        Assert.Contains("name=\"revision\" value=\"1\"", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("<p class=\"error\" id=\"erwartet-fehler\" role=\"alert\">expected.state: &#x27;fertig&#x27; ist kein Endzustand", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("expected: Die Angabe \"endEvent\" ist unbekannt", WebUtility.HtmlDecode(await unknownField.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("wurde inzwischen von", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("<li>Erwartet: Variable 'gebuehr' = 80, tatsächlich: 50.</li>", run, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Delete_AsksFirst_RefusesStaleRevision_AndDeletes(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        await TestRunPageTests.DeployAsync(designer);
        await SaveAsync(designer, "Wird gelöscht");
        var id = await IdAsync(designer, "Wird gelöscht");
        var query = $"prozess=antrag&szenario={id}";
        await PostAsync(designer, "Edit", query, [new("erwartet", "{ \"state\": \"completed\" }"), new("revision", "1")]);

        var confirm = WebUtility.HtmlDecode(await designer.GetStringAsync($"{Page}?prozess=antrag&loeschen={id}"));
        var stale = await PostAsync(designer, "Delete", query, [new("revision", "1")]);
        var afterStale = await designer.GetStringAsync($"{Page}?prozess=antrag");
        var deleted = await PostAsync(designer, "Delete", query, [new("revision", "2")]);
        var afterDelete = WebUtility.HtmlDecode(await designer.GetStringAsync($"{Page}?prozess=antrag"));
        var gone = await designer.GetAsync($"{Page}?handler=Download&{query}");

        Assert.Contains("Soll das Szenario „Wird gelöscht“ wirklich gelöscht werden?", confirm, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Single(ScenarioRows().Matches(afterStale));
        Assert.Contains("wurde inzwischen von", WebUtility.HtmlDecode(afterStale), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Contains("Das Szenario „Wird gelöscht“ ist gelöscht.", afterDelete, StringComparison.Ordinal);
        Assert.Empty(ScenarioRows().Matches(afterDelete));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task Upload_SavesAValidFile_AndRefusesABadOneNamingThePlace(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        await TestRunPageTests.DeployAsync(designer);
        const string valid = """
            { "format": "amtsweg-scenario/1", "name": "Unvollständig", "processId": "antrag",
              "startVariables": { "aktenzeichen": "A-1" },
              "steps": [ { "completeTask": "pruefen", "role": "sachbearbeitung", "values": { "vollstaendig": false } } ],
              "expected": { "state": "waiting", "waitingAt": ["nachgereicht"] } }
            """;

        var good = await UploadAsync(designer, "unvollstaendig.json", valid);
        var bad = await UploadAsync(designer, "kaputt.json", valid.Replace("\"waiting\"", "\"wartet\"", StringComparison.Ordinal).Replace("Unvollständig", "Kaputt", StringComparison.Ordinal));
        var notJson = await UploadAsync(designer, "text.json", "kein JSON");
        var other = await UploadAsync(designer, "anders.json", valid.Replace("\"antrag\"", "\"gewerbe\"", StringComparison.Ordinal).Replace("Unvollständig", "Anders", StringComparison.Ordinal));
        var twice = await UploadAsync(designer, "unvollstaendig.json", valid);
        var list = WebUtility.HtmlDecode(await designer.GetStringAsync($"{Page}?prozess=antrag"));
        var id = await IdAsync(designer, "Unvollständig");
        var opened = WebUtility.HtmlDecode(await designer.GetStringAsync($"{Page}?prozess=antrag&szenario={id}"));
        var run = WebUtility.HtmlDecode(await Html(await PostAsync(designer, "RunAll", "prozess=antrag", [])));

        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("kaputt.json: expected.state: 'wartet' ist kein Endzustand", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("text.json: Die Datei ist kein gültiges JSON (Zeile 1, Spalte 1).", WebUtility.HtmlDecode(await notJson.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("Das Szenario gehört zum Prozess „gewerbe“, nicht zu diesem.", WebUtility.HtmlDecode(await other.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("Ein Szenario „Unvollständig“ gibt es für diesen Prozess schon.", WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Single(ScenarioRows().Matches(list));
        Assert.Contains("name=\"schritt[0].Role\" type=\"text\" value=\"sachbearbeitung\"", opened, StringComparison.Ordinal);
        Assert.Contains("{\"vollstaendig\":false}</textarea>", opened, StringComparison.Ordinal);
        Assert.Contains("1 von 1 Szenarien bestanden", run, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Scenarios_AreChangedByDesigners_ReadByLeitung_AndRefusedToClerks(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        await TestRunPageTests.DeployAsync(designer);
        await SaveAsync(designer, "Genehmigt nach Frist");
        var id = await IdAsync(designer, "Genehmigt nach Frist");
        var query = $"prozess=antrag&szenario={id}";

        var headPage = await head.GetStringAsync($"{Page}?prozess=antrag");
        var headDownload = await head.GetAsync($"{Page}?handler=Download&{query}");
        var headSave = await SaveAsync(head, "Von der Leitung");
        var headRunAll = await PostAsync(head, "RunAll", "prozess=antrag", []);
        var headEdit = await PostAsync(head, "Edit", query, [new("erwartet", "{ \"state\": \"completed\" }"), new("revision", "1")]);
        var headDelete = await PostAsync(head, "Delete", query, [new("revision", "1")]);
        var headUpload = await UploadAsync(head, "a.json", "{}");
        var clerkPage = await clerk.GetAsync($"{Page}?{query}");
        var clerkDownload = await clerk.GetAsync($"{Page}?handler=Download&{query}");
        var unknown = await designer.GetAsync($"{Page}?prozess=antrag&szenario={Guid.CreateVersion7()}");
        var notAnId = await designer.GetAsync($"{Page}?prozess=antrag&bearbeiten=abc");
        var listAfter = await designer.GetStringAsync($"{Page}?prozess=antrag");

        Assert.Contains("<td>Genehmigt nach Frist</td>", headPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Alle Szenarien ausführen", headPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Szenario-Datei hochladen", headPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, headDownload.StatusCode);
        Assert.All([headSave, headRunAll, headEdit, headDelete, headUpload], r => Assert.Contains("/fehler/403", r.Headers.Location?.OriginalString, StringComparison.Ordinal));
        Assert.Contains("/fehler/403", clerkPage.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/fehler/403", clerkDownload.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode);
        Assert.Single(ScenarioRows().Matches(listAfter));
        Assert.Contains("noch nicht ausgeführt", listAfter, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Scenarios_OfTheDraft_RunAgainstTheDraft(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        await TestRunPageTests.DeployAsync(designer);
        await SaveAsync(designer, "Genehmigt nach Frist");
        var draft = await TestRunPageTests.SaveDraftAsync(designer, TestRunPageTests.Antrag().Replace("P14D", "P30D", StringComparison.Ordinal));

        var draftRun = WebUtility.HtmlDecode(await Html(await PostAsync(designer, "RunAll", $"entwurf={draft}", [])));
        var versionRun = WebUtility.HtmlDecode(await Html(await PostAsync(designer, "RunAll", "prozess=antrag", [])));

        Assert.Contains("<td>Genehmigt nach Frist</td>", draftRun, StringComparison.Ordinal);
        Assert.Contains("0 von 1 Szenarien bestanden", draftRun, StringComparison.Ordinal);
        Assert.Contains("mit dem zuletzt gespeicherten Entwurf", draftRun, StringComparison.Ordinal);
        Assert.Contains("1 von 1 Szenarien bestanden", versionRun, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Open_FillsTheStepsExactly_AndSaveKeepsThemAsGiven(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        await TestRunPageTests.DeployAsync(designer);
        const string uploaded = """
            { "format": "amtsweg-scenario/1", "name": "Nachgereicht", "processId": "antrag", "startTime": "2026-03-02T08:00:00Z",
              "startVariables": { "aktenzeichen": "32.10-0042/2026" },
              "serviceTaskOutputs": { "gebuehr": { "gebuehr": 50 } },
              "steps": [
                { "completeTask": "pruefen", "role": "sachbearbeitung", "values": { "vollstaendig": false } },
                { "message": "unterlagen-nachgereicht", "correlationKey": "32.10-0042/2026", "variables": { "nachgereichtAm": "2026-03-04" } },
                { "completeTask": "pruefen", "values": { "vollstaendig": true } },
                { "advanceClock": "P1DT12H" },
                { "advanceClock": "P13D" }
              ],
              "expected": { "state": "completed", "endEvents": ["genehmigt"] } }
            """;
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(designer, "nachgereicht.json", uploaded)).StatusCode);
        var id = await IdAsync(designer, "Nachgereicht");

        var opened = WebUtility.HtmlDecode(await designer.GetStringAsync($"{Page}?prozess=antrag&szenario={id}"));
        var fields = FormFields(opened);
        var run = WebUtility.HtmlDecode(await Html(await PostAsync(designer, "Run", "prozess=antrag", [.. fields])));
        var saved = await PostAsync(designer, "Save", "prozess=antrag", [.. fields, new("name", "Nachgereicht, neu gespeichert"), new("erwartung", "ende")]);
        var copy = await IdAsync(designer, "Nachgereicht, neu gespeichert");
        var download = ScenarioReader.Read(await designer.GetStringAsync($"{Page}?handler=Download&prozess=antrag&szenario={copy}"));

        Assert.Contains("Die virtuelle Uhr beginnt am 02.03.2026 09:00.", opened, StringComparison.Ordinal);
        Assert.DoesNotContain("nicht zeigt", opened, StringComparison.Ordinal);
        Assert.Contains("Der Prozess ist abgeschlossen: Ende „Antrag genehmigt“.", run, StringComparison.Ordinal);
        Assert.Contains("Alle Schritte wurden ausgeführt (5).", run, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var original = ScenarioReader.Read(uploaded);
        Assert.Equal(ScenarioReader.Write(original with { Name = download.Name, Expected = download.Expected }), ScenarioReader.Write(download));
    }

    /// <summary>The fields of the test-run form as the browser would post them: hidden and text inputs, text areas, the chosen option of each list.</summary>
    private static List<KeyValuePair<string, string>> FormFields(string html)
    {
        var start = html.IndexOf("class=\"test-run\"", StringComparison.Ordinal);
        var form = html[start..html.IndexOf("</form>", start, StringComparison.Ordinal)];
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match input in Inputs().Matches(form))
        {
            fields.Add(new(input.Groups["name"].Value, input.Groups["value"].Value));
        }

        foreach (Match area in TextAreas().Matches(form))
        {
            fields.Add(new(area.Groups["name"].Value, area.Groups["value"].Value));
        }

        foreach (Match select in Selects().Matches(form))
        {
            fields.Add(new(select.Groups["name"].Value, ChosenOption().Match(select.Groups["options"].Value).Groups["value"].Value));
        }

        return [.. fields.Where(f => f.Key != "__RequestVerificationToken")];
    }

    [GeneratedRegex("<input[^>]*? name=\"(?<name>[^\"]+)\"[^>]*? value=\"(?<value>[^\"]*)\"")]
    private static partial Regex Inputs();

    [GeneratedRegex("<textarea[^>]*? name=\"(?<name>[^\"]+)\"[^>]*>(?<value>[^<]*)</textarea>")]
    private static partial Regex TextAreas();

    [GeneratedRegex("<select[^>]*? name=\"(?<name>[^\"]+)\"[^>]*>(?<options>.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex Selects();

    [GeneratedRegex("<option value=\"(?<value>[^\"]*)\" selected")]
    private static partial Regex ChosenOption();

    /// <summary>Runs the "Antrag" process to its end (the timer after 14 days) and saves it, ticking the end event and the fee.</summary>
    internal static Task<HttpResponseMessage> SaveAsync(HttpClient client, string name, string query = "prozess=antrag") =>
        PostAsync(client, "Save", query, new List<KeyValuePair<string, string>>
        {
            new("start", "{\"aktenzeichen\": \"32.10-0042/2026\"}"),
            new("ergebnis[gebuehr]", "{\"gebuehr\": 50}"),
            new("name", name),
            new("erwartung", "ende"),
            new("variable", "gebuehr"),
        }.With(TaskStep(0, "pruefen", "{\"vollstaendig\": true}"), ClockStep(1, "P14D")));

    /// <summary>Posts a handler of the page as the browser does (the antiforgery token as a form field).</summary>
    internal static async Task<HttpResponseMessage> PostAsync(HttpClient client, string handler, string query, List<KeyValuePair<string, string>> fields)
    {
        // The token comes from the page of the process or draft (a scenario of another municipality would be a 404).
        var page = string.Join('&', query.Split('&').Where(p => !p.StartsWith("szenario=", StringComparison.Ordinal)));
        fields.Add(new("__RequestVerificationToken", await AmtswegFactory.AntiforgeryTokenAsync(client, $"{Page}?{page}")));
        return await client.PostAsync($"{Page}?handler={handler}&{query}", new FormUrlEncodedContent(fields));
    }

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, string content, string query = "prozess=antrag")
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await AmtswegFactory.AntiforgeryTokenAsync(client, $"{Page}?{query}")), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content)), "datei", fileName },
        };
        return await client.PostAsync($"{Page}?handler=Upload&{query}", form);
    }

    /// <summary>The id of the saved scenario with this name, from the page's "Öffnen" link.</summary>
    internal static async Task<Guid> IdAsync(HttpClient client, string name, string query = "prozess=antrag")
    {
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"{Page}?{query}"));
        var match = Regex.Match(html, $"aria-label=\"Szenario „{Regex.Escape(name)}“ öffnen\"", RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.True(match.Success, html);
        var link = html.LastIndexOf("szenario=", match.Index, StringComparison.Ordinal);
        return Guid.Parse(html.AsSpan(link + "szenario=".Length, 36));
    }

    private static async Task DeployAsync(HttpClient designer, string xml) =>
        Assert.Equal(HttpStatusCode.Created, (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Antrag", [new DeployResource("antrag.bpmn", xml)]))).StatusCode);

    private static Task<string> Html(HttpResponseMessage response) => response.Content.ReadAsStringAsync();

    [GeneratedRegex("aria-label=\"Szenario „[^“]+“ öffnen\"")]
    private static partial Regex ScenarioRows();
}
