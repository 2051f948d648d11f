using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amtsweg.Casework;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Records.Privacy;
using Amtsweg.Server.Features.Privacy;
using Amtsweg.Server.Features.Processes;
using Amtsweg.Server.Features.Processes.StartInstance;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests;

public class PrivacyApiTests
{
    private static readonly PrivacyRequest Erika = new("Erika Müller", null, null, null, "DS-2026-1");

    [Theory]
    [AllProviders]
    public async Task PrivacyEndpoints_ExportRefuseErasureRestrictAndLift_ForAdministrationOnly(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        await SeedAsync(factory, municipality);
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var operatorClient = await factory.SignInAsAsync(null, Roles.Betrieb);

        var export = await admin.PostAsJsonAsync("/api/privacy/export", Erika);
        var erase = await admin.PostAsJsonAsync("/api/privacy/erase", Erika);
        var restrict = await admin.PostAsJsonAsync("/api/privacy/restrict", Erika);
        var unknown = await admin.PostAsJsonAsync("/api/privacy/erase", Erika with { Name = "Otto Normal" });
        var invalid = await admin.PostAsJsonAsync("/api/privacy/restrict", Erika with { Name = "Müller" });
        var hiddenFromClerk = await clerk.GetStringAsync("/api/search?q=Gewerbeanmeldung");
        var unrestrict = await admin.PostAsJsonAsync("/api/privacy/unrestrict", Erika with { Reason = "DS-2026-1: geklärt" });
        var unrestrictAgain = await admin.PostAsJsonAsync("/api/privacy/unrestrict", Erika);
        var visibleToClerk = await clerk.GetStringAsync("/api/search?q=Gewerbeanmeldung");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/zip", export.Content.Headers.ContentType?.MediaType);
        using (var zip = new ZipArchive(await export.Content.ReadAsStreamAsync(), ZipArchiveMode.Read))
        {
            using var reader = new StreamReader(zip.GetEntry("auskunft.json")!.Open());
            Assert.Contains("Erika Müller", await reader.ReadToEndAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Conflict, erase.StatusCode);
        var problem = await erase.Content.ReadAsStringAsync();
        Assert.Contains("\"code\":\"records.retention-forbids-erasure\"", problem, StringComparison.Ordinal);
        Assert.Contains("Aufbewahrungsfrist", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, restrict.StatusCode);
        Assert.Equal(new RestrictionResult(1, 1, 0) { Entries = 1 }, await restrict.Content.ReadFromJsonAsync<RestrictionResult>());
        Assert.Equal(HttpStatusCode.OK, unrestrict.StatusCode);
        Assert.Equal(new LiftRestrictionResult(1, 1, 0), await unrestrict.Content.ReadFromJsonAsync<LiftRestrictionResult>());
        Assert.Equal(HttpStatusCode.NotFound, unrestrictAgain.StatusCode);
        Assert.DoesNotContain("Gewerbeanmeldung", hiddenFromClerk, StringComparison.Ordinal);
        Assert.Contains("Gewerbeanmeldung", visibleToClerk, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        foreach (var client in new[] { clerk, operatorClient })
        {
            foreach (var action in new[] { "export", "erase", "restrict", "unrestrict" })
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/privacy/{action}", Erika)).StatusCode);
            }
        }
    }

    [Theory]
    [AllProviders]
    public async Task Bug_Restriction_LeftThePersonOnTheVorgangPageAndInThePosteingang(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var vorgangId = await SeedAsync(factory, municipality);
        var item = await Posteingang.PosteingangApiTests.ReceiveAsync(factory, municipality, "Widerspruch gegen den Bescheid", "Widerspruch Erika Müller.txt");
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var before = System.Net.WebUtility.HtmlDecode(await clerk.GetStringAsync($"/vorgaenge/{vorgangId}"));

        (await admin.PostAsJsonAsync("/api/privacy/restrict", Erika)).EnsureSuccessStatusCode();

        var page = System.Net.WebUtility.HtmlDecode(await clerk.GetStringAsync($"/vorgaenge/{vorgangId}"));
        var adminPage = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync($"/vorgaenge/{vorgangId}"));
        var inbox = await clerk.GetStringAsync("/api/posteingang");
        var single = await clerk.GetAsync($"/api/posteingang/{item.Id}");
        Assert.Contains("Erika Müller", before, StringComparison.Ordinal);
        Assert.DoesNotContain("Erika Müller", page, StringComparison.Ordinal);
        Assert.Contains("Eingeschränkt nach Art. 18 DSGVO", page, StringComparison.Ordinal);
        Assert.Contains("Erika Müller", adminPage, StringComparison.Ordinal);
        Assert.DoesNotContain(item.Id.ToString(), inbox, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, single.StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task Bug_BeteiligteApi_ShowedRestrictedBeteiligteToClerks(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var vorgangId = await SeedAsync(factory, municipality);
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var before = await clerk.GetStringAsync($"/api/vorgaenge/{vorgangId}/beteiligte");

        (await admin.PostAsJsonAsync("/api/privacy/restrict", Erika)).EnsureSuccessStatusCode();

        var forClerk = await clerk.GetStringAsync($"/api/vorgaenge/{vorgangId}/beteiligte");
        var forAdmin = await admin.GetStringAsync($"/api/vorgaenge/{vorgangId}/beteiligte");
        Assert.Contains("Erika Müller", before, StringComparison.Ordinal);
        Assert.DoesNotContain("Müller", forClerk, StringComparison.Ordinal);
        Assert.Contains("Eingeschränkt nach Art. 18 DSGVO", forClerk, StringComparison.Ordinal);
        Assert.Contains("Antragstellerin", forClerk, StringComparison.Ordinal);
        Assert.Contains("Erika Müller", forAdmin, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Bug_RestrictedPosteingangItem_CouldStillBeFiledRetriedOrRemoved(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        await SeedAsync(factory, municipality);
        var open = await OpenVorgangAsync(factory, municipality, "Widersprüche 2026");
        var item = await Posteingang.PosteingangApiTests.ReceiveAsync(factory, municipality, "Widerspruch gegen den Bescheid", "Widerspruch Erika Müller.txt");
        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        Assert.Equal("WaitingForFiling", (await Posteingang.PosteingangApiTests.WaitUntilProcessedAsync(clerk, item.Id)).Status);

        (await admin.PostAsJsonAsync("/api/privacy/restrict", Erika)).EnsureSuccessStatusCode();

        var file = await clerk.PostAsJsonAsync($"/api/posteingang/{item.Id}/file", new { vorgangId = open });
        var fileByAdmin = await admin.PostAsJsonAsync($"/api/posteingang/{item.Id}/file", new { vorgangId = open });
        var retry = await clerk.PostAsync($"/api/posteingang/{item.Id}/retry", null);
        var remove = await clerk.DeleteAsync($"/api/posteingang/{item.Id}");
        var page = System.Net.WebUtility.HtmlDecode(await clerk.GetStringAsync("/posteingang"));
        foreach (var refused in new[] { file, fileByAdmin, retry, remove })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var problem = await refused.Content.ReadAsStringAsync();
            Assert.Contains("\"code\":\"records.restricted\"", problem, StringComparison.Ordinal);
            Assert.DoesNotContain("Müller", problem, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Müller", page, StringComparison.Ordinal);
        Assert.Equal(0, await factory.RecordsAsync(municipality, db => db.Dokumente.CountAsync(d => d.VorgangId == open)));
        (await admin.PostAsJsonAsync("/api/privacy/unrestrict", Erika)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsJsonAsync($"/api/posteingang/{item.Id}/file", new { vorgangId = open })).StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task Bug_Restriction_LeftProcessVariablesAndHistoryValuesOpenToClerks(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var vorgangId = await OpenVorgangAsync(factory, municipality, "Gewerbeanmeldung");
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            await scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>()
                .ExecuteAsync(new AddBeteiligterCommand(vorgangId, "Antragstellerin", new DataSubject("Erika Müller")), "test", CancellationToken.None);
            var diagram = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "ProcessesApiTests.Antrag.bpmn"));
            await scope.ServiceProvider.GetRequiredService<IProcessEngine>().DeployAsync(new DeploymentRequest("Antrag", [new DeploymentResource("antrag.bpmn", diagram)]));
        }

        var admin = await factory.SignInAsAsync(municipality, Roles.Administration);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var variables = new Dictionary<string, JsonElement> { ["antragsteller"] = JsonSerializer.SerializeToElement("Erika Müller") };
        var started = await clerk.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Antrag", null, variables, new VorgangTarget(VorgangId: vorgangId)));
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var before = await clerk.GetStringAsync($"/api/process-instances/{instanceId}") + await clerk.GetStringAsync($"/api/vorgaenge/{vorgangId}/history");

        (await admin.PostAsJsonAsync("/api/privacy/restrict", Erika)).EnsureSuccessStatusCode();

        var forClerk = await clerk.GetStringAsync($"/api/process-instances/{instanceId}") + await clerk.GetStringAsync($"/api/vorgaenge/{vorgangId}/history");
        var forAdmin = await admin.GetStringAsync($"/api/process-instances/{instanceId}") + await admin.GetStringAsync($"/api/vorgaenge/{vorgangId}/history");
        Assert.Contains("Erika M", before, StringComparison.Ordinal);
        Assert.DoesNotContain("Erika M", forClerk, StringComparison.Ordinal);
        Assert.Contains("antragsteller", forClerk, StringComparison.Ordinal);
        Assert.Contains("Eingeschränkt nach Art. 18 DSGVO", forClerk, StringComparison.Ordinal);
        Assert.Contains("Erika M", forAdmin, StringComparison.Ordinal);
    }

    internal static async Task<Guid> OpenVorgangAsync(AmtswegFactory factory, Municipality municipality, string title)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var executor = scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>();
        var position = await executor.ExecuteAsync(new CreateAktenplanPositionCommand("10.00", "Allgemeines", null, 5, DisposalRule.Destroy), "test", CancellationToken.None);
        var akte = await executor.ExecuteAsync(new CreateAkteCommand(position.Id, title), "test", CancellationToken.None);
        return (await executor.ExecuteAsync(new OpenVorgangCommand(akte.Id, title), "test", CancellationToken.None)).Id;
    }

    // A closed Vorgang about Erika Müller whose ten-year retention period runs.
    private static async Task<Guid> SeedAsync(AmtswegFactory factory, Municipality municipality)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var executor = scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>();
        var position = await executor.ExecuteAsync(new CreateAktenplanPositionCommand("32.10", "Gewerbeangelegenheiten", null, 10, DisposalRule.Destroy), "test", CancellationToken.None);
        var akte = await executor.ExecuteAsync(new CreateAkteCommand(position.Id, "Gewerbe 2026"), "test", CancellationToken.None);
        var vorgang = await executor.ExecuteAsync(new OpenVorgangCommand(akte.Id, "Gewerbeanmeldung"), "test", CancellationToken.None);
        await executor.ExecuteAsync(new AddBeteiligterCommand(vorgang.Id, "Antragstellerin", new DataSubject("Erika Müller")), "test", CancellationToken.None);
        var metadata = new DokumentMetadata("Antrag", new DateOnly(2026, 10, 1), "Antrag", "Erika Müller", null, Confidentiality.Confidential, "antrag.txt", "text/plain");
        await executor.ExecuteAsync(new AddDokumentCommand(vorgang.Id, metadata, new MemoryStream("Antrag auf Gewerbeanmeldung"u8.ToArray())), "test", CancellationToken.None);
        await executor.ExecuteAsync(new CloseVorgangCommand(vorgang.Id), "test", CancellationToken.None);
        await executor.ExecuteAsync(new CloseAkteCommand(akte.Id), "test", CancellationToken.None);
        return vorgang.Id;
    }
}
