using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Casework;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Engine.Persistence;
using Amtsweg.Records.Audit;
using Amtsweg.Server.Features.Incidents.Retry;
using Amtsweg.Server.Features.Processes;
using Amtsweg.Server.Features.Processes.Deploy;
using Amtsweg.Server.Features.Processes.StartInstance;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Features.Search;
using Amtsweg.Server.Features.Vorgaenge.Reopen;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Records;

/// <summary>Form submissions and generated letters land in the Vorgang of their process (ADR 0015).</summary>
public class ProcessDocumentsTests
{
    private static readonly JsonSerializerOptions Json = ProcessFilingTests.Json;

    [Theory]
    [AllProviders]
    public async Task FormSubmissionAndGeneratedLetter_LandInTheVorgang_AreFoundAndAudited(DatabaseProvider provider)
    {
        await using var factory = await CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var position = await factory.CreatePositionAsync(municipality);
        var clerk = await DeployAndSignInClerkAsync(factory, municipality, Diagram());
        var instance = await StartAsync(clerk, new VorgangTarget(PositionId: position.Id, Title: "Sondernutzung Weiß"));
        var task = await OpenTaskAsync(clerk, instance.Id);

        var completed = await CompleteAsync(clerk, task.Id, new { name = "Jürgen Weiß", entscheidung = "genehmigt", gebuehr = 45.5, bemerkung = "Straße geprüft" });
        var jobs = await RunJobsAsync(factory, municipality);
        var vorgang = await VorgangAsync(clerk, instance.Id);
        var form = Assert.Single(vorgang.Dokumente, d => d.Versions[0].DokumentType == "Formular").Versions[0];
        var letter = Assert.Single(vorgang.Dokumente, d => d.Versions[0].DokumentType == "Bescheid");
        var formText = await PdfTextAsync(clerk, form.Id);
        var letterText = await PdfTextAsync(clerk, letter.Versions[0].Id);
        var running = await clerk.GetFromJsonAsync<ProcessInstanceInfo>($"/api/process-instances/{instance.Id}", Json);
        var formHits = await clerk.GetFromJsonAsync<List<SearchHitResponse>>("/api/search?q=Antragstellers", Json);
        var letterHits = await clerk.GetFromJsonAsync<List<SearchHitResponse>>("/api/search?q=Gebühr%20Stadtverwaltung", Json);
        var audit = await factory.AuditActionsAsync(municipality);

        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);
        Assert.Equal(new JobExecutionSummary(0, 0), jobs); // the letter task ran inside the completion (ADR 0020)
        Assert.Equal(2, vorgang.Dokumente.Count);
        Assert.Equal(("Formulareingabe: Antrag prüfen", "Formulareingabe Antrag prüfen.pdf", "application/pdf"), (form.Title, form.FileName, form.MediaType));
        Assert.StartsWith("sachbearbeitung-", form.Sender, StringComparison.Ordinal);
        // "bemerkung" is not a field of the task's form: the form decides what is stored and filed (issue 12.2).
        Assert.DoesNotContain("Straße geprüft", formText, StringComparison.Ordinal);
        foreach (var expected in new[] { "Formulareingabe: Antrag prüfen", vorgang.Vorgang.Aktenzeichen, "Name des Antragstellers Jürgen Weiß", "Entscheidung Genehmigt", "Gebühr in Euro 45,5", form.Sender!, "02.11.2026, 09:00 Uhr" })
        {
            Assert.Contains(expected, formText, StringComparison.Ordinal);
        }

        Assert.Equal(("Bescheid für Jürgen Weiß", "Jürgen Weiß", "Bescheid für Jürgen Weiß.pdf"), (letter.Versions[0].Title, letter.Versions[0].Recipient, letter.Versions[0].FileName));
        foreach (var expected in new[] { "Bescheid für Jürgen Weiß", "Sehr geehrte(r) Jürgen Weiß,", "Ihr Antrag wurde genehmigt. Die Gebühr beträgt 45,5 Euro.", "Mit freundlichen Grüßen", vorgang.Vorgang.Aktenzeichen, "02.11.2026" })
        {
            Assert.Contains(expected, letterText, StringComparison.Ordinal);
        }

        Assert.Equal(["Versenden"], running!.ActiveElementIds);
        Assert.Equal(letter.Id.ToString("D"), running.Variables["bescheidId"]!.GetValue<string>());
        Assert.Contains(formHits!, hit => hit.Title == form.Title);
        Assert.Contains(letterHits!, hit => hit.Title == "Bescheid für Jürgen Weiß");
        Assert.Equal(2, audit.Count(a => a == AuditActions.DokumentAdded));
        Assert.True((await VerifyAuditAsync(factory, municipality)).IsIntact);
    }

    [Theory]
    [AllProviders]
    public async Task Errors_RefuseTheCompletionOrRaiseAnIncident_AndFileNothing(DatabaseProvider provider)
    {
        await using var factory = await CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var position = await factory.CreatePositionAsync(municipality);
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var withoutTemplate = await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Bescheid", [new DeployResource("bescheid.bpmn", Diagram().Replace("key=\"vorlage\"", "key=\"text\"", StringComparison.Ordinal))]));
        var brokenPlaceholder = await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Bescheid", [new DeployResource("bescheid.bpmn", Diagram().Replace("{{gebuehr}}", "{{gebuehr +}}", StringComparison.Ordinal))]));
        var clerk = await DeployAndSignInClerkAsync(factory, municipality, Diagram());
        var head = await factory.SignInAsAsync(municipality, Roles.Leitung);
        var first = await StartAsync(clerk, new VorgangTarget(PositionId: position.Id, Title: "Sondernutzung"));
        var vorgangId = (await VorgangAsync(clerk, first.Id)).Vorgang.Id;
        var second = await StartAsync(clerk, new VorgangTarget(VorgangId: vorgangId));

        // The template needs "name", which the submission leaves empty: the letter task, run inside the completion, stops
        // with an incident; the completion and the form are filed.
        (await CompleteAsync(clerk, (await OpenTaskAsync(clerk, first.Id)).Id, new { bemerkung = "Unterlagen vollständig" })).EnsureSuccessStatusCode();
        var failedJobs = await RunJobsAsync(factory, municipality);
        var incident = Assert.Single((await clerk.GetFromJsonAsync<List<IncidentInfo>>($"/api/process-instances/{first.Id}/incidents", Json))!);

        // A closed Vorgang refuses the completion of the second instance's task and the retried letter.
        (await clerk.PostAsync($"/api/vorgaenge/{vorgangId}/close", null)).EnsureSuccessStatusCode();
        var auditClosed = await factory.AuditActionsAsync(municipality);
        var secondTask = await OpenTaskAsync(clerk, second.Id);
        var refused = await CompleteAsync(clerk, secondTask.Id, new { name = "Anna Schmidt" });
        (await head.PostAsJsonAsync($"/api/incidents/{incident.Id}/retry", new RetryIncidentBody(null, new() { ["name"] = JsonSerializer.SerializeToElement("Jürgen Weiß"), ["entscheidung"] = JsonSerializer.SerializeToElement("abgelehnt"), ["gebuehr"] = JsonSerializer.SerializeToElement(0) }))).EnsureSuccessStatusCode();
        await RunJobsAsync(factory, municipality);
        var closedIncident = Assert.Single((await clerk.GetFromJsonAsync<List<IncidentInfo>>($"/api/process-instances/{first.Id}/incidents", Json))!, i => i.ResolvedAt is null);
        var whileClosed = await clerk.GetFromJsonAsync<VorgangResponse>($"/api/vorgaenge/{vorgangId}", Json);
        var auditWhileClosed = await factory.AuditActionsAsync(municipality);

        // Reopened, the retried incident files the letter.
        (await clerk.PostAsJsonAsync($"/api/vorgaenge/{vorgangId}/reopen", new ReopenVorgangRequest("Bescheid fehlt noch"))).EnsureSuccessStatusCode();
        (await head.PostAsJsonAsync($"/api/incidents/{closedIncident.Id}/retry", new RetryIncidentBody(null, null))).EnsureSuccessStatusCode();
        var retriedJobs = await RunJobsAsync(factory, municipality);
        var reopened = await clerk.GetFromJsonAsync<VorgangResponse>($"/api/vorgaenge/{vorgangId}", Json);
        var letter = Assert.Single(reopened!.Dokumente, d => d.Versions[0].DokumentType == "Bescheid").Versions[0];

        Assert.Equal(HttpStatusCode.BadRequest, withoutTemplate.StatusCode);
        Assert.Contains("BPMN118", await withoutTemplate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("„vorlage“", await withoutTemplate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, brokenPlaceholder.StatusCode);
        Assert.Contains("{{gebuehr +}}", await brokenPlaceholder.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(new JobExecutionSummary(0, 0), failedJobs); // the letter task failed inside the completion, which kept the form
        Assert.Equal(("Erzeugen", IncidentTypes.JobFailed), (incident.ElementId, incident.Type));
        Assert.Contains("Der Platzhalter {{name}} hat keinen Wert", incident.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Contains("records.vorgang-closed", problem, StringComparison.Ordinal);
        Assert.Contains("Die Aufgabe wurde nicht abgeschlossen", problem, StringComparison.Ordinal);
        Assert.Equal(secondTask.Id, (await OpenTaskAsync(clerk, second.Id)).Id);
        Assert.Contains("zu den Akten verfügt", closedIncident.Message, StringComparison.Ordinal);
        Assert.Equal(["Formular"], whileClosed!.Dokumente.Select(d => d.Versions[0].DokumentType));
        Assert.Equal(auditClosed, auditWhileClosed);
        Assert.Equal(new JobExecutionSummary(1, 0), retriedJobs);
        Assert.Equal("Bescheid für Jürgen Weiß", letter.Title);
        Assert.Contains("Ihr Antrag wurde abgelehnt. Die Gebühr beträgt 0 Euro.", await PdfTextAsync(clerk, letter.Id), StringComparison.Ordinal);
        Assert.True((await VerifyAuditAsync(factory, municipality)).IsIntact);
    }

    [Theory]
    [AllProviders]
    public async Task GeneratedLetter_IsWrittenOnTheMunicipalitysLetterhead_FromTheTemplateAndTheVariables(DatabaseProvider provider)
    {
        await using var factory = await CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var position = await factory.CreatePositionAsync(municipality);
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            platform.Letterheads.Add(new MunicipalityLetterhead { Id = Guid.CreateVersion7(), TenantId = municipality.Id, Title = "Gemeinde Teststadt", Address = "Rathausplatz 1\n12345 Teststadt", UpdatedBy = "test" });
            await platform.SaveChangesAsync();
        }

        var clerk = await DeployAndSignInClerkAsync(factory, municipality, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "ProcessDocumentsTests.BriefBescheid.bpmn")), "BriefBescheid");
        var response = await clerk.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("BriefBescheid", null, null, new VorgangTarget(PositionId: position.Id, Title: "Sondernutzung Weiß")));
        var instance = (await response.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json))!;

        var completed = await CompleteAsync(clerk, (await OpenTaskAsync(clerk, instance.Id)).Id, new
        {
            name = "Jürgen Weiß",
            anschrift = "Lindenweg 7, 12345 Teststadt",
            antragsdatum = "2026-10-20",
            tenor = "Die Sondernutzung des Gehwegs wird erlaubt.",
            begruendung = "Der Gehweg bleibt 1,50 m breit.",
        });
        var vorgang = await VorgangAsync(clerk, instance.Id);
        var letter = Assert.Single(vorgang.Dokumente, d => d.Versions[0].DokumentType == "Schreiben").Versions[0];
        var text = await PdfTextAsync(clerk, letter.Id);
        var hits = await clerk.GetFromJsonAsync<List<SearchHitResponse>>("/api/search?q=Sondernutzung%20Gehweg", Json);

        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);
        Assert.Equal(("Bescheid: Sondernutzung Weiß", "Jürgen Weiß", "Bescheid-2026-11-02.pdf"), (letter.Title, letter.Recipient, letter.FileName));
        foreach (var expected in new[] { "Gemeinde Teststadt", $"Unser Zeichen {vorgang.Vorgang.Aktenzeichen}", "über Ihren Antrag vom 20.10.2026", "Die Sondernutzung des Gehwegs wird erlaubt.", "Dieses Schreiben wurde maschinell erstellt" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.Contains(hits!, hit => hit.Title == "Bescheid: Sondernutzung Weiß");
    }

    // The background job executor is off: the tests run the due jobs themselves.
    private static Task<AmtswegFactory> CreateAsync(DatabaseProvider provider) =>
        AmtswegFactory.CreateAsync(provider, new() { ["Amtsweg:JobExecutor:Enabled"] = "false" });

    private static string Diagram() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "ProcessDocumentsTests.Bescheid.bpmn"));

    private static async Task<HttpClient> DeployAndSignInClerkAsync(AmtswegFactory factory, Municipality municipality, string diagram, string name = "Bescheid")
    {
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var deployed = await designer.PostAsJsonAsync("/api/deployments", new DeployRequest(name, [new DeployResource("bescheid.bpmn", diagram)]));
        Assert.True(deployed.IsSuccessStatusCode, await deployed.Content.ReadAsStringAsync());
        return await factory.SignInAsClerkAsync(municipality);
    }

    private static async Task<ProcessInstanceInfo> StartAsync(HttpClient client, VorgangTarget target)
    {
        var response = await client.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Bescheid", null, null, target));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json))!;
    }

    private static async Task<UserTaskInfo> OpenTaskAsync(HttpClient client, Guid instanceId) =>
        Assert.Single((await client.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instanceId}", Json))!);

    private static Task<HttpResponseMessage> CompleteAsync(HttpClient client, Guid taskId, object variables) =>
        client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { variables });

    private static async Task<VorgangResponse> VorgangAsync(HttpClient client, Guid instanceId) =>
        (await client.GetFromJsonAsync<VorgangResponse>($"/api/process-instances/{instanceId}/vorgang", Json))!;

    private static async Task<string> PdfTextAsync(HttpClient client, Guid versionId)
    {
        var bytes = await client.GetByteArrayAsync($"/api/dokument-versionen/{versionId}/content");
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
        return string.Join("\n", pdf.GetPages().Select(page => string.Join(" ", page.GetWords().Select(w => w.Text))));
    }

    private static async Task<JobExecutionSummary> RunJobsAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return await scope.ServiceProvider.GetRequiredService<IProcessEngine>().ExecuteDueJobsAsync();
    }

    private static async Task<AuditVerification> VerifyAuditAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
    }
}
