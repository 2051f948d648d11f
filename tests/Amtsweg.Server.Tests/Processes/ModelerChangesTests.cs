using System.Net;
using System.Net.Http.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Server.Features.Processes.Deploy;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests.Processes;

/// <summary>
/// Issue 13.4: the modeler's "Änderungen zur laufenden Version" (<c>?handler=Changes</c>) — the diagram compared with the
/// latest deployed version, as a German list with the ids to mark on the diagram.
/// </summary>
public sealed class ModelerChangesTests
{
    private const string Page = "/prozesse/modellieren";

    [Theory]
    [AllProviders]
    public async Task Changes_ListsAddedChangedAndRemovedElementsInGerman_AgainstTheLatestVersion(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        await DeployByApiAsync(designer, Baugenehmigung());
        var version2 = Baugenehmigung().Replace("candidateGroups=\"Leitung\"", "candidateGroups=\"Bauamtsleitung\"", StringComparison.Ordinal);
        await DeployByApiAsync(designer, version2);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, Page + "?prozess=Baugenehmigung");
        var edited = version2
            .Replace("=flaeche &gt; 100", "=flaeche &gt; 250", StringComparison.Ordinal)
            .Replace("<bpmn:userTask id=\"Bescheid\" name=\"Bescheid erstellen\">", "<bpmn:userTask id=\"Bescheid\" name=\"Bescheid schreiben\">", StringComparison.Ordinal)
            .Replace("<bpmn:sequenceFlow id=\"Flow_4\" sourceRef=\"Bescheid\" targetRef=\"Ende\" />",
                "<bpmn:sequenceFlow id=\"Flow_4\" sourceRef=\"Bescheid\" targetRef=\"Versand\" /><bpmn:userTask id=\"Versand\" name=\"Bescheid versenden\" /><bpmn:sequenceFlow id=\"Flow_5\" sourceRef=\"Versand\" targetRef=\"Ende\" />",
                StringComparison.Ordinal)
            .Replace("<bpmn:sequenceFlow id=\"Flow_3\" sourceRef=\"Beteiligen\" targetRef=\"Ende\" />", "", StringComparison.Ordinal);

        var response = await PostAsync(designer, token, "Changes", new() { ["xml"] = edited });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Gegenüber der laufenden Version 2: 2 neu, 3 geändert, 1 entfernt.", html, StringComparison.Ordinal);
        Assert.Contains("data-changes-added=\"Versand Flow_5\"", html, StringComparison.Ordinal);
        Assert.Contains("data-changes-changed=\"Bescheid Gross Flow_4\"", html, StringComparison.Ordinal);
        Assert.Contains("Benutzeraufgabe „Bescheid versenden“ ist neu.", html, StringComparison.Ordinal);
        Assert.Contains("Der Sequenzfluss von „Leitung beteiligen“ nach „Antrag beschieden“ ist entfernt.", html, StringComparison.Ordinal);
        Assert.Contains("Der Sequenzfluss von „Große Fläche?“ nach „Leitung beteiligen“ ist geändert.", html, StringComparison.Ordinal);
        Assert.Contains("=flaeche &gt; 250", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"change-aspect\">Bedingung:</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"change-aspect\">Name:</span>", html, StringComparison.Ordinal);
        Assert.Contains("Bescheid erstellen</del>", html, StringComparison.Ordinal);
        Assert.Contains("Bescheid schreiben</ins>", html, StringComparison.Ordinal);
        Assert.Contains("„Bescheid schreiben“ nach „Bescheid versenden“", html, StringComparison.Ordinal);
        // The candidate group changed between version 1 and 2, not in the edit: compared with the latest version only.
        Assert.DoesNotContain("Bauamtsleitung", html, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Changes_SaysSo_ForANewProcessAndForALayoutOnlyEdit_AndRefusesWhatIsNotBpmn(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, Page);
        var headToken = await AmtswegFactory.AntiforgeryTokenAsync(head, "/prozesse");

        var neverDeployed = await (await PostAsync(designer, token, "Changes", new() { ["xml"] = Baugenehmigung() })).Content.ReadAsStringAsync();
        await DeployByApiAsync(designer, Baugenehmigung());
        var moved = Baugenehmigung().Replace("x=\"", "x=\"1", StringComparison.Ordinal);
        var layoutOnly = await (await PostAsync(designer, token, "Changes", new() { ["xml"] = moved })).Content.ReadAsStringAsync();
        var notXml = await PostAsync(designer, token, "Changes", new() { ["xml"] = "<kein bpmn" });
        var byHead = await PostAsync(head, headToken, "Changes", new() { ["xml"] = Baugenehmigung() });

        Assert.Contains("Dieser Prozess wurde noch nie bereitgestellt", neverDeployed, StringComparison.Ordinal);
        Assert.Contains("Keine Änderungen gegenüber der laufenden Version 1", layoutOnly, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notXml.StatusCode);
        Assert.Contains("kein lesbares BPMN", await notXml.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("/fehler/403", byHead.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_ShowsAnEmbeddedFormAsLineDiff_NamedAfterItsTask()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        const string form = "{\"type\":\"default\",\"components\":[{\"type\":\"textfield\",\"key\":\"flaeche\",\"label\":\"Fläche\"}]}";
        var withForm = WithForm(form);
        await DeployByApiAsync(designer, withForm);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, Page);

        var html = await (await PostAsync(designer, token, "Changes", new() { ["xml"] = WithForm(form.Replace("\"Fläche\"", "\"Fläche in m²\"", StringComparison.Ordinal)) })).Content.ReadAsStringAsync();

        Assert.Contains("<h3 class=\"changes-text-title\">Formular der Aufgabe „Unterlagen prüfen“</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"visually-hidden\">entfernte Zeile: </span>      &quot;label&quot;: &quot;Fläche&quot;</del>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"visually-hidden\">neue Zeile: </span>      &quot;label&quot;: &quot;Fläche in m²&quot;</ins>", html, StringComparison.Ordinal);
        Assert.Contains("&quot;key&quot;: &quot;flaeche&quot;,</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"change-aspect\">Eingebettetes Formular:</span>", html, StringComparison.Ordinal);
    }

    private static string WithForm(string json) => Baugenehmigung()
        .Replace("<bpmn:process id=\"Baugenehmigung\" name=\"Baugenehmigung prüfen\" isExecutable=\"true\">",
            $"<bpmn:process id=\"Baugenehmigung\" name=\"Baugenehmigung prüfen\" isExecutable=\"true\"><bpmn:extensionElements><zeebe:userTaskForm id=\"Form_Pruefen\">{System.Security.SecurityElement.Escape(json)}</zeebe:userTaskForm></bpmn:extensionElements>",
            StringComparison.Ordinal)
        .Replace("<zeebe:assignmentDefinition candidateGroups=\"Sachbearbeitung\" /></bpmn:extensionElements>\n      <bpmn:incoming>Flow_1",
            "<zeebe:assignmentDefinition candidateGroups=\"Sachbearbeitung\" /><zeebe:formDefinition formKey=\"camunda-forms:bpmn:Form_Pruefen\" /></bpmn:extensionElements>\n      <bpmn:incoming>Flow_1",
            StringComparison.Ordinal);

    [Fact]
    public async Task Changes_ComparesWithTheOwnMunicipalitysVersion_NotAnotherOnesWithTheSameProcessId()
    {
        await using var factory = await AmtswegFactory.CreateAsync(DatabaseProvider.Sqlite);
        var own = await factory.CreateMunicipalityAsync();
        var other = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(own, Roles.Prozessgestaltung);
        var otherDesigner = await factory.SignInAsAsync(other, Roles.Prozessgestaltung);
        await DeployByApiAsync(otherDesigner, Baugenehmigung());
        var token = await AmtswegFactory.AntiforgeryTokenAsync(designer, Page);

        var html = await (await PostAsync(designer, token, "Changes", new() { ["xml"] = Baugenehmigung() })).Content.ReadAsStringAsync();

        Assert.Contains("Dieser Prozess wurde noch nie bereitgestellt", html, StringComparison.Ordinal);
    }

    internal static string Baugenehmigung() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "ProzessePagesTests.Baugenehmigung.bpmn"));

    internal static async Task DeployByApiAsync(HttpClient designer, string bpmn) =>
        Assert.Equal(HttpStatusCode.Created, (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Baugenehmigung", [new DeployResource("baugenehmigung.bpmn", bpmn)]))).StatusCode);

    internal static async Task<HttpResponseMessage> PostAsync(HttpClient client, string token, string handler, Dictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Page}?handler={handler}") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }
}
