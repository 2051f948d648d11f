using System.Net;
using System.Net.Http.Json;
using Amtsweg.Data.Providers;
using Amtsweg.Data.Tenancy;
using Amtsweg.Records.Intake;
using Amtsweg.Records.Persistence;
using Amtsweg.Server.Features.Posteingang;
using Amtsweg.Server.Platform;
using Amtsweg.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Amtsweg.Server.Tests.Posteingang;

/// <summary>Issue 12.6: the search page finds what waits in the Posteingang and files it from the hit.</summary>
public class PosteingangSearchPageTests
{
    [Theory]
    [AllProviders]
    public async Task SearchHitInThePosteingang_IsMarked_AndFiledFromTheHitInOneStep(DatabaseProvider provider)
    {
        await using var factory = await AmtswegFactory.CreateAsync(provider);
        var municipality = await factory.CreateMunicipalityAsync();
        var neighbour = await factory.CreateMunicipalityAsync();
        var vorgangId = await PrivacyApiTests.OpenVorgangAsync(factory, municipality, "Hundesteuer 2026");
        var aktenzeichen = await AktenzeichenAsync(factory, municipality, vorgangId);
        var clerk = await SignInAsync(factory, municipality);
        var neighbourClerk = await SignInAsync(factory, neighbour);
        var upload = await clerk.PostAsync("/api/posteingang", PosteingangApiTests.Form("Widerspruch gegen den Hundesteuerbescheid vom 2. November"u8.ToArray(), "widerspruch.txt"));
        var item = (await upload.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<IntakeItemResponse>())!;
        await PosteingangApiTests.WaitUntilProcessedAsync(clerk, item.Id);
        const string Search = "/suche?q=Hundesteuerbescheid";

        var found = WebUtility.HtmlDecode(await clerk.GetStringAsync(Search));
        var foreign = WebUtility.HtmlDecode(await neighbourClerk.GetStringAsync(Search));
        var token = await AmtswegFactory.AntiforgeryTokenAsync(clerk, Search);
        var unknown = await PostFileAsync(clerk, token, item.Id, "99.99-9999/2026");
        var afterUnknown = WebUtility.HtmlDecode(await clerk.GetStringAsync(unknown.Headers.Location!.OriginalString));
        var waiting = await StatusAsync(factory, municipality, item.Id);
        var filed = await PostFileAsync(clerk, token, item.Id, aktenzeichen);
        var afterFiling = WebUtility.HtmlDecode(await clerk.GetStringAsync(filed.Headers.Location!.OriginalString));

        Assert.Contains("1 Treffer", found, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/posteingang#eingang-{item.Id}\">widerspruch</a>", found, StringComparison.Ordinal);
        Assert.Contains("im Posteingang", found, StringComparison.Ordinal);
        Assert.Contains("<mark>Hundesteuerbescheid</mark>", found, StringComparison.Ordinal);
        Assert.Contains("Ablegen in Vorgang", found, StringComparison.Ordinal);
        Assert.Contains("0 Treffer", foreign, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);
        Assert.Contains("Einen Vorgang mit dem Aktenzeichen „99.99-9999/2026“ gibt es nicht.", afterUnknown, StringComparison.Ordinal);
        Assert.Equal(IntakeStatus.WaitingForFiling, waiting);
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        Assert.Equal(Search, filed.Headers.Location!.OriginalString);
        Assert.Contains($"1 Dokument(e) im Vorgang {aktenzeichen} abgelegt.", afterFiling, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/vorgaenge/{vorgangId}\">widerspruch</a>", afterFiling, StringComparison.Ordinal);
        Assert.DoesNotContain("im Posteingang", afterFiling, StringComparison.Ordinal);
        Assert.Equal(IntakeStatus.Filed, await StatusAsync(factory, municipality, item.Id));
    }

    private static async Task<HttpClient> SignInAsync(AmtswegFactory factory, Municipality municipality)
    {
        var user = await factory.CreateUserAsync(municipality, Roles.Sachbearbeitung);
        var client = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AmtswegFactory.PostSignInAsync(client, user.User.UserName!, user.InitialPassword)).StatusCode);
        return client;
    }

    private static Task<HttpResponseMessage> PostFileAsync(HttpClient client, string token, Guid id, string aktenzeichen) =>
        client.PostAsync("/suche?handler=File", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["id"] = id.ToString(),
            ["aktenzeichen"] = aktenzeichen,
            ["q"] = "Hundesteuerbescheid",
        }));

    private static async Task<string> AktenzeichenAsync(AmtswegFactory factory, Municipality municipality, Guid vorgangId)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return await scope.ServiceProvider.GetRequiredService<RecordsDbContext>().Vorgaenge.Where(v => v.Id == vorgangId).Select(v => v.Aktenzeichen).SingleAsync();
    }

    private static async Task<IntakeStatus> StatusAsync(AmtswegFactory factory, Municipality municipality, Guid itemId)
    {
        await using var scope = factory.Services.CreateTenantScope(municipality.Id);
        return await scope.ServiceProvider.GetRequiredService<RecordsDbContext>().IntakeItems.Where(i => i.Id == itemId).Select(i => i.Status).SingleAsync();
    }
}
