using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Amtsweg.Data.Providers;
using Amtsweg.Records.Audit;
using Amtsweg.Server.Features.Akten.Create;
using Amtsweg.Server.Features.Beteiligte.Add;
using Amtsweg.Server.Features.Records;
using Amtsweg.Server.Features.Vorgaenge.Open;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;

namespace Amtsweg.Server.Tests.Records;

public class BeteiligteTests
{
    [Theory]
    [AllProviders]
    public async Task Beteiligte_AreAddedListedAndRemovedThroughTheApi_AndAClosedVorgangRefuses(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var id = await OpenVorgangAsync(factory, municipality, clerk);
        var path = $"/api/vorgaenge/{id}/beteiligte";

        var added = await clerk.PostAsJsonAsync(path, new AddBeteiligterRequest("Antragstellerin", "Erika Müller", "Hauptstraße 1, 99999 Musterstadt", "erika@example.org", new DateOnly(1980, 4, 2)));
        var neighbour = await clerk.PostAsJsonAsync(path, new AddBeteiligterRequest("Nachbar", "Hans Schmidt", null, null, null));
        var singleName = await clerk.PostAsJsonAsync(path, new AddBeteiligterRequest("Zeuge", "Schmidt", null, null, null));
        var withoutRole = await clerk.PostAsJsonAsync(path, new AddBeteiligterRequest(" ", "Otto Normal", null, null, null));
        var listed = await clerk.GetFromJsonAsync<List<BeteiligterResponse>>(path);
        var erika = (await added.Content.ReadFromJsonAsync<BeteiligterResponse>())!;
        var removed = await clerk.DeleteAsync($"{path}/{erika.Id}");
        var removedAgain = await clerk.DeleteAsync($"{path}/{erika.Id}");
        var afterRemoval = await clerk.GetFromJsonAsync<List<BeteiligterResponse>>(path);
        (await clerk.PostAsync($"/api/vorgaenge/{id}/close", null)).EnsureSuccessStatusCode();
        var addToClosed = await clerk.PostAsJsonAsync(path, new AddBeteiligterRequest("Zeuge", "Otto Normal", null, null, null));
        var removeFromClosed = await clerk.DeleteAsync($"{path}/{afterRemoval![0].Id}");
        var unknownVorgang = await clerk.GetAsync($"/api/vorgaenge/{Guid.CreateVersion7()}/beteiligte");
        var audit = await factory.AuditActionsAsync(municipality);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Created, neighbour.StatusCode);
        Assert.Equal(("Antragstellerin", "Erika Müller", "Hauptstraße 1, 99999 Musterstadt", "erika@example.org", new DateOnly(1980, 4, 2)), (erika.Role, erika.Name, erika.Address, erika.Email, erika.BirthDate));
        Assert.Equal(HttpStatusCode.BadRequest, singleName.StatusCode);
        Assert.Contains("Vor- und Nachnamen", await singleName.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, withoutRole.StatusCode);
        Assert.Equal(["Erika Müller", "Hans Schmidt"], listed!.Select(b => b.Name).Order(StringComparer.Ordinal)); // the test clock stands still: ids tie on time
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, removedAgain.StatusCode);
        Assert.Equal(["Hans Schmidt"], afterRemoval.Select(b => b.Name));
        Assert.Equal(HttpStatusCode.Conflict, addToClosed.StatusCode);
        Assert.Contains("records.vorgang-closed", await addToClosed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, removeFromClosed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownVorgang.StatusCode);
        Assert.Equal(2, audit.Count(a => a == AuditActions.BeteiligterAdded));
        Assert.Equal(1, audit.Count(a => a == AuditActions.BeteiligterRemoved));
        // The removed person's row keeps name and role for the Verlauf, without address, e-mail or birth date.
        var rows = await factory.RecordsAsync(municipality, db => Task.FromResult(db.Beteiligte.OrderBy(b => b.Name).ToList()));
        Assert.Equal(["Erika Müller", "Hans Schmidt"], rows.Select(b => b.Name));
        Assert.Equal(("Antragstellerin", null, null, null), (rows[0].Role, rows[0].Address, rows[0].Email, rows[0].BirthDate));
        Assert.NotNull(rows[0].RemovedAt);
        Assert.Null(rows[1].RemovedAt);
    }

    [Theory]
    [AllProviders]
    public async Task VorgangPage_TellsInTheVerlauf_WhoRemovedWhichBeteiligter(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var id = await OpenVorgangAsync(factory, municipality, clerk);
        var path = $"/api/vorgaenge/{id}/beteiligte";
        var max = (await (await clerk.PostAsJsonAsync(path, new AddBeteiligterRequest("Antragsteller", "Max Muster", "Lindenweg 7, 12345 Teststadt", null, null))).Content.ReadFromJsonAsync<BeteiligterResponse>())!;
        factory.Clock.Advance(TimeSpan.FromMinutes(5));

        (await clerk.DeleteAsync($"{path}/{max.Id}")).EnsureSuccessStatusCode();
        var page = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/vorgaenge/{id}"));
        var verlauf = Regex.Match(page, "<details class=\"section\" id=\"verlauf\".*?</details>", RegexOptions.Singleline).Value;
        var beteiligte = Regex.Match(page, "<details class=\"section\" id=\"beteiligte\".*?</details>", RegexOptions.Singleline).Value;

        var removed = verlauf.IndexOf("Sachbearbeitung Test hat den Beteiligten „Max Muster“ (Antragsteller) entfernt.", StringComparison.Ordinal);
        var added = verlauf.IndexOf("Sachbearbeitung Test hat Max Muster als Antragsteller zum Vorgang hinzugefügt.", StringComparison.Ordinal);
        Assert.True(removed >= 0 && added > removed, verlauf); // newest first: the removal above the addition
        Assert.DoesNotContain("Max Muster", beteiligte, StringComparison.Ordinal);
        Assert.DoesNotContain("Lindenweg", page, StringComparison.Ordinal);
        Assert.DoesNotContain(max.Id.ToString(), verlauf, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task VorgangPage_ShowsBeteiligte_AndItsFormsAddAndRemoveThem(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var clerk = await factory.SignInAsClerkAsync(municipality);
        var id = await OpenVorgangAsync(factory, municipality, clerk);
        var page = $"/vorgaenge/{id}";

        var empty = await clerk.GetStringAsync(page);
        var token = await AmtswegFactory.AntiforgeryTokenAsync(clerk, page);
        var add = await clerk.PostAsync(page + "?handler=Beteiligter", Form(token, ("role", "Antragstellerin"), ("name", "Erika Müller"), ("address", "Hauptstraße 1"), ("email", ""), ("birthDate", "1980-04-02")));
        var shown = await clerk.GetStringAsync(page);
        var refused = await clerk.PostAsync(page + "?handler=Beteiligter", Form(token, ("role", "Zeuge"), ("name", "Müller")));
        var erika = (await clerk.GetFromJsonAsync<List<BeteiligterResponse>>($"/api/vorgaenge/{id}/beteiligte"))!.Single();
        var remove = await clerk.PostAsync(page + "?handler=RemoveBeteiligter", Form(token, ("beteiligterId", erika.Id.ToString())));
        var afterRemoval = await clerk.GetStringAsync(page);

        Assert.Contains("Es sind keine Beteiligten erfasst.", empty, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Vor- und Nachnamen", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Der Beteiligte wurde hinzugefügt.", shown, StringComparison.Ordinal);
        Assert.Contains("<td>Erika Müller</td>", shown, StringComparison.Ordinal);
        Assert.Contains("02.04.1980", shown, StringComparison.Ordinal);
        Assert.Contains("Erika Müller (Antragstellerin) entfernen", shown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        Assert.Contains("Der Beteiligte wurde entfernt.", afterRemoval, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>Erika Müller</td>", afterRemoval, StringComparison.Ordinal);
    }

    private static async Task<Guid> OpenVorgangAsync(AmtswegFactory factory, Municipality municipality, HttpClient clerk)
    {
        var position = await factory.CreatePositionAsync(municipality);
        var akte = await (await clerk.PostAsJsonAsync("/api/akten", new CreateAkteRequest(position.Id, "Gewerbe 2026"))).Content.ReadFromJsonAsync<AkteResponse>();
        var opened = await clerk.PostAsJsonAsync("/api/vorgaenge", new OpenVorgangRequest(akte!.Id, "Gewerbeanmeldung Bäckerei"));
        return (await opened.Content.ReadFromJsonAsync<VorgangResponse>())!.Vorgang.Id;
    }

    private static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));
}
