using System.Net;
using System.Net.Http.Json;
using Amtsweg.Casework;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Server.Features.Processes.Deploy;
using Amtsweg.Server.Features.Processes.StartInstance;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Amtsweg.Server.Tests.Mail;

/// <summary>Issue 15.2: the job type <c>amtsweg:email</c> sends a generated Bescheid through the real test Postfix and records it, or raises an incident.</summary>
public class EmailTaskTests
{
    [MailTheory]
    [MemberData(nameof(Providers))]
    public async Task EmailTask_SendsTheGeneratedBescheidWithItsPdf_AndRecordsItInTheVorgang(DatabaseProvider provider)
    {
        await using var factory = await CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        await MailPages.ConfigureAsync(factory, municipality);
        var kennung = Guid.NewGuid().ToString("N")[..12];
        var (clerk, instance) = await StartAsync(factory, municipality);

        var completed = await CompleteAsync(clerk, instance.Id, TestMailServer.Citizen, kennung);
        var message = Assert.Single(await MailPages.ReceivedAsync(TestMailServer.Citizen, TestMailServer.CitizenPassword, kennung));
        var vorgang = (await clerk.GetFromJsonAsync<VorgangResponse>($"/api/process-instances/{instance.Id}/vorgang", Records.ProcessFilingTests.Json))!;

        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);
        Assert.Equal($"Ihr Bescheid {kennung} (Az. {vorgang.Vorgang.Aktenzeichen})", message.Subject);
        Assert.Contains("anbei Ihr Bescheid.", message.TextBody ?? "", StringComparison.Ordinal);
        var attachment = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal(("Bescheid für Erika Müller.pdf", "application/pdf"), (attachment.FileName, attachment.ContentType.MimeType));
        var note = Assert.Single(vorgang.Vermerke);
        Assert.StartsWith($"E-Mail gesendet\nAn: {TestMailServer.Citizen}\nBetreff: Ihr Bescheid {kennung} (Az. {vorgang.Vorgang.Aktenzeichen})\nAnhang: Bescheid für Erika Müller (Bescheid für Erika Müller.pdf, Version 1)\nAntwort des Mailservers: 2.0.0 Ok: queued as ", note.Text, StringComparison.Ordinal);
        Assert.Equal($"Prozess {instance.Id:D}", note.CreatedBy);
        Assert.Empty((await clerk.GetFromJsonAsync<List<IncidentInfo>>($"/api/process-instances/{instance.Id}/incidents", Records.ProcessFilingTests.Json))!);
    }

    [MailTheory]
    [MemberData(nameof(Providers))]
    public async Task EmailTask_RaisesAnIncidentWithAGermanMessage_AndRecordsNothing_WhenThePasswordIsWrong(DatabaseProvider provider)
    {
        await using var factory = await CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        await MailPages.ConfigureAsync(factory, municipality, password: "falsches-passwort");
        var kennung = Guid.NewGuid().ToString("N")[..12];
        var (clerk, instance) = await StartAsync(factory, municipality);

        var completed = await CompleteAsync(clerk, instance.Id, TestMailServer.Citizen, kennung);
        var incident = Assert.Single((await clerk.GetFromJsonAsync<List<IncidentInfo>>($"/api/process-instances/{instance.Id}/incidents", Records.ProcessFilingTests.Json))!);
        var vorgang = (await clerk.GetFromJsonAsync<VorgangResponse>($"/api/process-instances/{instance.Id}/vorgang", Records.ProcessFilingTests.Json))!;

        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);
        Assert.Equal("Senden", incident.ElementId);
        Assert.Contains("Die E-Mail kann nicht gesendet werden: Der Mailserver", incident.Message, StringComparison.Ordinal);
        Assert.Contains("hat die Anmeldung abgelehnt", incident.Message, StringComparison.Ordinal);
        Assert.Empty(vorgang.Vermerke);
        Assert.Empty(await MailPages.ReceivedAsync(TestMailServer.Citizen, TestMailServer.CitizenPassword, kennung, expected: 0));
    }

    [MailTheory]
    [MemberData(nameof(Providers))]
    public async Task EmailTask_FailsTheAttemptAndEndsInAnIncident_AndRecordsNothing_WhenTheServerIsDown(DatabaseProvider provider)
    {
        await using var factory = await CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var closed = MailPages.ClosedPort();
        await MailPages.ConfigureAsync(factory, municipality, port: closed);
        var (clerk, instance) = await StartAsync(factory, municipality);

        var completed = await CompleteAsync(clerk, instance.Id, TestMailServer.Citizen, "unerreichbar");
        var incident = Assert.Single((await clerk.GetFromJsonAsync<List<IncidentInfo>>($"/api/process-instances/{instance.Id}/incidents", Records.ProcessFilingTests.Json))!);
        var vorgang = (await clerk.GetFromJsonAsync<VorgangResponse>($"/api/process-instances/{instance.Id}/vorgang", Records.ProcessFilingTests.Json))!;

        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);
        Assert.Equal("Senden", incident.ElementId);
        Assert.Contains($"Der Mailserver {TestMailServer.Smtp.Host}:{closed} ist nicht erreichbar", incident.Message, StringComparison.Ordinal);
        Assert.Empty(vorgang.Vermerke);
    }

    [MailTheory]
    [MemberData(nameof(Providers))]
    public async Task EmailTask_IsRetriedByTheJobMechanism_AndSendsOnce_WhenTheServerIsBack(DatabaseProvider provider)
    {
        await using var factory = await CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        await MailPages.ConfigureAsync(factory, municipality, port: MailPages.ClosedPort());
        var kennung = Guid.NewGuid().ToString("N")[..12];
        var (clerk, instance) = await StartAsync(factory, municipality, Diagram().Replace("type=\"amtsweg:email\" retries=\"1\"", "type=\"amtsweg:email\" retries=\"2\"", StringComparison.Ordinal));

        var completed = await CompleteAsync(clerk, instance.Id, TestMailServer.Citizen, kennung);
        var incidentsWhileDown = await clerk.GetFromJsonAsync<List<IncidentInfo>>($"/api/process-instances/{instance.Id}/incidents", Records.ProcessFilingTests.Json);
        var notesWhileDown = (await clerk.GetFromJsonAsync<VorgangResponse>($"/api/process-instances/{instance.Id}/vorgang", Records.ProcessFilingTests.Json))!.Vermerke;
        await MailPages.ConfigureAsync(factory, municipality);
        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        var retried = await RunJobsAsync(factory, municipality);
        var message = Assert.Single(await MailPages.ReceivedAsync(TestMailServer.Citizen, TestMailServer.CitizenPassword, kennung));
        var vorgang = (await clerk.GetFromJsonAsync<VorgangResponse>($"/api/process-instances/{instance.Id}/vorgang", Records.ProcessFilingTests.Json))!;
        var running = await clerk.GetFromJsonAsync<ProcessInstanceInfo>($"/api/process-instances/{instance.Id}", Records.ProcessFilingTests.Json);

        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);
        Assert.Empty(incidentsWhileDown!);
        Assert.Empty(notesWhileDown);
        Assert.Equal(new JobExecutionSummary(1, 0), retried);
        Assert.Contains(kennung, message.Subject, StringComparison.Ordinal);
        Assert.Contains($"Betreff: {message.Subject}\n", Assert.Single(vorgang.Vermerke).Text, StringComparison.Ordinal);
        Assert.Equal(["Abschliessen"], running!.ActiveElementIds);
    }

    [Theory]
    [AllProviders]
    public async Task Deployment_IsRefused_WhenAHeaderIsMissing(DatabaseProvider provider)
    {
        await using var factory = await CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);

        var refused = await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Bescheid", [new DeployResource("bescheid.bpmn", Diagram().Replace("key=\"betreff\"", "key=\"titel\"", StringComparison.Ordinal))]));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Contains("BPMN118", problem, StringComparison.Ordinal);
        Assert.Contains("Der E-Mail-Versand braucht den Header „betreff“", problem, StringComparison.Ordinal);
    }

    public static TheoryData<DatabaseProvider> Providers => TestDatabases.Providers;

    // The background job executor is off: the tests run the due jobs themselves.
    private static Task<AmtswegFactory> CreateAsync(DatabaseProvider provider) =>
        AmtswegFactory.CreateAsync(provider, new() { ["Amtsweg:JobExecutor:Enabled"] = "false" });

    private static string Diagram() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "EmailTaskTests.Bescheid.bpmn"));

    private static Task<(HttpClient Clerk, ProcessInstanceInfo Instance)> StartAsync(AmtswegFactory factory, Municipality municipality) =>
        StartAsync(factory, municipality, Diagram());

    private static async Task<(HttpClient Clerk, ProcessInstanceInfo Instance)> StartAsync(AmtswegFactory factory, Municipality municipality, string diagram)
    {
        var position = await factory.CreatePositionAsync(municipality);
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var deployed = await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Bescheid", [new DeployResource("bescheid.bpmn", diagram)]));
        Assert.True(deployed.IsSuccessStatusCode, await deployed.Content.ReadAsStringAsync());
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var started = await clerk.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Bescheid", null, null, new VorgangTarget(PositionId: position.Id, Title: "Sondernutzung Müller")));
        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        return (clerk, (await started.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Records.ProcessFilingTests.Json))!);
    }

    private static async Task<JobExecutionSummary> RunJobsAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return await scope.ServiceProvider.GetRequiredService<IProcessEngine>().ExecuteDueJobsAsync();
    }

    private static async Task<HttpResponseMessage> CompleteAsync(HttpClient clerk, Guid instanceId, string email, string kennung)
    {
        var task = Assert.Single((await clerk.GetFromJsonAsync<List<UserTaskInfo>>($"/api/tasks?processInstanceId={instanceId}", Records.ProcessFilingTests.Json))!);
        return await clerk.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { variables = new { name = "Erika Müller", email, kennung } });
    }
}
