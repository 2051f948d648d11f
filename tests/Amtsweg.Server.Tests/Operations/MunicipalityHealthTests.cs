using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Records.Intake;
using Amtsweg.Server.Features.Operations.Health;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests.Operations;

public sealed class MunicipalityHealthTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [AllProviders]
    public async Task Zustand_CountsEachMunicipalityInTheDatabase_AndPutsTroubleFirst(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var quiet = await factory.CreateMunicipalityAsync("Aachtal");
        var troubled = await factory.CreateMunicipalityAsync("Zwiesel");
        await IncidentsApiTests.StartFailingInstanceAsync(factory, troubled);
        await factory.FileDokumentAsync(troubled, "Antrag", "antrag.txt", "text/plain", Enumerable.Repeat((byte)'a', 3 * 1024 * 1024).ToArray());
        var now = factory.Clock.GetUtcNow();
        await AddIntakeItemsAsync(factory, troubled,
            (IntakeStatus.WaitingForFiling, now - TimeSpan.FromDays(3)),
            (IntakeStatus.WaitingForFiling, now - TimeSpan.FromMinutes(5)),
            (IntakeStatus.Failed, now - TimeSpan.FromMinutes(1)),
            (IntakeStatus.Filed, now - TimeSpan.FromDays(9)));
        await factory.SignInAsClerkAsync(troubled);
        var signedInAt = factory.Clock.GetUtcNow();
        var operatorClient = await factory.SignInAsAsync(null, Roles.Betrieb);

        var rows = (await operatorClient.GetFromJsonAsync<List<MunicipalityHealthResponse>>("/api/betrieb/zustand", Json))!;
        var page = await operatorClient.GetStringAsync("/betrieb/zustand");

        Assert.Equal(["Zwiesel", "Aachtal"], rows.Select(r => r.Name));
        var zwiesel = rows[0];
        Assert.Equal((troubled.Ags, 1, 3, 1, true), (zwiesel.Ags, zwiesel.OpenIncidents, zwiesel.PosteingangBacklog, zwiesel.StuckOcr, zwiesel.NeedsAttention));
        Assert.Equal(now - TimeSpan.FromDays(3), zwiesel.OldestBacklogReceivedAt);
        Assert.Equal(3 * 1024 * 1024, zwiesel.StorageBytes);
        Assert.Equal(signedInAt, zwiesel.LastSignInAt);
        Assert.Equal(MunicipalityHealth.Version, zwiesel.Version);
        Assert.Matches(@"^\d+\.\d+\.\d+", zwiesel.Version);
        var aachtal = rows[1];
        Assert.Equal((0, 0, 0, 0, 0L, false), (aachtal.OpenIncidents, aachtal.FailedJobs, aachtal.PosteingangBacklog, aachtal.StuckOcr, aachtal.StorageBytes, aachtal.NeedsAttention));
        Assert.Null(aachtal.LastSignInAt);
        Assert.Contains("Handlungsbedarf", page, StringComparison.Ordinal);
        Assert.Contains("3,0 MB", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("Zwiesel", StringComparison.Ordinal) < page.IndexOf("Aachtal", StringComparison.Ordinal));
        Assert.Contains($"/betrieb/zustand/stoerungen?gemeinde={troubled.Ags}", page, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Zustand_CountsUnfinishedProcessingAsStuck_OnlyAfterTheThreshold(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider, new() { ["Amtsweg:Records:Intake:StuckAfter"] = "00:30:00" });
        var municipality = await factory.CreateMunicipalityAsync();
        var now = factory.Clock.GetUtcNow();
        await AddIntakeItemsAsync(factory, municipality,
            (IntakeStatus.Processing, now - TimeSpan.FromMinutes(31)),
            (IntakeStatus.Processing, now - TimeSpan.FromMinutes(29)),
            (IntakeStatus.Failed, now));
        var operatorClient = await factory.SignInAsAsync(null, Roles.Betrieb);

        var row = Assert.Single((await operatorClient.GetFromJsonAsync<List<MunicipalityHealthResponse>>("/api/betrieb/zustand", Json))!);

        Assert.Equal((3, 2), (row.PosteingangBacklog, row.StuckOcr));
    }

    [Theory]
    [AllProviders]
    public async Task Zustand_IsForBetriebOnly(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var administrator = await factory.SignInAsAsync(municipality, Roles.Administration);

        var api = await administrator.GetAsync("/api/betrieb/zustand");
        var page = await administrator.GetAsync("/betrieb/zustand");
        var incidents = await administrator.GetAsync($"/betrieb/zustand/stoerungen?gemeinde={municipality.Ags}");

        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("/fehler/403", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/fehler/403", incidents.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task IncidentPages_ShowProcessStepKindAndTime_ButWithholdAMessageThatQuotesAValue(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync("Zwiesel");
        var other = await factory.CreateMunicipalityAsync("Anderswo");
        var (_, incidentId) = await IncidentsApiTests.StartFailingInstanceAsync(factory, municipality);
        var operatorClient = await factory.SignInAsAsync(null, Roles.Betrieb);
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var ownMessage = await designer.GetStringAsync("/prozesse/stoerungen");

        var list = await operatorClient.GetStringAsync($"/betrieb/zustand/stoerungen?gemeinde={municipality.Ags}");
        var detail = await operatorClient.GetStringAsync($"/betrieb/zustand/stoerungen/{incidentId}?gemeinde={municipality.Ags}");
        var wrongMunicipality = await operatorClient.GetAsync($"/betrieb/zustand/stoerungen/{incidentId}?gemeinde={other.Ags}");
        var unknownMunicipality = await operatorClient.GetAsync("/betrieb/zustand/stoerungen?gemeinde=00000000");

        // The municipality's own page quotes the value ("viel"); the operator's pages never do.
        Assert.Contains("viel", ownMessage, StringComparison.Ordinal);
        Assert.Contains("Betrag, Version 1", list, StringComparison.Ordinal);
        Assert.Contains("Ausdruck konnte nicht ausgewertet werden", list, StringComparison.Ordinal);
        Assert.Contains($"/betrieb/zustand/stoerungen/{incidentId}?gemeinde={municipality.Ags}", list, StringComparison.Ordinal);
        Assert.Contains("<code>high</code>", detail, StringComparison.Ordinal);
        Assert.Contains("Nicht angezeigt", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("viel", list + detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, wrongMunicipality.StatusCode);
        Assert.Contains("Diese Störung gibt es in dieser Gemeinde nicht.", await wrongMunicipality.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownMunicipality.StatusCode);
        Assert.Contains("Diese Gemeinde gibt es auf dieser Installation nicht.", await unknownMunicipality.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void OperatorIncident_ShowsTheMessage_OnlyForTypesTheEngineWritesFromTheModel()
    {
        var overview = new Amtsweg.Engine.IncidentOverview(
            Guid.NewGuid(), "P", "Prozess", 1, "e", "Schritt", "serviceTask", Amtsweg.Engine.Persistence.IncidentTypes.JobFailed,
            "Connector: 'Erika Mustermann' nicht gefunden", DateTimeOffset.UnixEpoch, null, null, null, "rest", 0);

        Assert.Null(OperatorIncident.From(overview).Message);
        Assert.Equal("Mehr als 1000 Schritte", OperatorIncident.From(overview with { Type = Amtsweg.Engine.Persistence.IncidentTypes.StepLimitExceeded, Message = "Mehr als 1000 Schritte" }).Message);
    }

    internal static Task AddIntakeItemsAsync(AmtswegFactory factory, Municipality municipality, params (IntakeStatus Status, DateTimeOffset ReceivedAt)[] items) =>
        factory.RecordsAsync(municipality, async db =>
        {
            foreach (var (status, receivedAt) in items)
            {
                db.IntakeItems.Add(new IntakeItem
                {
                    // As IntakeReceiver makes them: the id is a UUID v7 of the arrival.
                    Id = Guid.CreateVersion7(receivedAt),
                    FileName = "scan.pdf",
                    ContentType = "application/pdf",
                    Size = 10,
                    ContentHash = new string('a', 64),
                    ReceivedBy = "test",
                    ReceivedAt = receivedAt,
                    Status = status,
                    Title = "Scan",

                    // A processor's claim that has not run out: the worker leaves the item alone.
                    ClaimToken = status == IntakeStatus.Processing ? Guid.NewGuid() : null,
                    ClaimedUntil = status == IntakeStatus.Processing ? receivedAt + TimeSpan.FromDays(1) : null,
                });
            }

            return await db.SaveChangesAsync();
        });
}
