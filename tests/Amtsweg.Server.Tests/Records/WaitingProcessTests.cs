using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amtsweg.Casework;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Engine;
using Amtsweg.Records.Commands;
using Amtsweg.Records.Model;
using Amtsweg.Server.Features.Processes.Deploy;
using Amtsweg.Server.Features.Processes.StartInstance;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Records;

/// <summary>
/// A process waits for something from outside (documents, an answer): the Vorgang page says what it waits for, and a
/// clerk reports it there, optionally naming the document of the Vorgang that came — to that one instance only.
/// </summary>
public sealed partial class WaitingProcessTests
{
    private static readonly JsonSerializerOptions Json = ProcessFilingTests.Json;

    [Theory]
    [AllProviders]
    public async Task Report_DeliversToThisInstanceOnly_WithTheChosenDokument(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var position = await factory.CreatePositionAsync(municipality);
        await DeployAsync(factory, municipality);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        // Both wait with the same key; the older one would receive a message that names no instance.
        var older = await StartAsync(clerk, position.Id, "Hund Rex");
        var instance = await StartAsync(clerk, position.Id, "Hund Bello");
        var vorgangId = await VorgangOfAsync(clerk, instance.Id);
        var dokumentId = await AddDokumentAsync(factory, municipality, vorgangId, "Impfnachweis Bello");
        var page = $"/vorgaenge/{vorgangId}";

        var shown = await clerk.GetStringAsync(page + "?abschnitt=prozesse");
        var waiting = Assert.Single(await EngineAsync(factory, municipality, e => e.GetMessageSubscriptionsAsync(instance.Id)));
        var token = await AmtswegFactory.AntiforgeryTokenAsync(clerk, page);
        var reported = await clerk.PostAsync(page + "?handler=Melden", Form(token, ("instanz", instance.Id.ToString()), ("wartet", waiting.Id.ToString()), ("dokument", dokumentId.ToString())));
        var after = WebUtility.HtmlDecode(await clerk.GetStringAsync(reported.Headers.Location!.OriginalString));
        var again = await clerk.PostAsync(page + "?handler=Melden", Form(token, ("instanz", instance.Id.ToString()), ("wartet", waiting.Id.ToString())));
        var state = await EngineAsync(factory, municipality, e => e.GetProcessInstanceAsync(instance.Id));

        var visible = Visible(shown);
        Assert.Contains("|Prozess wartet auf|„Impfnachweis eingegangen“|", visible, StringComparison.Ordinal);
        Assert.Contains("|Der Prozess wartet auf „Impfnachweis eingegangen“.|", visible, StringComparison.Ordinal);
        Assert.Contains("|Eingegangenes Dokument (freiwillig)|ohne Dokument|Impfnachweis Bello vom 01.10.2026|", visible, StringComparison.Ordinal);
        Assert.Contains("|„Impfnachweis eingegangen“ melden|", visible, StringComparison.Ordinal);
        Assert.DoesNotContain("impfnachweis|", visible, StringComparison.Ordinal);
        Assert.DoesNotMatch(GuidPattern(), visible);
        Assert.Equal(HttpStatusCode.Redirect, reported.StatusCode);
        Assert.Equal($"/vorgaenge/{vorgangId}?abschnitt=prozesse#prozesse", reported.Headers.Location!.OriginalString);
        Assert.Contains("Die Meldung wurde an den Prozess übergeben; er läuft weiter.", after, StringComparison.Ordinal);
        Assert.Contains("Sachbearbeitung Test hat am Schritt „Impfnachweis eingegangen“ den Eingang gemeldet.", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Der Prozess wartet auf", after, StringComparison.Ordinal);
        Assert.Equal(["Pruefen"], state.ActiveElementIds);
        Assert.Equal(dokumentId.ToString("D"), state.Variables["dokument"]!.GetValue<string>());
        Assert.Equal("Impfnachweis Bello", state.Variables["dokumentTitel"]!.GetValue<string>());
        Assert.Equal(["Impfnachweis"], (await EngineAsync(factory, municipality, e => e.GetProcessInstanceAsync(older.Id))).ActiveElementIds);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("Der Prozess wartet nicht mehr darauf", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Report_IsRefusedAndChangesNothing_ForAnotherVorgangsDokumentOrInstance_OrAClosedVorgang(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var position = await factory.CreatePositionAsync(municipality);
        await DeployAsync(factory, municipality);
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var instance = await StartAsync(clerk, position.Id, "Hund Bello");
        var other = await StartAsync(clerk, position.Id, "Hund Rex");
        var vorgangId = await VorgangOfAsync(clerk, instance.Id);
        var foreignDokument = await AddDokumentAsync(factory, municipality, await VorgangOfAsync(clerk, other.Id), "Impfnachweis Rex");
        var waiting = Assert.Single(await EngineAsync(factory, municipality, e => e.GetMessageSubscriptionsAsync(instance.Id)));
        var otherWaiting = Assert.Single(await EngineAsync(factory, municipality, e => e.GetMessageSubscriptionsAsync(other.Id)));
        var page = $"/vorgaenge/{vorgangId}";
        var token = await AmtswegFactory.AntiforgeryTokenAsync(clerk, page);

        var withForeignDokument = await clerk.PostAsync(page + "?handler=Melden", Form(token, ("instanz", instance.Id.ToString()), ("wartet", waiting.Id.ToString()), ("dokument", foreignDokument.ToString())));
        var otherInstance = await clerk.PostAsync(page + "?handler=Melden", Form(token, ("instanz", other.Id.ToString()), ("wartet", otherWaiting.Id.ToString())));
        await using (var scope = factory.Services.CreateTenantScope(municipality.Id))
        {
            await scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>().ExecuteAsync(new CloseVorgangCommand(vorgangId), "test", CancellationToken.None);
        }

        var closed = await clerk.PostAsync(page + "?handler=Melden", Form(token, ("instanz", instance.Id.ToString()), ("wartet", waiting.Id.ToString())));
        var closedHtml = WebUtility.HtmlDecode(await closed.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, withForeignDokument.StatusCode);
        Assert.Contains("Das gewählte Dokument gehört nicht zu diesem Vorgang oder ist gesperrt.", WebUtility.HtmlDecode(await withForeignDokument.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, otherInstance.StatusCode);
        Assert.Contains("Der Prozess wartet nicht mehr darauf", WebUtility.HtmlDecode(await otherInstance.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, closed.StatusCode);
        Assert.Contains("Der Vorgang ist abgeschlossen; einem Prozess kann nichts mehr gemeldet werden.", closedHtml, StringComparison.Ordinal);
        Assert.Contains("Der Prozess wartet auf „Impfnachweis eingegangen“.", closedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("?handler=Melden", closedHtml, StringComparison.Ordinal);
        foreach (var id in new[] { instance.Id, other.Id })
        {
            Assert.Equal(["Impfnachweis"], (await EngineAsync(factory, municipality, e => e.GetProcessInstanceAsync(id))).ActiveElementIds);
        }
    }

    private static async Task DeployAsync(AmtswegFactory factory, Municipality municipality)
    {
        var designer = await factory.SignInAsAsync(municipality, Roles.Prozessgestaltung);
        var bpmn = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagrams", "WaitingProcessTests.Nachweis.bpmn"));
        (await designer.PostAsJsonAsync("/api/deployments", new DeployRequest("Hundeanmeldung", [new DeployResource("nachweis.bpmn", bpmn)]))).EnsureSuccessStatusCode();
    }

    private static async Task<ProcessInstanceInfo> StartAsync(HttpClient clerk, Guid positionId, string title)
    {
        var variables = new Dictionary<string, JsonElement> { ["antragsnummer"] = JsonSerializer.SerializeToElement("H-17") };
        var response = await clerk.PostAsJsonAsync("/api/process-instances", new StartInstanceRequest("Nachweis", null, variables, new VorgangTarget(PositionId: positionId, Title: title)));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ProcessInstanceInfo>(Json))!;
    }

    private static async Task<Guid> VorgangOfAsync(HttpClient clerk, Guid instanceId) =>
        (await clerk.GetFromJsonAsync<VorgangResponse>($"/api/process-instances/{instanceId}/vorgang", Json))!.Vorgang.Id;

    private static async Task<Guid> AddDokumentAsync(AmtswegFactory factory, Municipality municipality, Guid vorgangId, string title)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        var metadata = new DokumentMetadata(title, new DateOnly(2026, 10, 1), "Nachweis", null, null, Confidentiality.Internal, "impfnachweis.pdf", "application/pdf");
        var version = await scope.ServiceProvider.GetRequiredService<RecordsCommandExecutor>()
            .ExecuteAsync(new AddDokumentCommand(vorgangId, metadata, new MemoryStream("%PDF-1.4 Impfnachweis"u8.ToArray())), "test", CancellationToken.None);
        return version.DokumentId;
    }

    private static async Task<T> EngineAsync<T>(AmtswegFactory factory, Municipality municipality, Func<IProcessEngine, Task<T>> call)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return await call(scope.ServiceProvider.GetRequiredService<IProcessEngine>());
    }

    private static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))]);

    // The text a person sees: tags replaced by "|", entities decoded (ids in attributes are not shown).
    private static string Visible(string html) => Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]*>", "|")), @"\s*\|[\s|]*", "|");

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();
}
